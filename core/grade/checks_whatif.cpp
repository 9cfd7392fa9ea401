// What-if checks: apply a student's intervention (its `what_if: set:`) to
// their own model and measure whether a series moves the way the rubric
// expects; the report gives both values and the change.

#include "core/grade/checks_whatif.h"

#include <algorithm>
#include <cmath>

#include "core/grade/check_context.h"

namespace sdlab {

namespace {

bool Fits(const WhatIfParams& params, const Intervention& intervention) {
  if (!params.levels.empty() && std::find(params.levels.begin(), params.levels.end(),
                                          intervention.level) == params.levels.end()) {
    return false;
  }
  if (params.keywords.empty()) return true;
  const std::vector<MatchWord> words =
      MatchWords(intervention.action + " . " + intervention.expected_impact);
  return std::any_of(
      params.keywords.begin(), params.keywords.end(),
      [&](const std::string& phrase) { return ContainsPhrase(words, MatchWords(phrase), 1); });
}

std::string Which(const WhatIfParams& params) {
  std::string text = "intervention";
  if (!params.levels.empty()) {
    text += " at level";
    for (std::size_t i = 0; i < params.levels.size(); ++i) {
      text += (i == 0 ? " " : (i + 1 == params.levels.size() ? " or " : ", ")) +
              std::to_string(params.levels[i]);
    }
  }
  return text;
}

double Measure(SeriesMeasure measure, const SeriesSlice& slice) {
  return MeasureOf(measure, ComputeStats(slice));
}

}  // namespace

CheckOutcome EvaluateWhatIfCheck(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const WhatIfParams& params = check.what_if;
  const LeverageAnalysis& leverage = context.submission().leverage;
  outcome.location = leverage.location;
  const Intervention* chosen = nullptr;
  const Intervention* without_what_if = nullptr;
  for (const Intervention& intervention : leverage.interventions) {
    if (!Fits(params, intervention)) continue;
    if (!intervention.what_if_set.empty()) {
      chosen = &intervention;
      break;
    }
    if (without_what_if == nullptr) without_what_if = &intervention;
  }
  if (chosen == nullptr) {
    if (without_what_if != nullptr) {
      outcome.location = without_what_if->location;
      outcome.message = "add a `what_if: {set: {...}}` to your level " +
                        std::to_string(without_what_if->level) +
                        " intervention, so that its effect on your model can be measured";
    } else {
      outcome.message = "the leverage section has no " + Which(params) + " with a `what_if:`";
    }
    return outcome;
  }
  outcome.location = chosen->location;
  std::string why;
  const NamedElement* element = context.ModelElement(params.series, &why);
  if (element == nullptr) {
    outcome.message = why;
    return outcome;
  }
  const ScenarioRun& before = context.Run(params.scenario);
  if (!before.ok) {
    outcome.message = "cannot measure the intervention: " + before.error;
    return outcome;
  }
  const ScenarioRun after = context.RunWith(params.scenario, chosen->what_if_set);
  if (!after.ok) {
    outcome.message = "your model does not run with the intervention's what_if: " + after.error;
    if (!chosen->what_if_locations.empty()) outcome.location = chosen->what_if_locations.front();
    return outcome;
  }
  const int series_before = before.run.FindSeries(element->name);
  const int series_after = after.run.FindSeries(element->name);
  if (series_before < 0 || series_after < 0) {
    outcome.message = "'" + element->name + "' is a constant; it does not change over time";
    return outcome;
  }
  const SeriesSlice slice_before = SliceSeries(before.run.times, before.run.values[series_before],
                                               params.window.start, params.window.end);
  const SeriesSlice slice_after = SliceSeries(after.run.times, after.run.values[series_after],
                                              params.window.start, params.window.end);
  if (slice_before.empty() || slice_after.empty()) {
    outcome.message = "the run does not reach the time window the lab looks at";
    return outcome;
  }
  const double value_before = Measure(params.measure, slice_before);
  const double value_after = Measure(params.measure, slice_after);
  const double change = value_after - value_before;
  const std::string measure = SeriesMeasureName(params.measure);
  outcome.evidence.measurements.push_back(
      {measure + " without the intervention", value_before, ""});
  outcome.evidence.measurements.push_back({measure + " with the intervention", value_after, ""});
  outcome.evidence.measurements.push_back({"change", change, ""});
  const double noise = 1e-9 * std::max({1.0, std::fabs(value_before), std::fabs(value_after)});
  double needed = noise;
  if (params.by) {
    needed = std::max(
        noise, params.by->relative ? params.by->value * std::fabs(value_before) : params.by->value);
  }
  const double moved = params.direction < 0 ? -change : change;
  const bool ok = moved > noise && moved >= needed;
  outcome.fraction = ok ? 1 : 0;
  std::string percent;
  if (value_before != 0) {
    percent = " (" + std::string(change > 0 ? "+" : "") +
              FormatCheckValue(100 * change / std::fabs(value_before)) + "%)";
  }
  outcome.message = "with \"" + chosen->action + "\", the " + measure + " of '" + element->name +
                    "' goes from " + FormatCheckValue(value_before) + " to " +
                    FormatCheckValue(value_after) + percent;
  if (!ok) {
    outcome.message += moved > noise ? ", less than the lab looks for"
                                     : std::string("; the lab expects it to ") +
                                           (params.direction < 0 ? "decrease" : "increase");
  }
  outcome.details = "what-if:";
  for (const std::string& change_text : after.changes) outcome.details += " " + change_text + ";";
  outcome.details.pop_back();
  if (!params.scenario.empty()) outcome.details += " (scenario '" + params.scenario + "')";
  for (const ScenarioRun* run : {&before, &after}) {
    const int series = run == &before ? series_before : series_after;
    SeriesEvidence evidence;
    evidence.label = element->name + (run == &before ? " without" : " with") + " the intervention";
    evidence.element = element->name;
    evidence.scenario = params.scenario;
    context.DescribeSeriesUnits(*element, &evidence);
    DownsampleSeries(run->run.times, run->run.values[series], SeriesEvidence::kMaxEvidencePoints,
                     &evidence.times, &evidence.values);
    evidence.window_start = params.window.start;
    evidence.window_end = params.window.end;
    outcome.evidence.series.push_back(std::move(evidence));
  }
  return outcome;
}

}  // namespace sdlab
