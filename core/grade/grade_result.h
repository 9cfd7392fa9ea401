#pragma once
// The one internal grading result: what a rubric made of one submission.
// Every report writer (text, Markdown, JSON, JUnit, Gradescope, PrairieLearn,
// GitHub, HTML) reads this and nothing else.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace sdlab {

/// passed: full points; partial: some; failed: none; needs_review: a match
/// sdlab is unsure of (provisional points, listed for an instructor); error:
/// the check could not be evaluated at all (an sdlab limit or bug).
enum class CheckStatus { kPassed, kPartial, kFailed, kNeedsReview, kError };

/// Gradescope's four visibilities; sdlab's self-check shows only kVisible.
enum class Visibility { kVisible, kHidden, kAfterDueDate, kAfterPublished };

/// The kinds of checks, grouped as the rubric format documents them.
enum class CheckFamily {
  kStructure,
  kSimulation,
  kBehaviour,
  kLoops,
  kLeverage,
  kWhatIf,
  kAnswers
};

/// "passed", "partial", "failed", "needs_review", "error".
const char* CheckStatusName(CheckStatus status);
/// "visible", "hidden", "after_due_date", "after_published".
const char* VisibilityName(Visibility visibility);
std::optional<Visibility> ParseVisibility(std::string_view text);
/// "structure", "simulation", "behaviour", "loops", "leverage", "what_if", "answers".
const char* CheckFamilyName(CheckFamily family);

/// A measured number: "peak of Request Queue" = 812.5 "requests".
struct Measurement {
  std::string name;
  double value = 0;  // may be NaN when it could not be measured; writers print "n/a"
  std::string units;
};

/// A series sampled for plotting (at most kMaxEvidencePoints points; the
/// sampling keeps each bucket's extremes so peaks survive).
struct SeriesEvidence {
  static constexpr std::size_t kMaxEvidencePoints = 240;
  std::string label;     // "Request Queue (traffic_spike)"
  std::string element;   // the student's element name
  std::string scenario;  // the rubric's scenario id; empty = the model as written
  /// Units for the chart axes: the element's `units:` and the run's
  /// `sim.time_units`; empty when the submission gives none.
  std::string units;
  std::string time_units;
  std::vector<double> times;
  std::vector<double> values;
  std::optional<double> window_start;  // the rubric's time window, if any
  std::optional<double> window_end;
  std::vector<double> thresholds;  // horizontal lines the rubric compares against
};

/// A link of the causal loop diagram a check judged and found wrong: absent
/// (`present` false), or drawn with the other sign. Names are the student's
/// (a missing end may be the rubric's concept when the diagram lacks it).
/// The HTML report's diagram draws these: missing links dashed, wrong signs red.
struct LinkEvidence {
  std::string from;
  std::string to;
  std::string expected_polarity;  // "+" or "-"
  bool present = false;
};

/// What a check looked at, so a student (and the HTML report) can see why.
struct Evidence {
  std::vector<std::string> loop_path;  // element names in order; closes to the first
  std::string loop_polarity;           // "reinforcing" / "balancing" when a loop is shown
  std::vector<Measurement> measurements;
  std::optional<double> tau;  // Kendall tau-b of a ranking check
  std::vector<SeriesEvidence> series;
  std::vector<std::string> notes;  // one line each, e.g. per intervention or per loop
  std::vector<LinkEvidence> links;
  bool empty() const {
    return loop_path.empty() && loop_polarity.empty() && measurements.empty() && !tau &&
           series.empty() && notes.empty() && links.empty();
  }
};

struct CheckResult {
  std::string id;
  std::string title;
  CheckFamily family = CheckFamily::kStructure;
  std::string kind;  // the rubric's `kind:` ("behaviour", "loop", ...)
  CheckStatus status = CheckStatus::kFailed;
  Visibility visibility = Visibility::kVisible;
  double points = 0;  // earned, rounded to 1/100
  double max_points = 0;
  std::string message;  // the headline a student reads
  std::string details;  // what was measured or found, one paragraph
  std::string hint;     // from the rubric; shown when not passed
  Location location;    // in the student's file; unknown when line == 0
  Evidence evidence;
};

/// How a rubric concept was bound to one of the student's elements.
struct ConceptBinding {
  std::string concept_id;
  std::string section;  // "stock_flow" or "causal_loop"
  std::string element;  // the student's name, as written; empty when missing
  std::string match;    // "tag", "alias", "contains", "missing", "ambiguous"
  Location location;
};

/// An image attached to a result (diagrams), as bytes with a MIME type.
struct ResultImage {
  std::string label;
  std::string mime_type;  // "image/svg+xml"
  std::string data;
};

/// Which loops of the student's model drive its behaviour in the model as
/// written or in one of the rubric's scenarios (Loops That Matter,
/// core/loops/loop_dominance.h): feedback that is not graded. Only scenarios
/// that visible checks use appear, so that nothing of a hidden check shows.
struct DominanceFeedback {
  std::string scenario;  // the rubric's scenario id; empty = the model as written
  std::string title;     // the scenario's title, or "the model as written"
  std::string method;    // "every loop (57)"
  /// The time looked at; `window`: a scenario's perturbation window and as
  /// long again after it (else the whole run).
  double from = 0;
  double to = 0;
  bool window = false;
  struct LoopInfo {
    std::string id;                 // "L11", as `sdlab loops FILE --dominance` numbers them
    std::string polarity;           // "reinforcing" / "balancing" / "undetermined"
    std::vector<std::string> path;  // element names in order; closes to the first
    std::string declared;           // the student's loop it is ("R1 'Retry storm'"), or empty
  };
  std::vector<LoopInfo> loops;  // the loops the phases name
  struct Phase {
    double start = 0;
    double end = 0;
    std::vector<std::string> loops;  // ids of the dominant loops
    std::vector<double> relative;    // their mean relative scores over the phase
  };
  /// The main phases (each at least 3% of the time looked at: a scenario's
  /// perturbation window and as long again after it, else the whole run),
  /// in time order; a phase's mean scores are over all of it.
  std::vector<Phase> phases;
  /// The relative score over time of the loops named, for charts.
  std::vector<SeriesEvidence> series;
};

struct GradeResult {
  std::string submission;  // the path as given
  std::string lab;         // the submission's `lab:`
  std::string author;
  std::string rubric_lab;
  std::string rubric_title;
  std::string rubric_version;
  std::vector<std::string> rubric_files;
  /// False when the submission could not be graded (YAML errors, wrong lab):
  /// `diagnostics` says why and `checks` is empty.
  bool gradable = true;
  /// Not gradable because the rubric has errors (RubricErrorResult), not the
  /// file: `diagnostics` are the rubric's, for the instructor only, since
  /// they may quote its private layer.
  bool rubric_error = false;
  std::vector<Diagnostic> diagnostics;  // errors, or warnings of a graded file
  std::vector<CheckResult> checks;      // in rubric order
  std::vector<ConceptBinding> concepts;
  std::vector<ResultImage> images;
  /// GradeOptions::dominance_feedback: which loops drive the behaviour.
  std::vector<DominanceFeedback> dominance;
  /// Checks a rubric's private layer adds, as its public layer announces
  /// them, when that layer was not part of this grading (a self-check).
  int announced_hidden_checks = 0;
  double announced_hidden_points = 0;

  double score() const;      // sum of earned points
  double max_score() const;  // sum of possible points
};

/// What every channel a student reads says of a rubric error, in place of
/// the rubric's own messages.
inline constexpr const char* kRubricErrorForStudents =
    "not gradable: rubric error, your instructor has been told";

/// The result for `submission` when the rubric did not load: not gradable,
/// `rubric_error`, one error "not gradable: rubric error" on the submission
/// and then the rubric's located errors (file:line:col) from `rubric`.
GradeResult RubricErrorResult(const std::string& submission,
                              const std::vector<std::string>& rubric_files,
                              const Diagnostics& rubric);

/// A result as a student may see it in a self-check: only visible checks,
/// plus how many were withheld and what they are worth.
struct StudentView {
  std::vector<const CheckResult*> shown;
  int withheld_checks = 0;
  double withheld_points = 0;
  double shown_score = 0;
  double shown_max = 0;
};
StudentView MakeStudentView(const GradeResult& result);

/// Rounds to 1/100 (points are shown with at most two decimals).
double RoundPoints(double points);
/// "3", "2.5", "1.33"; never "-0".
std::string FormatPoints(double points);
/// Status from earned/possible points: passed at full, failed at 0, else partial.
CheckStatus StatusForPoints(double earned, double possible);

/// Keeps at most `max_points` samples of a series, taking each bucket's first,
/// minimum and maximum in time order, so that spikes stay visible.
void DownsampleSeries(const std::vector<double>& times, const std::vector<double>& values,
                      std::size_t max_points, std::vector<double>* times_out,
                      std::vector<double>* values_out);

}  // namespace sdlab
