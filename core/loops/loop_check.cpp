#include "core/loops/loop_check.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "core/names.h"

namespace sdlab {

namespace {

// A declaration whose path crosses parallel links names several loops; the
// choice among them is bounded so a path over many parallel links stays cheap.
constexpr std::size_t kMaxLinkCombinations = 256;

const std::string& NameOf(const CausalGraph& graph, int variable) {
  return graph.variables[static_cast<std::size_t>(variable)].name;
}

std::string Arrow(const CausalGraph& graph, int from, int to) {
  return NameOf(graph, from) + " -> " + NameOf(graph, to);
}

std::string ListOf(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) text += (i > 0 ? ", " : "") + items[i];
  return text;
}

std::string PathList(const CausalGraph& graph, const std::vector<int>& variables) {
  std::vector<std::string> names;
  for (int variable : variables) names.push_back(NameOf(graph, variable));
  return "[" + ListOf(names) + "]";
}

std::string LocationText(Location location) {
  return std::to_string(location.line) + ":" + std::to_string(location.column);
}

// Rotates a loop's links so the first leaves the variable with the smallest
// normalised name, as the finder reports loops.
std::vector<int> CanonicalRotation(const CausalGraph& graph, std::vector<int> links) {
  auto smallest = std::min_element(links.begin(), links.end(), [&](int a, int b) {
    return graph.variables[static_cast<std::size_t>(graph.links[static_cast<std::size_t>(a)].from)]
               .normalized <
           graph.variables[static_cast<std::size_t>(graph.links[static_cast<std::size_t>(b)].from)]
               .normalized;
  });
  std::rotate(links.begin(), smallest, links.end());
  return links;
}

Loop MakeLoop(const CausalGraph& graph, std::vector<int> links) {
  Loop loop;
  loop.links = CanonicalRotation(graph, std::move(links));
  loop.polarity = PolarityOfLinks(graph, loop.links, &loop.negative_links, &loop.unknown_links);
  return loop;
}

// "a rise in Load comes back around the loop as a further rise in Load".
std::string RiseSentence(const std::string& start, LoopPolarity polarity) {
  if (polarity == LoopPolarity::kReinforcing) {
    return "a rise in " + start + " comes back around the loop as a further rise in " + start;
  }
  return "a rise in " + start + " comes back around the loop as a fall in " + start;
}

class Checker {
 public:
  Checker(const CausalGraph& graph, const LoopSearchResult& found, Diagnostics& diagnostics)
      : graph_(graph), found_(found), diagnostics_(diagnostics) {
    for (std::size_t i = 0; i < graph.links.size(); ++i) {
      const CausalLink& link = graph.links[i];
      links_between_[{link.from, link.to}].push_back(static_cast<int>(i));
    }
  }

  LoopCheckResult Run() {
    const std::vector<DeclaredLoop>& declarations = graph_.declared_loops;
    std::vector<LoopFinding> declared_findings(declarations.size());
    for (std::size_t i = 0; i < declarations.size(); ++i) {
      declared_findings[i] = CheckDeclaration(static_cast<int>(i));
    }
    LoopCheckResult result;
    std::set<std::string> used_ids;
    for (const DeclaredLoop& declaration : declarations)
      used_ids.insert(NormalizeName(declaration.id));
    std::vector<bool> placed(declarations.size(), false);
    int next_number = 1;
    std::vector<std::string> unlabelled_ids;
    for (const Loop& loop : found_.loops) {
      auto claim = claimed_.find(loop.links);
      if (claim != claimed_.end()) {
        placed[static_cast<std::size_t>(claim->second)] = true;
        result.findings.push_back(declared_findings[static_cast<std::size_t>(claim->second)]);
        continue;
      }
      LoopFinding finding;
      do {
        finding.id = "L" + std::to_string(next_number++);
      } while (used_ids.count(NormalizeName(finding.id)) > 0);
      finding.loop = loop;
      finding.verdict = LabelVerdict::kUnlabelled;
      finding.explanation = ExplainPolarity(graph_, loop);
      unlabelled_ids.push_back(finding.id);
      result.findings.push_back(std::move(finding));
    }
    // Declared loops the capped search did not reach, then the rest.
    for (int pass = 0; pass < 2; ++pass) {
      for (std::size_t i = 0; i < declarations.size(); ++i) {
        if (placed[i]) continue;
        bool is_loop = !declared_findings[i].loop.links.empty() &&
                       declared_findings[i].verdict != LabelVerdict::kDuplicate;
        if ((pass == 0) != is_loop) continue;
        placed[i] = true;
        result.findings.push_back(declared_findings[i]);
      }
    }
    for (const LoopFinding& finding : result.findings) Count(finding.verdict, &result);
    if (!declarations.empty() && !unlabelled_ids.empty()) {
      const std::size_t shown = std::min<std::size_t>(unlabelled_ids.size(), 10);
      std::vector<std::string> ids(unlabelled_ids.begin(), unlabelled_ids.begin() + shown);
      std::string list = ListOf(ids) + (shown < unlabelled_ids.size() ? ", ..." : "");
      diagnostics_.Note(Location{}, std::to_string(unlabelled_ids.size()) +
                                        (unlabelled_ids.size() == 1 ? " loop of the diagram is"
                                                                    : " loops of the diagram are") +
                                        " not declared under 'loops': " + list);
    }
    return result;
  }

 private:
  static void Count(LabelVerdict verdict, LoopCheckResult* result) {
    switch (verdict) {
      case LabelVerdict::kCorrect:
        ++result->correct;
        break;
      case LabelVerdict::kMislabelled:
        ++result->mislabelled;
        break;
      case LabelVerdict::kUndetermined:
        ++result->undetermined;
        break;
      case LabelVerdict::kNotALoop:
        ++result->not_a_loop;
        break;
      case LabelVerdict::kDuplicate:
        ++result->duplicates;
        break;
      case LabelVerdict::kUnlabelled:
        ++result->unlabelled;
        break;
      case LabelVerdict::kNoLabel:
        break;
    }
  }

  const std::vector<int>* LinksBetween(int from, int to) const {
    auto found = links_between_.find({from, to});
    return found == links_between_.end() ? nullptr : &found->second;
  }

  // The (from, to) steps of a closed path that have no link.
  std::vector<std::pair<int, int>> MissingSteps(const std::vector<int>& path) const {
    std::vector<std::pair<int, int>> missing;
    for (std::size_t i = 0; i < path.size(); ++i) {
      int from = path[i], to = path[(i + 1) % path.size()];
      if (LinksBetween(from, to) == nullptr) missing.emplace_back(from, to);
    }
    return missing;
  }

  LoopFinding NotALoop(LoopFinding finding, const std::string& why, const std::string& hint,
                       Location location) {
    finding.verdict = LabelVerdict::kNotALoop;
    finding.explanation = why;
    diagnostics_.Warning(location, "loop '" + finding.id + "' is not a loop of the diagram: " + why,
                         hint);
    return finding;
  }

  LoopFinding CheckDeclaration(int index) {
    const DeclaredLoop& declaration = graph_.declared_loops[static_cast<std::size_t>(index)];
    LoopFinding finding;
    finding.id = declaration.id;
    finding.declaration = index;
    finding.verdict = LabelVerdict::kNotALoop;
    std::vector<int> path;
    for (const DeclaredLoop::Step& step : declaration.path) {
      if (step.variable < 0) {
        // BuildCausalGraph reported the unknown name as an error already.
        finding.explanation = "'" + step.name + "' is not a variable of the diagram";
        return finding;
      }
      path.push_back(step.variable);
    }
    // [A, B, A] closes the loop explicitly: the same as [A, B].
    if (path.size() > 2 && path.front() == path.back()) path.pop_back();
    if (path.size() < 2) {
      if (path.empty()) return finding;  // reported by BuildCausalGraph
      return NotALoop(std::move(finding), "a loop needs at least two variables", "",
                      declaration.location);
    }
    for (std::size_t i = 0; i < path.size(); ++i) {
      for (std::size_t j = i + 1; j < path.size(); ++j) {
        if (path[i] != path[j]) continue;
        std::vector<int> inner(path.begin() + static_cast<long>(i),
                               path.begin() + static_cast<long>(j));
        std::string hint = inner.size() >= 2 && MissingSteps(inner).empty()
                               ? "did you mean " + PathList(graph_, inner) + "?"
                               : "";
        return NotALoop(std::move(finding),
                        "its path visits '" + NameOf(graph_, path[i]) +
                            "' twice; a loop passes through each variable once",
                        hint, declaration.location);
      }
    }
    finding.missing_links = MissingSteps(path);
    if (!finding.missing_links.empty()) {
      std::vector<std::string> arrows;
      for (const auto& [from, to] : finding.missing_links)
        arrows.push_back(Arrow(graph_, from, to));
      std::vector<int> reversed(path.rbegin(), path.rend());
      std::string hint =
          MissingSteps(reversed).empty()
              ? "its path runs against the links; the loop is " + PathList(graph_, reversed)
              : "";
      return NotALoop(
          std::move(finding),
          (arrows.size() == 1 ? "there is no link " : "there are no links ") + ListOf(arrows), hint,
          declaration.location);
    }
    return Judge(std::move(finding), declaration, path);
  }

  // The path is a cycle of links: pick the loop it names (among parallel
  // links: an unclaimed one, preferring the labelled polarity) and judge
  // the label.
  LoopFinding Judge(LoopFinding finding, const DeclaredLoop& declaration,
                    const std::vector<int>& path) {
    std::vector<const std::vector<int>*> steps;
    for (std::size_t i = 0; i < path.size(); ++i) {
      steps.push_back(LinksBetween(path[i], path[(i + 1) % path.size()]));
    }
    std::vector<std::size_t> choice(path.size(), 0);
    std::optional<Loop> first_free, labelled_free;
    int first_claimer = -1;
    for (std::size_t combination = 0; combination < kMaxLinkCombinations; ++combination) {
      std::vector<int> links;
      for (std::size_t i = 0; i < path.size(); ++i) links.push_back((*steps[i])[choice[i]]);
      Loop loop = MakeLoop(graph_, std::move(links));
      auto claim = claimed_.find(loop.links);
      if (claim != claimed_.end()) {
        if (first_claimer < 0) first_claimer = claim->second;
      } else {
        if (!first_free) first_free = loop;
        if (!labelled_free && declaration.label && loop.polarity == *declaration.label) {
          labelled_free = loop;
        }
      }
      std::size_t step = path.size();
      while (step > 0 && ++choice[step - 1] == steps[step - 1]->size()) choice[--step] = 0;
      if (step == 0) break;
    }
    if (!first_free) {
      const DeclaredLoop& first = graph_.declared_loops[static_cast<std::size_t>(first_claimer)];
      finding.verdict = LabelVerdict::kDuplicate;
      finding.duplicate_of = first_claimer;
      finding.explanation = "the same loop as " + first.id;
      diagnostics_.Warning(
          declaration.location, "loop '" + finding.id + "' is the same loop as '" + first.id + "'",
          first.location.known() ? "declared at " + LocationText(first.location) : "");
      return finding;
    }
    finding.loop = labelled_free ? *labelled_free : *first_free;
    claimed_[finding.loop.links] = finding.declaration;
    const std::string because = ExplainPolarity(graph_, finding.loop);
    if (!declaration.label) {
      finding.verdict = LabelVerdict::kNoLabel;
      finding.explanation = because;
    } else if (finding.loop.polarity == LoopPolarity::kUndetermined) {
      finding.verdict = LabelVerdict::kUndetermined;
      finding.explanation = because;
      diagnostics_.Warning(declaration.type_location,
                           "the type of loop '" + finding.id + "' cannot be checked", because);
    } else if (finding.loop.polarity == *declaration.label) {
      finding.verdict = LabelVerdict::kCorrect;
      finding.explanation = because;
    } else {
      finding.verdict = LabelVerdict::kMislabelled;
      const std::string why =
          because + "; " + RiseSentence(NameOf(graph_, path[0]), finding.loop.polarity);
      finding.explanation = std::string("labelled ") + LoopPolarityName(*declaration.label) +
                            ", but it is " + LoopPolarityName(finding.loop.polarity) + ": " + why;
      diagnostics_.Warning(declaration.type_location,
                           "loop '" + finding.id + "' is labelled " +
                               LoopPolarityName(*declaration.label) + ", but it is " +
                               LoopPolarityName(finding.loop.polarity),
                           why);
    }
    return finding;
  }

  const CausalGraph& graph_;
  const LoopSearchResult& found_;
  Diagnostics& diagnostics_;
  std::map<std::pair<int, int>, std::vector<int>> links_between_;
  // Canonical link sequence -> the declaration that names that loop.
  std::map<std::vector<int>, int> claimed_;
};

}  // namespace

const char* LabelVerdictName(LabelVerdict verdict) {
  switch (verdict) {
    case LabelVerdict::kCorrect:
      return "correct";
    case LabelVerdict::kMislabelled:
      return "mislabelled";
    case LabelVerdict::kUndetermined:
      return "undetermined";
    case LabelVerdict::kNoLabel:
      return "no label";
    case LabelVerdict::kNotALoop:
      return "not a loop";
    case LabelVerdict::kDuplicate:
      return "duplicate";
    case LabelVerdict::kUnlabelled:
      break;
  }
  return "unlabelled";
}

std::string ExplainPolarity(const CausalGraph& graph, const Loop& loop) {
  std::vector<std::string> negative, unknown;
  for (int index : loop.links) {
    const CausalLink& link = graph.links[static_cast<std::size_t>(index)];
    if (link.polarity == LinkPolarity::kNegative)
      negative.push_back(Arrow(graph, link.from, link.to));
    if (link.polarity == LinkPolarity::kUnknown)
      unknown.push_back(Arrow(graph, link.from, link.to));
  }
  if (!unknown.empty()) {
    return std::to_string(unknown.size()) +
           (unknown.size() == 1 ? " link of unknown polarity (" : " links of unknown polarity (") +
           ListOf(unknown) + "): the loop's type cannot be decided until every link has a sign";
  }
  std::string text = std::to_string(negative.size()) +
                     (negative.size() == 1 ? " negative link" : " negative links");
  if (!negative.empty()) text += " (" + ListOf(negative) + ")";
  if (negative.size() % 2 == 0) {
    return text + ": an even number of negative links makes a loop reinforcing";
  }
  return text + ": an odd number of negative links makes a loop balancing";
}

LoopCheckResult CheckDeclaredLoops(const CausalGraph& graph, const LoopSearchResult& found,
                                   Diagnostics& diagnostics) {
  return Checker(graph, found, diagnostics).Run();
}

}  // namespace sdlab
