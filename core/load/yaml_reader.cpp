// The one adapter to yaml-cpp: a strict event-driven reader that builds our
// own located YamlNode tree. yaml-cpp's Node API is never used: it accepts
// duplicate keys silently, shares aliased nodes (an alias bomb explodes in a
// recursive walk) and keeps only the first of several documents.

#include "core/load/yaml_reader.h"

#include <sys/stat.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <sstream>
#include <unordered_map>

#include "core/load/yaml_tree.h"
#include "core/names.h"

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

std::string Excerpt(std::string_view text) { return TextExcerpt(text, 40); }

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

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A double-quoted escape at `text[offset]` == '\\': how many source bytes
// it spans and how many value bytes it produces.
void MeasureEscape(const std::string& text, std::size_t offset, std::size_t* consumed,
                   std::size_t* produced) {
  char kind = offset + 1 < text.size() ? text[offset + 1] : '\0';
  std::size_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : kind == 'U' ? 8 : 0;
  *consumed = std::min<std::size_t>(2 + digits, text.size() - offset);
  if (digits > 0) {
    std::uint32_t code = 0;  // at most 8 hex digits: fits
    for (std::size_t k = offset + 2; k < offset + *consumed; ++k) {
      char c = text[k];
      int v = IsDigit(c)               ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : 0;
      code = code * 16 + static_cast<std::uint32_t>(v);
    }
    *produced = Utf8EncodedLength(code);
  } else if (kind == 'N' || kind == '_') {
    *produced = 2;  // U+0085, U+00A0
  } else if (kind == 'L' || kind == 'P') {
    *produced = 3;  // U+2028, U+2029
  } else {
    *produced = 1;
  }
}

bool IsBreak(char c) { return c == '\n' || c == '\r'; }

// Where the source offsets of a scalar's value bytes go while walking it.
class ScalarWalk {
 public:
  ScalarWalk(const std::string& value, std::vector<std::size_t>* offsets)
      : value_(value), offsets_(offsets) {
    if (offsets_ != nullptr) offsets_->reserve(value.size() + 1);
  }
  bool done() const { return produced_ == value_.size(); }
  bool lost() const { return lost_; }
  // The next value byte is `c`, written at source offset `at`.
  void Produce(char c, std::size_t at) {
    if (lost_ || done() || value_[produced_] != c) {
      lost_ = true;
      return;
    }
    Emit(at);
  }
  // The next value byte comes from an escape at `at` (not compared).
  void ProduceEscaped(std::size_t at) {
    if (!done()) Emit(at);
  }
  // Once lost, every remaining byte (and the end) maps to `at`.
  void Finish(std::size_t at) {
    while (!done()) Emit(at);
    if (offsets_ != nullptr) offsets_->push_back(at);
  }

 private:
  void Emit(std::size_t at) {
    if (offsets_ != nullptr) offsets_->push_back(at);
    ++produced_;
  }
  const std::string& value_;
  std::vector<std::size_t>* offsets_;
  std::size_t produced_ = 0;
  bool lost_ = false;
};

std::size_t SkipBreak(const std::string& text, std::size_t at) {
  return at + (text[at] == '\r' && at + 1 < text.size() && text[at + 1] == '\n' ? 2 : 1);
}

// A plain or quoted scalar, by YAML's folding rules: blanks before a line
// break are dropped, one break becomes a space, n breaks become n-1
// newlines, the next line's leading blanks are dropped; in double quotes
// `\` escapes and `\` + break continues the line; in single quotes ''
// is '. Returns the offset after the value.
std::size_t WalkFlowScalar(const std::string& text, std::size_t p, ScalarStyle style,
                           ScalarWalk& walk) {
  const bool double_quoted = style == ScalarStyle::kDoubleQuoted;
  const bool single_quoted = style == ScalarStyle::kSingleQuoted;
  const std::size_t n = text.size();
  auto skip_continuation = [&]() {
    p = SkipBreak(text, p + 1);
    while (p < n && IsBlank(text[p])) ++p;
  };
  while (p < n && !walk.done() && !walk.lost()) {
    const char c = text[p];
    if (double_quoted && c == '\\') {
      if (p + 1 < n && IsBreak(text[p + 1])) {
        skip_continuation();
        continue;
      }
      std::size_t consumed = 0, produced = 0;
      MeasureEscape(text, p, &consumed, &produced);
      for (std::size_t k = 0; k < produced; ++k) walk.ProduceEscaped(p);
      p += consumed;
    } else if (single_quoted && c == '\'' && p + 1 < n && text[p + 1] == '\'') {
      walk.Produce('\'', p);
      p += 2;
    } else if ((double_quoted && c == '"') || (single_quoted && c == '\'')) {
      break;  // the closing quote, before the value is complete: lost
    } else if (IsBlank(c)) {
      std::size_t q = p;
      while (q < n && IsBlank(text[q])) ++q;
      if (q < n && IsBreak(text[q])) {
        p = q;  // trailing blanks are dropped
        continue;
      }
      for (; p < q; ++p) walk.Produce(text[p], p);
    } else if (IsBreak(c)) {
      const std::size_t first = p;
      int breaks = 0;
      while (p < n) {
        if (IsBreak(text[p])) {
          ++breaks;
          p = SkipBreak(text, p);
          continue;
        }
        std::size_t q = p;
        while (q < n && IsBlank(text[q])) ++q;
        p = q;
        if (q >= n || !IsBreak(text[q])) break;
      }
      if (breaks == 1) walk.Produce(' ', first);
      for (int k = 1; k < breaks; ++k) walk.Produce('\n', first);
    } else {
      walk.Produce(c, p);
      ++p;
    }
  }
  if (!walk.done()) walk.Produce('\0', p);  // ran out of source: lost
  while (double_quoted && p + 1 < n && text[p] == '\\' && IsBreak(text[p + 1])) {
    skip_continuation();
  }
  return std::min(p, n);
}

// A literal or folded block: no escapes, so every non-blank value byte is
// found at the next non-blank source byte; blanks and breaks come from
// indentation and folding.
std::size_t WalkBlockScalar(const std::string& text, std::size_t p, const std::string& value,
                            ScalarWalk& walk) {
  while (p < text.size() && text[p] != '\n') ++p;  // the header line: `|-  # comment`
  p = std::min(p + 1, text.size());
  for (std::size_t i = 0; i < value.size() && !walk.lost(); ++i) {
    const char c = value[i];
    if (IsSpaceOrBreak(c)) {
      walk.ProduceEscaped(p);
      if (p < text.size() && IsSpaceOrBreak(text[p]))
        p = IsBreak(text[p]) ? SkipBreak(text, p) : p + 1;
      continue;
    }
    while (p < text.size() && IsSpaceOrBreak(text[p])) ++p;
    walk.Produce(c, p);
    if (!walk.lost()) ++p;
  }
  return std::min(p, text.size());
}

// Follows a scalar's value through the source text from `start` (where the
// node is marked: its quote, block indicator or first character). Fills
// `offsets` (when given) with the source offset of every value byte and one
// past the end. Returns the offset just past the value (for a quoted
// scalar: where its closing quote must be), or npos when the value could
// not be followed, which should not happen; the rest then maps to where
// the walk stopped.
std::size_t WalkScalar(const std::string& text, std::size_t start, ScalarStyle style,
                       const std::string& value, std::vector<std::size_t>* offsets) {
  ScalarWalk walk(value, offsets);
  std::size_t end = 0;
  if (style == ScalarStyle::kLiteral || style == ScalarStyle::kFolded) {
    end = WalkBlockScalar(text, start, value, walk);
  } else {
    bool quoted = style == ScalarStyle::kDoubleQuoted || style == ScalarStyle::kSingleQuoted;
    end = WalkFlowScalar(text, std::min(start + (quoted ? 1 : 0), text.size()), style, walk);
  }
  walk.Finish(end);
  return walk.lost() ? std::string::npos : end;
}

class TreeBuilder final : public YAML::EventHandler {
 public:
  // `shift` is how many bytes of `source` precede what yaml-cpp parses (a
  // byte-order mark), so that marks map back to the file's offsets.
  TreeBuilder(const SourceFile& source, std::size_t shift, Diagnostics& diagnostics, int max_depth)
      : source_(source), shift_(shift), diagnostics_(diagnostics), max_depth_(max_depth) {}

  std::optional<YamlNode>& root() { return root_; }
  bool saw_alias() const { return saw_alias_; }

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
    // The tree gets a placeholder, but a loader would only add noise about
    // it ("found an empty value"), so the tree is not handed on.
    saw_alias_ = true;
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
    if (node.style == ScalarStyle::kDoubleQuoted || node.style == ScalarStyle::kSingleQuoted) {
      CheckClosingQuote(node, content);
    }
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

  // yaml-cpp takes a quoted scalar that is never closed to run to the end
  // of the file; the closing quote must follow the value.
  void CheckClosingQuote(const YamlNode& node, std::size_t content) {
    const std::string& text = source_.text();
    std::size_t end = WalkScalar(text, content, node.style, node.scalar, nullptr);
    char quote = text[content];
    if (end == std::string::npos || (end < text.size() && text[end] == quote)) return;
    ErrorAt(source_.LocationOf(content),
            std::string(quote == '"' ? "double" : "single") + "-quoted text is not closed",
            std::string("add the closing ") + quote);
    // The rest of the file was swallowed: anything reported after is noise.
    throw StopParsing{};
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
  bool saw_alias_ = false;
  std::vector<Frame> stack_;
  std::optional<YamlNode> root_;
};

// yaml-cpp's terse messages, with a hint for the slips students make most.
std::string SyntaxHint(const std::string& message, const SourceFile& source, Location at) {
  const int line = at.line;
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
  // `equation: "Request Queue" / 2`: YAML reads a quoted scalar, then
  // stumbles on the rest of the line.
  std::string_view before = source.Line(line).substr(0, at.column > 0 ? at.column - 1 : 0);
  while (!before.empty() && IsBlank(before.back())) before.remove_suffix(1);
  if (!before.empty() && (before.back() == '"' || before.back() == '\'') &&
      at.column - 1 < static_cast<int>(source.Line(line).size())) {
    return "a quoted value must end the line; to start an equation with a \"quoted name\", "
           "put the whole equation in single quotes";
  }
  if (message == "illegal map value") return "a value that contains ': ' must be quoted";
  if (message == "illegal block entry") return "a value that starts with '-' must be quoted";
  if (message == "end of sequence flow not found") return "a '[' list is missing its ']'";
  if (message == "end of map flow not found") return "a '{' mapping is missing its '}'";
  return "";
}

// "1 MiB", "64 KiB", "1000 bytes".
std::string SizeText(std::size_t bytes) {
  if (bytes > 0 && bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes > 0 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
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

// The end of a quoted scalar on one line: the offset just past its closing
// quote, searching from `from` (just past the opening one); npos when the
// line does not close it.
std::size_t SkipQuoted(std::string_view row, std::size_t from, char quote) {
  for (std::size_t i = from; i < row.size(); ++i) {
    if (quote == '"' && row[i] == '\\') {
      ++i;
    } else if (row[i] == quote) {
      if (quote == '\'' && i + 1 < row.size() && row[i + 1] == '\'') {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return std::string_view::npos;
}

// `- item`, `key: value` or `key:`: a line that starts a new entry.
bool LooksLikeEntry(std::string_view row) {
  std::size_t i = 0;
  while (i < row.size() && IsBlank(row[i])) ++i;
  row.remove_prefix(i);
  if (row == "-" || row.substr(0, 2) == "- ") return true;
  std::size_t colon = row.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  if (colon + 1 < row.size() && !IsBlank(row[colon + 1])) return false;
  for (char c : row.substr(0, colon)) {
    const bool word =
        std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == ' ' || c == '.';
    if (!word) return false;
  }
  return true;
}

// yaml-cpp reports a quote that its line does not close where it gives up,
// often many lines later, at text that is fine. Finds the quote: one that
// opens a value on a line it does not close, when a later line up to
// `last_line` reads like the next entry. Returns its offset.
std::optional<std::size_t> FindUnclosedQuote(const SourceFile& source, int last_line) {
  char open = 0;
  std::size_t open_at = 0;
  for (int line = 1; line <= last_line; ++line) {
    const std::string_view row = source.Line(line);
    const std::size_t row_start = source.OffsetOf(Location{line, 1});
    std::size_t i = 0;
    if (open != 0) {
      if (LooksLikeEntry(row)) return open_at;
      i = SkipQuoted(row, 0, open);
      if (i == std::string_view::npos) continue;
      open = 0;
    }
    char previous = 0;  // the last non-blank character before i; 0 at the line's start
    while (i < row.size()) {
      const char c = row[i];
      if (c == '#' && (i == 0 || IsBlank(row[i - 1]))) break;  // a comment
      const bool after_indicator =
          (previous == ':' || previous == '-' || previous == '?') && i > 0 && IsBlank(row[i - 1]);
      const bool starts_value =
          previous == 0 || previous == '[' || previous == '{' || previous == ',' || after_indicator;
      if ((c == '"' || c == '\'') && starts_value) {
        const std::size_t close = SkipQuoted(row, i + 1, c);
        if (close == std::string_view::npos) {
          open = c;
          open_at = row_start + i;
          break;
        }
        previous = c;
        i = close;
        continue;
      }
      if (!IsBlank(c)) previous = c;
      ++i;
    }
  }
  return std::nullopt;
}

int IndentOf(std::string_view row) {
  int indent = 0;
  while (indent < static_cast<int>(row.size()) && row[indent] == ' ') ++indent;
  return indent;
}

// yaml-cpp reports a `[` or `{` that is never closed at the next token it
// cannot fit in, one or more lines later. Finds the bracket: the outermost
// one still open when a later line, up to `last_line`, starts a block entry
// no deeper than the line the bracket is on (which a flow collection's
// continuation cannot do), or at the end of the file. Quoted text and
// comments are skipped. Returns its offset.
std::optional<std::size_t> FindUnclosedFlow(const SourceFile& source, int last_line, bool at_end) {
  std::vector<std::size_t> open;  // offsets of the open brackets, outermost first
  int open_indent = 0;            // the indentation of the outermost one's line
  for (int line = 1; line <= last_line; ++line) {
    const std::string_view row = source.Line(line);
    const std::size_t row_start = source.OffsetOf(Location{line, 1});
    if (!open.empty() && LooksLikeEntry(row) && IndentOf(row) <= open_indent) return open.front();
    for (std::size_t i = 0; i < row.size(); ++i) {
      const char c = row[i];
      if (c == '#' && (i == 0 || IsBlank(row[i - 1]))) break;  // a comment
      if ((c == '"' || c == '\'') && (i == 0 || IsBlank(row[i - 1]) || row[i - 1] == '[' ||
                                      row[i - 1] == '{' || row[i - 1] == ',')) {
        const std::size_t close = SkipQuoted(row, i + 1, c);
        if (close == std::string_view::npos) break;  // FindUnclosedQuote's case
        i = close - 1;
        continue;
      }
      if (c == '[' || c == '{') {
        if (open.empty()) open_indent = IndentOf(row);
        open.push_back(row_start + i);
      } else if ((c == ']' || c == '}') && !open.empty()) {
        open.pop_back();
      }
    }
  }
  if (at_end && !open.empty()) return open.front();
  return std::nullopt;
}

// A line such as `max 2000` among `key: value` lines: YAML folds it into
// the value above and stumbles at the next key, at `error_line`. Finds the
// line (its first non-blank offset): the nearest line above `error_line`
// at the same indentation that has no ':', right after an entry.
std::optional<std::size_t> FindKeyWithoutColon(const SourceFile& source, int error_line) {
  if (error_line < 3) return std::nullopt;
  const std::string_view at = source.Line(error_line);
  if (!LooksLikeEntry(at)) return std::nullopt;
  const int indent = IndentOf(at);
  for (int line = error_line - 1; line > 1 && line >= error_line - 5; --line) {
    const std::string_view row = source.Line(line);
    if (IndentOf(row) != indent || row.find(':') != std::string_view::npos) return std::nullopt;
    const std::string_view text = row.substr(indent);
    if (text.empty() || text[0] == '#' || text[0] == '-') return std::nullopt;
    const std::string_view above = source.Line(line - 1);
    if (LooksLikeEntry(above) && IndentOf(above) == indent) {
      return source.OffsetOf(Location{line, indent + 1});
    }
  }
  return std::nullopt;
}

std::optional<YamlNode> Read(const SourceFile& source, Diagnostics& diagnostics,
                             const YamlLimits& limits, bool keep_recoverable) {
  const std::string& text = source.text();
  const std::size_t errors_before = diagnostics.error_count();
  if (text.size() > limits.max_bytes) {
    diagnostics.Error(Location{}, "file is " + std::to_string(text.size()) +
                                      " bytes; the limit is " + SizeText(limits.max_bytes));
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
    const int last_line = location.known() ? location.line : source.LocationOf(text.size()).line;
    if (const std::optional<std::size_t> quote = FindUnclosedQuote(source, last_line)) {
      const char mark = text[*quote];
      diagnostics.Error(
          source.LocationOf(*quote),
          std::string(mark == '"' ? "double" : "single") + "-quoted text is not closed on its line",
          std::string("add the closing ") + mark + "; YAML read on to " +
              (location.known() ? "line " + std::to_string(location.line)
                                : std::string("the end")) +
              " and stopped there: " + e.msg);
    } else if (const std::optional<std::size_t> bracket =
                   FindUnclosedFlow(source, last_line,
                                    e.msg.find("flow") != std::string::npos || !location.known() ||
                                        location.line >= source.LocationOf(text.size()).line)) {
      const char mark = text[*bracket];
      diagnostics.Error(
          source.LocationOf(*bracket), std::string("this '") + mark + "' is never closed",
          std::string("add the closing '") + (mark == '[' ? ']' : '}') + "'; YAML read on to " +
              (location.known() ? "line " + std::to_string(location.line)
                                : std::string("the end")) +
              " and stopped there: " + e.msg);
    } else if (const std::optional<std::size_t> key =
                   e.msg == "illegal map value" && location.known()
                       ? FindKeyWithoutColon(source, location.line)
                       : std::nullopt) {
      const Location where = source.LocationOf(*key);
      std::string_view row = source.Line(where.line).substr(where.column - 1);
      while (!row.empty() && IsBlank(row.back())) row.remove_suffix(1);
      const std::size_t space = row.find(' ');
      std::string hint = "a key needs ':' after it";
      if (space != std::string_view::npos) {
        hint +=
            ": `" + std::string(row.substr(0, space)) + ":" + std::string(row.substr(space)) + "`";
      }
      diagnostics.Error(where, "'" + Excerpt(std::string(row)) + "' is not a key: it has no ':'",
                        hint);
    } else {
      diagnostics.Error(location, "invalid YAML: " + e.msg, SyntaxHint(e.msg, source, location));
    }
  } catch (const std::exception& e) {
    fatal = true;
    diagnostics.Error(Location{}, std::string("cannot read YAML: ") + e.what());
  }
  bool had_errors = diagnostics.error_count() > errors_before;
  if (fatal || builder.saw_alias() || (had_errors && !keep_recoverable)) return std::nullopt;
  if (!builder.root()) {
    // No document at all (an empty file or only comments).
    YamlNode empty;
    empty.location = Location{1, 1};
    return empty;
  }
  return std::move(builder.root());
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

std::string TextExcerpt(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes + 3));
  for (char c : text.substr(0, max_bytes + 1)) {
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  if (text.size() <= max_bytes) return out;
  std::size_t cut = max_bytes;
  while (cut > 0 && IsUtf8Continuation(out[cut])) --cut;
  out.resize(cut);
  return out + "...";
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
  std::vector<Location> out;
  if (!scalar.location.known()) {
    out.assign(scalar.scalar.size() + 1, Location{});
    return out;
  }
  std::vector<std::size_t> offsets;
  WalkScalar(source.text(), source.OffsetOf(scalar.location), scalar.style, scalar.scalar,
             &offsets);
  out.reserve(offsets.size());
  for (std::size_t offset : offsets) out.push_back(source.LocationOf(offset));
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
  auto too_large = [&](const std::string& what) {
    diagnostics.Error(Location{}, "'" + path + "' is " + what);
    return std::nullopt;
  };
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return cannot_read(errno);
  // A regular file's size is known before reading: a 2 GiB file is refused
  // without reading a byte of it.
  struct stat info;
  if (fstat(fileno(file), &info) == 0 && S_ISREG(info.st_mode) &&
      static_cast<unsigned long long>(info.st_size) > max_bytes) {
    std::fclose(file);
    return too_large(std::to_string(info.st_size) + " bytes; the limit is " + SizeText(max_bytes));
  }
  // Anything else (a pipe) is read in chunks up to one chunk past the limit.
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
  if (text.size() > max_bytes) return too_large("larger than the limit of " + SizeText(max_bytes));
  return SourceFile(path, std::move(text));
}

}  // namespace sdlab
