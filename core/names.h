#pragma once
// Element names as the submission format compares them, and "did you mean"
// suggestions by edit distance.

#include <string>
#include <string_view>
#include <vector>

namespace sdlab {

/// Lower-cases ASCII letters, turns runs of spaces, underscores, tabs and
/// newlines into one '_' and trims them at both ends:
/// "Request  Queue" -> "request_queue". Non-ASCII bytes are kept as they are.
std::string NormalizeName(std::string_view name);

/// The name as written inside an equation: spaces become '_' ("Request Queue"
/// -> "Request_Queue"); used for messages and generated code.
std::string EquationSpelling(std::string_view name);

/// Levenshtein distance over bytes.
std::size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word` (compared normalised) if it is close enough
/// to be a plausible typo (distance <= max(2, longer length / 3), and not a
/// complete replacement); empty otherwise. Ties go to the earlier candidate.
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

/// "did you mean 'x'?" for the closest candidate, or "" when none is close.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

/// True if `text` is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
/// On failure sets `*bad_offset` to the first invalid byte.
bool IsValidUtf8(std::string_view text, std::size_t* bad_offset);

}  // namespace sdlab
