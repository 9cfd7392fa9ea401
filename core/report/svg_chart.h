#pragma once
// Small hand-written SVG line charts of simulated series, for the HTML
// report: axes with "nice" ticks and units, the rubric's time window shaded
// and its thresholds drawn as dashed lines. Pure functions: the same series
// gives byte-identical SVG (fixed number formatting, no ids from pointers).

#include <string>
#include <vector>

#include "core/grade/grade_result.h"

namespace sdlab {

struct ChartOptions {
  int width = 560;
  int height = 260;
  /// Axis units when the series does not carry its own (SeriesEvidence::units
  /// and ::time_units win when not empty).
  std::string time_units;
  std::string value_units;
  /// A standalone SVG file needs the SVG namespace; inline in HTML it is
  /// implied, and leaving it out keeps the report free of any URL.
  bool standalone = true;
};

/// Ticks for an axis over [low, high]: multiples of 1, 2 or 5 × 10^k, about
/// `target` of them, all inside [low, high]. Returns {low} when the range is
/// empty or not finite.
std::vector<double> NiceTicks(double low, double high, int target);

/// A tick label with just enough decimals for `step` ("0", "2.5", "0.05");
/// large or tiny magnitudes in exponent form ("1.5e+06").
std::string FormatTickLabel(double value, double step);

/// The axis range a chart uses for these values: their extent widened to
/// nice tick multiples, with room for thresholds; a flat series gets ±1 (or
/// ±10 % of its value). NaN and infinite values are ignored.
struct AxisRange {
  double low = 0;
  double high = 1;
};
AxisRange ValueAxisRange(const std::vector<double>& values, const std::vector<double>& extra);

/// One `<svg>` element (no XML declaration, so it can be placed inline in
/// HTML or written as a file after an XML declaration) with a title (the
/// series label), both axes, gridlines, the series as a polyline (broken at
/// NaN values), the window as a shaded band and each threshold as a dashed
/// red line with its value. An empty series draws the frame and "no data".
/// Every piece of text is escaped.
std::string WriteSvgLineChart(const SeriesEvidence& series, const ChartOptions& options);

}  // namespace sdlab
