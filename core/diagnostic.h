#pragma once
// The one error currency of sdlab: located diagnostics, formatted like a
// compiler's (`answer.yaml:12:5: error: ...`, the source line, a caret).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sdlab {

/// A position in a source file, 1-based; line 0 means "no position".
struct Location {
  int line = 0;
  int column = 0;
  bool known() const { return line > 0; }
  friend bool operator==(const Location& a, const Location& b) {
    return a.line == b.line && a.column == b.column;
  }
};

enum class Severity { kError, kWarning, kNote };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string file;  // path as the user gave it; empty = no file
  Location location;
  std::string message;  // "unknown key 'stok'"
  std::string hint;     // "did you mean 'stocks'?"; appended in parentheses
};

/// A source text with its path, kept to quote lines in diagnostics.
class SourceFile {
 public:
  SourceFile() = default;
  SourceFile(std::string path, std::string text);
  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  /// The text of 1-based line `line` without its newline; empty if out of range.
  std::string_view Line(int line) const;
  /// The 1-based location of byte `offset`; columns count bytes.
  Location LocationOf(std::size_t offset) const;
  /// The byte offset of a location (clamped to the text).
  std::size_t OffsetOf(Location location) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

/// Collects diagnostics for one input. Errors beyond `max_errors` are counted
/// but not kept, so a pathological file cannot flood the output. Warnings and
/// notes are kept up to kMaxRemarksPerKind of one kind (the same message but
/// for the quoted names and the numbers) and kMaxRemarks in all; the rest are
/// counted in one note per kind ("and 9995 more warnings like ...").
class Diagnostics {
 public:
  static constexpr std::size_t kDefaultMaxErrors = 50;
  static constexpr std::size_t kMaxRemarksPerKind = 5;
  static constexpr std::size_t kMaxRemarks = 50;
  explicit Diagnostics(std::string file = "", std::size_t max_errors = kDefaultMaxErrors)
      : file_(std::move(file)), max_errors_(max_errors) {}

  void Error(Location location, std::string message, std::string hint = "");
  void Warning(Location location, std::string message, std::string hint = "");
  void Note(Location location, std::string message, std::string hint = "");
  void Add(Diagnostic diagnostic);
  /// Appends another collection's diagnostics (keeps their files).
  void Append(const Diagnostics& other);

  bool has_errors() const { return error_count_ > 0; }
  std::size_t error_count() const { return error_count_; }
  /// True once the error cap is reached: callers may stop early.
  bool full() const { return error_count_ >= max_errors_; }
  std::size_t dropped() const { return dropped_; }
  const std::vector<Diagnostic>& items() const { return items_; }
  /// Warnings and notes counted in a summary note instead of kept.
  std::size_t dropped_remarks() const;
  const std::string& file() const { return file_; }
  void set_file(std::string file) { file_ = std::move(file); }

 private:
  // The note in items_ that counts the dropped remarks of one kind.
  struct Summary {
    std::string kind;
    std::size_t index;  // into items_
    std::size_t count;
    Severity severity;
    std::string example;
  };
  void DropRemark(const std::string& kind, const Diagnostic& diagnostic, std::size_t count);

  std::string file_;
  std::size_t max_errors_;
  std::size_t error_count_ = 0;
  std::size_t dropped_ = 0;
  std::size_t remark_count_ = 0;
  std::vector<std::pair<std::string, std::size_t>> kind_counts_;  // remarks kept per kind
  std::vector<Summary> summaries_;
  std::vector<Diagnostic> items_;
};

/// The kind of a message: the text with quoted parts and numbers blanked,
/// so "variable 'a1' is unused" and "variable 'b2' is unused" are one kind.
std::string MessageKind(std::string_view message);

const char* SeverityName(Severity severity);

/// `file:line:col: error: message (hint)` on one line: newlines and carriage
/// returns in the parts are written as `\n` and `\r`. No source quote.
std::string FormatDiagnosticLine(const Diagnostic& diagnostic);

/// The diagnostic line, then (when `source` has the line) the source line and
/// a caret under the column. The quote is safe for a terminal
/// (SanitizeOutput) and, for a long line, a window around the caret. Ends
/// with a newline.
std::string FormatDiagnostic(const Diagnostic& diagnostic, const SourceFile* source);

/// Every diagnostic in order, then "N errors generated." when there were
/// errors, and a note when some were dropped at the cap. A source line is
/// quoted at most kMaxQuotesPerLine times.
inline constexpr int kMaxQuotesPerLine = 3;
std::string FormatDiagnostics(const Diagnostics& diagnostics, const SourceFile* source);

}  // namespace sdlab
