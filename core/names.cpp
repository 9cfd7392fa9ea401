#include "core/names.h"

#include <algorithm>
#include <cstdint>

namespace sdlab {

std::string NormalizeName(std::string_view name) {
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
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string EquationSpelling(std::string_view name) {
  std::string out;
  bool pending_separator = false;
  for (char c : name) {
    if (c == ' ' || c == '_' || c == '\t' || c == '\n' || c == '\r') {
      pending_separator = !out.empty();
      continue;
    }
    if (pending_separator) out += '_';
    pending_separator = false;
    out += c;
  }
  return out;
}

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

bool IsValidUtf8(std::string_view text, std::size_t* bad_offset) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < n) {
    unsigned char c = byte(i);
    std::size_t length = 0;
    unsigned int code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
      code = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      code = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      code = c & 0x07;
    } else {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    if (i + length > n) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) {
        if (bad_offset) *bad_offset = i;
        return false;
      }
      code = (code << 6) | (byte(i + k) & 0x3F);
    }
    bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
    bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    if (overlong || surrogate || code > 0x10FFFF) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace sdlab
