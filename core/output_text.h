#pragma once
// The one rule for text sdlab writes where a terminal or a CI runner reads
// it (stdout, stderr, the text report): student text may not move the
// cursor, set a window title, or start a workflow command line such as
// `::error` or `::add-mask::` on GitHub Actions.
//
// - C0 controls other than newline and tab become `\x1b`-style escapes;
//   DEL, C1 controls (U+009B ...) and bidirectional overrides become
//   `\u009b`-style escapes; invalid UTF-8 bytes become `\xff`-style escapes.
// - A line whose first non-blank characters are `::` gets its first colon
//   written as `\x3a`, and `##[` (the runner's older command prefix, acted on
//   anywhere in a line) is written as `##\x5b`.
//
// Valid JSON stays valid: its strings already escape C0 controls, and
// `\u009b` is the JSON escape of the character it replaces.

#include <cstdint>
#include <iosfwd>
#include <streambuf>
#include <string>
#include <string_view>

namespace sdlab {

/// `text` under the rule above, read as starting at the start of a line.
/// Idempotent: sanitised text comes back unchanged.
std::string SanitizeOutput(std::string_view text);

/// The rule without the line-start `::` part, for a writer whose own format
/// puts workflow commands at the start of lines and keeps student text from
/// starting one (`--format github` encodes newlines as %0A).
std::string SanitizeControls(std::string_view text);

/// The rule applied to a stream that arrives in pieces: a UTF-8 sequence or a
/// line-start `:` cut at the end of one piece is held back until the next.
class OutputSanitizer {
 public:
  OutputSanitizer() = default;
  /// `line_starts`: whether `::` at the start of a line is escaped.
  explicit OutputSanitizer(bool line_starts) : line_starts_(line_starts) {}
  /// Appends the sanitised form of `text` to `*out`.
  void Feed(std::string_view text, std::string* out);
  /// Appends what is held back (a cut sequence is escaped byte by byte) and
  /// starts a new line of input; `at_line_start` says whether the output is
  /// at the start of a line now.
  void Finish(std::string* out, bool at_line_start = true);

 private:
  enum class LineState { kStart, kStartColon, kMiddle };
  void Emit(std::uint32_t code, std::string_view bytes, std::string* out);

  std::string cut_;  // the start of a UTF-8 sequence cut by the end of a piece
  LineState line_ = LineState::kStart;
  int hashes_ = 0;  // '#' just written, up to 2
  bool line_starts_ = true;
};

/// A stream buffer that writes everything through an OutputSanitizer to
/// `target`. The grader installs one in front of stdout and stderr so that
/// no command can forget the rule.
class SanitizingStreambuf : public std::streambuf {
 public:
  explicit SanitizingStreambuf(std::streambuf* target) : target_(target) {}
  SanitizingStreambuf(const SanitizingStreambuf&) = delete;
  SanitizingStreambuf& operator=(const SanitizingStreambuf&) = delete;
  ~SanitizingStreambuf() override { Finish(); }

  /// Writes `bytes` unchanged, after what is held back: binary data (PNG)
  /// or sdlab's own terminal controls. False when the target fails.
  bool WriteRaw(std::string_view bytes);
  /// Writes what is held back and flushes the target; false when it fails.
  bool Finish();
  std::streambuf* target() const { return target_; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override;

 private:
  bool Put(const std::string& text);

  std::streambuf* target_;
  OutputSanitizer sanitizer_;
  std::string scratch_;
};

/// Writes `bytes` to `out` unchanged even when `out` writes through a
/// SanitizingStreambuf. For data that is not text (PNG) and for controls
/// sdlab itself sends to a terminal (a progress bar's `\r`, `\x1b[K`).
void WriteUnsanitized(std::ostream& out, std::string_view bytes);

}  // namespace sdlab
