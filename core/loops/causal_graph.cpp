#include "core/loops/causal_graph.h"

#include <map>
#include <tuple>
#include <utility>

#include "core/names.h"

namespace sdlab {

namespace {

constexpr std::string_view kArrow = "->";
constexpr std::string_view kUnicodeArrow = "\u2192";  // →

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "first at 3:7" for a hint, or "" when the first one has no location.
std::string FirstAt(Location location, std::string_view what = "first at ") {
  if (!location.known()) return "";
  return std::string(what) + std::to_string(location.line) + ":" + std::to_string(location.column);
}

// The file location of byte `offset` of a compact link string. Exact when
// the source is at hand and the string sits on the line where the item
// starts (plain or quoted without escapes); otherwise the item's location.
Location LocateInCompact(const CldLinkText& link, const SourceFile* source, std::size_t offset) {
  if (source == nullptr || !link.location.known()) return link.location;
  std::string_view line = source->Line(link.location.line);
  std::size_t start = static_cast<std::size_t>(link.location.column - 1);
  if (start < line.size() && (line[start] == '"' || line[start] == '\'')) ++start;
  if (start > line.size() || line.substr(start, link.compact_text.size()) != link.compact_text) {
    return link.location;
  }
  return Location{link.location.line, static_cast<int>(start + offset) + 1};
}

// Finds the first arrow at or after `from`; returns npos when none, and its
// byte length in `*length`.
std::size_t FindArrow(std::string_view text, std::size_t from, std::size_t* length) {
  std::size_t ascii = text.find(kArrow, from);
  std::size_t unicode = text.find(kUnicodeArrow, from);
  if (ascii <= unicode) {
    *length = kArrow.size();
    return ascii;
  }
  *length = kUnicodeArrow.size();
  return unicode;
}

// Offset of the first non-space byte of text[begin, end), or `end`.
std::size_t SkipSpace(std::string_view text, std::size_t begin, std::size_t end) {
  while (begin < end && IsSpace(text[begin])) ++begin;
  return begin;
}

}  // namespace

const char* PolaritySymbol(LinkPolarity polarity) {
  switch (polarity) {
    case LinkPolarity::kPositive:
      return "+";
    case LinkPolarity::kNegative:
      return "-";
    case LinkPolarity::kUnknown:
      break;
  }
  return "?";
}

const char* LoopPolarityName(LoopPolarity polarity) {
  switch (polarity) {
    case LoopPolarity::kReinforcing:
      return "reinforcing";
    case LoopPolarity::kBalancing:
      return "balancing";
    case LoopPolarity::kUndetermined:
      break;
  }
  return "undetermined";
}

const char* LoopPolarityLetter(LoopPolarity polarity) {
  switch (polarity) {
    case LoopPolarity::kReinforcing:
      return "R";
    case LoopPolarity::kBalancing:
      return "B";
    case LoopPolarity::kUndetermined:
      break;
  }
  return "U";
}

std::optional<LinkPolarity> ParseLinkPolarity(std::string_view text) {
  const std::string word = Lower(Trim(text));
  if (word == "+" || word == "positive" || word == "s") return LinkPolarity::kPositive;
  // The Unicode minus sign and the en dash are what word processors and
  // slide decks put where a student typed '-'.
  if (word == "-" || word == "negative" || word == "o" || word == "\u2212" || word == "\u2013") {
    return LinkPolarity::kNegative;
  }
  if (word == "?" || word == "\u00b1" || word == "u" || word == "unknown") {
    return LinkPolarity::kUnknown;
  }
  return std::nullopt;
}

std::optional<LoopPolarity> ParseLoopType(std::string_view text) {
  const std::string word = Lower(Trim(text));
  if (word == "reinforcing" || word == "r") return LoopPolarity::kReinforcing;
  if (word == "balancing" || word == "b") return LoopPolarity::kBalancing;
  return std::nullopt;
}

int CausalGraph::FindVariable(std::string_view name) const {
  const std::string key = NormalizeName(name);
  for (std::size_t i = 0; i < variables.size(); ++i) {
    if (variables[i].normalized == key) return static_cast<int>(i);
  }
  return -1;
}

std::string CausalGraph::LinkText(int link) const {
  const CausalLink& l = links[static_cast<std::size_t>(link)];
  return variables[static_cast<std::size_t>(l.from)].name + " -> " +
         variables[static_cast<std::size_t>(l.to)].name + " (" + PolaritySymbol(l.polarity) + ")";
}

std::optional<CompactLink> ParseCompactLink(std::string_view text, std::string* error,
                                            std::size_t* error_offset) {
  std::size_t end = text.size();
  while (end > 0 && IsSpace(text[end - 1])) --end;
  CompactLink link;
  // The polarity is the parenthesised group at the very end, so a name may
  // itself hold parentheses ("Load (rps) -> Latency (+)").
  std::size_t names_end = end;
  if (end > 0 && text[end - 1] == ')') {
    int depth = 0;
    std::size_t open = std::string_view::npos;
    for (std::size_t i = end; i-- > 0;) {
      if (text[i] == ')') ++depth;
      if (text[i] == '(' && --depth == 0) {
        open = i;
        break;
      }
    }
    if (open == std::string_view::npos) {
      *error = "unbalanced ')' in link";
      *error_offset = end - 1;
      return std::nullopt;
    }
    std::size_t inner = SkipSpace(text, open + 1, end - 1);
    link.polarity = std::string(Trim(text.substr(open + 1, end - 2 - open)));
    link.polarity_offset = inner;
    if (link.polarity.empty()) {
      *error = "empty polarity '()'";
      *error_offset = open;
      return std::nullopt;
    }
    names_end = open;
  }
  std::size_t arrow_length = 0;
  std::size_t arrow = FindArrow(text.substr(0, names_end), 0, &arrow_length);
  if (arrow == std::string_view::npos) {
    *error = "expected 'A -> B (+)': no arrow '->' in link";
    *error_offset = SkipSpace(text, 0, names_end);
    return std::nullopt;
  }
  std::size_t second_length = 0;
  std::size_t second = FindArrow(text.substr(0, names_end), arrow + arrow_length, &second_length);
  if (second != std::string_view::npos) {
    *error = "more than one arrow in link; write one link per item";
    *error_offset = second;
    return std::nullopt;
  }
  link.from_offset = SkipSpace(text, 0, arrow);
  link.from = std::string(Trim(text.substr(0, arrow)));
  if (link.from.empty()) {
    *error = "missing the variable before '->'";
    *error_offset = arrow;
    return std::nullopt;
  }
  std::size_t after = arrow + arrow_length;
  link.to_offset = SkipSpace(text, after, names_end);
  link.to = std::string(Trim(text.substr(after, names_end - after)));
  if (link.to.empty()) {
    *error = "missing the variable after '->'";
    *error_offset = std::min(link.to_offset, text.size());
    return std::nullopt;
  }
  if (link.polarity.empty()) {
    // "A -> B +": a polarity written without its parentheses.
    std::size_t space = link.to.find_last_of(" \t");
    if (space != std::string::npos && ParseLinkPolarity(link.to.substr(space + 1))) {
      *error = "write the polarity in parentheses: '" + link.from + " -> " +
               std::string(Trim(link.to.substr(0, space))) + " (" + link.to.substr(space + 1) +
               ")'";
      *error_offset = link.to_offset + space + 1;
      return std::nullopt;
    }
  }
  return link;
}

namespace {

// Builds the graph step by step; one instance per BuildCausalGraph call.
class GraphBuilder {
 public:
  GraphBuilder(Diagnostics& diagnostics, const SourceFile* source)
      : diagnostics_(diagnostics), source_(source) {}

  void AddDeclaredVariables(const std::vector<CldVariable>& variables) {
    for (const CldVariable& variable : variables) {
      if (Trim(variable.name).empty()) {
        diagnostics_.Error(variable.location, "variable has no name");
        continue;
      }
      int existing = Find(variable.name);
      if (existing >= 0) {
        const CausalVariable& first = graph_.variables[static_cast<std::size_t>(existing)];
        diagnostics_.Error(variable.location, "duplicate variable '" + variable.name + "'",
                           FirstAt(first.location, "first declared at "));
        continue;
      }
      CausalVariable declared;
      declared.name = std::string(Trim(variable.name));
      declared.normalized = NormalizeName(declared.name);
      declared.concept_id = variable.concept_id;
      declared.location = variable.location;
      declared.declared = true;
      by_name_.emplace(declared.normalized, static_cast<int>(graph_.variables.size()));
      graph_.variables.push_back(std::move(declared));
    }
    declared_count_ = graph_.variables.size();
    linked_.assign(graph_.variables.size(), false);
  }

  void AddLink(const CldLinkText& text) {
    std::string from = text.from, to = text.to, polarity_text = text.polarity;
    Location from_location = text.from_location, to_location = text.to_location;
    Location polarity_location = text.polarity_location;
    if (text.compact) {
      std::string error;
      std::size_t error_offset = 0;
      std::optional<CompactLink> compact =
          ParseCompactLink(text.compact_text, &error, &error_offset);
      if (!compact) {
        diagnostics_.Error(LocateInCompact(text, source_, error_offset), error);
        return;
      }
      from = compact->from;
      to = compact->to;
      polarity_text = compact->polarity;
      from_location = LocateInCompact(text, source_, compact->from_offset);
      to_location = LocateInCompact(text, source_, compact->to_offset);
      polarity_location = compact->polarity.empty()
                              ? LocateInCompact(text, source_, text.compact_text.size())
                              : LocateInCompact(text, source_, compact->polarity_offset);
    }
    if (!from_location.known()) from_location = text.location;
    if (!to_location.known()) to_location = text.location;
    if (!polarity_location.known()) polarity_location = text.location;
    if (Trim(from).empty()) {
      diagnostics_.Error(text.location, "link has no 'from' variable");
      return;
    }
    if (Trim(to).empty()) {
      diagnostics_.Error(text.location, "link has no 'to' variable");
      return;
    }
    const int from_index = VariableFor(from, from_location);
    const int to_index = VariableFor(to, to_location);
    const std::string shown = graph_.variables[static_cast<std::size_t>(from_index)].name + " -> " +
                              graph_.variables[static_cast<std::size_t>(to_index)].name;
    if (from_index == to_index) {
      diagnostics_.Error(to_location, "link from '" + std::string(Trim(from)) + "' to itself",
                         "a causal link joins two different variables");
      return;
    }
    std::optional<LinkPolarity> polarity = ReadPolarity(polarity_text, polarity_location, shown);
    if (!polarity) return;
    auto key = std::make_tuple(from_index, to_index, *polarity);
    auto [existing, inserted] = first_link_.emplace(key, text.location);
    if (!inserted) {
      diagnostics_.Warning(
          text.location, "duplicate link '" + shown + " (" + PolaritySymbol(*polarity) + ")'",
          existing->second.known() ? FirstAt(existing->second) + "; this one is ignored"
                                   : "this one is ignored");
      return;
    }
    CausalLink link;
    link.from = from_index;
    link.to = to_index;
    link.polarity = *polarity;
    link.delay = text.delay;
    link.concept_id = text.concept_id;
    link.doc = text.doc;
    link.location = text.location;
    linked_[static_cast<std::size_t>(from_index)] = true;
    linked_[static_cast<std::size_t>(to_index)] = true;
    graph_.links.push_back(std::move(link));
  }

  void CheckVariables() {
    std::vector<std::string> declared_names;
    for (std::size_t i = 0; i < declared_count_; ++i) {
      declared_names.push_back(graph_.variables[i].name);
      if (!linked_[i]) {
        diagnostics_.Warning(graph_.variables[i].location, "variable '" + graph_.variables[i].name +
                                                               "' is not linked to anything");
      }
    }
    if (declared_names.empty()) return;
    // An implied name close to a declared one is most likely a typo that
    // silently splits one variable in two (and breaks its loops).
    for (std::size_t i = declared_count_; i < graph_.variables.size(); ++i) {
      std::string hint = DidYouMean(graph_.variables[i].name, declared_names);
      if (!hint.empty()) {
        diagnostics_.Warning(graph_.variables[i].location,
                             "'" + graph_.variables[i].name + "' is not a declared variable", hint);
      }
    }
  }

  void AddDeclaredLoops(const std::vector<CldLoopText>& loops) {
    std::map<std::string, Location> first_id;
    std::vector<std::string> variable_names;
    for (const CausalVariable& variable : graph_.variables) variable_names.push_back(variable.name);
    for (std::size_t i = 0; i < loops.size(); ++i) {
      const CldLoopText& text = loops[i];
      DeclaredLoop loop;
      loop.id = std::string(Trim(text.id));
      if (loop.id.empty()) loop.id = "loop " + std::to_string(i + 1);
      loop.name = text.name;
      loop.location = text.location;
      loop.id_location = text.id_location.known() ? text.id_location : text.location;
      loop.type_location = text.type_location.known() ? text.type_location : text.location;
      auto [existing, inserted] = first_id.emplace(NormalizeName(loop.id), loop.id_location);
      if (!inserted) {
        diagnostics_.Error(loop.id_location, "duplicate loop id '" + loop.id + "'",
                           FirstAt(existing->second));
      }
      loop.label_text = text.type;
      if (Trim(text.type).empty()) {
        diagnostics_.Error(loop.type_location, "loop '" + loop.id + "' has no type",
                           "write 'type: reinforcing' or 'type: balancing'");
      } else {
        loop.label = ParseLoopType(text.type);
        if (!loop.label) {
          std::string hint = DidYouMean(text.type, {"reinforcing", "balancing"});
          diagnostics_.Error(loop.type_location, "unknown loop type '" + text.type + "'",
                             hint.empty() ? "use reinforcing, balancing, R or B" : hint);
        }
      }
      if (text.path.empty()) {
        diagnostics_.Error(loop.location, "loop '" + loop.id + "' has an empty path");
      }
      for (const auto& [name, location] : text.path) {
        DeclaredLoop::Step step{std::string(Trim(name)), Find(name),
                                location.known() ? location : text.location};
        if (step.variable < 0) {
          diagnostics_.Error(step.location,
                             "loop '" + loop.id + "' names '" + step.name +
                                 "', which is not a variable of the diagram",
                             DidYouMean(step.name, variable_names));
        }
        loop.path.push_back(std::move(step));
      }
      graph_.declared_loops.push_back(std::move(loop));
    }
  }

  CausalGraph Take() { return std::move(graph_); }

 private:
  int Find(std::string_view name) const {
    auto found = by_name_.find(NormalizeName(name));
    return found == by_name_.end() ? -1 : found->second;
  }

  int VariableFor(const std::string& name, Location location) {
    int index = Find(name);
    if (index >= 0) return index;
    CausalVariable implied;
    implied.name = std::string(Trim(name));
    implied.normalized = NormalizeName(implied.name);
    implied.location = location;
    by_name_.emplace(implied.normalized, static_cast<int>(graph_.variables.size()));
    graph_.variables.push_back(std::move(implied));
    linked_.push_back(false);
    return static_cast<int>(graph_.variables.size() - 1);
  }

  std::optional<LinkPolarity> ReadPolarity(const std::string& text, Location location,
                                           const std::string& shown) {
    if (Trim(text).empty()) {
      diagnostics_.Error(location, "link '" + shown + "' has no polarity",
                         "write '+' or '-', or '?' when unknown");
      return std::nullopt;
    }
    std::optional<LinkPolarity> polarity = ParseLinkPolarity(text);
    if (!polarity) {
      std::string hint = DidYouMean(text, {"positive", "negative", "unknown"});
      diagnostics_.Error(
          location, "unknown polarity '" + text + "' on link '" + shown + "'",
          hint.empty() ? "use + or - (also positive/negative, s/o), or ? when unknown" : hint);
    }
    return polarity;
  }

  Diagnostics& diagnostics_;
  const SourceFile* source_;
  CausalGraph graph_;
  std::size_t declared_count_ = 0;
  std::vector<bool> linked_;
  std::map<std::string, int> by_name_;
  std::map<std::tuple<int, int, LinkPolarity>, Location> first_link_;
};

}  // namespace

CausalGraph BuildCausalGraph(const CausalLoopDiagram& diagram, Diagnostics& diagnostics,
                             const SourceFile* source) {
  GraphBuilder builder(diagnostics, source);
  builder.AddDeclaredVariables(diagram.variables);
  for (const CldLinkText& link : diagram.links) builder.AddLink(link);
  builder.CheckVariables();
  builder.AddDeclaredLoops(diagram.loops);
  return builder.Take();
}

}  // namespace sdlab
