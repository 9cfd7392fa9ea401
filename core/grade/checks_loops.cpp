// Causal-loop checks on the student's diagram: a loop through concepts with a
// polarity (or a label that must match), a link's sign, the declared loops'
// labels, and how many loops there are.

#include "core/grade/checks_loops.h"

#include <algorithm>
#include <optional>

#include "core/grade/check_context.h"

namespace sdlab {

namespace {

const char* PolarityWord(LoopPolarity polarity) { return LoopPolarityName(polarity); }

std::vector<std::string> PathNames(const CausalGraph& graph, const Loop& loop) {
  std::vector<std::string> names;
  for (int variable : LoopVariables(graph, loop)) names.push_back(graph.variables[variable].name);
  return names;
}

// The finding for a loop (matched by its links), or nullptr.
const LoopFinding* FindingFor(const LoopCheckResult& check, const Loop& loop) {
  for (const LoopFinding& finding : check.findings) {
    if (finding.loop.links == loop.links && finding.verdict != LabelVerdict::kDuplicate) {
      return &finding;
    }
  }
  return nullptr;
}

struct Candidate {
  double score = 0;
  std::string message;
  Location location;
  const Loop* loop = nullptr;
};

CheckOutcome LoopThrough(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const CausalGraph& graph = *context.graph();
  const LoopParams& params = check.loop;
  std::vector<int> required;
  std::vector<std::string> names;
  for (const std::string& concept_id : params.through) {
    std::string why;
    const int variable = context.DiagramVariable(concept_id, &why);
    if (variable < 0) {
      outcome.message = why;
      outcome.location = context.submission().causal_loop.location;
      return outcome;
    }
    required.push_back(variable);
    names.push_back("'" + graph.variables[variable].name + "'");
  }
  // `through_any`: at least one of them on the loop; the unbound ones are
  // left out, and the check needs one bound.
  std::vector<int> any_of;
  std::vector<std::string> any_names;
  std::string first_why;
  for (const std::string& concept_id : params.through_any) {
    std::string why;
    const int variable = context.DiagramVariable(concept_id, &why);
    if (variable < 0) {
      if (first_why.empty()) first_why = why;
      continue;
    }
    if (std::find(any_of.begin(), any_of.end(), variable) != any_of.end()) continue;
    any_of.push_back(variable);
    any_names.push_back("'" + graph.variables[variable].name + "'");
  }
  if (!params.through_any.empty() && any_of.empty()) {
    outcome.message = first_why;
    outcome.location = context.submission().causal_loop.location;
    return outcome;
  }
  std::string through;
  for (std::size_t i = 0; i < names.size(); ++i) {
    through += (i > 0 ? (i + 1 == names.size() ? " and " : ", ") : "") + names[i];
  }
  if (!any_names.empty()) {
    std::string one_of;
    for (std::size_t i = 0; i < any_names.size(); ++i) {
      one_of += (i > 0 ? (i + 1 == any_names.size() ? " or " : ", ") : "") + any_names[i];
    }
    through += (through.empty() ? "" : " and ") + one_of;
  }

  const LoopCheckResult& findings = context.loop_check();
  std::vector<Candidate> candidates;
  for (const Loop& loop : context.loops().loops) {
    const std::vector<int> on_loop = LoopVariables(graph, loop);
    auto on = [&](int variable) {
      return std::find(on_loop.begin(), on_loop.end(), variable) != on_loop.end();
    };
    if (!std::all_of(required.begin(), required.end(), on)) continue;
    if (!any_of.empty() && std::none_of(any_of.begin(), any_of.end(), on)) continue;
    Candidate candidate;
    candidate.loop = &loop;
    const LoopFinding* finding = FindingFor(findings, loop);
    const bool declared = finding != nullptr && finding->declaration >= 0;
    const DeclaredLoop* declaration =
        declared ? &graph.declared_loops[finding->declaration] : nullptr;
    candidate.location =
        declaration != nullptr ? declaration->location : graph.links[loop.links.front()].location;
    const std::string computed = PolarityWord(loop.polarity);
    const std::string which = declared ? "your loop '" + finding->id + "'" : "the loop";
    if (loop.polarity == LoopPolarity::kUndetermined) {
      candidate.message = which + " through " + through +
                          " has a link of unknown polarity, so its type cannot be decided";
      candidates.push_back(candidate);
      continue;
    }
    const bool polarity_ok = (params.polarity != LoopPolarityRule::kReinforcing ||
                              loop.polarity == LoopPolarity::kReinforcing) &&
                             (params.polarity != LoopPolarityRule::kBalancing ||
                              loop.polarity == LoopPolarity::kBalancing);
    if (!polarity_ok) {
      candidate.message =
          which + " through " + through + " is " + computed + " (" + ExplainPolarity(graph, loop) +
          "); is that what this loop does in the system? Check the sign of each of its links";
      candidates.push_back(candidate);
      continue;
    }
    const bool label_needed = params.declared || params.polarity == LoopPolarityRule::kLabelMatches;
    if (!label_needed) {
      candidate.score = 1;
      candidate.message = "found a " + computed + " loop through " + through;
    } else if (!declared) {
      candidate.score = params.undeclared_credit;
      candidate.message = "the diagram has a " + computed + " loop through " + through +
                          ", but it is not declared under `loops:` with its type";
    } else if (finding->verdict == LabelVerdict::kCorrect) {
      candidate.score = 1;
      candidate.message = which + " is " + computed + ", as labelled";
    } else if (finding->verdict == LabelVerdict::kMislabelled) {
      candidate.score =
          params.polarity == LoopPolarityRule::kLabelMatches ? 0 : params.undeclared_credit;
      candidate.message = which + " is labelled " + declaration->label_text + " but it is " +
                          computed + ": " + finding->explanation;
    } else {
      candidate.score = params.undeclared_credit;
      candidate.message =
          which + " is " + computed + " but has no readable type (reinforcing or balancing)";
    }
    if (params.delayed && candidate.score > 0) {
      const auto delayed = std::find_if(loop.links.begin(), loop.links.end(),
                                        [&](int link) { return graph.links[link].delay; });
      if (delayed == loop.links.end()) {
        candidate.score = 0;
        candidate.message = which + " through " + through +
                            " has no link marked as a delay (`delay: true`); which of its links "
                            "takes time to act?";
      } else {
        const CausalLink& link = graph.links[*delayed];
        candidate.message += ", with a delay on the link from '" + graph.variables[link.from].name +
                             "' to '" + graph.variables[link.to].name + "'";
      }
    }
    candidates.push_back(candidate);
  }
  if (candidates.empty()) {
    outcome.location = context.submission().causal_loop.location;
    outcome.message = "no loop in the diagram goes through " + through;
    // A declared path that would have been that loop tells the student what is missing.
    for (const LoopFinding& finding : findings.findings) {
      if (finding.verdict != LabelVerdict::kNotALoop || finding.declaration < 0) continue;
      const DeclaredLoop& declaration = graph.declared_loops[finding.declaration];
      auto declared_on = [&](int variable) {
        return std::any_of(
            declaration.path.begin(), declaration.path.end(),
            [&](const DeclaredLoop::Step& step) { return step.variable == variable; });
      };
      const bool covers =
          std::all_of(required.begin(), required.end(), declared_on) &&
          (any_of.empty() || std::any_of(any_of.begin(), any_of.end(), declared_on));
      if (covers) {
        outcome.location = declaration.location;
        outcome.details = "your loop '" + finding.id + "': " + finding.explanation;
        break;
      }
    }
    if (!context.loops().complete)
      outcome.details += (outcome.details.empty() ? "" : "\n") + LoopCapMessage(context.loops());
    return outcome;
  }
  const Candidate* best = &candidates.front();
  for (const Candidate& candidate : candidates) {
    if (candidate.score > best->score) best = &candidate;
  }
  outcome.fraction = best->score;
  outcome.message = best->message;
  outcome.location = best->location;
  outcome.evidence.loop_path = PathNames(graph, *best->loop);
  if (best->loop->polarity != LoopPolarity::kUndetermined) {
    outcome.evidence.loop_polarity = PolarityWord(best->loop->polarity);
  }
  outcome.details = LoopPathText(graph, *best->loop);
  return outcome;
}

// Every simple path of at most `max_links` links from `from` to `to`, as
// link indices.
void Paths(const CausalGraph& graph, int from, int to, int max_links, std::vector<int>* path,
           std::vector<bool>* visited, std::vector<std::vector<int>>* paths) {
  if (paths->size() >= 100) return;  // enough to judge; a dense diagram cannot run away
  for (std::size_t link = 0; link < graph.links.size(); ++link) {
    const CausalLink& edge = graph.links[link];
    if (edge.from != from || (*visited)[edge.to]) continue;
    path->push_back(static_cast<int>(link));
    if (edge.to == to) {
      paths->push_back(*path);
    } else if (static_cast<int>(path->size()) < max_links) {
      (*visited)[edge.to] = true;
      Paths(graph, edge.to, to, max_links, path, visited, paths);
      (*visited)[edge.to] = false;
    }
    path->pop_back();
  }
}

int SignOf(const CausalGraph& graph, const std::vector<int>& links) {
  int sign = 1;
  for (int link : links) {
    if (graph.links[link].polarity == LinkPolarity::kUnknown) return 0;
    if (graph.links[link].polarity == LinkPolarity::kNegative) sign = -sign;
  }
  return sign;
}

std::string PathText(const CausalGraph& graph, const std::vector<int>& links) {
  std::string text;
  for (int link : links) text += (text.empty() ? "" : ", ") + graph.LinkText(link);
  return text;
}

CheckOutcome LinkSign(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const CausalGraph& graph = *context.graph();
  outcome.location = context.submission().causal_loop.location;
  std::string why;
  const int from = context.DiagramVariable(check.loop.from, &why);
  const int to = from < 0 ? -1 : context.DiagramVariable(check.loop.to, &why);
  if (from < 0 || to < 0) {
    outcome.message = why;
    return outcome;
  }
  const bool sign_private = check.loop.sign_private;
  const std::string wanted = sign_private ? "?" : check.loop.sign > 0 ? "+" : "-";
  const std::string arrow =
      "'" + graph.variables[from].name + "' -> '" + graph.variables[to].name + "'";
  std::vector<int> path;
  std::vector<bool> visited(graph.variables.size(), false);
  visited[from] = true;
  std::vector<std::vector<int>> paths;
  Paths(graph, from, to, std::max(1, check.loop.max_steps), &path, &visited, &paths);
  // A direct link decides alone; chains count only when there is none.
  std::vector<std::vector<int>> direct;
  for (const auto& candidate : paths) {
    if (candidate.size() == 1) direct.push_back(candidate);
  }
  if (!direct.empty()) paths = direct;
  LinkEvidence judged;
  judged.from = graph.variables[from].name;
  judged.to = graph.variables[to].name;
  judged.expected_polarity = wanted;
  if (paths.empty()) {
    outcome.evidence.links.push_back(judged);
    outcome.message = "there is no link " + arrow;
    for (std::size_t link = 0; link < graph.links.size(); ++link) {
      if (graph.links[link].from == to && graph.links[link].to == from) {
        outcome.location = graph.links[link].location;
        outcome.message += "; the diagram links them the other way (" +
                           graph.LinkText(static_cast<int>(link)) + ")";
        break;
      }
    }
    return outcome;
  }
  if (sign_private) {
    // The expected sign is in the private layer: say the link is there, and
    // nothing about which sign would be right.
    outcome.location = graph.links[paths.front().front()].location;
    outcome.status = CheckStatus::kNeedsReview;
    outcome.message = PathText(graph, paths.front()) + ": the link is there; your instructor " +
                      "checks its sign (" + FormatPoints(check.points) +
                      (check.points == 1 ? " point" : " points") +
                      ") with a key that the self-check does not have";
    return outcome;
  }
  int right = 0, wrong = 0;
  const std::vector<int>* example_wrong = nullptr;
  for (const auto& candidate : paths) {
    const int sign = SignOf(graph, candidate);
    if (sign == check.loop.sign) {
      ++right;
    } else {
      ++wrong;
      if (example_wrong == nullptr) example_wrong = &candidate;
    }
  }
  outcome.location = graph.links[paths.front().front()].location;
  if (wrong == 0) {
    outcome.fraction = 1;
    outcome.message = PathText(graph, paths.front()) +
                      (paths.front().size() > 1 ? ": the chain is " : ": ") +
                      (check.loop.sign > 0 ? "positive" : "negative");
    return outcome;
  }
  outcome.location = graph.links[example_wrong->front()].location;
  if (right == 0) {
    if (example_wrong->size() == 1) {  // a direct link with the other sign
      judged.present = true;
      outcome.evidence.links.push_back(judged);
    }
    const int sign = SignOf(graph, *example_wrong);
    outcome.message = PathText(graph, *example_wrong) + ": " +
                      (sign == 0 ? std::string("its polarity is unknown")
                                 : std::string("the effect of ") + arrow + " is " +
                                       (sign > 0 ? "positive" : "negative")) +
                      "; think again about which way " + "'" + graph.variables[to].name +
                      "' moves when '" + graph.variables[from].name + "' rises";
    return outcome;
  }
  outcome.status = CheckStatus::kNeedsReview;
  outcome.fraction = 0.5;
  outcome.message = "the chains from " + arrow + " disagree in sign (" +
                    PathText(graph, *example_wrong) + " is one); an instructor will review it";
  return outcome;
}

CheckOutcome Labels(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const CausalGraph& graph = *context.graph();
  outcome.location = context.submission().causal_loop.location;
  int declared = 0, correct = 0;
  for (const LoopFinding& finding : context.loop_check().findings) {
    if (finding.declaration < 0) continue;
    ++declared;
    if (finding.verdict == LabelVerdict::kCorrect) {
      ++correct;
      continue;
    }
    const DeclaredLoop& declaration = graph.declared_loops[finding.declaration];
    if (outcome.evidence.notes.empty()) outcome.location = declaration.location;
    outcome.evidence.notes.push_back("'" + finding.id + "' (" + LabelVerdictName(finding.verdict) +
                                     "): " + finding.explanation);
  }
  if (declared == 0) {
    outcome.message = "no loops are declared under `loops:`";
    return outcome;
  }
  outcome.fraction = correct == declared    ? 1.0
                     : check.partial_credit ? static_cast<double>(correct) / declared
                                            : 0.0;
  outcome.message = std::to_string(correct) + " of " + std::to_string(declared) +
                    (declared == 1 ? " declared loop is" : " declared loops are") +
                    " a loop of the diagram with the right type";
  return outcome;
}

CheckOutcome Count(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  outcome.location = context.submission().causal_loop.location;
  std::size_t count = 0;
  if (check.loop.source == LoopSource::kFound) {
    count = context.loops().counts.total;
  } else {
    for (const LoopFinding& finding : context.loop_check().findings) {
      if (finding.declaration < 0) continue;
      if (finding.verdict != LabelVerdict::kNotALoop &&
          finding.verdict != LabelVerdict::kDuplicate) {
        ++count;
      }
    }
  }
  const int have = static_cast<int>(count);
  outcome.evidence.measurements.push_back({"loops", static_cast<double>(have), ""});
  outcome.fraction = have >= check.loop.min ? 1.0
                     : check.partial_credit ? static_cast<double>(have) / check.loop.min
                                            : 0.0;
  const std::string kind = check.loop.source == LoopSource::kFound ? "" : "declared ";
  outcome.message =
      "the diagram has " + std::to_string(have) + " " + kind + (have == 1 ? "loop" : "loops") +
      (have >= check.loop.min ? ""
                              : "; the lab asks for at least " + std::to_string(check.loop.min));
  if (check.loop.source == LoopSource::kDeclared && have < check.loop.min &&
      context.loops().counts.total > count) {
    outcome.details = "the diagram has " + std::to_string(context.loops().counts.total) +
                      " loops in all; declare them under `loops:` with their type";
  }
  return outcome;
}

// `to:` may list concepts ("the database's load, latency or connections"):
// the first that passes decides, else the first bound.
CheckOutcome EvaluateLink(const CheckSpec& check, CheckContext& context) {
  if (check.loop.to_any.size() <= 1) return LinkSign(check, context);
  std::optional<CheckOutcome> first_bound;
  CheckOutcome first;
  for (std::size_t i = 0; i < check.loop.to_any.size(); ++i) {
    CheckSpec one = check;
    one.loop.to = check.loop.to_any[i];
    std::string why;
    const bool bound = context.DiagramVariable(one.loop.to, &why) >= 0;
    CheckOutcome outcome = LinkSign(one, context);
    if (outcome.fraction >= 1 && !outcome.status) return outcome;
    if (i == 0) first = outcome;
    if (bound && !first_bound) first_bound = std::move(outcome);
  }
  return first_bound ? *first_bound : first;
}

}  // namespace

CheckOutcome EvaluateLoopCheck(const CheckSpec& check, CheckContext& context) {
  if (context.graph() == nullptr) {
    CheckOutcome outcome;
    outcome.message = "the submission has no causal_loop section";
    return outcome;
  }
  switch (check.kind) {
    case CheckKind::kLoop:
      return LoopThrough(check, context);
    case CheckKind::kLink: {
      // `or:` gives other links that count as well (from another concept,
      // with its own sign): the first that passes decides, else the first
      // whose `from` is bound, the check's own first.
      if (check.loop.or_from.empty()) return EvaluateLink(check, context);
      CheckOutcome first = EvaluateLink(check, context);
      if (first.fraction >= 1 && !first.status) return first;
      std::string why;
      std::optional<CheckOutcome> first_bound;
      if (context.DiagramVariable(check.loop.from, &why) >= 0) first_bound = first;
      for (const auto& [from, sign] : check.loop.or_from) {
        CheckSpec other = check;
        other.loop.from = from;
        other.loop.sign = sign;
        other.loop.sign_private = false;
        other.loop.or_from.clear();
        CheckOutcome outcome = EvaluateLink(other, context);
        if (outcome.fraction >= 1 && !outcome.status) return outcome;
        if (!first_bound && context.DiagramVariable(from, &why) >= 0) first_bound = outcome;
      }
      return first_bound ? *first_bound : first;
    }
    case CheckKind::kLoopLabels:
      return Labels(check, context);
    case CheckKind::kLoopCount:
      return Count(check, context);
    default:
      break;
  }
  CheckOutcome outcome;
  outcome.status = CheckStatus::kError;
  outcome.message = "not a loop check";
  return outcome;
}

}  // namespace sdlab
