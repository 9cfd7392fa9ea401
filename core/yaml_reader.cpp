// The one adapter to yaml-cpp: a strict event-driven reader that builds our
// own located YamlNode tree. yaml-cpp's Node API is never used: it accepts
// duplicate keys silently, shares aliased nodes (an alias bomb explodes in a
// recursive walk) and keeps only the first of several documents.

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <limits>
#include <sstream>
#include <unordered_map>

#include "core/names.h"
#include "core/yaml_tree.h"

namespace sdlab {
namespace {

// Thrown from the event handler to abandon the parse (depth limit, a second
// document, the error cap); caught in ReadYaml, never escapes this file.
struct StopParsing {};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsSpaceOrBreak(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool EndsToken(char c) {
  return IsSpaceOrBreak(c) || c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

// Text for a message: one line, at most ~40 bytes, cut on a UTF-8 boundary.
std::string Excerpt(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (out.size() <= kMax) return out;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut) + "...";
}

// The properties (`&anchor`, `!tag`) written at `offset`, where yaml-cpp
// marks a node that has them; returns the offset of the node's content and
// sets `*tag_offset` to the first tag's offset (npos when there is none).
std::size_t SkipProperties(const std::string& text, std::size_t offset, std::size_t* tag_offset) {
  *tag_offset = std::string::npos;
  while (offset < text.size() && (text[offset] == '&' || text[offset] == '!')) {
    if (text[offset] == '!' && *tag_offset == std::string::npos) *tag_offset = offset;
    while (offset < text.size() && !EndsToken(text[offset])) ++offset;
    while (offset < text.size() && IsSpaceOrBreak(text[offset])) ++offset;
  }
  return offset;
}

ScalarStyle StyleOf(char first) {
  switch (first) {
    case '\'':
      return ScalarStyle::kSingleQuoted;
    case '"':
      return ScalarStyle::kDoubleQuoted;
    case '|':
      return ScalarStyle::kLiteral;
    case '>':
      return ScalarStyle::kFolded;
    default:
      return ScalarStyle::kPlain;
  }
}

class TreeBuilder final : public YAML::EventHandler {
 public:
  // `shift` is how many bytes of `source` precede what yaml-cpp parses (a
  // byte-order mark), so that marks map back to the file's offsets.
  TreeBuilder(const SourceFile& source, std::size_t shift, Diagnostics& diagnostics, int max_depth)
      : source_(source), shift_(shift), diagnostics_(diagnostics), max_depth_(max_depth) {}

  std::optional<YamlNode>& root() { return root_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ == 1) return;
    std::size_t offset = Offset(mark);
    const std::string& text = source_.text();
    bool marked = text.compare(offset, 3, "---") == 0 || text.compare(offset, 1, "%") == 0;
    if (marked) {
      Error(mark, "several YAML documents in one file; a submission is one document");
    } else {
      // yaml-cpp starts a new document when text follows a finished
      // top-level value, which is nearly always an indentation slip.
      Error(mark, "unexpected text after the end of the document",
            "check the indentation of this line");
    }
    throw StopParsing{};
  }
  void OnDocumentEnd() override {}

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    Error(mark, "anchor '&" + Excerpt(name) + "' is not supported", "write the value out in full");
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    std::size_t begin = Offset(mark);
    std::size_t end = begin;
    const std::string& text = source_.text();
    while (end < text.size() && !EndsToken(text[end])) ++end;
    Error(mark,
          "alias '" + Excerpt(std::string_view(text).substr(begin, end - begin)) +
              "' is not supported",
          "write the value out in full");
    YamlNode node;
    node.location = Locate(mark);
    Add(std::move(node));
  }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    CheckTag(mark, "?");
    YamlNode node;
    node.location = Locate(mark);
    Add(std::move(node));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                const std::string& value) override {
    std::size_t content = CheckTag(mark, tag);
    YamlNode node;
    node.kind = YamlKind::kScalar;
    node.location = Locate(mark);
    node.scalar = value;
    node.style =
        content < source_.text().size() ? StyleOf(source_.text()[content]) : ScalarStyle::kPlain;
    Add(std::move(node));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                       YAML::EmitterStyle::value style) override {
    Open(mark, tag, YamlKind::kSequence, style);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                  YAML::EmitterStyle::value style) override {
    Open(mark, tag, YamlKind::kMapping, style);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    YamlNode node;
    bool expecting_key = true;
    bool key_accepted = false;  // false: drop the value (bad or duplicate key)
    std::string key;
    Location key_location;
    std::unordered_map<std::string, Location> seen_keys;
  };

  std::size_t Offset(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0) return source_.text().size();
    return std::min(static_cast<std::size_t>(mark.pos) + shift_, source_.text().size());
  }
  Location Locate(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0) return Location{};
    return source_.LocationOf(Offset(mark));
  }

  void Error(const YAML::Mark& mark, std::string message, std::string hint = "") {
    ErrorAt(Locate(mark), std::move(message), std::move(hint));
  }
  void ErrorAt(Location location, std::string message, std::string hint = "") {
    diagnostics_.Error(location, std::move(message), std::move(hint));
    if (diagnostics_.full()) throw StopParsing{};
  }

  // Reports an explicit tag (`!!str`, `!foo`, a lone `!`); yaml-cpp gives
  // plain scalars "?" and quoted ones "!", so the source text decides.
  // Returns the offset of the node's content after its properties.
  std::size_t CheckTag(const YAML::Mark& mark, const std::string& tag) {
    std::size_t tag_offset = std::string::npos;
    std::size_t content = SkipProperties(source_.text(), Offset(mark), &tag_offset);
    bool explicit_tag = tag_offset != std::string::npos || (tag != "?" && tag != "!");
    if (explicit_tag) {
      std::string written = tag;
      Location location = Locate(mark);
      if (tag_offset != std::string::npos) {
        std::size_t end = tag_offset;
        while (end < source_.text().size() && !EndsToken(source_.text()[end])) ++end;
        written = source_.text().substr(tag_offset, end - tag_offset);
        location = source_.LocationOf(tag_offset);
      }
      ErrorAt(location, "tag '" + Excerpt(written) + "' is not supported", "remove it");
    }
    return content;
  }

  void Open(const YAML::Mark& mark, const std::string& tag, YamlKind kind,
            YAML::EmitterStyle::value style) {
    CheckTag(mark, tag);
    if (static_cast<int>(stack_.size()) >= max_depth_) {
      Error(mark, "nesting deeper than " + std::to_string(max_depth_) + " levels");
      throw StopParsing{};
    }
    Frame frame;
    frame.node.kind = kind;
    frame.node.location = Locate(mark);
    frame.node.flow = style == YAML::EmitterStyle::Flow;
    stack_.push_back(std::move(frame));
  }

  void Close() {
    YamlNode node = std::move(stack_.back().node);
    stack_.pop_back();
    Add(std::move(node));
  }

  void Add(YamlNode node) {
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.kind == YamlKind::kSequence) {
      top.node.items.push_back(std::move(node));
      return;
    }
    if (top.expecting_key) {
      top.expecting_key = false;
      top.key_accepted = false;
      if (!node.is_scalar()) {
        ErrorAt(node.location, "a mapping key must be text, found " + node.KindDescription());
        return;
      }
      auto [it, inserted] = top.seen_keys.emplace(node.scalar, node.location);
      if (!inserted) {
        ErrorAt(node.location, "duplicate key '" + Excerpt(node.scalar) + "'",
                "first on line " + std::to_string(it->second.line));
        return;
      }
      top.key_accepted = true;
      top.key = std::move(node.scalar);
      top.key_location = node.location;
      return;
    }
    top.expecting_key = true;
    if (!top.key_accepted) return;
    node.key = std::move(top.key);
    node.key_location = top.key_location;
    top.node.items.push_back(std::move(node));
  }

  const SourceFile& source_;
  std::size_t shift_;
  Diagnostics& diagnostics_;
  int max_depth_;
  int documents_ = 0;
  std::vector<Frame> stack_;
  std::optional<YamlNode> root_;
};

// yaml-cpp's terse messages, with a hint for the slips students make most.
std::string SyntaxHint(const std::string& message, const SourceFile& source, int line) {
  for (int l = 1; l <= line; ++l) {
    std::string_view text = source.Line(l);
    std::size_t i = 0;
    while (i < text.size() && IsBlank(text[i])) {
      if (text[i] == '\t') {
        return "line " + std::to_string(l) + " is indented with a tab; YAML needs spaces";
      }
      ++i;
    }
  }
  if (message == "illegal map value") return "a value that contains ': ' must be quoted";
  if (message == "illegal block entry") return "a value that starts with '-' must be quoted";
  if (message == "end of sequence flow not found") return "a '[' list is missing its ']'";
  if (message == "end of map flow not found") return "a '{' mapping is missing its '}'";
  return "";
}

// The first byte YAML does not allow: C0 controls other than tab, LF, CR,
// and DEL. yaml-cpp misreads them (a NUL ends its input early).
std::size_t FindControlCharacter(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
  }
  return std::string::npos;
}

std::string Hex(unsigned char byte) {
  static const char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[byte >> 4] + kDigits[byte & 0xF];
}

std::optional<YamlNode> Read(const SourceFile& source, Diagnostics& diagnostics,
                             const YamlLimits& limits, bool keep_recoverable) {
  const std::string& text = source.text();
  const std::size_t errors_before = diagnostics.error_count();
  if (text.size() > limits.max_bytes) {
    diagnostics.Error(Location{}, "file is " + std::to_string(text.size()) +
                                      " bytes; the limit is " + std::to_string(limits.max_bytes) +
                                      " bytes");
    return std::nullopt;
  }
  std::size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    diagnostics.Error(source.LocationOf(bad),
                      "invalid UTF-8 byte " + Hex(static_cast<unsigned char>(text[bad])),
                      "save the file as UTF-8");
    return std::nullopt;
  }
  std::size_t control = FindControlCharacter(text);
  if (control != std::string::npos) {
    diagnostics.Error(source.LocationOf(control),
                      "control character " + Hex(static_cast<unsigned char>(text[control])) +
                          " is not allowed in YAML");
    return std::nullopt;
  }
  // yaml-cpp skips a byte-order mark without counting it, and does not take
  // a lone CR as a line break; give it the text without the mark and with
  // LF for lone CRs (same length) so its offsets map straight back.
  std::size_t shift = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  std::string parsed = text.substr(shift);
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (parsed[i] == '\r' && (i + 1 == parsed.size() || parsed[i + 1] != '\n')) parsed[i] = '\n';
  }
  std::istringstream input(parsed);
  TreeBuilder builder(source, shift, diagnostics, limits.max_depth);
  bool fatal = false;
  try {
    YAML::Parser parser(input);
    if (parser.HandleNextDocument(builder)) parser.HandleNextDocument(builder);
  } catch (const StopParsing&) {
    fatal = true;
  } catch (const YAML::Exception& e) {
    fatal = true;
    Location location;
    if (!e.mark.is_null() && e.mark.pos >= 0) {
      location = source.LocationOf(static_cast<std::size_t>(e.mark.pos) + shift);
    }
    diagnostics.Error(location, "invalid YAML: " + e.msg, SyntaxHint(e.msg, source, location.line));
  } catch (const std::exception& e) {
    fatal = true;
    diagnostics.Error(Location{}, std::string("cannot read YAML: ") + e.what());
  }
  bool had_errors = diagnostics.error_count() > errors_before;
  if (fatal || (had_errors && !keep_recoverable)) return std::nullopt;
  if (!builder.root()) {
    // No document at all (an empty file or only comments).
    YamlNode empty;
    empty.location = Location{1, 1};
    return empty;
  }
  return std::move(builder.root());
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the UTF-8 encoding of a code point.
std::size_t Utf8Length(unsigned long code) {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

// A double-quoted escape at `text[offset]` == '\\': how many source bytes
// it spans and how many value bytes it produces.
void MeasureEscape(const std::string& text, std::size_t offset, std::size_t* consumed,
                   std::size_t* produced) {
  char kind = offset + 1 < text.size() ? text[offset + 1] : '\0';
  std::size_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
  *consumed = std::min<std::size_t>(2 + digits, text.size() - offset);
  if (digits > 0) {
    unsigned long code = 0;
    for (std::size_t k = offset + 2; k < offset + *consumed; ++k) {
      char c = text[k];
      int v = IsDigit(c)               ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : 0;
      code = code * 16 + static_cast<unsigned long>(v);
    }
    *produced = Utf8Length(code);
  } else if (kind == 'N' || kind == '_') {
    *produced = 2;  // U+0085, U+00A0
  } else if (kind == 'L' || kind == 'P') {
    *produced = 3;  // U+2028, U+2029
  } else {
    *produced = 1;
  }
}

bool IsLineContinuation(const std::string& text, std::size_t offset) {
  return text[offset] == '\\' && offset + 1 < text.size() &&
         (text[offset + 1] == '\n' || text[offset + 1] == '\r');
}

}  // namespace

const YamlNode* YamlNode::Find(std::string_view key_name) const {
  if (kind != YamlKind::kMapping) return nullptr;
  for (const YamlNode& item : items) {
    if (item.key == key_name) return &item;
  }
  return nullptr;
}

Location YamlNode::ReportLocation() const {
  if (kind == YamlKind::kNull && key_location.known()) return key_location;
  return location;
}

std::string YamlNode::KindDescription() const {
  switch (kind) {
    case YamlKind::kNull:
      return "an empty value";
    case YamlKind::kSequence:
      return "a list";
    case YamlKind::kMapping:
      return "a mapping";
    case YamlKind::kScalar:
      break;
  }
  if (style == ScalarStyle::kPlain) {
    if (ParseNumber(scalar)) return "the number " + scalar;
    if (ParseBool(scalar)) return scalar;
  }
  if (scalar.empty()) return "empty text";
  return "text '" + Excerpt(scalar) + "'";
}

std::optional<YamlNode> ReadYaml(const SourceFile& source, Diagnostics& diagnostics,
                                 const YamlLimits& limits) {
  return Read(source, diagnostics, limits, /*keep_recoverable=*/false);
}

std::optional<YamlNode> ReadYamlRecovering(const SourceFile& source, Diagnostics& diagnostics,
                                           const YamlLimits& limits) {
  return Read(source, diagnostics, limits, /*keep_recoverable=*/true);
}

std::vector<Location> LocateScalarBytes(const SourceFile& source, const YamlNode& scalar) {
  const std::string& value = scalar.scalar;
  std::vector<Location> out;
  out.reserve(value.size() + 1);
  if (!scalar.location.known()) {
    out.assign(value.size() + 1, Location{});
    return out;
  }
  const std::string& text = source.text();
  const bool double_quoted = scalar.style == ScalarStyle::kDoubleQuoted;
  const bool single_quoted = scalar.style == ScalarStyle::kSingleQuoted;
  std::size_t p = source.OffsetOf(scalar.location);
  if (double_quoted || single_quoted) {
    ++p;  // the opening quote
  } else if (scalar.style == ScalarStyle::kLiteral || scalar.style == ScalarStyle::kFolded) {
    while (p < text.size() && text[p] != '\n') ++p;  // the header line: `|-  # comment`
    ++p;
  }
  p = std::min(p, text.size());
  // Walk the value and the source together: every non-blank value byte is
  // found at the next non-blank source byte; blanks and line breaks come
  // from indentation and folding; escapes and '' map to where they start.
  // Once the two disagree (it should not happen) the rest maps to there.
  std::size_t i = 0;
  bool lost = false;
  while (i < value.size()) {
    if (lost || p >= text.size()) {
      out.push_back(source.LocationOf(p));
      ++i;
      continue;
    }
    const char c = value[i];
    if (double_quoted && IsLineContinuation(text, p)) {
      p += text[p + 1] == '\r' && p + 2 < text.size() && text[p + 2] == '\n' ? 3 : 2;
      continue;
    }
    if (double_quoted && text[p] == '\\') {
      std::size_t consumed = 0, produced = 0;
      MeasureEscape(text, p, &consumed, &produced);
      for (std::size_t k = 0; k < produced && i < value.size(); ++k, ++i) {
        out.push_back(source.LocationOf(p));
      }
      p += consumed;
      continue;
    }
    if (single_quoted && text[p] == '\'' && p + 1 < text.size() && text[p + 1] == '\'') {
      out.push_back(source.LocationOf(p));
      ++i;
      p += 2;
      continue;
    }
    if (IsSpaceOrBreak(c)) {
      out.push_back(source.LocationOf(p));
      ++i;
      if (text[p] == '\r' && p + 1 < text.size() && text[p + 1] == '\n') {
        p += 2;
      } else if (IsSpaceOrBreak(text[p])) {
        ++p;
      }
      continue;
    }
    std::size_t q = p;
    while (q < text.size() &&
           (IsSpaceOrBreak(text[q]) || (double_quoted && IsLineContinuation(text, q)))) {
      q += IsSpaceOrBreak(text[q]) ? 1 : 2;
    }
    if (q < text.size() &&
        ((double_quoted && text[q] == '\\') ||
         (single_quoted && text[q] == '\'' && q + 1 < text.size() && text[q + 1] == '\''))) {
      p = q;  // handled as an escape on the next turn
      continue;
    }
    if (q < text.size() && text[q] == c) {
      out.push_back(source.LocationOf(q));
      ++i;
      p = q + 1;
      continue;
    }
    lost = true;
    p = q;
  }
  out.push_back(source.LocationOf(std::min(p, text.size())));
  return out;
}

Location LocateInScalar(const SourceFile& source, const YamlNode& scalar, std::size_t offset) {
  std::vector<Location> locations = LocateScalarBytes(source, scalar);
  return locations[std::min(offset, locations.size() - 1)];
}

std::optional<double> ParseNumber(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t mantissa_digits = 0;
  std::size_t k = i;
  while (k < text.size() && IsDigit(text[k])) ++k, ++mantissa_digits;
  if (k < text.size() && text[k] == '.') {
    ++k;
    while (k < text.size() && IsDigit(text[k])) ++k, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return std::nullopt;
  bool negative_exponent = false;
  if (k < text.size() && (text[k] == 'e' || text[k] == 'E')) {
    ++k;
    if (k < text.size() && (text[k] == '+' || text[k] == '-')) negative_exponent = text[k++] == '-';
    std::size_t exponent_digits = 0;
    while (k < text.size() && IsDigit(text[k])) ++k, ++exponent_digits;
    if (exponent_digits == 0) return std::nullopt;
  }
  if (k != text.size()) return std::nullopt;
  // from_chars takes '-' but not '+'.
  std::string_view digits = text[0] == '+' ? text.substr(1) : text;
  double value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error == std::errc::result_out_of_range) {
    if (negative_exponent) return text[0] == '-' ? -0.0 : 0.0;
    return text[0] == '-' ? -std::numeric_limits<double>::infinity()
                          : std::numeric_limits<double>::infinity();
  }
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

std::optional<bool> ParseBool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

std::optional<SourceFile> ReadSourceFile(const std::string& path, Diagnostics& diagnostics,
                                         std::size_t max_bytes) {
  auto cannot_read = [&](int error_number) {
    diagnostics.Error(Location{}, "cannot read '" + path + "': " + std::strerror(error_number));
    return std::nullopt;
  };
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return cannot_read(errno);
  // Read in chunks and stop one byte past the limit: a huge file (or an
  // endless pipe) is never loaded into memory.
  std::string text;
  char buffer[1 << 16];
  while (text.size() <= max_bytes) {
    std::size_t n = std::fread(buffer, 1, sizeof buffer, file);
    text.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  bool failed = std::ferror(file) != 0;
  int error_number = errno;
  std::fclose(file);
  if (failed) return cannot_read(error_number);
  if (text.size() > max_bytes) {
    diagnostics.Error(Location{}, "'" + path + "' is larger than the limit of " +
                                      std::to_string(max_bytes) + " bytes");
    return std::nullopt;
  }
  return SourceFile(path, std::move(text));
}

}  // namespace sdlab
