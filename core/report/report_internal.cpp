// Escaping and the small helpers every report writer shares.

#include <cstdint>

#include "core/names.h"
#include "core/report/report_internal.h"
#include "core/report/report_writers.h"

namespace sdlab {

namespace {

// Code points a terminal may act on: C0/C1 controls (except newline and
// tab), DEL, and the bidirectional overrides that can make text read
// differently from what it is.
bool IsUnsafeForTerminal(std::uint32_t code) {
  if (code == '\n' || code == '\t') return false;
  if (code < 0x20 || code == 0x7F) return true;
  if (code >= 0x80 && code <= 0x9F) return true;
  return (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

}  // namespace

std::string EscapeGithubData(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeGithubProperty(std::string_view text) {
  std::string out;
  for (char c : EscapeGithubData(text)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeMarkdownInline(std::string_view text) {
  const std::string valid = ValidUtf8(text);
  std::string out;
  out.reserve(valid.size() + valid.size() / 4);
  // Where the text starts a line, list and heading markers need escaping too.
  std::size_t digits = 0;
  while (digits < valid.size() && valid[digits] >= '0' && valid[digits] <= '9') ++digits;
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const char c = valid[i];
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
      case '\r':
      case '\t':
        out += ' ';
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
      case '!':
      case '~':
        out += '\\';
        out += c;
        break;
      case '-':
      case '+':
      case '=':
        if (i == 0) out += '\\';
        out += c;
        break;
      case '.':
      case ')':
        if (i == digits && digits > 0) out += '\\';
        out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string SanitizeForTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t code = 0;
    const std::size_t length = DecodeUtf8(text, i, &code);
    if (length == 0 || IsUnsafeForTerminal(code)) {
      out += '?';
      i += length == 0 ? 1 : length;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

namespace report {

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

std::string FileLocation(const std::string& file, Location location) {
  if (!location.known()) return file;
  std::string text = file + ":" + std::to_string(location.line);
  if (location.column > 0) text += ":" + std::to_string(location.column);
  return text;
}

std::string MessageWithDetails(const CheckResult& check) {
  if (check.details.empty()) return check.message;
  if (check.message.empty()) return check.details;
  return check.message + "\n" + check.details;
}

std::string PointsFraction(double earned, double possible) {
  return FormatPoints(earned) + "/" + FormatPoints(possible);
}

std::string WithheldLine(const StudentView& view) {
  if (view.withheld_checks == 0) return "";
  const bool one = view.withheld_checks == 1;
  return std::to_string(view.withheld_checks) + (one ? " hidden check" : " hidden checks") +
         " worth " + FormatPoints(view.withheld_points) +
         (view.withheld_points == 1 ? " point " : " points ") + (one ? "is" : "are") +
         " not shown; " + (one ? "it is" : "they are") + " graded when your work is submitted.";
}

std::vector<const CheckResult*> ShownChecks(const GradeResult& result, bool student_view) {
  if (student_view) return MakeStudentView(result).shown;
  std::vector<const CheckResult*> shown;
  for (const CheckResult& check : result.checks) shown.push_back(&check);
  return shown;
}

std::string DiagnosticLines(const GradeResult& result) {
  std::string text;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    Diagnostic copy = diagnostic;
    if (copy.file.empty()) copy.file = result.submission;
    text += OneLine(FormatDiagnosticLine(copy)) + "\n";
  }
  return text;
}

}  // namespace report
}  // namespace sdlab
