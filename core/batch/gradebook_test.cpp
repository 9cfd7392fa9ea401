#include "core/batch/gradebook.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "grade_fixtures.h"

namespace sdlab {
namespace {

using ::testing::HasSubstr;
using testing::SampleGradeResult;

GradeResult AllPassed(std::string submission) {
  GradeResult result = SampleGradeResult(std::move(submission), "Carol");
  for (CheckResult& check : result.checks) {
    check.points = check.max_points;
    check.status = CheckStatus::kPassed;
    check.message = "ok";
  }
  return result;
}

GradebookEntry TimedOut(std::string student) {
  GradebookEntry entry;
  entry.student_id = std::move(student);
  entry.submission = "class/" + entry.student_id + ".yaml";
  entry.gradable = false;
  entry.not_gradable_reason = "time limit";
  entry.detail = "grading took longer than 10 s";
  return entry;
}

std::vector<GradebookEntry> ClassOfFive() {
  GradeResult dana = SampleGradeResult("class/dana.yaml", "Dana");
  dana.checks[1].message = "Request Queue has no outflow";  // a different message for one check
  dana.checks[5].status = CheckStatus::kPassed;
  return {
      MakeGradebookEntry("ada", SampleGradeResult("class/ada.yaml")),
      MakeGradebookEntry("bob", testing::NotGradableResult("class/bob.yaml")),
      MakeGradebookEntry("=carol,\"c\"", AllPassed("class/carol.yaml")),
      MakeGradebookEntry("dana", dana),
      TimedOut("eve"),
  };
}

TEST(GradebookTest, EntryKeepsWhatTheClassViewNeeds) {
  const GradebookEntry entry = MakeGradebookEntry("ada", SampleGradeResult());
  EXPECT_EQ(entry.student_id, "ada");
  EXPECT_EQ(entry.submission, "students/ada/answer.yaml");
  EXPECT_TRUE(entry.gradable);
  EXPECT_EQ(entry.score, 25.5);
  EXPECT_EQ(entry.max_score, 55);
  EXPECT_EQ(entry.rubric_title, "Part B: a web app under load");
  ASSERT_EQ(entry.checks.size(), 7u);
  EXPECT_EQ(entry.checks[1].id, "queue_flows");
  EXPECT_EQ(entry.checks[1].status, CheckStatus::kPartial);
  EXPECT_EQ(entry.checks[1].points, 2.5);
  EXPECT_EQ(entry.checks[6].visibility, Visibility::kHidden);
}

TEST(GradebookTest, NotGradableEntrySaysWhyWithTheFirstError) {
  const GradebookEntry entry = MakeGradebookEntry("bob", testing::NotGradableResult());
  EXPECT_FALSE(entry.gradable);
  EXPECT_EQ(entry.not_gradable_reason, "errors in the file");
  EXPECT_EQ(entry.detail,
            "students/bob/answer.yaml:3:1: error: unknown key 'stok' (did you mean 'stocks'?)");
}

TEST(GradebookTest, CsvHasOneRowPerStudentAndOneColumnPerCheck) {
  EXPECT_EQ(WriteGradebookCsv(ClassOfFive()),
            "student,total,max,status,two_stocks,queue_flows,queue_peaks,retry_loop,ranking,"
            "spike_cause,hidden_whatif,note\n"
            "ada,25.5,55,needs_review,5,2.5,0,10,3,5,0,\n"
            "bob,0,,not_gradable,,,,,,,,errors in the file: class/bob.yaml:3:1: error: unknown "
            "key 'stok' (did you mean 'stocks'?)\n"
            "\"'=carol,\"\"c\"\"\",55,55,graded,5,5,10,10,5,5,15,\n"
            "dana,25.5,55,graded,5,2.5,0,10,3,5,0,\n"
            "eve,0,,not_gradable,,,,,,,,time limit: grading took longer than 10 s\n");
}

TEST(GradebookTest, SummaryMarkdownHasDistributionPassRatesMistakesAndReview) {
  EXPECT_EQ(WriteSummaryMarkdown(ClassOfFive()), R"(# Batch summary: Part B: a web app under load

Lab part-b-web-app, rubric version 2025-1.

5 submissions: 3 graded, 2 not gradable (errors in the file: 1, time limit: 1).

## Scores

Out of 55 points: mean 35.33, median 25.5, lowest 25.5, highest 55.

| Score | Submissions | |
|---|---:|---|
| 90–100 % | 1 | ███████████████ |
| 80–90 % | 0 |  |
| 70–80 % | 0 |  |
| 60–70 % | 0 |  |
| 50–60 % | 0 |  |
| 40–50 % | 2 | ██████████████████████████████ |
| 30–40 % | 0 |  |
| 20–30 % | 0 |  |
| 10–20 % | 0 |  |
| 0–10 % | 0 |  |

Each range includes its lower bound; 100 % is in the top one.

## Checks

| Check | Points | Passed | Partial | Failed | Needs review | Error | Pass rate | Mean points |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
| At least two stocks (two\_stocks) | 5 | 3 | 0 | 0 | 0 | 0 | 100.0 % | 5 |
| The queue has an inflow and an outflow (queue\_flows) | 5 | 1 | 2 | 0 | 0 | 0 | 33.3 % | 3.33 |
| The queue peaks during a traffic spike (queue\_peaks) | 10 | 1 | 0 | 2 | 0 | 0 | 33.3 % | 3.33 |
| The retry storm loop (retry\_loop) | 10 | 3 | 0 | 0 | 0 | 0 | 100.0 % | 10 |
| Interventions ranked by leverage (ranking) | 5 | 1 | 2 | 0 | 0 | 0 | 33.3 % | 3.67 |
| Why the spikes come on the hour (spike\_cause) | 5 | 2 | 0 | 0 | 1 | 0 | 66.7 % | 5 |
| Circuit breaker lowers the peak (hidden\_whatif) | 15 | 1 | 0 | 2 | 0 | 0 | 33.3 % | 5 |

## Most common mistakes

1. **The queue has an inflow and an outflow** (queue\_flows): 2 of 3 graded submissions lost points (66.7 %).
   For example ada: Request Queue has an inflow but no outflow
2. **The queue peaks during a traffic spike** (queue\_peaks): 2 of 3 graded submissions lost points (66.7 %).
   Most common message (2 of 2), e.g. ada: Request Queue never exceeds 500 requests after t = 600
3. **Interventions ranked by leverage** (ranking): 2 of 3 graded submissions lost points (66.7 %).
   Most common message (2 of 2), e.g. ada: your ranking agrees partly with the leverage order
4. **Circuit breaker lowers the peak** (hidden\_whatif): 2 of 3 graded submissions lost points (66.7 %).
   Most common message (2 of 2), e.g. ada: the peak did not go down

## Needs review

| Student | Why |
|---|---|
| ada | needs review: spike\_cause |
| bob | not gradable: errors in the file (class/bob.yaml:3:1: error: unknown key 'stok' (did you mean 'stocks'?)) |
| eve | not gradable: time limit (grading took longer than 10 s) |
)");
}

TEST(GradebookTest, SummaryMarkdownEscapesStudentText) {
  GradeResult result = testing::NotGradableResult("class/x.yaml");
  result.diagnostics[0].message = "bad <img src=x onerror=alert(1)> | *x* [a](b) `c`\n# h $x$";
  const std::string md = WriteSummaryMarkdown({MakeGradebookEntry("<b>|eve_1", result)});
  EXPECT_THAT(
      md,
      HasSubstr("| &lt;b&gt;\\|eve\\_1 | not gradable: errors in the file "
                "(class/x.yaml:3:1: error: bad &lt;img src=x onerror=alert(1)&gt; "
                "\\| \\*x\\* \\[a\\](b) \\`c\\`\\\\n\\# h \\$x\\$ (did you mean 'stocks'?)) |\n"));
}

TEST(GradebookTest, SummaryJsonHasTheSameFacts) {
  const nlohmann::json summary = nlohmann::json::parse(WriteSummaryJson(ClassOfFive()));
  EXPECT_EQ(summary["format"], "sdlab-batch-summary/1");
  EXPECT_EQ(summary["rubric"]["version"], "2025-1");
  EXPECT_EQ(summary["submissions"], 5);
  EXPECT_EQ(summary["graded"], 3);
  EXPECT_EQ(summary["not_gradable"]["count"], 2);
  EXPECT_EQ(summary["not_gradable"]["reasons"]["time limit"], 1);
  EXPECT_EQ(summary["not_gradable"]["reasons"]["errors in the file"], 1);
  EXPECT_EQ(summary["score"]["mean"], 35.33);
  EXPECT_EQ(summary["score"]["median"], 25.5);
  EXPECT_EQ(summary["distribution"][4]["count"], 2);
  EXPECT_EQ(summary["distribution"][9]["count"], 1);
  ASSERT_EQ(summary["checks"].size(), 7u);
  EXPECT_EQ(summary["checks"][1]["id"], "queue_flows");
  EXPECT_EQ(summary["checks"][1]["partial"], 2);
  EXPECT_EQ(summary["checks"][1]["pass_rate"], 0.3333);
  EXPECT_EQ(summary["checks"][4]["mean_points"], 3.67);
  ASSERT_EQ(summary["common_mistakes"].size(), 4u);
  EXPECT_EQ(summary["common_mistakes"][1]["check"], "queue_peaks");
  EXPECT_EQ(summary["common_mistakes"][1]["message_count"], 2);
  EXPECT_EQ(summary["common_mistakes"][1]["example"], "ada");
  ASSERT_EQ(summary["needs_review"].size(), 3u);
  EXPECT_EQ(summary["needs_review"][2]["student"], "eve");
  EXPECT_EQ(summary["needs_review"][2]["reasons"][0],
            "not gradable: time limit (grading took longer than 10 s)");
}

// Issue 14 item 6: entries that are not submissions get a row saying why,
// and count apart from the students.
TEST(GradebookTest, SkippedEntriesHaveARowWithTheirReasonAndCountApart) {
  GradebookEntry skipped;
  skipped.student_id = ".zoe.yaml";
  skipped.gradable = false;
  skipped.skipped = true;
  skipped.not_gradable_reason = "dotfile";
  skipped.detail = "class/.zoe.yaml is hidden (its name starts with '.'); not graded";
  GradebookEntry ada = MakeGradebookEntry("ada", SampleGradeResult("class/ada.yaml"));
  ada.note = "results in students/ada-12345678";
  const std::vector<GradebookEntry> entries = {skipped, ada};
  const std::string csv = WriteGradebookCsv(entries);
  EXPECT_THAT(csv, HasSubstr("\n.zoe.yaml,,,skipped,,,,,,,,dotfile: class/.zoe.yaml is hidden "
                             "(its name starts with '.'); not graded\n"));
  EXPECT_THAT(csv, HasSubstr(",results in students/ada-12345678\n"));
  const std::string md = WriteSummaryMarkdown(entries);
  EXPECT_THAT(md, HasSubstr("1 submission: 1 graded, 0 not gradable.\n\n1 entry of the class "
                            "folder skipped (not submissions; see the end).\n"));
  EXPECT_THAT(md, HasSubstr("## Skipped entries\n\n| Entry | Why |\n|---|---|\n| .zoe.yaml | "));
  const nlohmann::json json = nlohmann::json::parse(WriteSummaryJson(entries));
  EXPECT_EQ(json["submissions"], 1);
  EXPECT_EQ(json["skipped"][0]["entry"], ".zoe.yaml");
  EXPECT_EQ(json["skipped"][0]["reason"],
            "dotfile: class/.zoe.yaml is hidden (its name starts with '.'); not graded");
}

TEST(GradebookTest, AnEmptyBatchStillWritesEveryFile) {
  EXPECT_EQ(WriteGradebookCsv({}), "student,total,max,status,note\n");
  EXPECT_THAT(WriteSummaryMarkdown({}), HasSubstr("0 submissions: 0 graded, 0 not gradable.\n\n"
                                                  "## Scores\n\nNo submission could be graded."));
  EXPECT_THAT(WriteSummaryMarkdown({}), HasSubstr("Nothing needs review.\n"));
  EXPECT_EQ(nlohmann::json::parse(WriteSummaryJson({}))["submissions"], 0);
}

TEST(GradebookTest, EntryRoundTripsThroughJson) {
  const GradebookEntry entry = MakeGradebookEntry("ad\"a", SampleGradeResult());
  GradebookEntry back;
  ASSERT_TRUE(ParseGradebookEntry(GradebookEntryToJson(entry), &back));
  EXPECT_EQ(GradebookEntryToJson(back), GradebookEntryToJson(entry));
  EXPECT_EQ(back.student_id, "ad\"a");
  EXPECT_EQ(back.checks[6].visibility, Visibility::kHidden);
  EXPECT_EQ(back.checks[5].status, CheckStatus::kNeedsReview);
}

TEST(GradebookTest, MalformedEntryJsonIsRejected) {
  GradebookEntry entry;
  EXPECT_FALSE(ParseGradebookEntry("", &entry));
  EXPECT_FALSE(ParseGradebookEntry("{\"student\": 3}", &entry));
  std::string json = GradebookEntryToJson(MakeGradebookEntry("ada", SampleGradeResult()));
  json.replace(json.find("[\"two_stocks\",\"At least two stocks\",0"), 36,
               "[\"two_stocks\",\"At least two stocks\",9");
  EXPECT_FALSE(ParseGradebookEntry(json, &entry));
}

}  // namespace
}  // namespace sdlab
