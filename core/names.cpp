#include "core/names.h"

#include <algorithm>
#include <cstdint>

namespace sdlab {

namespace {

// Runs of spaces, underscores, tabs and line breaks become one '_', leading
// and trailing ones go; with `lower`, ASCII letters are lower-cased.
std::string JoinWords(std::string_view name, bool lower) {
  std::string out;
  out.reserve(name.size());
  bool pending_separator = false;
  for (char c : name) {
    if (c == ' ' || c == '_' || c == '\t' || c == '\n' || c == '\r') {
      pending_separator = !out.empty();
      continue;
    }
    if (pending_separator) out += '_';
    pending_separator = false;
    out += (lower && c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace

std::string NormalizeName(std::string_view name) { return JoinWords(name, /*lower=*/true); }

std::string EquationSpelling(std::string_view name) { return JoinWords(name, /*lower=*/false); }

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string key = NormalizeName(word);
  // Bound the work: a name this long is not a typo of a short key.
  if (key.size() > 200) return "";
  std::size_t best_distance = SIZE_MAX;
  std::string best;
  for (const std::string& candidate : candidates) {
    std::string normalized = NormalizeName(candidate);
    std::size_t longer = std::max(key.size(), normalized.size());
    // Plausible typo: at most a third of the longer name (2 for short
    // names), and never a complete replacement.
    std::size_t allowed = std::max<std::size_t>(2, longer / 3);
    if (normalized.size() > key.size() + allowed || key.size() > normalized.size() + allowed) {
      continue;
    }
    std::size_t distance = EditDistance(key, normalized);
    if (distance <= allowed && distance < longer && distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best = ClosestMatch(word, candidates);
  return best.empty() ? "" : "did you mean '" + best + "'?";
}

std::size_t DecodeUtf8(std::string_view text, std::size_t offset, std::uint32_t* code) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(offset);
  std::size_t length = 0;
  std::uint32_t value = 0;
  if (lead < 0x80) {
    if (code != nullptr) *code = lead;
    return 1;
  } else if (lead >= 0xC2 && lead <= 0xDF) {  // C0 and C1 would be overlong
    length = 2;
    value = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07u;
  } else {
    return 0;
  }
  if (offset + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if (!IsUtf8Continuation(text[offset + k])) return 0;
    value = (value << 6) | (byte(offset + k) & 0x3Fu);
  }
  const bool overlong = (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
  const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
  if (overlong || surrogate || value > 0x10FFFF) return 0;
  if (code != nullptr) *code = value;
  return length;
}

bool IsValidUtf8(std::string_view text, std::size_t* bad_offset) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = DecodeUtf8(text, i);
    if (length == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += length;
  }
  return true;
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = DecodeUtf8(text, i);
    if (length == 0) {
      out += '?';
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

bool IsUtf8Continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

std::string OneLineShortened(std::string_view text, std::size_t limit) {
  std::string flat;
  for (char c : text) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (flat.size() <= limit) return flat;
  std::size_t cut = limit;
  while (cut > 0 && IsUtf8Continuation(flat[cut])) --cut;
  return flat.substr(0, cut) + "...";
}

std::size_t Utf8EncodedLength(std::uint32_t code) {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

}  // namespace sdlab
