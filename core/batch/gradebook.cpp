// The class view of a batch: statistics gathered once, then written as CSV,
// Markdown and JSON. Everything follows the entries' order or a stable sort,
// so the same batch gives byte-identical files.

#include "core/batch/gradebook.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/names.h"
#include "core/report/report_markdown.h"

namespace sdlab {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kBuckets = 10;
constexpr std::size_t kMaxMistakes = 10;
constexpr int kBarWidth = 30;

struct CheckStats {
  std::string id, title;
  double max_points = 0;
  int counts[5] = {0, 0, 0, 0, 0};  // by CheckStatus
  int graded = 0;
  double points = 0;
  int lost = 0;  // partial, failed or error
  std::map<std::string, int> lost_messages;
  std::map<std::string, std::string> example_student;  // message -> first student with it
};

struct ReviewItem {
  std::string student;
  std::vector<std::string> reasons;
};

struct ClassStats {
  std::string rubric_lab, rubric_title, rubric_version;
  int submissions = 0, graded = 0;
  std::vector<std::pair<std::string, int>> not_gradable;  // reason, count (first-seen order)
  double max_score = 0, mean = 0, median = 0, lowest = 0, highest = 0;
  int buckets[kBuckets] = {};
  std::vector<CheckStats> checks;
  std::vector<std::size_t> mistakes;  // indices into checks, most often lost first
  std::vector<ReviewItem> review;
  std::vector<std::pair<std::string, std::string>> skipped;  // entry, why
};

std::string SkipReason(const GradebookEntry& entry) {
  return entry.not_gradable_reason + (entry.detail.empty() ? "" : ": " + entry.detail);
}

double Percent(double part, double whole) { return whole > 0 ? part / whole * 100 : 0; }
// Rounds to 1/scale; dividing (not multiplying by 1/scale) gives the shortest decimal.
double Round(double value, double scale) { return std::round(value * scale) / scale + 0.0; }

std::string FormatPercent(double percent) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", Round(percent, 10));
  return buffer;
}

ClassStats Gather(const std::vector<GradebookEntry>& entries) {
  ClassStats stats;
  std::map<std::string, std::size_t> check_index;
  std::vector<double> totals;
  for (const GradebookEntry& entry : entries) {
    if (entry.skipped) {
      stats.skipped.emplace_back(entry.student_id, SkipReason(entry));
      continue;
    }
    ++stats.submissions;
    if (stats.rubric_lab.empty() && !entry.rubric_lab.empty()) {
      stats.rubric_lab = entry.rubric_lab;
      stats.rubric_title = entry.rubric_title;
      stats.rubric_version = entry.rubric_version;
    }
    ReviewItem review{entry.student_id, {}};
    if (!entry.gradable) {
      const std::string reason =
          entry.not_gradable_reason.empty() ? kReasonFileErrors : entry.not_gradable_reason;
      auto found = std::find_if(stats.not_gradable.begin(), stats.not_gradable.end(),
                                [&](const auto& item) { return item.first == reason; });
      if (found == stats.not_gradable.end()) {
        stats.not_gradable.emplace_back(reason, 1);
      } else {
        ++found->second;
      }
      review.reasons.push_back("not gradable: " + reason +
                               (entry.detail.empty() ? "" : " (" + entry.detail + ")"));
      stats.review.push_back(review);
      continue;
    }
    ++stats.graded;
    if (stats.max_score == 0) stats.max_score = entry.max_score;
    totals.push_back(entry.score);
    const int bucket = static_cast<int>(std::floor(Percent(entry.score, entry.max_score) / 10));
    ++stats.buckets[std::clamp(bucket, 0, kBuckets - 1)];
    for (const GradebookCheck& check : entry.checks) {
      auto [it, inserted] = check_index.emplace(check.id, stats.checks.size());
      if (inserted) {
        stats.checks.emplace_back();
        stats.checks.back().id = check.id;
        stats.checks.back().title = check.title;
        stats.checks.back().max_points = check.max_points;
      }
      CheckStats& one = stats.checks[it->second];
      ++one.counts[static_cast<int>(check.status)];
      ++one.graded;
      one.points += check.points;
      if (check.status == CheckStatus::kNeedsReview) {
        review.reasons.push_back("needs review: " + check.id);
      } else if (check.status == CheckStatus::kError) {
        review.reasons.push_back("check error: " + check.id);
      }
      if (check.status == CheckStatus::kPartial || check.status == CheckStatus::kFailed ||
          check.status == CheckStatus::kError) {
        ++one.lost;
        ++one.lost_messages[check.message];
        one.example_student.emplace(check.message, entry.student_id);
      }
    }
    if (!review.reasons.empty()) stats.review.push_back(review);
  }
  if (!totals.empty()) {
    double sum = 0;
    for (double total : totals) sum += total;
    stats.mean = RoundPoints(sum / static_cast<double>(totals.size()));
    std::sort(totals.begin(), totals.end());
    const std::size_t middle = totals.size() / 2;
    stats.median = RoundPoints(totals.size() % 2 == 1 ? totals[middle]
                                                      : (totals[middle - 1] + totals[middle]) / 2);
    stats.lowest = totals.front();
    stats.highest = totals.back();
  }
  for (std::size_t i = 0; i < stats.checks.size(); ++i) {
    if (stats.checks[i].lost > 0) stats.mistakes.push_back(i);
  }
  std::stable_sort(stats.mistakes.begin(), stats.mistakes.end(), [&](std::size_t a, std::size_t b) {
    return stats.checks[a].lost > stats.checks[b].lost;
  });
  if (stats.mistakes.size() > kMaxMistakes) stats.mistakes.resize(kMaxMistakes);
  return stats;
}

// The message most students who lost points here got (ties: the first in
// text order), with how many got it.
std::pair<std::string, int> CommonMessage(const CheckStats& check) {
  std::pair<std::string, int> best{"", 0};
  for (const auto& [message, count] : check.lost_messages) {
    if (count > best.second) best = {message, count};
  }
  return best;
}

std::string CsvCell(const std::string& text) {
  std::string cell = ValidUtf8(text);
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(0, "'");
  }
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string RowStatus(const GradebookEntry& entry) {
  if (entry.skipped) return "skipped";
  if (!entry.gradable) return "not_gradable";
  for (const GradebookCheck& check : entry.checks) {
    if (check.status == CheckStatus::kNeedsReview || check.status == CheckStatus::kError) {
      return "needs_review";
    }
  }
  return "graded";
}

std::string BucketLabel(int bucket) {
  return std::to_string(bucket * 10) + "–" + std::to_string(bucket * 10 + 10) + " %";
}

std::string Plural(int count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

}  // namespace

GradebookEntry MakeGradebookEntry(const std::string& student_id, const GradeResult& result) {
  GradebookEntry entry;
  entry.student_id = student_id;
  entry.submission = result.submission;
  entry.gradable = result.gradable;
  entry.score = result.score();
  entry.max_score = result.max_score();
  entry.rubric_lab = result.rubric_lab;
  entry.rubric_title = result.rubric_title;
  entry.rubric_version = result.rubric_version;
  if (!result.gradable) {
    entry.not_gradable_reason = kReasonFileErrors;
    for (const Diagnostic& diagnostic : result.diagnostics) {
      if (diagnostic.severity != Severity::kError) continue;
      Diagnostic copy = diagnostic;
      if (copy.file.empty()) copy.file = result.submission;
      entry.detail = FormatDiagnosticLine(copy);
      break;
    }
  }
  for (const CheckResult& check : result.checks) {
    entry.checks.push_back({check.id, check.title, check.status, check.visibility,
                            RoundPoints(check.points), RoundPoints(check.max_points),
                            check.message});
  }
  return entry;
}

std::string WriteGradebookCsv(const std::vector<GradebookEntry>& entries) {
  std::vector<std::string> ids;
  for (const GradebookEntry& entry : entries) {
    for (const GradebookCheck& check : entry.checks) {
      if (std::find(ids.begin(), ids.end(), check.id) == ids.end()) ids.push_back(check.id);
    }
  }
  std::string csv = "student,total,max,status";
  for (const std::string& id : ids) csv += "," + CsvCell(id);
  csv += ",note\n";
  for (const GradebookEntry& entry : entries) {
    csv += CsvCell(entry.student_id);
    if (entry.skipped) {
      csv += ",,";  // not a student: no total, not even 0
    } else if (entry.gradable) {
      csv += "," + FormatPoints(entry.score) + "," + FormatPoints(entry.max_score);
    } else {
      csv += ",0,";
    }
    csv += "," + RowStatus(entry);
    for (const std::string& id : ids) {
      csv += ",";
      for (const GradebookCheck& check : entry.checks) {
        if (check.id == id) {
          csv += FormatPoints(check.points);
          break;
        }
      }
    }
    std::string note;
    if (!entry.gradable) note = SkipReason(entry);
    if (!entry.note.empty()) note += (note.empty() ? "" : "; ") + entry.note;
    csv += "," + CsvCell(note) + "\n";
  }
  return csv;
}

std::string WriteSummaryMarkdown(const std::vector<GradebookEntry>& entries) {
  const ClassStats stats = Gather(entries);
  std::string md = "# Batch summary";
  if (!stats.rubric_title.empty()) md += ": " + EscapeMarkdownInline(stats.rubric_title);
  md += "\n\n";
  if (!stats.rubric_lab.empty()) {
    md += "Lab " + EscapeMarkdownInline(stats.rubric_lab);
    if (!stats.rubric_version.empty())
      md += ", rubric version " + EscapeMarkdownInline(stats.rubric_version);
    md += ".\n\n";
  }
  md += Plural(stats.submissions, "submission", "submissions") + ": " +
        std::to_string(stats.graded) + " graded, " +
        std::to_string(stats.submissions - stats.graded) + " not gradable";
  if (!stats.not_gradable.empty()) {
    md += " (";
    for (std::size_t i = 0; i < stats.not_gradable.size(); ++i) {
      if (i > 0) md += ", ";
      md += EscapeMarkdownInline(stats.not_gradable[i].first) + ": " +
            std::to_string(stats.not_gradable[i].second);
    }
    md += ")";
  }
  md += ".\n\n";
  if (!stats.skipped.empty()) {
    md += Plural(static_cast<int>(stats.skipped.size()), "entry", "entries") +
          " of the class folder skipped (not submissions; see the end).\n\n";
  }
  md += "## Scores\n\n";
  if (stats.graded == 0) {
    md += "No submission could be graded.\n\n";
  } else {
    md += "Out of " + FormatPoints(stats.max_score) + " points: mean " + FormatPoints(stats.mean) +
          ", median " + FormatPoints(stats.median) + ", lowest " + FormatPoints(stats.lowest) +
          ", highest " + FormatPoints(stats.highest) + ".\n\n";
    md += "| Score | Submissions | |\n|---|---:|---|\n";
    const int most = *std::max_element(stats.buckets, stats.buckets + kBuckets);
    for (int bucket = kBuckets - 1; bucket >= 0; --bucket) {
      const int count = stats.buckets[bucket];
      std::string bar;
      const int width =
          most > 0 ? static_cast<int>(std::lround(1.0 * count / most * kBarWidth)) : 0;
      for (int i = 0; i < width; ++i) bar += "█";
      md += "| " + BucketLabel(bucket) + " | " + std::to_string(count) + " | " + bar + " |\n";
    }
    md += "\nEach range includes its lower bound; 100 % is in the top one.\n\n";
  }
  if (!stats.checks.empty()) {
    md +=
        "## Checks\n\n| Check | Points | Passed | Partial | Failed | Needs review | Error | "
        "Pass rate | Mean points |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const CheckStats& check : stats.checks) {
      md += "| " + EscapeMarkdownInline(check.title.empty() ? check.id : check.title) + " (" +
            EscapeMarkdownInline(check.id) + ") | " + FormatPoints(check.max_points);
      for (CheckStatus status : {CheckStatus::kPassed, CheckStatus::kPartial, CheckStatus::kFailed,
                                 CheckStatus::kNeedsReview, CheckStatus::kError}) {
        md += " | " + std::to_string(check.counts[static_cast<int>(status)]);
      }
      md += " | " +
            FormatPercent(
                Percent(check.counts[static_cast<int>(CheckStatus::kPassed)], check.graded)) +
            " % | " + FormatPoints(check.points / std::max(check.graded, 1)) + " |\n";
    }
    md += "\n";
  }
  md += "## Most common mistakes\n\n";
  if (stats.mistakes.empty()) md += "Every graded check passed.\n\n";
  for (std::size_t i = 0; i < stats.mistakes.size(); ++i) {
    const CheckStats& check = stats.checks[stats.mistakes[i]];
    const auto [message, count] = CommonMessage(check);
    md += std::to_string(i + 1) + ". **" +
          EscapeMarkdownInline(check.title.empty() ? check.id : check.title) + "** (" +
          EscapeMarkdownInline(check.id) + "): " + std::to_string(check.lost) + " of " +
          std::to_string(check.graded) + " graded submissions lost points (" +
          FormatPercent(Percent(check.lost, check.graded)) + " %).\n";
    // Messages often name the student's own elements, so the same text
    // recurring is worth saying only when it does.
    md += count > 1 ? "   Most common message (" + std::to_string(count) + " of " +
                          std::to_string(check.lost) + "), e.g. "
                    : std::string("   For example ");
    md += EscapeMarkdownInline(check.example_student.at(message)) + ": " +
          (message.empty() ? "(no message)" : EscapeMarkdownInline(message)) + "\n";
  }
  if (!stats.mistakes.empty()) md += "\n";
  md += "## Needs review\n\n";
  if (stats.review.empty()) {
    md += "Nothing needs review.\n";
  } else {
    md += "| Student | Why |\n|---|---|\n";
    for (const ReviewItem& item : stats.review) {
      std::string why;
      for (const std::string& reason : item.reasons) why += (why.empty() ? "" : "; ") + reason;
      md += "| " + EscapeMarkdownInline(item.student) + " | " + EscapeMarkdownInline(why) + " |\n";
    }
  }
  if (!stats.skipped.empty()) {
    md += "\n## Skipped entries\n\n| Entry | Why |\n|---|---|\n";
    for (const auto& [name, why] : stats.skipped) {
      md += "| " + EscapeMarkdownInline(name) + " | " + EscapeMarkdownInline(why) + " |\n";
    }
  }
  return md;
}

std::string WriteSummaryJson(const std::vector<GradebookEntry>& entries) {
  const ClassStats stats = Gather(entries);
  Json out;
  out["format"] = "sdlab-batch-summary/1";
  out["rubric"] = {{"lab", ValidUtf8(stats.rubric_lab)},
                   {"title", ValidUtf8(stats.rubric_title)},
                   {"version", ValidUtf8(stats.rubric_version)}};
  out["submissions"] = stats.submissions;
  out["graded"] = stats.graded;
  Json reasons = Json::object();
  for (const auto& [reason, count] : stats.not_gradable) reasons[ValidUtf8(reason)] = count;
  out["not_gradable"] = {{"count", stats.submissions - stats.graded}, {"reasons", reasons}};
  out["score"] = {{"max_points", stats.max_score},
                  {"mean", stats.mean},
                  {"median", stats.median},
                  {"lowest", stats.lowest},
                  {"highest", stats.highest}};
  Json distribution = Json::array();
  for (int bucket = 0; bucket < kBuckets; ++bucket) {
    distribution.push_back({{"from_percent", bucket * 10},
                            {"to_percent", bucket * 10 + 10},
                            {"count", stats.buckets[bucket]}});
  }
  out["distribution"] = distribution;
  Json checks = Json::array();
  for (const CheckStats& check : stats.checks) {
    Json one;
    one["id"] = ValidUtf8(check.id);
    one["title"] = ValidUtf8(check.title);
    one["max_points"] = check.max_points;
    for (CheckStatus status : {CheckStatus::kPassed, CheckStatus::kPartial, CheckStatus::kFailed,
                               CheckStatus::kNeedsReview, CheckStatus::kError}) {
      one[CheckStatusName(status)] = check.counts[static_cast<int>(status)];
    }
    one["pass_rate"] = Round(
        check.graded > 0 ? 1.0 * check.counts[static_cast<int>(CheckStatus::kPassed)] / check.graded
                         : 0.0,
        10000);
    one["mean_points"] = RoundPoints(check.points / std::max(check.graded, 1));
    checks.push_back(one);
  }
  out["checks"] = checks;
  Json mistakes = Json::array();
  for (std::size_t index : stats.mistakes) {
    const CheckStats* check = &stats.checks[index];
    const auto [message, count] = CommonMessage(*check);
    mistakes.push_back({{"check", ValidUtf8(check->id)},
                        {"title", ValidUtf8(check->title)},
                        {"lost_points", check->lost},
                        {"message", ValidUtf8(message)},
                        {"message_count", count},
                        {"example", ValidUtf8(check->example_student.at(message))}});
  }
  out["common_mistakes"] = mistakes;
  Json review = Json::array();
  for (const ReviewItem& item : stats.review) {
    Json why = Json::array();
    for (const std::string& reason : item.reasons) why.push_back(ValidUtf8(reason));
    review.push_back({{"student", ValidUtf8(item.student)}, {"reasons", why}});
  }
  out["needs_review"] = review;
  Json skipped = Json::array();
  for (const auto& [name, why] : stats.skipped) {
    skipped.push_back({{"entry", ValidUtf8(name)}, {"reason", ValidUtf8(why)}});
  }
  out["skipped"] = skipped;
  return out.dump(2) + "\n";
}

std::string GradebookEntryToJson(const GradebookEntry& entry) {
  Json out;
  out["student"] = ValidUtf8(entry.student_id);
  out["submission"] = ValidUtf8(entry.submission);
  out["gradable"] = entry.gradable;
  out["reason"] = ValidUtf8(entry.not_gradable_reason);
  out["detail"] = ValidUtf8(entry.detail);
  out["score"] = entry.score;
  out["max_score"] = entry.max_score;
  out["rubric"] = {ValidUtf8(entry.rubric_lab), ValidUtf8(entry.rubric_title),
                   ValidUtf8(entry.rubric_version)};
  Json checks = Json::array();
  for (const GradebookCheck& check : entry.checks) {
    checks.push_back({ValidUtf8(check.id), ValidUtf8(check.title), static_cast<int>(check.status),
                      static_cast<int>(check.visibility), check.points, check.max_points,
                      ValidUtf8(check.message)});
  }
  out["checks"] = checks;
  return out.dump();
}

bool ParseGradebookEntry(const std::string& json, GradebookEntry* entry) {
  const Json in = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (in.is_discarded() || !in.is_object()) return false;
  try {
    GradebookEntry parsed;
    parsed.student_id = in.at("student").get<std::string>();
    parsed.submission = in.at("submission").get<std::string>();
    parsed.gradable = in.at("gradable").get<bool>();
    parsed.not_gradable_reason = in.at("reason").get<std::string>();
    parsed.detail = in.at("detail").get<std::string>();
    parsed.score = in.at("score").get<double>();
    parsed.max_score = in.at("max_score").get<double>();
    const Json& rubric = in.at("rubric");
    parsed.rubric_lab = rubric.at(0).get<std::string>();
    parsed.rubric_title = rubric.at(1).get<std::string>();
    parsed.rubric_version = rubric.at(2).get<std::string>();
    for (const Json& check : in.at("checks")) {
      const int status = check.at(2).get<int>(), visibility = check.at(3).get<int>();
      if (status < 0 || status > 4 || visibility < 0 || visibility > 3) return false;
      parsed.checks.push_back({check.at(0).get<std::string>(), check.at(1).get<std::string>(),
                               static_cast<CheckStatus>(status),
                               static_cast<Visibility>(visibility), check.at(4).get<double>(),
                               check.at(5).get<double>(), check.at(6).get<std::string>()});
    }
    *entry = std::move(parsed);
    return true;
  } catch (const Json::exception&) {
    return false;  // a field missing or of the wrong type
  }
}

}  // namespace sdlab
