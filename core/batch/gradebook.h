#pragma once
// The class view of a batch: gradebook.csv (one row per student, one column
// per check), summary.md (score distribution, pass rate per check, the most
// common mistakes with an example, the submissions needing review) and
// summary.json. Built from GradebookEntry, the part of a GradeResult the
// class view needs, so a batch worker can send it over a pipe.

#include <string>
#include <vector>

#include "core/grade/grade_result.h"

namespace sdlab {

struct GradebookCheck {
  std::string id;
  std::string title;
  CheckStatus status = CheckStatus::kFailed;
  Visibility visibility = Visibility::kVisible;
  double points = 0;
  double max_points = 0;
  std::string message;
};

struct GradebookEntry {
  std::string student_id;  // from the file or folder name
  std::string submission;  // the path graded
  bool gradable = true;
  /// Not a submission (a dotfile, a README): listed with its reason
  /// (`not_gradable_reason`, `detail`), counted apart from the students.
  bool skipped = false;
  /// A line for the instructor in the gradebook's note, e.g. where the
  /// results went when a result folder had to be renamed.
  std::string note;
  /// When not gradable: "time limit", "memory limit", "crashed" or
  /// "errors in the file"; `detail` is the first diagnostic line.
  std::string not_gradable_reason;
  std::string detail;
  double score = 0;
  double max_score = 0;
  std::string rubric_lab, rubric_title, rubric_version;
  std::vector<GradebookCheck> checks;  // rubric order
};

/// The entry for a graded (or not gradable) result.
GradebookEntry MakeGradebookEntry(const std::string& student_id, const GradeResult& result);

/// The reason category for a result that is not gradable because of its file.
inline constexpr const char* kReasonFileErrors = "errors in the file";

/// gradebook.csv (RFC 4180, LF line ends): `student,total,max,status,<check
/// id>...,note`, one row per entry in the given order. `status` is `graded`,
/// `needs_review` (a check needs a person), `not_gradable` or `skipped` (not
/// a submission: no total); check columns hold earned points (empty when
/// not gradable); `note` says why a row is not gradable or skipped, then
/// the entry's `note`. Cells that a spreadsheet would run as a formula (starting
/// with = + - @) are prefixed with an apostrophe.
std::string WriteGradebookCsv(const std::vector<GradebookEntry>& entries);

/// summary.md: counts (skipped entries apart), score statistics and a distribution in tenths of the
/// maximum, a table of checks with pass rates, the most common mistakes
/// (checks that lost points most often, with their most frequent message and
/// a student who got it) and the submissions needing review. Student text
/// is escaped for Markdown. Skipped entries are listed last, with why.
std::string WriteSummaryMarkdown(const std::vector<GradebookEntry>& entries);

/// summary.json (`sdlab-batch-summary/1`): the same facts as summary.md.
std::string WriteSummaryJson(const std::vector<GradebookEntry>& entries);

/// An entry as JSON and back, for batch workers to send their result to the
/// parent process. ParseGradebookEntry returns false on malformed text.
std::string GradebookEntryToJson(const GradebookEntry& entry);
bool ParseGradebookEntry(const std::string& json, GradebookEntry* entry);

}  // namespace sdlab
