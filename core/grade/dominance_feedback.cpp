// DominanceFeedbackOf: the scenarios visible checks run, each analysed once
// (CheckContext::Dominance), its phases shortened to the main ones.

#include "core/grade/dominance_feedback.h"

#include <algorithm>

#include "core/loops/causal_graph.h"
#include "core/loops/loop_finder.h"

namespace sdlab {

namespace {

constexpr double kMainPhaseShare = 0.03;  // of the saved times looked at
constexpr std::size_t kMaxPhases = 6;
constexpr std::size_t kMaxCharts = 3;

// The scenarios of visible checks, in rubric order, after the model as written.
std::vector<std::string> VisibleScenarios(const Rubric& rubric) {
  std::vector<std::string> ids{""};
  for (const CheckSpec& check : rubric.checks) {
    if (check.visibility != Visibility::kVisible) continue;
    for (const std::string* id : {&check.scenario, &check.behaviour.scenario,
                                  &check.what_if.scenario, &check.dominance.scenario}) {
      if (!id->empty() && std::find(ids.begin(), ids.end(), *id) == ids.end()) {
        ids.push_back(*id);
      }
    }
  }
  return ids;
}

}  // namespace

std::vector<DominanceFeedback> DominanceFeedbackOf(const Rubric& rubric, CheckContext& context) {
  std::vector<DominanceFeedback> feedback;
  for (const std::string& id : VisibleScenarios(rubric)) {
    const ScenarioDominance& dominance = context.Dominance(id, "");
    if (!dominance.ok) continue;
    const DominanceResult& result = dominance.result;
    DominanceFeedback entry;
    entry.scenario = id;
    const Scenario* scenario = id.empty() ? nullptr : rubric.FindScenario(id);
    entry.title = scenario == nullptr ? "the model as written"
                                      : (scenario->title.empty() ? id : scenario->title);
    entry.method = result.method_text;
    // Where to look: a perturbation's window and as long again after it
    // (the spike and what follows), else the whole run.
    double from = result.times.empty() ? 0 : result.times.front();
    double to = result.times.empty() ? 0 : result.times.back();
    if (scenario != nullptr && !scenario->perturbations.empty()) {
      double start = to, end = from;
      for (const Scenario::Perturbation& perturbation : scenario->perturbations) {
        double begin = perturbation.from.value_or(from);
        double length = perturbation.duration.value_or(to - begin);
        start = std::min(start, begin);
        end = std::max(end, begin + 2 * length);
      }
      from = std::max(from, start);
      to = std::min(to, end);
      entry.window = true;
    }
    entry.from = from;
    entry.to = to;
    auto rows_between = [&](double start, double end) {
      auto first = std::lower_bound(result.times.begin(), result.times.end(), start);
      auto last = std::upper_bound(result.times.begin(), result.times.end(), end);
      return static_cast<std::size_t>(last > first ? last - first : 0);
    };
    // The main phases there: long enough to matter, at most a few, in time
    // order.
    const std::size_t least = std::max<std::size_t>(
        2, static_cast<std::size_t>(kMainPhaseShare * rows_between(from, to)));
    struct Clipped {
      const DominancePhase* phase;
      double start, end;
      std::size_t rows;
    };
    std::vector<Clipped> main;
    for (const DominancePhase& phase : result.phases) {
      if (phase.loops.empty() || phase.end < from || phase.start > to) continue;
      Clipped clipped{&phase, std::max(from, phase.start), std::min(to, phase.end), 0};
      clipped.rows = rows_between(clipped.start, clipped.end);
      if (clipped.rows >= least) main.push_back(clipped);
    }
    std::stable_sort(main.begin(), main.end(),
                     [](const Clipped& a, const Clipped& b) { return a.rows > b.rows; });
    if (main.size() > kMaxPhases) main.resize(kMaxPhases);
    std::stable_sort(main.begin(), main.end(),
                     [](const Clipped& a, const Clipped& b) { return a.start < b.start; });
    std::vector<int> named;
    for (const Clipped& clipped : main) {
      const DominancePhase* phase = clipped.phase;
      DominanceFeedback::Phase out;
      out.start = clipped.start;
      out.end = clipped.end;
      out.relative = phase->mean_relative;
      for (int loop : phase->loops) {
        out.loops.push_back(result.loops[static_cast<std::size_t>(loop)].id);
        if (std::find(named.begin(), named.end(), loop) == named.end()) named.push_back(loop);
      }
      entry.phases.push_back(std::move(out));
    }
    const CausalGraph& graph = result.model_graph.graph;
    std::sort(named.begin(), named.end());
    for (int index : named) {
      const DominanceLoop& loop = result.loops[static_cast<std::size_t>(index)];
      DominanceFeedback::LoopInfo info;
      info.id = loop.id;
      info.polarity = LoopPolarityName(loop.loop.polarity);
      for (int v : LoopVariables(graph, loop.loop)) {
        info.path.push_back(graph.variables[static_cast<std::size_t>(v)].name);
      }
      info.declared = loop.declared;
      if (entry.series.size() < kMaxCharts) {
        SeriesEvidence series;
        series.label = "relative score of " + loop.id + " (" + info.polarity +
                       (loop.declared.empty() ? "" : ", your " + loop.declared) + ")" +
                       (id.empty() ? "" : " (" + id + ")");
        series.scenario = id;
        series.time_units = context.submission().stock_flow.sim.time_units;
        DownsampleSeries(result.times, loop.relative, SeriesEvidence::kMaxEvidencePoints,
                         &series.times, &series.values);
        series.thresholds = {0.5, -0.5};
        entry.series.push_back(std::move(series));
      }
      entry.loops.push_back(std::move(info));
    }
    feedback.push_back(std::move(entry));
  }
  return feedback;
}

}  // namespace sdlab
