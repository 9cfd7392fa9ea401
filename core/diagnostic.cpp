#include "core/diagnostic.h"

#include <algorithm>

#include "core/output_text.h"

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

namespace {

// Enough kinds for any real file; a file with more is pathological and its
// further kinds share one summary.
constexpr std::size_t kMaxKinds = 256;
constexpr std::size_t kMaxSummaries = 20;
constexpr std::size_t kExampleBytes = 100;

std::string Excerpt(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  std::size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "...";
}

std::string SummaryMessage(std::size_t count, Severity severity, const std::string& example) {
  std::string noun = severity == Severity::kNote ? "note" : "warning";
  if (count != 1) noun += 's';
  if (example.empty()) return "and " + std::to_string(count) + " more " + noun + " not shown";
  return "and " + std::to_string(count) + " more " + noun + " like \"" + example + "\" not shown";
}

}  // namespace

std::string MessageKind(std::string_view message) {
  std::string kind;
  std::size_t i = 0;
  while (i < message.size()) {
    const char c = message[i];
    if (c == '\'' || c == '"' || c == '`') {
      const std::size_t close = message.find(c, i + 1);
      if (close == std::string_view::npos) break;
      kind += c;
      kind += "_";
      kind += c;
      i = close + 1;
    } else if (c >= '0' && c <= '9') {
      kind += '#';
      while (i < message.size() && ((message[i] >= '0' && message[i] <= '9') || message[i] == '.'))
        ++i;
    } else {
      kind += c;
      ++i;
    }
  }
  kind.append(message.substr(i));
  return kind;
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
    items_.push_back(std::move(diagnostic));
    return;
  }
  std::string kind =
      std::string(SeverityName(diagnostic.severity)) + ": " + MessageKind(diagnostic.message);
  auto counted = std::find_if(kind_counts_.begin(), kind_counts_.end(),
                              [&](const auto& entry) { return entry.first == kind; });
  if (counted == kind_counts_.end() && kind_counts_.size() < kMaxKinds) {
    kind_counts_.emplace_back(kind, 0);
    counted = kind_counts_.end() - 1;
  }
  if (counted == kind_counts_.end() || counted->second >= kMaxRemarksPerKind ||
      remark_count_ >= kMaxRemarks) {
    DropRemark(kind, diagnostic, 1);
    return;
  }
  ++counted->second;
  ++remark_count_;
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::DropRemark(const std::string& kind, const Diagnostic& diagnostic,
                             std::size_t count) {
  auto summary = std::find_if(summaries_.begin(), summaries_.end(),
                              [&](const Summary& entry) { return entry.kind == kind; });
  if (summary == summaries_.end() && summaries_.size() >= kMaxSummaries) {
    // Too many kinds to list: the rest are counted together.
    const std::string other = SeverityName(diagnostic.severity);
    summary = std::find_if(summaries_.begin(), summaries_.end(),
                           [&](const Summary& entry) { return entry.kind == other; });
    if (summary == summaries_.end()) {
      summaries_.push_back(Summary{other, items_.size(), 0, diagnostic.severity, ""});
      items_.push_back(Diagnostic{Severity::kNote, file_, Location{}, "", ""});
      summary = summaries_.end() - 1;
    }
  } else if (summary == summaries_.end()) {
    summaries_.push_back(Summary{kind, items_.size(), 0, diagnostic.severity,
                                 Excerpt(diagnostic.message, kExampleBytes)});
    items_.push_back(Diagnostic{Severity::kNote, diagnostic.file.empty() ? file_ : diagnostic.file,
                                Location{}, "", ""});
    summary = summaries_.end() - 1;
  }
  summary->count += count;
  items_[summary->index].message =
      SummaryMessage(summary->count, summary->severity, summary->example);
}

std::size_t Diagnostics::dropped_remarks() const {
  std::size_t count = 0;
  for (const Summary& summary : summaries_) count += summary.count;
  return count;
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
  for (std::size_t i = 0; i < other.items_.size(); ++i) {
    auto summary = std::find_if(other.summaries_.begin(), other.summaries_.end(),
                                [&](const Summary& entry) { return entry.index == i; });
    if (summary == other.summaries_.end()) {
      Add(other.items_[i]);
      continue;
    }
    Diagnostic example{summary->severity, other.items_[i].file, Location{}, summary->example, ""};
    DropRemark(summary->kind, example, summary->count);
  }
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

namespace {

// A diagnostic is one line: student text with a newline must not start one.
void AppendOneLine(std::string_view text, std::string* out) {
  for (char c : text) {
    if (c == '\n') {
      *out += "\\n";
    } else if (c == '\r') {
      *out += "\\r";
    } else {
      *out += c;
    }
  }
}

// A quoted line longer than this is shown as a window around the caret.
constexpr std::size_t kQuoteBytes = 120;
constexpr std::size_t kQuoteContext = 50;

std::size_t CodePointStart(std::string_view text, std::size_t offset) {
  while (offset > 0 && offset < text.size() &&
         (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
    --offset;
  }
  return offset;
}

// The source line, then a caret under `column` (1-based, in bytes).
void AppendQuote(std::string_view line, int column_number, std::string* out) {
  std::size_t column = static_cast<std::size_t>(std::max(column_number, 1)) - 1;
  column = std::min(column, line.size());
  std::string before, after;
  std::size_t begin = 0, end = line.size();
  if (line.size() > kQuoteBytes) {
    begin = CodePointStart(line, column > kQuoteContext ? column - kQuoteContext : 0);
    end = CodePointStart(line, std::min(line.size(), column + kQuoteContext));
    if (begin > 0) before = "...";
    if (end < line.size()) after = "...";
  }
  const std::string shown_before = SanitizeOutput(line.substr(begin, column - begin));
  *out += before + SanitizeOutput(line.substr(begin, end - begin)) + after + "\n";
  // Keep tabs so the caret lines up under tab-indented text; one column per
  // code point.
  std::string caret(before.size(), ' ');
  for (char c : shown_before) {
    if (c == '\t') {
      caret += '\t';
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      caret += ' ';
    }
  }
  *out += caret + "^\n";
}

bool Quotable(const Diagnostic& d, const SourceFile* source) {
  // Quote only lines of the file the diagnostic is about.
  return source != nullptr && d.location.known() && (d.file.empty() || d.file == source->path()) &&
         !source->Line(d.location.line).empty();
}

}  // namespace

std::string FormatDiagnosticLine(const Diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    AppendOneLine(d.file, &out);
    out += ':';
  }
  if (d.location.known()) {
    out += std::to_string(d.location.line) + ':' + std::to_string(d.location.column) + ':';
  }
  if (!out.empty()) out += ' ';
  out += SeverityName(d.severity);
  out += ": ";
  AppendOneLine(d.message, &out);
  if (!d.hint.empty()) {
    out += " (";
    AppendOneLine(d.hint, &out);
    out += ")";
  }
  return out;
}

std::string FormatDiagnostic(const Diagnostic& d, const SourceFile* source) {
  std::string out = SanitizeOutput(FormatDiagnosticLine(d)) + "\n";
  if (Quotable(d, source)) AppendQuote(source->Line(d.location.line), d.location.column, &out);
  return out;
}

std::string FormatDiagnostics(const Diagnostics& diagnostics, const SourceFile* source) {
  std::string out;
  std::vector<std::pair<int, int>> quotes;  // line, times quoted
  for (const Diagnostic& d : diagnostics.items()) {
    bool quote = Quotable(d, source);
    if (quote) {
      auto seen = std::find_if(quotes.begin(), quotes.end(),
                               [&](const auto& entry) { return entry.first == d.location.line; });
      if (seen == quotes.end()) {
        quotes.emplace_back(d.location.line, 0);
        seen = quotes.end() - 1;
      }
      quote = seen->second++ < kMaxQuotesPerLine;
    }
    out += FormatDiagnostic(d, quote ? source : nullptr);
  }
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
