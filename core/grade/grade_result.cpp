#include "core/grade/grade_result.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sdlab {

const char* CheckStatusName(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPassed:
      return "passed";
    case CheckStatus::kPartial:
      return "partial";
    case CheckStatus::kFailed:
      return "failed";
    case CheckStatus::kNeedsReview:
      return "needs_review";
    case CheckStatus::kError:
      return "error";
  }
  return "error";
}

const char* VisibilityName(Visibility visibility) {
  switch (visibility) {
    case Visibility::kVisible:
      return "visible";
    case Visibility::kHidden:
      return "hidden";
    case Visibility::kAfterDueDate:
      return "after_due_date";
    case Visibility::kAfterPublished:
      return "after_published";
  }
  return "hidden";
}

std::optional<Visibility> ParseVisibility(std::string_view text) {
  for (Visibility v : {Visibility::kVisible, Visibility::kHidden, Visibility::kAfterDueDate,
                       Visibility::kAfterPublished}) {
    if (text == VisibilityName(v)) return v;
  }
  return std::nullopt;
}

const char* CheckFamilyName(CheckFamily family) {
  switch (family) {
    case CheckFamily::kStructure:
      return "structure";
    case CheckFamily::kSimulation:
      return "simulation";
    case CheckFamily::kBehaviour:
      return "behaviour";
    case CheckFamily::kLoops:
      return "loops";
    case CheckFamily::kLeverage:
      return "leverage";
    case CheckFamily::kWhatIf:
      return "what_if";
    case CheckFamily::kAnswers:
      return "answers";
  }
  return "structure";
}

double GradeResult::score() const {
  double total = 0;
  for (const CheckResult& check : checks) total += check.points;
  return RoundPoints(total);
}

double GradeResult::max_score() const {
  double total = 0;
  for (const CheckResult& check : checks) total += check.max_points;
  return RoundPoints(total);
}

StudentView MakeStudentView(const GradeResult& result) {
  StudentView view;
  for (const CheckResult& check : result.checks) {
    if (check.visibility == Visibility::kVisible) {
      view.shown.push_back(&check);
      view.shown_score += check.points;
      view.shown_max += check.max_points;
    } else {
      ++view.withheld_checks;
      view.withheld_points += check.max_points;
    }
  }
  view.withheld_checks += result.announced_hidden_checks;
  view.withheld_points += result.announced_hidden_points;
  view.shown_score = RoundPoints(view.shown_score);
  view.shown_max = RoundPoints(view.shown_max);
  view.withheld_points = RoundPoints(view.withheld_points);
  return view;
}

GradeResult RubricErrorResult(const std::string& submission,
                              const std::vector<std::string>& rubric_files,
                              const Diagnostics& rubric) {
  GradeResult result;
  result.submission = submission;
  result.rubric_files = rubric_files;
  result.gradable = false;
  result.rubric_error = true;
  Diagnostic headline;
  headline.file = submission;
  headline.message = "not gradable: rubric error";
  headline.hint = "the submission was not graded; fix the rubric and grade again";
  result.diagnostics.push_back(headline);
  for (const Diagnostic& diagnostic : rubric.items()) {
    Diagnostic located = diagnostic;
    if (located.file.empty()) located.file = rubric.file();
    result.diagnostics.push_back(located);
  }
  return result;
}

double RoundPoints(double points) {
  if (!std::isfinite(points)) return 0;
  double rounded = std::round(points * 100.0) / 100.0;
  return rounded == 0 ? 0.0 : rounded;  // no negative zero
}

std::string FormatPoints(double points) {
  char buffer[64];
  const double rounded = RoundPoints(points);
  // Beyond 1e15 "%.2f" needs more room than the buffer (1e100 came out as
  // 63 wrong digits), and cents no longer exist in a double anyway.
  if (std::fabs(rounded) >= 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.17g", rounded);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.2f", rounded);
  std::string text = buffer;
  // Trim "2.50" -> "2.5", "3.00" -> "3".
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

CheckStatus StatusForPoints(double earned, double possible) {
  earned = RoundPoints(earned);
  possible = RoundPoints(possible);
  if (earned >= possible) return CheckStatus::kPassed;
  if (earned <= 0) return CheckStatus::kFailed;
  return CheckStatus::kPartial;
}

void DownsampleSeries(const std::vector<double>& times, const std::vector<double>& values,
                      std::size_t max_points, std::vector<double>* times_out,
                      std::vector<double>* values_out) {
  times_out->clear();
  values_out->clear();
  const std::size_t n = std::min(times.size(), values.size());
  if (n <= max_points || max_points < 4) {
    std::size_t keep = std::min(n, std::max<std::size_t>(max_points, 1));
    times_out->assign(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(keep));
    values_out->assign(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(keep));
    return;
  }
  // Two samples a bucket (its minimum and maximum, in time order), with the
  // first and last points of the series kept exactly.
  const std::size_t buckets = (max_points - 2) / 2;
  auto push = [&](std::size_t i) {
    if (!times_out->empty() && times_out->back() == times[i]) return;
    times_out->push_back(times[i]);
    values_out->push_back(values[i]);
  };
  push(0);
  for (std::size_t b = 0; b < buckets; ++b) {
    std::size_t begin = 1 + b * (n - 2) / buckets;
    std::size_t end = 1 + (b + 1) * (n - 2) / buckets;
    if (begin >= end) continue;
    std::size_t lowest = begin, highest = begin;
    for (std::size_t i = begin; i < end; ++i) {
      // NaN compares false both ways and is never chosen over a number.
      if (values[i] < values[lowest]) lowest = i;
      if (values[i] > values[highest]) highest = i;
    }
    push(std::min(lowest, highest));
    if (lowest != highest) push(std::max(lowest, highest));
  }
  push(n - 1);
}

}  // namespace sdlab
