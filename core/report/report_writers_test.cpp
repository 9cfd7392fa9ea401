#include "core/report/report_writers.h"

#include "core/report/report_html.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>

#include "grading_fixtures.h"
#include "test_support.h"

namespace sdlab {
namespace {

using Json = nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// ---- a tiny JSON Schema validator: the keywords docs/result-schema.json uses ----

class SchemaValidator {
 public:
  explicit SchemaValidator(Json root) : root_(std::move(root)) {}
  std::vector<std::string> Validate(const Json& value) {
    errors_.clear();
    Check(root_, value, "$");
    return errors_;
  }

 private:
  static bool HasType(const Json& value, const std::string& type) {
    if (type == "object") return value.is_object();
    if (type == "array") return value.is_array();
    if (type == "string") return value.is_string();
    if (type == "boolean") return value.is_boolean();
    if (type == "null") return value.is_null();
    if (type == "integer") return value.is_number_integer();
    if (type == "number") return value.is_number();
    ADD_FAILURE() << "schema uses an unsupported type " << type;
    return false;
  }

  void Check(const Json& schema, const Json& value, const std::string& path) {
    for (const auto& [keyword, argument] : schema.items()) {
      static const std::vector<std::string> kKnown = {
          "$schema", "$id",     "title",    "description", "type",
          "const",   "enum",    "required", "properties",  "additionalProperties",
          "items",   "minimum", "$ref",     "$defs"};
      if (std::find(kKnown.begin(), kKnown.end(), keyword) == kKnown.end()) {
        ADD_FAILURE() << "schema keyword not supported by the test validator: " << keyword;
      }
    }
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"];
      const std::string prefix = "#/$defs/";
      ASSERT_EQ(ref.rfind(prefix, 0), 0u) << ref;
      Check(root_["$defs"][ref.substr(prefix.size())], value, path);
    }
    if (schema.contains("type")) {
      const Json& type = schema["type"];
      bool ok = false;
      if (type.is_string()) {
        ok = HasType(value, type);
      } else {
        for (const Json& one : type) ok = ok || HasType(value, one);
      }
      if (!ok) errors_.push_back(path + ": expected type " + type.dump());
    }
    if (schema.contains("const") && value != schema["const"]) {
      errors_.push_back(path + ": expected " + schema["const"].dump());
    }
    if (schema.contains("enum")) {
      const Json& options = schema["enum"];
      if (std::find(options.begin(), options.end(), value) == options.end()) {
        errors_.push_back(path + ": " + value.dump() + " not in " + options.dump());
      }
    }
    if (schema.contains("minimum") && value.is_number() &&
        value.get<double>() < schema["minimum"].get<double>()) {
      errors_.push_back(path + ": below minimum");
    }
    if (value.is_object()) {
      if (schema.contains("required")) {
        for (const Json& key : schema["required"]) {
          if (!value.contains(key.get<std::string>())) {
            errors_.push_back(path + ": missing " + key.get<std::string>());
          }
        }
      }
      for (const auto& [key, item] : value.items()) {
        if (schema.contains("properties") && schema["properties"].contains(key)) {
          Check(schema["properties"][key], item, path + "." + key);
        } else if (schema.value("additionalProperties", true) == false) {
          errors_.push_back(path + ": undocumented key " + key);
        }
      }
    }
    if (value.is_array() && schema.contains("items")) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        Check(schema["items"], value[i], path + "[" + std::to_string(i) + "]");
      }
    }
  }

  Json root_;
  std::vector<std::string> errors_;
};

SchemaValidator LoadSchema() {
  return SchemaValidator(
      Json::parse(testing::ReadFileOrDie(testing::SourceDir() + "/docs/result-schema.json")));
}

// ---- fixtures ----

CheckResult MakeCheck(std::string id, CheckStatus status, double points, double max,
                      Visibility visibility = Visibility::kVisible) {
  CheckResult check;
  check.id = std::move(id);
  check.title = "Title of " + check.id;
  check.kind = "element";
  check.status = status;
  check.points = points;
  check.max_points = max;
  check.visibility = visibility;
  check.message = status == CheckStatus::kPassed ? "ok" : "message of " + check.id;
  return check;
}

GradeResult SampleResult() {
  GradeResult result;
  result.submission = "answer.yaml";
  result.lab = "part-b-web-app";
  result.author = "Ada";
  result.rubric_lab = "part-b-web-app";
  result.rubric_title = "Part B";
  result.rubric_version = "1";
  result.rubric_files = {"rubrics/part-b-web-app.yaml"};
  result.checks.push_back(MakeCheck("two_stocks", CheckStatus::kPassed, 5, 5));
  CheckResult loop = MakeCheck("retry_loop", CheckStatus::kFailed, 0, 10);
  loop.family = CheckFamily::kLoops;
  loop.kind = "loop";
  loop.location = {12, 5};
  loop.hint = "Follow a retry around.";
  loop.details = "found a balancing loop";
  loop.evidence.loop_path = {"Load", "Latency", "Retries"};
  loop.evidence.loop_polarity = "balancing";
  result.checks.push_back(loop);
  CheckResult ranking = MakeCheck("ranking", CheckStatus::kPartial, 2.5, 5);
  ranking.family = CheckFamily::kLeverage;
  ranking.evidence.tau = 0.4;
  ranking.evidence.notes = {"level 12 ranked 1"};
  result.checks.push_back(ranking);
  CheckResult spikes = MakeCheck("spikes", CheckStatus::kPassed, 10, 10, Visibility::kHidden);
  spikes.family = CheckFamily::kBehaviour;
  spikes.evidence.measurements = {{"period", 3600, "s"}, {"bad", std::nan(""), ""}};
  SeriesEvidence series;
  series.label = "Cache Hit Rate";
  series.element = "Cache Hit Rate";
  series.times = {0, 1, 2};
  series.values = {0.95, 0.6, 0.95};
  series.window_start = 0;
  series.thresholds = {0.6};
  spikes.evidence.series = {series};
  result.checks.push_back(spikes);
  CheckResult answer =
      MakeCheck("cause", CheckStatus::kNeedsReview, 1, 4, Visibility::kAfterDueDate);
  answer.family = CheckFamily::kAnswers;
  result.checks.push_back(answer);
  result.checks.push_back(MakeCheck("crash", CheckStatus::kError, 0, 1));
  ConceptBinding binding;
  binding.concept_id = "request_queue";
  binding.section = "stock_flow";
  binding.element = "Request Queue";
  binding.match = "alias";
  binding.location = {7, 9};
  result.concepts.push_back(binding);
  Diagnostic warning;
  warning.severity = Severity::kWarning;
  warning.location = {3, 1};
  warning.message = "a warning";
  result.diagnostics.push_back(warning);
  return result;
}

GradeResult NotGradable() {
  GradeResult result;
  result.submission = "broken.yaml";
  result.rubric_lab = "part-b-web-app";
  result.gradable = false;
  Diagnostic error;
  error.location = {4, 3};
  error.message = "unknown key 'stok'";
  error.hint = "did you mean 'stocks'?";
  result.diagnostics.push_back(error);
  return result;
}

// Loop-dominance feedback whose element names are `name`.
DominanceFeedback SampleDominance(const std::string& name = "Retries") {
  DominanceFeedback feedback;
  feedback.scenario = "traffic_spike";
  feedback.title = "User traffic x3";
  feedback.method = "every loop (2)";
  feedback.from = 5400;
  feedback.to = 6600;
  feedback.window = true;
  feedback.loops.push_back({"L2", "reinforcing", {name, "Offered Load"}, "R1 'Retry storm'"});
  feedback.phases.push_back({5526, 5717, {"L2"}, {0.66}});
  SeriesEvidence series;
  series.label = "relative score of L2 (reinforcing)";
  series.times = {5400, 5500, 5600};
  series.values = {0, 0.5, 0.66};
  feedback.series.push_back(series);
  return feedback;
}

// A result whose student-controlled text tries to break every format.
GradeResult Hostile() {
  GradeResult result = SampleResult();
  const std::string evil =
      "x\n::error::forged%0A\r\n::notice title=Points::Points 100/100 | <b>&amp;</b> ]]> \x1b[31m";
  result.submission = "ans,w:er.yaml";
  result.author = evil;
  for (CheckResult& check : result.checks) {
    check.message = evil;
    check.details = evil;
    check.title = "T " + evil;
  }
  result.dominance.push_back(SampleDominance(evil));
  return result;
}

// ---- JSON ----

TEST(JsonReportTest, ResultValidatesAgainstTheDocumentedSchema) {
  SchemaValidator schema = LoadSchema();
  for (const GradeResult& result : {SampleResult(), NotGradable(), Hostile()}) {
    for (bool student : {false, true}) {
      ReportOptions options;
      options.student_view = student;
      Json document = Json::parse(WriteJsonReport({result}, options));
      EXPECT_THAT(schema.Validate(document), ::testing::IsEmpty()) << document.dump(2);
    }
  }
}

TEST(DominanceFeedbackTest, EveryReportShowsWhichLoopsDriveTheModel) {
  GradeResult result = SampleResult();
  result.dominance.push_back(SampleDominance());
  const std::string text = WriteTextReport({result}, {});
  EXPECT_THAT(text, ::testing::HasSubstr("Which loops drive your model"));
  EXPECT_THAT(text,
              ::testing::HasSubstr("in scenario 'traffic_spike' (User traffic x3), 5400 to 6600:\n"
                                   "    5526 to 5717: L2 +66%\n"));
  EXPECT_THAT(text,
              ::testing::HasSubstr(
                  "L2 reinforcing: Retries -> Offered Load -> Retries (your R1 'Retry storm')"));
  EXPECT_THAT(WriteMarkdownReport({result}, {}),
              ::testing::HasSubstr("### Which loops drive your model"));
  HtmlReportOptions html;
  const std::string page = WriteHtmlReport(result, html);
  EXPECT_THAT(page, ::testing::HasSubstr("<h2>Which loops drive your model</h2>"));
  EXPECT_THAT(page, ::testing::HasSubstr("id=\"dominance-1-1\""));
  Json document = Json::parse(WriteJsonReport({result}, {}));
  EXPECT_THAT(LoadSchema().Validate(document), ::testing::IsEmpty());
  ASSERT_EQ(document["dominance"].size(), 1u);
  EXPECT_EQ(document["dominance"][0]["phases"][0]["loops"][0], "L2");
  EXPECT_EQ(document["dominance"][0]["loops"][0]["declared"], "R1 'Retry storm'");
}

TEST(JsonReportTest, LinkEvidenceIsWrittenAsTheSchemaSays) {
  GradeResult result = SampleResult();
  result.checks[0].evidence.links.push_back({"Load", "Re\"tries", "+", false});
  result.checks[0].evidence.links.push_back({"Pods", "Latency", "-", true});
  Json document = Json::parse(WriteJsonReport({result}, {}));
  EXPECT_THAT(LoadSchema().Validate(document), ::testing::IsEmpty());
  const Json& links = document["checks"][0]["evidence"]["links"];
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0]["from"], "Load");
  EXPECT_EQ(links[0]["to"], "Re\"tries");
  EXPECT_EQ(links[0]["expected_polarity"], "+");
  EXPECT_EQ(links[0]["present"], false);
  EXPECT_EQ(links[1]["present"], true);
  EXPECT_FALSE(document["checks"][1]["evidence"].contains("links"));
}

TEST(JsonReportTest, SchemaValidatorRejectsAnUndocumentedOrMistypedField) {
  SchemaValidator schema = LoadSchema();
  Json document = Json::parse(WriteJsonReport({SampleResult()}, {}));
  document["checks"][0]["status"] = "great";
  document["extra"] = 1;
  document.erase("score");
  std::vector<std::string> errors = schema.Validate(document);
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("not in")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("undocumented key extra")));
  EXPECT_THAT(errors, ::testing::Contains(HasSubstr("missing score")));
}

TEST(JsonReportTest, SeveralResultsAreAnArray) {
  Json document = Json::parse(WriteJsonReport({SampleResult(), NotGradable()}, {}));
  ASSERT_TRUE(document.is_array());
  ASSERT_EQ(document.size(), 2u);
  EXPECT_EQ(document[1]["gradable"], false);
  EXPECT_EQ(document[1]["diagnostics"][0]["message"], "unknown key 'stok'");
}

TEST(JsonReportTest, CarriesScoresEvidenceAndUnmeasuredValuesAsNull) {
  Json document = Json::parse(WriteJsonReport({SampleResult()}, {}));
  EXPECT_EQ(document["score"], 18.5);
  EXPECT_EQ(document["max_score"], 35);
  EXPECT_EQ(document["checks"][1]["evidence"]["loop"][2], "Retries");
  EXPECT_EQ(document["checks"][1]["line"], 12);
  EXPECT_EQ(document["checks"][2]["evidence"]["tau"], 0.4);
  EXPECT_TRUE(document["checks"][3]["evidence"]["measurements"][1]["value"].is_null());
  EXPECT_EQ(document["concepts"][0]["element"], "Request Queue");
}

TEST(JsonReportTest, StudentViewListsOnlyVisibleChecksAndCountsTheRest) {
  ReportOptions options;
  options.student_view = true;
  Json document = Json::parse(WriteJsonReport({SampleResult()}, options));
  ASSERT_EQ(document["checks"].size(), 4u);
  for (const Json& check : document["checks"]) EXPECT_EQ(check["visibility"], "visible");
  EXPECT_EQ(document["withheld"]["checks"], 2);
  EXPECT_EQ(document["withheld"]["max_points"], 14);
  EXPECT_EQ(document["score"], 7.5);
  EXPECT_EQ(document["max_score"], 21);
}

TEST(JsonReportTest, InvalidUtf8InStudentTextDoesNotBreakTheWriter) {
  GradeResult result = SampleResult();
  result.author = "bad \xff\xfe bytes";
  Json document = Json::parse(WriteJsonReport({result}, {}));
  EXPECT_EQ(document["author"], "bad ?? bytes");
}

// ---- Gradescope ----

TEST(GradescopeReportTest, HasEveryRequiredField) {
  Json document = Json::parse(WriteGradescopeReport(SampleResult()));
  EXPECT_EQ(document["score"], 18.5);
  for (const char* key : {"output", "output_format", "test_output_format", "visibility",
                          "stdout_visibility", "tests"}) {
    EXPECT_TRUE(document.contains(key)) << key;
  }
  ASSERT_EQ(document["tests"].size(), 6u);
  const std::vector<std::string> visibilities = {"visible", "hidden", "after_due_date",
                                                 "after_published"};
  double sum = 0;
  for (std::size_t i = 0; i < document["tests"].size(); ++i) {
    const Json& test = document["tests"][i];
    for (const char* key :
         {"name", "number", "score", "max_score", "status", "output", "visibility", "tags"}) {
      EXPECT_TRUE(test.contains(key)) << key;
    }
    EXPECT_EQ(test["number"], std::to_string(i + 1));
    EXPECT_TRUE(test["status"] == "passed" || test["status"] == "failed");
    EXPECT_NE(std::find(visibilities.begin(), visibilities.end(), test["visibility"]),
              visibilities.end());
    sum += test["score"].get<double>();
  }
  EXPECT_DOUBLE_EQ(sum, 18.5);
  EXPECT_EQ(document["tests"][3]["visibility"], "hidden");
  EXPECT_EQ(document["tests"][4]["visibility"], "after_due_date");
  EXPECT_EQ(document["tests"][2]["status"], "failed");  // partial credit is not a pass
  EXPECT_THAT(document["tests"][1]["output"].get<std::string>(),
              HasSubstr("answer.yaml:12:5: message of retry_loop"));
  EXPECT_THAT(document["tests"][1]["output"].get<std::string>(),
              HasSubstr("Hint: Follow a retry around."));
}

TEST(GradescopeReportTest, StudentViewListsOnlyVisibleChecks) {
  const GradeResult result = SampleResult();
  ReportOptions options;
  options.student_view = true;
  const std::string written = WriteGradescopeReport(result, options);
  Json document = Json::parse(written);
  EXPECT_EQ(document["tests"].size(), 4u);
  EXPECT_EQ(document["score"], 7.5);
  for (const CheckResult& check : result.checks) {
    if (check.visibility == Visibility::kVisible) continue;
    EXPECT_THAT(written, Not(HasSubstr(check.title)));
  }
}

TEST(GradescopeReportTest, NotGradableStillWritesAScoreAndTheErrors) {
  Json document = Json::parse(WriteGradescopeReport(NotGradable()));
  EXPECT_EQ(document["score"], 0);
  EXPECT_TRUE(document["tests"].empty());
  EXPECT_THAT(document["output"].get<std::string>(),
              HasSubstr("broken.yaml:4:3: error: unknown key 'stok' (did you mean 'stocks'?)"));
}

// ---- PrairieLearn ----

TEST(PrairieLearnReportTest, HasEveryRequiredField) {
  Json document = Json::parse(WritePrairieLearnReport(SampleResult()));
  EXPECT_EQ(document["gradable"], true);
  EXPECT_NEAR(document["score"].get<double>(), 18.5 / 35, 1e-12);
  for (const char* key : {"format_errors", "message", "output", "images", "tests"}) {
    EXPECT_TRUE(document.contains(key)) << key;
  }
  ASSERT_EQ(document["tests"].size(), 5u);  // four visible checks and one line for the hidden
  for (const Json& test : document["tests"]) {
    for (const char* key :
         {"name", "description", "points", "max_points", "message", "output", "images"}) {
      EXPECT_TRUE(test.contains(key)) << key;
    }
  }
}

TEST(PrairieLearnReportTest, HiddenChecksCountButShowNothingOfTheirOwn) {
  const GradeResult result = SampleResult();
  const std::string written = WritePrairieLearnReport(result);
  Json document = Json::parse(written);
  EXPECT_NEAR(document["score"].get<double>(), 18.5 / 35, 1e-12);
  const Json& last = document["tests"].back();
  EXPECT_EQ(last["name"], "Hidden checks");
  EXPECT_EQ(last["points"], 11);
  EXPECT_EQ(last["max_points"], 14);
  EXPECT_THAT(last["message"].get<std::string>(), HasSubstr("2 checks are hidden"));
  for (const CheckResult& check : result.checks) {
    if (check.visibility == Visibility::kVisible) continue;
    EXPECT_THAT(written, Not(HasSubstr(check.id)));
    EXPECT_THAT(written, Not(HasSubstr(check.title)));
    if (check.status != CheckStatus::kPassed) {  // a pass says "ok", as visible ones do
      EXPECT_THAT(written, Not(HasSubstr(check.message)));
    }
  }
}

TEST(PrairieLearnReportTest, NotGradableHasFormatErrorsAndNoScore) {
  Json document = Json::parse(WritePrairieLearnReport(NotGradable()));
  EXPECT_EQ(document["gradable"], false);
  EXPECT_EQ(document["score"], 0);
  ASSERT_EQ(document["format_errors"].size(), 1u);
  EXPECT_EQ(document["format_errors"][0],
            "broken.yaml:4:3: error: unknown key 'stok' (did you mean 'stocks'?)");
}

TEST(PrairieLearnReportTest, ImagesAreDataUrls) {
  GradeResult result = SampleResult();
  result.images.push_back({"CLD", "image/svg+xml", "<svg/>"});
  Json document = Json::parse(WritePrairieLearnReport(result));
  EXPECT_EQ(document["images"][0]["url"], "data:image/svg+xml;base64,PHN2Zy8+");
}

// ---- JUnit ----

TEST(JunitReportTest, ParsesBackWithCountsFilesAndLines) {
  const std::string xml = WriteJunitReport({SampleResult(), NotGradable()}, {});
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(xml.c_str()));
  pugi::xml_node suites = document.child("testsuites");
  EXPECT_EQ(suites.attribute("tests").as_int(), 7);
  EXPECT_EQ(suites.attribute("failures").as_int(), 2);
  EXPECT_EQ(suites.attribute("errors").as_int(), 2);
  EXPECT_EQ(suites.attribute("skipped").as_int(), 1);
  pugi::xml_node suite = suites.child("testsuite");
  EXPECT_STREQ(suite.attribute("name").value(), "answer.yaml");
  EXPECT_EQ(suite.attribute("tests").as_int(), 6);
  pugi::xml_node loop =
      suite.find_child_by_attribute("testcase", "name", "retry_loop: Title of retry_loop");
  ASSERT_TRUE(loop);
  EXPECT_STREQ(loop.attribute("classname").value(), "sdlab.part-b-web-app.loops");
  EXPECT_STREQ(loop.attribute("file").value(), "answer.yaml");
  EXPECT_EQ(loop.attribute("line").as_int(), 12);
  EXPECT_STREQ(loop.child("failure").attribute("message").value(),
               "0/10 points: message of retry_loop");
  EXPECT_THAT(std::string(loop.child("failure").text().get()),
              HasSubstr("hint: Follow a retry around."));
  pugi::xml_node broken = suite.next_sibling("testsuite");
  EXPECT_STREQ(broken.child("testcase").attribute("name").value(), "gradable");
  EXPECT_EQ(broken.child("testcase").attribute("line").as_int(), 4);
  EXPECT_TRUE(broken.child("testcase").child("error"));
}

TEST(JunitReportTest, HostileTextStaysWellFormed) {
  const std::string xml = WriteJunitReport({Hostile()}, {});
  pugi::xml_document document;
  pugi::xml_parse_result parsed = document.load_string(xml.c_str());
  ASSERT_TRUE(parsed) << parsed.description();
  pugi::xml_node testcase = document.child("testsuites").child("testsuite").child("testcase");
  EXPECT_THAT(std::string(testcase.attribute("name").value()), HasSubstr("<b>&amp;</b> ]]>"));
  EXPECT_THAT(xml, Not(HasSubstr("\x1b")));
}

// ---- GitHub ----

TEST(GithubReportTest, AnnotatesEachLostCheckAtItsLine) {
  GithubReport report = WriteGithubReport({SampleResult()}, {});
  EXPECT_THAT(report.annotations,
              HasSubstr("::error file=answer.yaml,line=12,col=5,title=sdlab%3A Title of "
                        "retry_loop (0/10)::message of retry_loop%0Afound a balancing "
                        "loop%0AHint: Follow a retry around.\n"));
  EXPECT_THAT(report.annotations,
              HasSubstr("::warning file=answer.yaml,title=sdlab%3A Title of ranking (2.5/5)::"));
  EXPECT_THAT(report.annotations,
              HasSubstr("::notice file=answer.yaml,title=sdlab score::Points 18.5/35\n"));
  EXPECT_THAT(report.summary, HasSubstr("| ❌ failed | Title of retry\\_loop | 0/10 |"));
}

TEST(GithubReportTest, StudentTextCannotForgeAWorkflowCommand) {
  GithubReport report = WriteGithubReport({Hostile()}, {});
  std::istringstream lines(report.annotations);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    // Every line is one of ours: a command with our own title.
    EXPECT_TRUE(line.rfind("::error file=", 0) == 0 || line.rfind("::warning file=", 0) == 0 ||
                line.rfind("::notice file=", 0) == 0)
        << line;
    EXPECT_THAT(line, HasSubstr("title=sdlab"));
    EXPECT_THAT(line, Not(HasSubstr("\r")));
  }
  // Four checks lost points, plus the score line.
  EXPECT_EQ(count, 5);
  EXPECT_THAT(report.annotations, HasSubstr("forged%250A%0D%0A::notice"));
  EXPECT_THAT(report.annotations, HasSubstr("file=ans%2Cw%3Aer.yaml"));
}

TEST(GithubReportTest, EscapingFollowsTheWorkflowCommandRules) {
  EXPECT_EQ(EscapeGithubData("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
  EXPECT_EQ(EscapeGithubProperty("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
}

TEST(GithubReportTest, NotGradableAnnotatesTheDiagnostics) {
  GithubReport report = WriteGithubReport({NotGradable()}, {});
  EXPECT_THAT(report.annotations,
              HasSubstr("::error file=broken.yaml,line=4,col=3,title=sdlab%3A not "
                        "gradable::unknown key 'stok' (did you mean 'stocks'?)\n"));
}

// ---- Markdown and text ----

TEST(MarkdownReportTest, StudentTextCannotBreakTheTable) {
  const std::string markdown = WriteMarkdownReport({Hostile()}, {});
  std::istringstream lines(markdown);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("| ", 0) != 0) continue;
    // Five unescaped pipes a row: the four cells stay four.
    int pipes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
    }
    EXPECT_EQ(pipes, 5) << line;
  }
  EXPECT_THAT(markdown, Not(HasSubstr("<b>")));
  EXPECT_THAT(markdown, HasSubstr("&lt;b&gt;"));
}

TEST(MarkdownReportTest, InlineEscapingCoversMathAndImages) {
  // GitHub renders $...$ as math and ![..](..) as an image fetched from
  // anywhere: neither may come alive from student text.
  EXPECT_EQ(EscapeMarkdownInline("cost $5 and $6"), "cost \\$5 and \\$6");
  EXPECT_EQ(EscapeMarkdownInline("![x](http://a/b.png)"), "\\!\\[x\\](http://a/b.png)");
  EXPECT_EQ(EscapeMarkdownInline("1. first"), "1\\. first");
}

TEST(MarkdownReportTest, StudentViewHidesWithheldChecks) {
  ReportOptions options;
  options.student_view = true;
  const std::string markdown = WriteMarkdownReport({SampleResult()}, options);
  EXPECT_THAT(markdown, Not(HasSubstr("spikes")));
  EXPECT_THAT(markdown, HasSubstr("2 hidden checks worth 14 points are not shown"));
  EXPECT_THAT(markdown, HasSubstr("## answer.yaml: 7.5/21 points"));
}

TEST(TextReportTest, ShowsFailuresWithLocationAndHint) {
  const std::string text = WriteTextReport({SampleResult()}, {});
  EXPECT_THAT(text, HasSubstr("[FAIL]    0/10    Title of retry_loop (retry_loop)\n"
                              "          answer.yaml:12:5: message of retry_loop\n"
                              "          found a balancing loop\n"
                              "          loop: Load -> Latency -> Retries -> Load\n"
                              "          hint: Follow a retry around.\n"));
  EXPECT_THAT(text, HasSubstr("score: 18.5/35\n"));
  EXPECT_THAT(text, HasSubstr("1 check needs an instructor's review"));
}

TEST(TextReportTest, StudentViewCountsHiddenChecks) {
  ReportOptions options;
  options.student_view = true;
  const std::string text = WriteTextReport({SampleResult()}, options);
  EXPECT_THAT(text, Not(HasSubstr("spikes")));
  EXPECT_THAT(text, HasSubstr("score: 7.5/21 (visible checks)\n2 hidden checks worth 14 points "
                              "are not shown; they are graded when your work is submitted.\n"));
}

TEST(TextReportTest, ControlCharactersAreNeutralised) {
  const std::string text = WriteTextReport({Hostile()}, {});
  EXPECT_THAT(text, Not(HasSubstr("\x1b")));
  EXPECT_THAT(text, Not(HasSubstr("\r")));
  EXPECT_EQ(SanitizeForTerminal("a\x1b[2Jb\xc2\x9b\xe2\x80\xae\tc\n"),
            "a\\x1b[2Jb\\u009b\\u202e\tc\n");
}

TEST(TextReportTest, NotGradableListsTheDiagnostics) {
  EXPECT_EQ(WriteTextReport({NotGradable()}, {}),
            "broken.yaml (lab part-b-web-app)\n"
            "not gradable: the file has errors, fix them and grade again\n"
            "broken.yaml:4:3: error: unknown key 'stok' (did you mean 'stocks'?)\n"
            "score: 0 (not gradable)\n");
}

TEST(ReportWritersTest, SameInputGivesTheSameBytesInEveryFormat) {
  const std::vector<GradeResult> results = {SampleResult(), NotGradable()};
  const std::vector<GradeResult> again = {SampleResult(), NotGradable()};
  EXPECT_EQ(WriteTextReport(results, {}), WriteTextReport(again, {}));
  EXPECT_EQ(WriteMarkdownReport(results, {}), WriteMarkdownReport(again, {}));
  EXPECT_EQ(WriteJsonReport(results, {}), WriteJsonReport(again, {}));
  EXPECT_EQ(WriteJunitReport(results, {}), WriteJunitReport(again, {}));
  EXPECT_EQ(WriteGradescopeReport(results[0]), WriteGradescopeReport(again[0]));
  EXPECT_EQ(WritePrairieLearnReport(results[0]), WritePrairieLearnReport(again[0]));
  EXPECT_EQ(WriteGithubReport(results, {}).annotations, WriteGithubReport(again, {}).annotations);
}

// Grading and writing together: the same submission and rubric give the
// same JSON bytes. Lives here, not in grader_test.cpp, so that the grade
// stage's tests do not include a report header.
TEST(GraderTest, SameInputGradesToTheSameBytes) {
  const std::string checks =
      "  - { id: stocks, kind: stock_count, min: 2, points: 2 }\n"
      "  - { id: queue, kind: element, concept: request_queue, as: stock, points: 3, "
      "visibility: hidden, messages: { pass: Queue found., fail: \"Where is the queue?\" } }\n"
      "  - { id: pods, kind: element, concept: pods, points: 1, hint: Add the pods. }\n"
      "  - { id: grows, kind: behaviour, scenario: spike, series: "
      "request_queue, expect: grows, points: 2 }\n"
      "  - { id: storm, kind: loop, through: [load, retries], points: 2 }\n";
  const std::string first = WriteJsonReport({testing::GradeWeb(checks)}, {});
  const std::string second = WriteJsonReport({testing::GradeWeb(checks)}, {});
  EXPECT_EQ(first, second);
}

TEST(ReportFormatTest, ParsesEveryDocumentedName) {
  for (const std::string& name : ReportFormatNames()) {
    ASSERT_TRUE(ParseReportFormat(name).has_value()) << name;
    EXPECT_EQ(ReportFormatName(*ParseReportFormat(name)), name);
  }
  EXPECT_EQ(ParseReportFormat("markdown"), ReportFormat::kMarkdown);
  EXPECT_FALSE(ParseReportFormat("pdf").has_value());
}

TEST(DownsampleSeriesTest, KeepsSpikesEndsAndTheLimit) {
  std::vector<double> times, values;
  for (int i = 0; i <= 10000; ++i) {
    times.push_back(i);
    values.push_back(i == 5003 ? 99.0 : 1.0);
  }
  std::vector<double> t, v;
  DownsampleSeries(times, values, 240, &t, &v);
  EXPECT_LE(t.size(), 240u);
  EXPECT_EQ(t.front(), 0);
  EXPECT_EQ(t.back(), 10000);
  EXPECT_NE(std::find(v.begin(), v.end(), 99.0), v.end());
  EXPECT_TRUE(std::is_sorted(t.begin(), t.end()));
}

}  // namespace
}  // namespace sdlab
