// Behaviour checks (reference modes): in a scenario, a concept's series
// grows, declines, stays within a range, exceeds or falls below a value,
// peaks, repeats with a period, or has a measure in a range.

#include "core/grade/checks_behaviour.h"

#include <algorithm>
#include <cmath>

#include "core/grade/check_context.h"

namespace sdlab {

namespace {

// Changes smaller than this, relative to the series' scale, are rounding.
double Noise(const SeriesStats& stats) {
  return 1e-9 * std::max({1.0, std::fabs(stats.max), std::fabs(stats.min)});
}

std::string Range(double low, double high) {
  return "[" + FormatCheckValue(low) + ", " + FormatCheckValue(high) + "]";
}

}  // namespace

CheckOutcome JudgeBehaviour(const BehaviourParams& params, const SeriesSlice& slice,
                            const std::string& name) {
  CheckOutcome outcome;
  const SeriesStats stats = ComputeStats(slice);
  const std::string quoted = "'" + name + "'";
  auto measured = [&](const char* what, double value) {
    outcome.evidence.measurements.push_back({std::string(what) + " of " + name, value, ""});
  };
  measured("start", stats.initial);
  measured("end", stats.final);
  measured("minimum", stats.min);
  measured("maximum", stats.max);
  const double noise = Noise(stats);
  const std::string span =
      " from " + FormatCheckValue(stats.initial) + " to " + FormatCheckValue(stats.final);
  switch (params.pattern) {
    case BehaviourPattern::kGrows:
    case BehaviourPattern::kDeclines: {
      const bool grows = params.pattern == BehaviourPattern::kGrows;
      const double change = grows ? stats.final - stats.initial : stats.initial - stats.final;
      double needed = noise;
      if (params.by) {
        needed =
            params.by->relative ? params.by->value * std::fabs(stats.initial) : params.by->value;
        needed = std::max(needed, noise);
      }
      const bool ok = change > needed || (params.by && change >= needed && change > noise);
      outcome.fraction = ok ? 1 : 0;
      outcome.message =
          quoted +
          (change > noise ? (grows ? " grows" : " declines")
                          : (change < -noise ? (grows ? " declines" : " grows") : " stays level")) +
          span;
      if (!ok && change > noise && params.by) {
        outcome.message += ", less than the " +
                           (params.by->relative ? FormatCheckValue(params.by->value * 100) + "%"
                                                : FormatCheckValue(params.by->value)) +
                           " the lab looks for";
      }
      if (ok && params.lag && !slice.empty()) {
        // When the series has made half of its change: a jump gets there
        // in one step, a delayed response later.
        const double extreme = grows ? stats.max : stats.min;
        const double half = stats.initial + 0.5 * (extreme - stats.initial);
        double reached = slice.times.back();
        for (std::size_t i = 0; i < slice.values.size(); ++i) {
          if (grows ? slice.values[i] >= half : slice.values[i] <= half) {
            reached = slice.times[i];
            break;
          }
        }
        const double after = reached - slice.times.front();
        outcome.evidence.measurements.push_back(
            {"time to half of the change of " + name, after, ""});
        if (after < *params.lag) {
          outcome.fraction = 0;
          outcome.message += ", but half of that within " + FormatCheckValue(after) +
                             " of the start: the lab looks for a response with a delay (half "
                             "of it no sooner than " +
                             FormatCheckValue(*params.lag) + " after the start)";
        }
      }
      break;
    }
    case BehaviourPattern::kStaysWithin: {
      const double low = *params.low, high = *params.high;
      const bool ok = stats.min >= low - noise && stats.max <= high + noise;
      outcome.fraction = ok ? 1 : 0;
      outcome.message = quoted + " ranges from " + FormatCheckValue(stats.min) + " to " +
                        FormatCheckValue(stats.max) + (ok ? ", within " : ", outside ") +
                        Range(low, high);
      if (!ok) {
        outcome.message +=
            " (first leaves it at time " +
            FormatCheckValue(stats.max > high + noise ? stats.time_of_max : stats.time_of_min) +
            ")";
      }
      break;
    }
    case BehaviourPattern::kExceeds: {
      const bool ok = stats.max > *params.threshold + noise;
      outcome.fraction = ok ? 1 : 0;
      outcome.message = quoted + " reaches " + FormatCheckValue(stats.max) +
                        (ok ? ", above " : ", never above ") + FormatCheckValue(*params.threshold);
      break;
    }
    case BehaviourPattern::kFallsBelow: {
      const bool ok = stats.min < *params.threshold - noise;
      outcome.fraction = ok ? 1 : 0;
      outcome.message = quoted + " falls to " + FormatCheckValue(stats.min) +
                        (ok ? ", below " : ", never below ") + FormatCheckValue(*params.threshold);
      break;
    }
    case BehaviourPattern::kPeaks: {
      // An interior maximum that stands out from both ends of the window.
      const double ends = std::max(stats.initial, stats.final);
      const double margin = std::max(noise, 0.05 * (stats.max - stats.min));
      const bool interior = stats.max - ends > margin;
      const bool high_enough = !params.threshold || stats.max > *params.threshold;
      outcome.fraction = interior && high_enough ? 1 : 0;
      if (!interior) {
        outcome.message = quoted + " has no peak: its highest value " +
                          FormatCheckValue(stats.max) + " is at an end of the window";
      } else {
        outcome.message = quoted + " peaks at " + FormatCheckValue(stats.max) + " at time " +
                          FormatCheckValue(stats.time_of_max);
        if (!high_enough) outcome.message += ", not above " + FormatCheckValue(*params.threshold);
      }
      break;
    }
    case BehaviourPattern::kPeriodic: {
      std::optional<PeriodEstimate> estimate = EstimatePeriod(slice);
      const std::string expected =
          FormatCheckValue(params.period) + " ± " + FormatCheckValue(params.tolerance);
      if (!estimate) {
        outcome.message = quoted +
                          " does not repeat over the window (the lab expects a period of " +
                          expected + ")";
        break;
      }
      measured("period", estimate->period);
      const bool ok = std::fabs(estimate->period - params.period) <= params.tolerance;
      outcome.fraction = ok ? 1 : 0;
      outcome.message = quoted + " repeats every " + FormatCheckValue(estimate->period) +
                        (ok ? ", within " : ", not within ") + expected;
      break;
    }
    case BehaviourPattern::kInRange: {
      const double value = MeasureOf(params.measure, stats);
      if (params.measure == SeriesMeasure::kMean || params.measure == SeriesMeasure::kTotal) {
        measured(SeriesMeasureName(params.measure), value);
      }
      const bool ok = value >= *params.low - noise && value <= *params.high + noise;
      outcome.fraction = ok ? 1 : 0;
      outcome.message = "the " + std::string(SeriesMeasureName(params.measure)) + " of " + quoted +
                        " is " + FormatCheckValue(value) + (ok ? ", within " : ", outside ") +
                        Range(*params.low, *params.high);
      break;
    }
  }
  return outcome;
}

CheckOutcome EvaluateBehaviourCheck(const CheckSpec& check, CheckContext& context) {
  CheckOutcome outcome;
  const BehaviourParams& params = check.behaviour;
  outcome.location = context.submission().stock_flow.location;
  std::string why;
  const NamedElement* element = context.ModelElement(params.series, &why);
  if (element == nullptr) {
    outcome.message = why;
    return outcome;
  }
  outcome.location = element->location;
  const ScenarioRun& run = context.Run(params.scenario);
  if (!run.ok) {
    outcome.message = "cannot check the behaviour: " + run.error;
    return outcome;
  }
  const int series = run.run.FindSeries(element->name);
  if (series < 0) {
    outcome.message = "'" + element->name + "' is a constant; it does not change over time";
    return outcome;
  }
  const std::vector<double>& times = run.run.times;
  const std::vector<double>& values = run.run.values[series];
  SeriesSlice slice = SliceSeries(times, values, params.window.start, params.window.end);
  if (slice.empty()) {
    outcome.message = "the run (" + FormatCheckValue(times.empty() ? 0 : times.front()) + " to " +
                      FormatCheckValue(times.empty() ? 0 : times.back()) +
                      ") does not reach the time window the lab looks at";
    return outcome;
  }
  CheckOutcome judged = JudgeBehaviour(params, slice, element->name);
  judged.location = outcome.location;
  if (!params.scenario.empty()) {
    judged.details = "in scenario '" + params.scenario + "'";
    for (const std::string& change : run.changes)
      judged.details += (judged.details.back() == '\'' ? ": " : ", ") + change;
  }
  SeriesEvidence evidence;
  evidence.label = element->name + (params.scenario.empty() ? "" : " (" + params.scenario + ")");
  evidence.element = element->name;
  evidence.scenario = params.scenario;
  context.DescribeSeriesUnits(*element, &evidence);
  DownsampleSeries(times, values, SeriesEvidence::kMaxEvidencePoints, &evidence.times,
                   &evidence.values);
  evidence.window_start = params.window.start;
  evidence.window_end = params.window.end;
  if (params.low) evidence.thresholds.push_back(*params.low);
  if (params.high) evidence.thresholds.push_back(*params.high);
  if (params.threshold) evidence.thresholds.push_back(*params.threshold);
  judged.evidence.series.push_back(std::move(evidence));
  return judged;
}

}  // namespace sdlab
