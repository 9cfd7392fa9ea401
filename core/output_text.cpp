#include "core/output_text.h"

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "core/names.h"

namespace sdlab {

namespace {

// Code points a terminal may act on: C0 controls (newline and tab are
// layout, not controls), DEL, C1 controls, and the bidirectional overrides
// that can make text read differently from what it is.
bool IsControl(std::uint32_t code) {
  if (code == '\n' || code == '\t') return false;
  if (code < 0x20 || code == 0x7F) return true;
  if (code >= 0x80 && code <= 0x9F) return true;
  return (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

// The runner trims what .NET calls white space before it looks for `::`.
bool IsBlank(std::uint32_t code) {
  return code == ' ' || code == '\t' || code == 0xA0 || code == 0x1680 ||
         (code >= 0x2000 && code <= 0x200A) || code == 0x2028 || code == 0x2029 || code == 0x202F ||
         code == 0x205F || code == 0x3000;
}

void AppendEscape(const char* format, unsigned value, std::string* out) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, format, value);
  *out += buffer;
}

// The bytes could still become a valid sequence: a lead byte and fewer
// continuation bytes than it announces.
bool IsCutSequence(std::string_view bytes) {
  const auto lead = static_cast<unsigned char>(bytes[0]);
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
  } else {
    return false;
  }
  if (bytes.size() >= length) return false;
  for (std::size_t k = 1; k < bytes.size(); ++k) {
    if ((static_cast<unsigned char>(bytes[k]) & 0xC0) != 0x80) return false;
  }
  return true;
}

}  // namespace

std::string SanitizeOutput(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  OutputSanitizer sanitizer;
  sanitizer.Feed(text, &out);
  sanitizer.Finish(&out);
  return out;
}

std::string SanitizeControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  OutputSanitizer sanitizer(/*line_starts=*/false);
  sanitizer.Feed(text, &out);
  sanitizer.Finish(&out);
  return out;
}

void OutputSanitizer::Feed(std::string_view text, std::string* out) {
  std::string joined;
  if (!cut_.empty()) {
    joined = cut_;
    joined.append(text);
    cut_.clear();
    text = joined;
  }
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t code = 0;
    const std::size_t length = DecodeUtf8(text, i, &code);
    if (length == 0 && IsCutSequence(text.substr(i))) {
      cut_.assign(text.substr(i));
      return;
    }
    if (length == 0) {
      if (line_ == LineState::kStartColon) *out += ':';
      AppendEscape("\\x%02x", static_cast<unsigned char>(text[i]), out);
      line_ = LineState::kMiddle;
      hashes_ = 0;
      ++i;
      continue;
    }
    Emit(code, text.substr(i, length), out);
    i += length;
  }
}

void OutputSanitizer::Emit(std::uint32_t code, std::string_view bytes, std::string* out) {
  if (line_ == LineState::kStartColon) {
    line_ = LineState::kMiddle;
    if (code == ':') {
      *out += "\\x3a:";
      hashes_ = 0;
      return;
    }
    *out += ':';
  }
  if (code == '\n') {
    *out += '\n';
    line_ = LineState::kStart;
    hashes_ = 0;
    return;
  }
  if (line_ == LineState::kStart) {
    if (code == ':' && line_starts_) {
      line_ = LineState::kStartColon;  // held: is it `::`?
      return;
    }
    if (!IsBlank(code)) line_ = LineState::kMiddle;
  }
  if (IsControl(code)) {
    AppendEscape(code < 0x20 ? "\\x%02x" : "\\u%04x", code, out);
    line_ = LineState::kMiddle;
    hashes_ = 0;
    return;
  }
  if (code == '[' && hashes_ == 2) {
    *out += "\\x5b";
    hashes_ = 0;
    return;
  }
  hashes_ = code == '#' ? std::min(hashes_ + 1, 2) : 0;
  out->append(bytes);
}

void OutputSanitizer::Finish(std::string* out, bool at_line_start) {
  if (line_ == LineState::kStartColon) *out += ':';
  for (char byte : cut_) AppendEscape("\\x%02x", static_cast<unsigned char>(byte), out);
  cut_.clear();
  line_ = at_line_start ? LineState::kStart : LineState::kMiddle;
  hashes_ = 0;
}

bool SanitizingStreambuf::Put(const std::string& text) {
  return target_->sputn(text.data(), static_cast<std::streamsize>(text.size())) ==
         static_cast<std::streamsize>(text.size());
}

SanitizingStreambuf::int_type SanitizingStreambuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  const char byte = traits_type::to_char_type(c);
  scratch_.clear();
  sanitizer_.Feed(std::string_view(&byte, 1), &scratch_);
  return Put(scratch_) ? c : traits_type::eof();
}

std::streamsize SanitizingStreambuf::xsputn(const char* data, std::streamsize size) {
  scratch_.clear();
  sanitizer_.Feed(std::string_view(data, static_cast<std::size_t>(size)), &scratch_);
  return Put(scratch_) ? size : 0;
}

int SanitizingStreambuf::sync() { return target_->pubsync(); }

bool SanitizingStreambuf::WriteRaw(std::string_view bytes) {
  scratch_.clear();
  const bool line_start = !bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r');
  sanitizer_.Finish(&scratch_, line_start);
  scratch_.append(bytes);
  return Put(scratch_);
}

bool SanitizingStreambuf::Finish() {
  scratch_.clear();
  sanitizer_.Finish(&scratch_);
  return Put(scratch_) && target_->pubsync() == 0;
}

void WriteUnsanitized(std::ostream& out, std::string_view bytes) {
  if (auto* sanitizing = dynamic_cast<SanitizingStreambuf*>(out.rdbuf())) {
    out.flush();
    if (!sanitizing->WriteRaw(bytes)) out.setstate(std::ios::badbit);
    return;
  }
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace sdlab
