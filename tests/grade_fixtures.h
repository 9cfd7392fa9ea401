#pragma once
// Grading results built in code, for the report, gradebook and batch tests:
// they do not need the rubric loader or the grader.

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/grade/grade_result.h"

namespace sdlab::testing {

inline CheckResult MakeCheck(std::string id, std::string title, CheckFamily family, double points,
                             double max_points, CheckStatus status, std::string message) {
  CheckResult check;
  check.id = std::move(id);
  check.title = std::move(title);
  check.family = family;
  check.points = points;
  check.max_points = max_points;
  check.status = status;
  check.message = std::move(message);
  return check;
}

/// A queue that spikes over 800 requests after t = 600 s.
inline SeriesEvidence QueueSeries() {
  SeriesEvidence series;
  series.label = "Request Queue (traffic_spike)";
  series.element = "Request Queue";
  series.scenario = "traffic_spike";
  series.units = "requests";
  series.time_units = "seconds";
  for (int t = 0; t <= 1200; t += 10) {
    series.times.push_back(t);
    const double spike =
        t < 600 ? 0 : 600 * std::exp(-(t - 600) / 300.0) * (1 - std::exp(-(t - 600) / 40.0));
    series.values.push_back(50 + spike);
  }
  series.window_start = 600;
  series.window_end = 1200;
  series.thresholds = {500};
  return series;
}

/// A small diagram image in a colour nothing else on the page uses (magenta),
/// so a screenshot shows whether it was drawn.
inline ResultImage MagentaDiagram(std::string label) {
  ResultImage image;
  image.label = std::move(label);
  image.mime_type = "image/svg+xml";
  image.data =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"160\" "
      "viewBox=\"0 0 300 160\"><rect x=\"10\" y=\"10\" width=\"280\" height=\"140\" "
      "fill=\"#ff00ff\"/><text x=\"150\" y=\"85\" text-anchor=\"middle\">Load</text></svg>\n";
  return image;
}

/// A graded Part-B-like submission with every status, evidence of every
/// kind, a hidden check, a diagram and concept bindings.
inline GradeResult SampleGradeResult(std::string submission = "students/ada/answer.yaml",
                                     std::string author = "Ada Lovelace") {
  GradeResult result;
  result.submission = std::move(submission);
  result.lab = "part-b-web-app";
  result.author = std::move(author);
  result.rubric_lab = "part-b-web-app";
  result.rubric_title = "Part B: a web app under load";
  result.rubric_version = "2025-1";
  result.rubric_files = {"rubrics/part-b-web-app.yaml"};

  result.checks.push_back(MakeCheck("two_stocks", "At least two stocks", CheckFamily::kStructure, 5,
                                    5, CheckStatus::kPassed, "3 stocks"));
  CheckResult flows =
      MakeCheck("queue_flows", "The queue has an inflow and an outflow", CheckFamily::kStructure,
                2.5, 5, CheckStatus::kPartial, "Request Queue has an inflow but no outflow");
  flows.hint = "What takes requests out of the queue?";
  flows.location = Location{12, 7};
  result.checks.push_back(flows);
  CheckResult peak =
      MakeCheck("queue_peaks", "The queue peaks during a traffic spike", CheckFamily::kBehaviour, 0,
                10, CheckStatus::kFailed, "Request Queue never exceeds 500 requests after t = 600");
  peak.details = "peak 412.3 requests at t = 690";
  peak.evidence.measurements.push_back({"peak of Request Queue", 412.3, "requests"});
  peak.evidence.series.push_back(QueueSeries());
  result.checks.push_back(peak);
  CheckResult loop = MakeCheck("retry_loop", "The retry storm loop", CheckFamily::kLoops, 10, 10,
                               CheckStatus::kPassed, "found R1: reinforcing");
  loop.evidence.loop_path = {"Load", "Latency", "Timeouts", "Retries"};
  loop.evidence.loop_polarity = "reinforcing";
  result.checks.push_back(loop);
  CheckResult rank =
      MakeCheck("ranking", "Interventions ranked by leverage", CheckFamily::kLeverage, 3, 5,
                CheckStatus::kPartial, "your ranking agrees partly with the leverage order");
  rank.evidence.tau = 0.6;
  rank.evidence.notes = {"circuit breaker: level 7", "more pods: level 12"};
  result.checks.push_back(rank);
  result.checks.push_back(MakeCheck("spike_cause", "Why the spikes come on the hour",
                                    CheckFamily::kAnswers, 5, 5, CheckStatus::kNeedsReview,
                                    "the answer mentions TTL but not the cache"));
  CheckResult hidden =
      MakeCheck("hidden_whatif", "Circuit breaker lowers the peak", CheckFamily::kWhatIf, 0, 15,
                CheckStatus::kFailed, "the peak did not go down");
  hidden.visibility = Visibility::kHidden;
  result.checks.push_back(hidden);

  result.concepts.push_back({"request_queue", "stock_flow", "Request Queue", "alias", {10, 9}});
  result.concepts.push_back({"retries", "causal_loop", "", "missing", {}});
  result.images.push_back(MagentaDiagram("Causal loop diagram"));
  return result;
}

/// A submission that could not be graded (a YAML error).
inline GradeResult NotGradableResult(std::string submission = "students/bob/answer.yaml") {
  GradeResult result;
  result.submission = std::move(submission);
  result.gradable = false;
  Diagnostic error;
  error.file = result.submission;
  error.location = Location{3, 1};
  error.message = "unknown key 'stok'";
  error.hint = "did you mean 'stocks'?";
  result.diagnostics.push_back(error);
  return result;
}

}  // namespace sdlab::testing
