#include "core/diagnostic.h"

#include <algorithm>

namespace sdlab {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    // CRLF and lone CR both end a line.
    if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n'))) {
      line_starts_.push_back(i + 1);
    }
  }
}

std::string_view SourceFile::Line(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
  std::size_t begin = line_starts_[line - 1];
  std::size_t end =
      static_cast<std::size_t>(line) < line_starts_.size() ? line_starts_[line] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return std::string_view(text_).substr(begin, end - begin);
}

Location SourceFile::LocationOf(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  return Location{static_cast<int>(line_index + 1),
                  static_cast<int>(offset - line_starts_[line_index] + 1)};
}

std::size_t SourceFile::OffsetOf(Location location) const {
  if (location.line < 1) return 0;
  if (static_cast<std::size_t>(location.line) > line_starts_.size()) return text_.size();
  std::size_t offset = line_starts_[location.line - 1] + std::max(location.column, 1) - 1;
  return std::min(offset, text_.size());
}

void Diagnostics::Add(Diagnostic diagnostic) {
  if (diagnostic.file.empty()) diagnostic.file = file_;
  if (diagnostic.severity == Severity::kError) {
    if (error_count_ >= max_errors_) {
      ++error_count_;
      ++dropped_;
      return;
    }
    ++error_count_;
  }
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::Error(Location location, std::string message, std::string hint) {
  Add(Diagnostic{Severity::kError, "", location, std::move(message), std::move(hint)});
}
void Diagnostics::Warning(Location location, std::string message, std::string hint) {
  Add(Diagnostic{Severity::kWarning, "", location, std::move(message), std::move(hint)});
}
void Diagnostics::Note(Location location, std::string message, std::string hint) {
  Add(Diagnostic{Severity::kNote, "", location, std::move(message), std::move(hint)});
}

void Diagnostics::Append(const Diagnostics& other) {
  for (const Diagnostic& d : other.items_) Add(d);
  // Errors the other collection dropped still count here.
  error_count_ += other.dropped_;
  dropped_ += other.dropped_;
}

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

std::string FormatDiagnosticLine(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    out += ':';
  }
  if (d.location.known()) {
    out += std::to_string(d.location.line) + ':' + std::to_string(d.location.column) + ':';
  }
  if (!out.empty()) out += ' ';
  out += SeverityName(d.severity);
  out += ": ";
  out += d.message;
  if (!d.hint.empty()) out += " (" + d.hint + ")";
  return out;
}

std::string FormatDiagnostic(const Diagnostic& d, const SourceFile* source) {
  std::string out = FormatDiagnosticLine(d) + "\n";
  // Quote only lines of the file the diagnostic is about.
  if (source == nullptr || !d.location.known() || (!d.file.empty() && d.file != source->path())) {
    return out;
  }
  std::string_view line = source->Line(d.location.line);
  if (line.empty()) return out;
  out.append(line.data(), line.size());
  out += '\n';
  // Keep tabs so the caret lines up under tab-indented text.
  std::size_t column = static_cast<std::size_t>(std::max(d.location.column, 1)) - 1;
  for (std::size_t i = 0; i < column && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
  out += "^\n";
  return out;
}

std::string FormatDiagnostics(const Diagnostics& diagnostics, const SourceFile* source) {
  std::string out;
  for (const Diagnostic& d : diagnostics.items()) out += FormatDiagnostic(d, source);
  if (diagnostics.dropped() > 0) {
    out += "note: " + std::to_string(diagnostics.dropped()) + " more errors not shown (the first " +
           std::to_string(diagnostics.error_count() - diagnostics.dropped()) + " are above)\n";
  }
  if (diagnostics.has_errors()) {
    out += std::to_string(diagnostics.error_count()) +
           (diagnostics.error_count() == 1 ? " error" : " errors") + " generated.\n";
  }
  return out;
}

}  // namespace sdlab
