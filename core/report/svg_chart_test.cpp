#include "core/report/svg_chart.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <pugixml.hpp>

namespace sdlab {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

SeriesEvidence QueueSpike() {
  SeriesEvidence series;
  series.label = "Request Queue (traffic_spike)";
  series.element = "Request Queue";
  series.scenario = "traffic_spike";
  series.units = "requests";
  series.time_units = "seconds";
  for (int t = 0; t <= 1200; t += 100) {
    series.times.push_back(t);
    series.values.push_back(t < 600 ? 50 : 50 + (t - 500) * 1.5);
  }
  series.window_start = 600;
  series.window_end = 1200;
  series.thresholds = {800};
  return series;
}

pugi::xml_document Parse(const std::string& svg) {
  pugi::xml_document document;
  const pugi::xml_parse_result parsed = document.load_string(svg.c_str());
  EXPECT_TRUE(parsed) << parsed.description() << "\n" << svg;
  return document;
}

TEST(NiceTicksTest, UsesOneTwoFiveStepsInsideTheRange) {
  EXPECT_THAT(NiceTicks(0, 7200, 6), ElementsAre(0, 1000, 2000, 3000, 4000, 5000, 6000, 7000));
  EXPECT_THAT(NiceTicks(-3, 3, 6), ElementsAre(-3, -2, -1, 0, 1, 2, 3));
  EXPECT_THAT(NiceTicks(0, 250, 5), ElementsAre(0, 50, 100, 150, 200, 250));
  const std::vector<double> fractions = NiceTicks(0, 1, 5);
  ASSERT_EQ(fractions.size(), 6u);
  EXPECT_NEAR(fractions[3], 0.6, 1e-12);
}

TEST(NiceTicksTest, AnEmptyOrNonFiniteRangeGivesOneTick) {
  EXPECT_THAT(NiceTicks(5, 5, 6), ElementsAre(5));
  EXPECT_THAT(NiceTicks(0, INFINITY, 6), ElementsAre(0));
}

TEST(NiceTicksTest, NeverPrintsNegativeZero) {
  for (double tick : NiceTicks(-0.3, 0.3, 6)) {
    EXPECT_NE(FormatTickLabel(tick, 0.1), "-0.0");
    EXPECT_NE(FormatTickLabel(tick, 0.1), "-0");
  }
}

TEST(FormatTickLabelTest, ShowsAsManyDecimalsAsTheStepNeeds) {
  EXPECT_EQ(FormatTickLabel(1000, 1000), "1000");
  EXPECT_EQ(FormatTickLabel(2.5, 0.5), "2.5");
  EXPECT_EQ(FormatTickLabel(0.05, 0.05), "0.05");
  EXPECT_EQ(FormatTickLabel(0, 0.05), "0");
  EXPECT_EQ(FormatTickLabel(1.5e6, 5e5), "1.5e+06");
  EXPECT_EQ(FormatTickLabel(-20, 10), "-20");
}

TEST(FormatTickLabelTest, OneAxisUsesOneStyle) {
  // A step computed as a difference of ticks is a hair off 1e-4.
  EXPECT_EQ(FormatTickLabel(0.052, 0.0519 - 0.0518), "0.0520");
  EXPECT_EQ(FormatTickLabel(0.0521, 0.0519 - 0.0518), "0.0521");
  EXPECT_EQ(FormatTickLabel(5e5, 5e5), "5e+05");
  EXPECT_EQ(FormatTickLabel(2e-5, 1e-5), "2e-05");
  EXPECT_EQ(FormatTickLabel(1.00002, 1e-5), "1.00002e+00");
}

TEST(ValueAxisRangeTest, CoversValuesAndThresholdsOnTickMultiples) {
  const AxisRange range = ValueAxisRange({50, 812.5, 300}, {900});
  EXPECT_EQ(range.low, 0);
  EXPECT_EQ(range.high, 1000);
}

TEST(ValueAxisRangeTest, WidensAFlatSeries) {
  const AxisRange zero = ValueAxisRange({0, 0, 0}, {});
  EXPECT_LT(zero.low, 0);
  EXPECT_GT(zero.high, 0);
  const AxisRange flat = ValueAxisRange({3, 3}, {});
  EXPECT_NEAR(flat.low, 2.7, 1e-9);
  EXPECT_NEAR(flat.high, 3.3, 1e-9);
}

TEST(ValueAxisRangeTest, IgnoresNanAndInfinity) {
  const AxisRange range = ValueAxisRange({NAN, 4, INFINITY, 8}, {});
  EXPECT_EQ(range.low, 4);
  EXPECT_EQ(range.high, 8);
  const AxisRange none = ValueAxisRange({NAN}, {});
  EXPECT_EQ(none.low, 0);
  EXPECT_EQ(none.high, 1);
}

TEST(SvgChartTest, IsWellFormedSvgWithTitleAxesAndUnits) {
  const std::string svg = WriteSvgLineChart(QueueSpike(), ChartOptions{});
  pugi::xml_document document = Parse(svg);
  pugi::xml_node root = document.child("svg");
  ASSERT_TRUE(root);
  EXPECT_STREQ(root.attribute("xmlns").value(), "http://www.w3.org/2000/svg");
  EXPECT_STREQ(root.child_value("title"), "Request Queue (traffic_spike)");
  EXPECT_THAT(svg, HasSubstr(">time (seconds)</text>"));
  EXPECT_THAT(svg, HasSubstr(">requests</text>"));
  // x ticks every 200 s from 0 to 1200, y ticks 0..1200 by 200.
  EXPECT_THAT(svg, HasSubstr(">1200</text>"));
  EXPECT_THAT(svg, HasSubstr(">1000</text>"));
}

TEST(SvgChartTest, ShadesTheWindowWhereTheRubricLooks) {
  const std::string svg = WriteSvgLineChart(QueueSpike(), ChartOptions{});
  pugi::xml_document document = Parse(svg);
  pugi::xml_node window = document.child("svg").find_child_by_attribute("rect", "class", "window");
  ASSERT_TRUE(window);
  // Plot area x from 64 to 560 - 18 = 542; t = 600 of 0..1200 is the middle.
  EXPECT_STREQ(window.attribute("x").value(), "303.0");
  EXPECT_STREQ(window.attribute("width").value(), "239.0");
}

TEST(SvgChartTest, DrawsEachThresholdAsADashedLineWithItsValue) {
  SeriesEvidence series = QueueSpike();
  series.thresholds = {800, 200};
  const std::string svg = WriteSvgLineChart(series, ChartOptions{});
  pugi::xml_document document = Parse(svg);
  int lines = 0;
  for (pugi::xml_node line : document.child("svg").children("line")) {
    if (std::string(line.attribute("class").value()) != "threshold") continue;
    ++lines;
    EXPECT_STREQ(line.attribute("stroke-dasharray").value(), "6 4");
  }
  EXPECT_EQ(lines, 2);
  EXPECT_THAT(svg, HasSubstr(">threshold 800</text>"));
  EXPECT_THAT(svg, HasSubstr(">threshold 200</text>"));
}

TEST(SvgChartTest, PlotsEveryPointAndLiftsThePenAtNan) {
  SeriesEvidence series = QueueSpike();
  pugi::xml_document document = Parse(WriteSvgLineChart(series, ChartOptions{}));
  std::string path = document.child("svg")
                         .find_child_by_attribute("path", "class", "series")
                         .attribute("d")
                         .value();
  EXPECT_EQ(std::count(path.begin(), path.end(), 'M'), 1);
  EXPECT_EQ(std::count(path.begin(), path.end(), 'L'), 12);
  // Plot area 64..542 by 30..216; values 0..1200. The first point is at the
  // left edge; the last (t = 1200, 1100 requests) at 216 - 1100/1200 * 186.
  EXPECT_EQ(path.rfind("M64.0 ", 0), 0u) << path;
  EXPECT_EQ(path.substr(path.size() - 12), " L542.0 45.5") << path;

  series.values[5] = NAN;
  document = Parse(WriteSvgLineChart(series, ChartOptions{}));
  path = document.child("svg")
             .find_child_by_attribute("path", "class", "series")
             .attribute("d")
             .value();
  EXPECT_EQ(std::count(path.begin(), path.end(), 'M'), 2);
  EXPECT_EQ(std::count(path.begin(), path.end(), 'L'), 10);
}

TEST(SvgChartTest, EscapesStudentText) {
  SeriesEvidence series = QueueSpike();
  series.label = "<script>alert('x')</script> & co";
  series.units = "\"req\"";
  const std::string svg = WriteSvgLineChart(series, ChartOptions{});
  Parse(svg);
  EXPECT_THAT(svg, Not(HasSubstr("<script>")));
  EXPECT_THAT(svg, HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
  EXPECT_THAT(svg, HasSubstr("&quot;req&quot;"));
}

TEST(SvgChartTest, AnEmptySeriesSaysNoData) {
  SeriesEvidence series;
  series.label = "Backlog";
  const std::string svg = WriteSvgLineChart(series, ChartOptions{});
  Parse(svg);
  EXPECT_THAT(svg, HasSubstr(">no data</text>"));
  EXPECT_THAT(svg, Not(HasSubstr("<path")));
}

TEST(SvgChartTest, InlineChartsCarryNoNamespaceUrl) {
  ChartOptions options;
  options.standalone = false;
  const std::string svg = WriteSvgLineChart(QueueSpike(), options);
  EXPECT_THAT(svg, Not(HasSubstr("http")));
  EXPECT_EQ(svg.rfind("<svg width=\"560.0\"", 0), 0u);
}

TEST(SvgChartTest, OptionUnitsApplyWhenTheSeriesHasNone) {
  SeriesEvidence series = QueueSpike();
  series.units.clear();
  series.time_units.clear();
  ChartOptions options;
  options.time_units = "minutes";
  options.value_units = "users";
  const std::string svg = WriteSvgLineChart(series, options);
  EXPECT_THAT(svg, HasSubstr(">time (minutes)</text>"));
  EXPECT_THAT(svg, HasSubstr(">users</text>"));
}

}  // namespace
}  // namespace sdlab
