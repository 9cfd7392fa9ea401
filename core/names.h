#pragma once
// Element names as the submission format compares them, and "did you mean"
// suggestions by edit distance.

#include <cstddef>
#include <cstdint>
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

// UTF-8: the one decoder every stage uses, so that all agree on what is valid.

/// Decodes the UTF-8 sequence at `text[offset]` (offset < size): its length
/// in bytes (1 to 4), and its code point in `*code` when `code` is given; 0
/// when the bytes there are not valid UTF-8 (a stray continuation byte, a cut
/// sequence, an overlong form, a surrogate or more than U+10FFFF).
std::size_t DecodeUtf8(std::string_view text, std::size_t offset, std::uint32_t* code = nullptr);

/// True if `text` is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
/// On failure sets `*bad_offset` to the first invalid byte.
bool IsValidUtf8(std::string_view text, std::size_t* bad_offset);

/// Drops invalid UTF-8 (as '?'), so that JSON and XML writers never fail.
std::string ValidUtf8(std::string_view text);

/// True for a UTF-8 continuation byte (0b10xxxxxx), which never starts a
/// character: counting the other bytes counts code points.
bool IsUtf8Continuation(char byte);

/// `text` on one line (newlines and tabs as spaces), cut on a character
/// boundary to at most `limit` bytes with "..." when longer: student text
/// quoted inside a message.
std::string OneLineShortened(std::string_view text, std::size_t limit = 60);

/// How many bytes UTF-8 takes for `code` (4 for anything past U+FFFF).
std::size_t Utf8EncodedLength(std::uint32_t code);

}  // namespace sdlab
