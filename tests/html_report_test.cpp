// The HTML report: self-contained, escaped, complete, and drawn by a real
// browser (headless Chromium) when one is installed.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "core/report/html_escape.h"
#include "core/report/report_html.h"
#include "grade_fixtures.h"
#include "png_decoder.h"
#include "test_support.h"

namespace sdlab {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::SampleGradeResult;

constexpr const char* kChromium = "/usr/bin/chromium";

int CountOf(const std::string& text, const std::string& part) {
  int count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

TEST(HtmlReportTest, IsSelfContained) {
  const std::string html = WriteHtmlReport(SampleGradeResult(), HtmlReportOptions{});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("<link")));
  EXPECT_THAT(html, Not(HasSubstr("@import")));
  EXPECT_THAT(html, Not(HasSubstr("url(")));
  // Every src is a data: URL.
  int sources = 0;
  for (std::size_t at = html.find("src=\""); at != std::string::npos;
       at = html.find("src=\"", at + 1)) {
    ++sources;
    EXPECT_EQ(html.compare(at + 5, 11, "data:image/"), 0) << html.substr(at, 60);
  }
  EXPECT_EQ(sources, 1);
  EXPECT_THAT(html, HasSubstr("content=\"default-src 'none'; img-src data:; style-src "
                              "'unsafe-inline'\""));
}

TEST(HtmlReportTest, EscapesStudentTextEverywhere) {
  const std::string evil = "<script>alert(1)</script>";
  GradeResult result = SampleGradeResult("answers/" + evil + ".yaml", evil + " Ada");
  result.checks[1].message = evil + " has no outflow";
  result.checks[3].evidence.loop_path = {evil, "Latency"};
  result.checks[2].evidence.series[0].label = evil + " (spike)";
  result.checks[2].evidence.measurements[0].name = "peak of " + evil;
  result.concepts[0].element = evil;
  result.images[0].label = evil;
  Diagnostic warning;
  warning.severity = Severity::kWarning;
  warning.message = "unused element '" + evil + "'";
  result.diagnostics.push_back(warning);

  const std::string html = WriteHtmlReport(result, HtmlReportOptions{});
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  const std::string escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
  EXPECT_THAT(html, HasSubstr("<title>sdlab report: " + escaped + " Ada</title>"));
  EXPECT_THAT(html, HasSubstr("<p class=\"meta\">Author: " + escaped + " Ada</p>"));
  EXPECT_THAT(html, HasSubstr("<div>" + escaped + " has no outflow</div>"));
  EXPECT_THAT(
      html, HasSubstr("<li>Loop: " + escaped + " → Latency → " + escaped + " (reinforcing)</li>"));
  EXPECT_THAT(html, HasSubstr("<title>" + escaped + " (spike)</title>"));
  EXPECT_THAT(html, HasSubstr("<li>peak of " + escaped + ": 412.3 requests</li>"));
  EXPECT_THAT(html, HasSubstr("<td>" + escaped + " (line 10)</td>"));
  EXPECT_THAT(html, HasSubstr("<figcaption>" + escaped + "</figcaption>"));
  EXPECT_THAT(html, HasSubstr("warning: unused element &#39;" + escaped + "&#39;"));
}

TEST(HtmlReportTest, ShowsScoreChecksEvidenceChartsDiagramsAndConcepts) {
  const GradeResult result = SampleGradeResult();
  const std::string html = WriteHtmlReport(result, HtmlReportOptions{});
  EXPECT_THAT(html, HasSubstr("<div class=\"big\">25.5 / 55</div>"));
  EXPECT_THAT(html, HasSubstr("width:46.4%"));
  EXPECT_EQ(CountOf(html, "<tr id=\"check-"), 7);
  EXPECT_THAT(html, HasSubstr("<td class=\"points\">2.5/5</td>"));
  EXPECT_THAT(html, HasSubstr("<span class=\"badge needs_review\">needs review</span>"));
  EXPECT_THAT(html, HasSubstr("<div class=\"hint\"><b>Hint:</b> What takes requests out of "
                              "the queue?</div>"));
  EXPECT_THAT(html, HasSubstr("<div class=\"where\">students/ada/answer.yaml:12:7</div>"));
  EXPECT_THAT(html, HasSubstr("<li>Kendall τ-b: 0.6</li>"));
  EXPECT_THAT(html, HasSubstr("<div class=\"where\">hidden_whatif · hidden</div>"));
  EXPECT_THAT(html, HasSubstr("<li>circuit breaker: level 7</li>"));
  // One chart, inline, with the rubric's window and threshold, linked to its check.
  EXPECT_EQ(CountOf(html, "<svg width="), 1);
  EXPECT_THAT(html, HasSubstr("class=\"window\""));
  EXPECT_THAT(html, HasSubstr(">threshold 500</text>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#check-3\">The queue peaks during a traffic spike</a>"));
  EXPECT_THAT(html, HasSubstr("<figure id=\"chart-3\">"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#chart-3\">see the chart below</a>"));
  // The diagram as a data: image, bytes intact.
  EXPECT_THAT(html, HasSubstr("src=\"data:image/svg+xml;base64," +
                              Base64Encode(result.images[0].data) + "\""));
  EXPECT_THAT(html, HasSubstr("<td>retries</td><td>causal_loop</td><td>(none)</td>"));
}

TEST(HtmlReportTest, StudentViewHidesHiddenChecksButCountsThem) {
  HtmlReportOptions options;
  options.student_view = true;
  const std::string html = WriteHtmlReport(SampleGradeResult(), options);
  EXPECT_THAT(html, HasSubstr("<div class=\"big\">25.5 / 40</div>"));
  EXPECT_EQ(CountOf(html, "<tr id=\"check-"), 6);
  EXPECT_THAT(html, Not(HasSubstr("Circuit breaker lowers the peak")));
  EXPECT_THAT(html, HasSubstr("1 hidden check worth 15 points is not shown; it is graded when "
                              "your work is submitted."));
}

TEST(HtmlReportTest, NotGradableShowsTheDiagnosticsInsteadOfChecks) {
  const std::string html = WriteHtmlReport(testing::NotGradableResult(), HtmlReportOptions{});
  EXPECT_THAT(html, HasSubstr("<div class=\"big\">Not gradable</div>"));
  EXPECT_THAT(html, HasSubstr("<p class=\"diag\">students/bob/answer.yaml:3:1: error: unknown "
                              "key &#39;stok&#39; (did you mean &#39;stocks&#39;?)</p>"));
  EXPECT_THAT(html, Not(HasSubstr("<h2>Checks</h2>")));
}

TEST(HtmlReportTest, ImagesOfOtherTypesAreLeftOut) {
  GradeResult result = SampleGradeResult();
  result.images[0].mime_type = "text/html";
  const std::string html = WriteHtmlReport(result, HtmlReportOptions{});
  EXPECT_THAT(html, Not(HasSubstr("<h2>Diagrams</h2>")));
  EXPECT_THAT(html, Not(HasSubstr("data:text/html")));
}

// ---- in a real browser ----

struct Screenshot {
  testing::DecodedImage image;
  std::string error;
};

Screenshot RenderWithChromium(const std::string& html, int height = 1600) {
  const std::string dir = testing::MakeTempDir();
  const std::string page = dir + "/report.html", png = dir + "/report.png";
  testing::WriteFile(page, html);
  std::filesystem::create_directory(dir + "/profile");
  const std::string command =
      std::string("timeout 120 ") + kChromium +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-dev-shm-usage"  // containers often have a small /dev/shm
      " --disable-background-networking --disable-component-update --disable-sync"
      " --hide-scrollbars --user-data-dir=" +
      testing::ShellQuote(dir + "/profile") + " --screenshot=" + testing::ShellQuote(png) +
      " --window-size=1200," + std::to_string(height) + " " +
      testing::ShellQuote("file://" + page) + " >" + testing::ShellQuote(dir + "/log") + " 2>&1";
  Screenshot shot;
  const int status = std::system(command.c_str());
  if (status != 0 || !std::filesystem::exists(png)) {
    shot.error = "chromium failed (status " + std::to_string(status) + "):\n" +
                 testing::ReadFileOrDie(dir + "/log");
    return shot;
  }
  if (!testing::DecodePng(testing::ReadFileOrDie(png), &shot.image, &shot.error)) return shot;
  if (const char* keep = std::getenv("SDLAB_KEEP_SCREENSHOT")) {
    std::filesystem::copy_file(png, keep, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(page, std::string(keep) + ".html",
                               std::filesystem::copy_options::overwrite_existing);
  }
  return shot;
}

int PixelsOf(const testing::DecodedImage& image, std::uint32_t colour) {
  int count = 0;
  for (std::uint32_t pixel : image.pixels) count += pixel == colour;
  return count;
}

TEST(HtmlReportBrowserTest, ChromiumDrawsTheReportWithDiagramAndChart) {
  if (!std::filesystem::exists(kChromium)) {
    GTEST_SKIP() << kChromium << " is not installed (Debian: apt-get install chromium); "
                 << "the report was not checked in a browser";
  }
  const Screenshot shot = RenderWithChromium(WriteHtmlReport(SampleGradeResult(), {}));
  ASSERT_TRUE(shot.error.empty()) << shot.error;
  ASSERT_EQ(shot.image.width, 1200);
  ASSERT_EQ(shot.image.height, 1600);
  // Not blank: many colours (text antialiasing, badges, charts) and a good
  // share of pixels differing from the page background.
  std::set<std::uint32_t> colours(shot.image.pixels.begin(), shot.image.pixels.end());
  EXPECT_GE(colours.size(), 50u);
  const int background = PixelsOf(shot.image, 0xf6f8fa) + PixelsOf(shot.image, 0xffffff);
  EXPECT_GE(static_cast<double>(shot.image.pixels.size() - background) / shot.image.pixels.size(),
            0.03);
  // The diagram (a magenta data: SVG image), the chart's line and window,
  // and the failed check's red badge were drawn.
  EXPECT_GE(PixelsOf(shot.image, 0xff00ff), 20000) << "the diagram image is missing";
  EXPECT_GE(PixelsOf(shot.image, 0x1f5fa8), 100) << "the chart's series line is missing";
  EXPECT_GE(PixelsOf(shot.image, 0xfdf0c2), 5000) << "the chart's window band is missing";
  EXPECT_GE(PixelsOf(shot.image, 0xcf222e), 50) << "the failed badge is missing";
}

// The report sdlab writes for a real submission, with Graphviz's diagrams:
// a mislabelled loop's marker is red (#d00000) and reinforcing loops'
// markers orange (#c45a00), colours used nowhere else on the page. (Text is
// antialiased, so only the cores of the glyphs have the exact colour: 400
// red and 65 orange pixels on the development machine.)
TEST(HtmlReportBrowserTest, ChromiumDrawsTheGradedDiagramsOfARealSubmission) {
  if (!std::filesystem::exists(kChromium)) {
    GTEST_SKIP() << kChromium << " is not installed (Debian: apt-get install chromium)";
  }
  const testing::CommandResult graded = testing::RunSdlab(
      "grade " +
      testing::ShellQuote(testing::SourceDir() +
                          "/tests/mistakes/part-b/retry-link-negative.yaml") +
      " --rubric " + testing::ShellQuote(testing::SourceDir() + "/rubrics/part-b-web-app.yaml") +
      " --format html");
  ASSERT_EQ(graded.exit_code, 0) << graded.err;
  const Screenshot shot = RenderWithChromium(graded.out, 12000);
  ASSERT_TRUE(shot.error.empty()) << shot.error;
  EXPECT_GE(PixelsOf(shot.image, 0xc45a00), 10) << "no reinforcing loop marker was drawn";
  EXPECT_GE(PixelsOf(shot.image, 0xd00000), 100) << "no wrong-label marker was drawn";
}

TEST(HtmlReportBrowserTest, AnEmptyPageIsSeenAsBlank) {
  // The check above must be able to fail: a page with nothing on it has no
  // diagram, chart or badge pixels.
  if (!std::filesystem::exists(kChromium)) {
    GTEST_SKIP() << kChromium << " is not installed (Debian: apt-get install chromium)";
  }
  const Screenshot shot = RenderWithChromium("<!DOCTYPE html><html><body></body></html>");
  ASSERT_TRUE(shot.error.empty()) << shot.error;
  std::set<std::uint32_t> colours(shot.image.pixels.begin(), shot.image.pixels.end());
  EXPECT_LT(colours.size(), 50u);
  EXPECT_EQ(PixelsOf(shot.image, 0xff00ff), 0);
}

}  // namespace
}  // namespace sdlab
