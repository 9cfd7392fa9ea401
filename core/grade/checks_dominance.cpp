// EvaluateDominanceCheck: the loops through the check's concepts, and the
// share of the window's saved times in which one of them is among the
// dominant loops.

#include "core/grade/checks_dominance.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/loops/loop_finder.h"
#include "core/names.h"

namespace sdlab {

namespace {

constexpr double kDefaultDominatesShare = 0.5;
constexpr double kDefaultNotDominantShare = 0.1;

std::string Percent(double share) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f%%", share * 100);
  return text;
}

// The model element a concept is bound to, by normalised name: the stock
// itself for the overflow series of a capped stock (its implicit outflow).
// The element itself in `*bound` when asked for.
bool BoundName(CheckContext& context, const std::string& concept_id, std::string* name,
               std::string* why, const NamedElement** bound = nullptr) {
  const NamedElement* element = context.ModelElement(concept_id, why);
  if (element == nullptr) return false;
  if (bound != nullptr) *bound = element;
  std::string written = element->name;
  const std::string suffix = " overflow";
  if (element->overflow_series && written.size() > suffix.size()) {
    written.erase(written.size() - suffix.size());
  }
  *name = NormalizeName(written);
  return true;
}

// The loops of `result` through every name of `all` and one of `any`.
std::vector<int> MatchingLoops(const DominanceResult& result, const std::vector<std::string>& all,
                               const std::vector<std::string>& any) {
  std::vector<int> matching;
  const CausalGraph& graph = result.model_graph.graph;
  for (std::size_t i = 0; i < result.loops.size(); ++i) {
    std::vector<std::string> names;
    for (int v : LoopVariables(graph, result.loops[i].loop)) {
      names.push_back(graph.variables[static_cast<std::size_t>(v)].normalized);
    }
    auto has = [&](const std::string& name) {
      return std::find(names.begin(), names.end(), name) != names.end();
    };
    if (!std::all_of(all.begin(), all.end(), has)) continue;
    if (!any.empty() && !std::any_of(any.begin(), any.end(), has)) continue;
    matching.push_back(static_cast<int>(i));
  }
  return matching;
}

std::string LoopList(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += (i == 0 ? "" : (i + 1 == names.size() ? " and " : ", ")) + ("'" + names[i] + "'");
  }
  return text;
}

}  // namespace

CheckOutcome EvaluateDominanceCheck(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const DominanceParams& p = check.dominance;
  outcome.location = context.submission().stock_flow.location;
  const bool dominates = p.expect == DominanceParams::Expect::kDominates;

  std::vector<std::string> all, any, written;
  std::string why, focus;
  for (const auto& [concepts, out] :
       {std::pair{&p.through, &all}, std::pair{&p.through_any, &any}}) {
    for (const std::string& concept_id : *concepts) {
      std::string name;
      const NamedElement* element = nullptr;
      if (!BoundName(context, concept_id, &name, &why, &element)) {
        outcome.message = why;
        return outcome;
      }
      out->push_back(name);
      if (concepts == &p.through || written.empty()) written.push_back(element->name);
    }
  }
  if (!p.variable.empty()) {
    const NamedElement* element = context.ModelElement(p.variable, &why);
    if (element == nullptr) {
      outcome.message = why;
      return outcome;
    }
    focus = element->name;
  }

  // A loop the model as written does not have cannot pass either way: a
  // check that it no longer dominates must not pass for lack of the loop.
  const ScenarioDominance& base = context.Dominance("", focus);
  if (!base.ok) {
    outcome.message = "cannot tell which loop drives the behaviour: " + base.error;
    return outcome;
  }
  if (MatchingLoops(base.result, all, any).empty()) {
    outcome.message = "your model has no feedback loop through " + LoopList(written);
    return outcome;
  }
  const ScenarioDominance& run = context.Dominance(p.scenario, focus);
  if (!run.ok) {
    outcome.message = "cannot tell which loop drives the behaviour: " + run.error;
    return outcome;
  }
  const DominanceResult& result = run.result;
  std::string where = p.scenario.empty() ? "in your model" : "in scenario '" + p.scenario + "'";
  if (!p.scenario.empty()) {
    outcome.details = where;
    for (const std::string& change : run.changes) {
      outcome.details += (outcome.details.back() == '\'' ? ": " : ", ") + change;
    }
  }
  const std::vector<int> matching = MatchingLoops(result, all, any);

  // The window's saved times, and those at which a matching loop is among
  // the dominant loops.
  const double start = p.window.start.value_or(result.times.empty() ? 0 : result.times.front());
  const double end = p.window.end.value_or(result.times.empty() ? 0 : result.times.back());
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < result.times.size(); ++r) {
    if (result.times[r] >= start && result.times[r] <= end) rows.push_back(r);
  }
  if (rows.empty()) {
    outcome.message = "the run does not reach the time window the lab looks at (" +
                      FormatCheckValue(start) + " to " + FormatCheckValue(end) + ")";
    return outcome;
  }
  std::vector<bool> dominated(result.times.size(), false);
  std::vector<std::string> phase_notes;
  for (const DominancePhase& phase : result.phases) {
    bool ours = std::any_of(phase.loops.begin(), phase.loops.end(), [&](int loop) {
      return std::find(matching.begin(), matching.end(), loop) != matching.end();
    });
    if (phase.end < start || phase.start > end) continue;
    if (ours) {
      for (std::size_t r : rows) {
        if (result.times[r] >= phase.start && result.times[r] <= phase.end) dominated[r] = true;
      }
    }
    if (ours && phase_notes.size() < 6) {
      std::string ids;
      for (int loop : phase.loops)
        ids += (ids.empty() ? "" : "+") + result.loops[static_cast<std::size_t>(loop)].id;
      phase_notes.push_back(FormatCheckValue(std::max(start, phase.start)) + " to " +
                            FormatCheckValue(std::min(end, phase.end)) + ": " + ids + " dominant");
    }
  }
  std::size_t count = 0;
  for (std::size_t r : rows) count += dominated[r] ? 1 : 0;
  const double share = static_cast<double>(count) / static_cast<double>(rows.size());
  const double needed =
      p.share.value_or(dominates ? kDefaultDominatesShare : kDefaultNotDominantShare);
  const bool passed = dominates ? share >= needed : share < needed;
  outcome.fraction = passed ? 1 : 0;

  // The matching loop that matters most in the window, for the evidence.
  int strongest = -1;
  double best = -1;
  for (int loop : matching) {
    double sum = 0;
    for (std::size_t r : rows) {
      sum += std::fabs(result.loops[static_cast<std::size_t>(loop)].relative[r]);
    }
    if (sum > best) {
      best = sum;
      strongest = loop;
    }
  }
  const std::string window = FormatCheckValue(start) + " to " + FormatCheckValue(end);
  if (strongest < 0) {
    outcome.message = where + " there is no loop through " + LoopList(written) +
                      " any more, so it does not drive the behaviour from " + window;
  } else {
    const DominanceLoop& loop = result.loops[static_cast<std::size_t>(strongest)];
    const CausalGraph& graph = result.model_graph.graph;
    for (int v : LoopVariables(graph, loop.loop)) {
      outcome.evidence.loop_path.push_back(graph.variables[static_cast<std::size_t>(v)].name);
    }
    outcome.evidence.loop_polarity = LoopPolarityName(loop.loop.polarity);
    std::string share_text = Percent(share) + " of the time from " + window;
    std::string wanted = dominates ? "at least " + Percent(needed) : "less than " + Percent(needed);
    outcome.message = where + ", the loop through " + LoopList(written) + " drives the behaviour " +
                      share_text + " (" + wanted + " is " + (passed ? "expected)" : "needed)");
    SeriesEvidence series;
    series.label = "relative score of " + loop.id + " (" + LoopPolarityName(loop.loop.polarity) +
                   ")" + (p.scenario.empty() ? "" : " (" + p.scenario + ")");
    series.scenario = p.scenario;
    series.time_units = context.submission().stock_flow.sim.time_units;
    DownsampleSeries(result.times, loop.relative, SeriesEvidence::kMaxEvidencePoints, &series.times,
                     &series.values);
    series.window_start = p.window.start;
    series.window_end = p.window.end;
    series.thresholds = {0.5, -0.5};
    outcome.evidence.series.push_back(std::move(series));
  }
  outcome.evidence.measurements.push_back({"share of the window it dominates", share, ""});
  outcome.evidence.notes = phase_notes;
  outcome.evidence.notes.push_back("loop scores: Loops That Matter, " + result.method_text +
                                   " (`sdlab loops FILE --dominance` lists the loops and phases)");
  return outcome;
}

}  // namespace sdlab
