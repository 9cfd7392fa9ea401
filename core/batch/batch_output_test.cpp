#include "core/batch/batch_output.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "core/report/report_html.h"
#include "core/report/report_writers.h"
#include "grade_fixtures.h"
#include "test_support.h"

namespace sdlab {
namespace {

using ::testing::ElementsAre;

namespace fs = std::filesystem;

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(BatchFormatsTest, ParsesAListAndDropsDuplicates) {
  std::string error;
  EXPECT_THAT(*ParseBatchFormats("json,html", &error),
              ElementsAre(ReportFormat::kJson, ReportFormat::kHtml));
  EXPECT_THAT(*ParseBatchFormats("junit,,gradescope,junit", &error),
              ElementsAre(ReportFormat::kJunit, ReportFormat::kGradescope));
  EXPECT_TRUE(ParseBatchFormats("", &error)->empty());
  EXPECT_FALSE(ParseBatchFormats("json,pdf", &error));
  EXPECT_EQ(error, "unknown format 'pdf' (formats: json, junit, gradescope, html)");
}

TEST(BatchOutputTest, WritesEachChosenFormatIntoTheStudentsFolder) {
  const std::string out = testing::MakeTempDir();
  const BatchOutput output{
      out,
      {ReportFormat::kJson, ReportFormat::kGradescope, ReportFormat::kJunit, ReportFormat::kHtml}};
  const GradeResult result = testing::SampleGradeResult();
  std::string error;
  const std::string name = ResultFolderName({"ada lovelace", "", "", "", false, "", ""});
  EXPECT_EQ(name, "ada_lovelace");
  ASSERT_TRUE(WriteSubmissionFiles(output, name, result, &error)) << error;
  const std::string folder = out + "/students/ada_lovelace";
  EXPECT_EQ(StudentFolder(output, name), folder);
  EXPECT_THAT(FilesIn(folder),
              ElementsAre("gradescope.json", "junit.xml", "report.html", "result.json"));
  EXPECT_EQ(testing::ReadFileOrDie(folder + "/result.json"), WriteJsonReport({result}, {}));
  EXPECT_EQ(testing::ReadFileOrDie(folder + "/gradescope.json"), WriteGradescopeReport(result));
  EXPECT_EQ(testing::ReadFileOrDie(folder + "/junit.xml"), WriteJunitReport({result}, {}));
  EXPECT_EQ(testing::ReadFileOrDie(folder + "/report.html"), WriteHtmlReport(result, {}));
}

TEST(BatchOutputTest, AnUnwritableFolderIsAnError) {
  const std::string out = testing::MakeTempDir();
  testing::WriteFile(out + "/students", "a file where the folder should be");
  std::string error;
  EXPECT_FALSE(WriteSubmissionFiles({out, {ReportFormat::kJson}}, "ada",
                                    testing::SampleGradeResult(), &error));
  EXPECT_EQ(error.rfind("cannot create " + out + "/students/ada: ", 0), 0u) << error;
}

TEST(BatchOutputTest, AFailedEntryBecomesANotGradableResultSayingWhy) {
  GradebookEntry entry;
  entry.student_id = "eve";
  entry.submission = "class/eve.yaml";
  entry.gradable = false;
  entry.not_gradable_reason = "time limit";
  entry.detail = "grading took longer than 10 s";
  const GradeResult result = ResultForFailedEntry(entry);
  EXPECT_FALSE(result.gradable);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(FormatDiagnosticLine(result.diagnostics[0]),
            "class/eve.yaml: error: not gradable: time limit (grading took longer than 10 s)");
}

TEST(BatchOutputTest, ClassFilesAreTheGradebookWritersOutput) {
  const std::string out = testing::MakeTempDir() + "/grades";
  const std::vector<GradebookEntry> entries = {
      MakeGradebookEntry("ada", testing::SampleGradeResult()),
      MakeGradebookEntry("bob", testing::NotGradableResult())};
  std::string error;
  ASSERT_TRUE(WriteClassFiles({out, {}}, entries, &error)) << error;
  EXPECT_THAT(FilesIn(out), ElementsAre("gradebook.csv", "summary.json", "summary.md"));
  EXPECT_EQ(testing::ReadFileOrDie(out + "/gradebook.csv"), WriteGradebookCsv(entries));
  EXPECT_EQ(testing::ReadFileOrDie(out + "/summary.md"), WriteSummaryMarkdown(entries));
  EXPECT_EQ(testing::ReadFileOrDie(out + "/summary.json"), WriteSummaryJson(entries));
}

}  // namespace
}  // namespace sdlab
