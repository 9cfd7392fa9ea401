#include "core/diagram/diagram.h"

#include "core/names.h"

namespace sdlab {

Label Label::Text(std::string text, TextStyle style) {
  Label label;
  label.AddLine(std::move(text), std::move(style));
  return label;
}

Label& Label::AddLine(std::string text, TextStyle style) {
  lines.emplace_back();
  lines.back().push_back(TextRun{std::move(text), std::move(style)});
  return *this;
}

Label& Label::Append(std::string text, TextStyle style) {
  if (lines.empty()) lines.emplace_back();
  lines.back().push_back(TextRun{std::move(text), std::move(style)});
  return *this;
}

std::string Label::PlainText() const {
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) text += '\n';
    for (const TextRun& run : lines[i]) text += run.text;
  }
  return text;
}

DiagramNode& Diagram::AddNode(std::string id, Label label, std::string css_class) {
  DiagramNode& node = nodes.emplace_back();
  node.id = std::move(id);
  node.label = std::move(label);
  node.css_class = std::move(css_class);
  return node;
}

DiagramEdge& Diagram::AddEdge(std::string from, std::string to, std::string css_class) {
  DiagramEdge& edge = edges.emplace_back();
  edge.from = std::move(from);
  edge.to = std::move(to);
  edge.css_class = std::move(css_class);
  return edge;
}

const DiagramNode* Diagram::FindNode(std::string_view id) const {
  for (const DiagramNode& node : nodes) {
    if (node.id == id) return &node;
  }
  return nullptr;
}

std::string_view AttributeValue(const DiagramAttributes& attributes, std::string_view key) {
  for (const auto& [name, value] : attributes) {
    if (name == key) return value;
  }
  return {};
}

void SetAttribute(DiagramAttributes& attributes, std::string_view key, std::string value) {
  for (auto& [name, old_value] : attributes) {
    if (name == key) {
      old_value = std::move(value);
      return;
    }
  }
  attributes.emplace_back(std::string(key), std::move(value));
}

}  // namespace sdlab

namespace sdlab {
namespace {

std::size_t CodePointCount(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += IsUtf8Continuation(c) ? 0 : 1;
  return count;
}

// The byte length of the first `count` code points of `text`.
std::size_t PrefixBytes(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsUtf8Continuation(text[i])) {
      if (seen == count) return i;
      ++seen;
    }
  }
  return text.size();
}

}  // namespace

std::vector<std::string> WrapWords(std::string_view text, std::size_t width,
                                   std::size_t max_chars) {
  std::string cut(text);
  if (CodePointCount(text) > max_chars && max_chars > 0) {
    cut = std::string(text.substr(0, PrefixBytes(text, max_chars - 1))) + "\u2026";
  }
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= cut.size()) {
    std::size_t space = cut.find(' ', start);
    if (space == std::string::npos) space = cut.size();
    std::string_view word(cut.data() + start, space - start);
    if (!word.empty()) {
      if (line.empty()) {
        line = std::string(word);
      } else if (CodePointCount(line) + 1 + CodePointCount(word) <= width) {
        line += ' ';
        line += word;
      } else {
        lines.push_back(std::move(line));
        line = std::string(word);
      }
    }
    start = space + 1;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace sdlab
