// SVG line charts drawn by hand: a chart is a few dozen elements, and
// writing them directly keeps the output small, deterministic and free of
// any library.

#include "core/report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/report/html_escape.h"

namespace sdlab {

namespace {

constexpr int kMaxTicks = 100;
constexpr double kLeftMargin = 64, kRightMargin = 18, kTopMargin = 30, kBottomMargin = 44;

std::string Format(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  std::string text = buffer;
  if (text == "-0" || text == "-0.0" || text == "-0.00") text.erase(0, 1);
  return text;
}

// Coordinates with one decimal: enough for a screen, and stable text.
std::string Coord(double value) { return Format("%.1f", value); }

double NiceStep(double range, int target) {
  const double raw = range / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  const double nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return nice * magnitude;
}

struct Plot {
  double left, right, top, bottom;  // the plot area in pixels
  double t_low, t_high;             // the x range in time
  AxisRange values;

  double X(double time) const { return left + (time - t_low) / (t_high - t_low) * (right - left); }
  double Y(double value) const {
    return bottom - (value - values.low) / (values.high - values.low) * (bottom - top);
  }
};

void AppendText(std::string* svg, double x, double y, const char* anchor, const std::string& text,
                const char* extra = "") {
  *svg += "<text x=\"" + Coord(x) + "\" y=\"" + Coord(y) + "\" text-anchor=\"" + anchor + "\"" +
          extra + ">" + EscapeHtml(text) + "</text>\n";
}

void AppendLine(std::string* svg, double x1, double y1, double x2, double y2, const char* style) {
  *svg += "<line x1=\"" + Coord(x1) + "\" y1=\"" + Coord(y1) + "\" x2=\"" + Coord(x2) + "\" y2=\"" +
          Coord(y2) + "\" " + style + "/>\n";
}

// The series as one path; a NaN or infinite value lifts the pen.
std::string SeriesPath(const SeriesEvidence& series, const Plot& plot) {
  std::string path;
  bool pen_down = false;
  const std::size_t n = std::min(series.times.size(), series.values.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double t = series.times[i], v = series.values[i];
    if (!std::isfinite(t) || !std::isfinite(v)) {
      pen_down = false;
      continue;
    }
    path += pen_down ? " L" : (path.empty() ? "M" : " M");
    path += Coord(plot.X(t)) + " " + Coord(plot.Y(v));
    pen_down = true;
  }
  return path;
}

}  // namespace

std::vector<double> NiceTicks(double low, double high, int target) {
  if (!std::isfinite(low) || !std::isfinite(high) || !(high > low)) return {low};
  const double step = NiceStep(high - low, target);
  const double first = std::ceil(low / step - 1e-9);
  std::vector<double> ticks;
  for (int i = 0; i < kMaxTicks; ++i) {
    double tick = (first + i) * step;
    if (tick > high + step * 1e-9) break;
    if (std::fabs(tick) < step * 1e-9) tick = 0;  // no "-0" from rounding
    ticks.push_back(tick);
  }
  return ticks;
}

std::string FormatTickLabel(double value, double step) {
  if (!std::isfinite(value)) return "n/a";
  if (value == 0) return "0";
  // The step decides the style of the whole axis, so its labels agree; the
  // 1e-6 absorbs rounding in a step computed as a difference of ticks.
  const int step_exponent =
      step > 0 && std::isfinite(step) ? static_cast<int>(std::floor(std::log10(step) + 1e-6)) : -2;
  char buffer[64];
  if (step_exponent >= 5 || step_exponent < -4) {
    const int value_exponent = static_cast<int>(std::floor(std::log10(std::fabs(value))));
    std::snprintf(buffer, sizeof buffer, "%.*e", std::clamp(value_exponent - step_exponent, 0, 12),
                  value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(-step_exponent, 0, 12), value);
  }
  std::string text = buffer;
  if (text.find_first_not_of("-0.") == std::string::npos) return "0";  // no "-0.00"
  return text;
}

AxisRange ValueAxisRange(const std::vector<double>& values, const std::vector<double>& extra) {
  double low = INFINITY, high = -INFINITY;
  for (const std::vector<double>* list : {&values, &extra}) {
    for (double value : *list) {
      if (!std::isfinite(value)) continue;
      low = std::min(low, value);
      high = std::max(high, value);
    }
  }
  if (!std::isfinite(low)) return {0, 1};
  if (low == high) {
    const double pad = low == 0 ? 1 : std::fabs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  const double step = NiceStep(high - low, 5);
  return {std::floor(low / step) * step, std::ceil(high / step) * step};
}

std::string WriteSvgLineChart(const SeriesEvidence& series, const ChartOptions& options) {
  const double width = std::max(options.width, 160), height = std::max(options.height, 120);
  const std::string time_units = series.time_units.empty() ? options.time_units : series.time_units;
  const std::string value_units = series.units.empty() ? options.value_units : series.units;
  const std::string title = series.label.empty() ? series.element : series.label;

  Plot plot{kLeftMargin, width - kRightMargin, kTopMargin, height - kBottomMargin, 0, 1, {0, 1}};
  double t_low = INFINITY, t_high = -INFINITY;
  for (double t : series.times) {
    if (!std::isfinite(t)) continue;
    t_low = std::min(t_low, t);
    t_high = std::max(t_high, t);
  }
  const bool has_data = std::isfinite(t_low);
  if (has_data) {
    if (t_high == t_low) t_high = t_low + 1;
    plot.t_low = t_low;
    plot.t_high = t_high;
    plot.values = ValueAxisRange(series.values, series.thresholds);
  }

  std::string svg =
      std::string("<svg") + (options.standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") +
      " width=\"" + Coord(width) + "\" height=\"" + Coord(height) + "\" viewBox=\"0 0 " +
      Coord(width) + " " + Coord(height) + "\" role=\"img\" aria-label=\"" + EscapeHtml(title) +
      "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  svg += "<title>" + EscapeHtml(title) + "</title>\n";
  svg += "<rect x=\"0\" y=\"0\" width=\"" + Coord(width) + "\" height=\"" + Coord(height) +
         "\" fill=\"#ffffff\"/>\n";
  AppendText(&svg, width / 2, 18, "middle", title, " font-size=\"13\" font-weight=\"bold\"");

  if (has_data && (series.window_start || series.window_end)) {
    const double from = std::clamp(series.window_start.value_or(t_low), t_low, t_high);
    const double to = std::clamp(series.window_end.value_or(t_high), t_low, t_high);
    if (to >= from) {
      svg += "<rect class=\"window\" x=\"" + Coord(plot.X(from)) + "\" y=\"" + Coord(plot.top) +
             "\" width=\"" + Coord(std::max(plot.X(to) - plot.X(from), 1.0)) + "\" height=\"" +
             Coord(plot.bottom - plot.top) + "\" fill=\"#fdf0c2\"/>\n";
      AppendText(&svg, plot.X(from) + 3, plot.top + 11, "start", "window", " fill=\"#8a6d00\"");
    }
  }

  // Gridlines and tick labels.
  if (has_data) {
    const std::vector<double> x_ticks = NiceTicks(plot.t_low, plot.t_high, 6);
    const double x_step = x_ticks.size() > 1 ? x_ticks[1] - x_ticks[0] : 1;
    for (double tick : x_ticks) {
      const double x = plot.X(tick);
      AppendLine(&svg, x, plot.top, x, plot.bottom, "stroke=\"#e3e3e3\"");
      AppendLine(&svg, x, plot.bottom, x, plot.bottom + 4, "stroke=\"#333333\"");
      AppendText(&svg, x, plot.bottom + 16, "middle", FormatTickLabel(tick, x_step));
    }
    const std::vector<double> y_ticks = NiceTicks(plot.values.low, plot.values.high, 5);
    const double y_step = y_ticks.size() > 1 ? y_ticks[1] - y_ticks[0] : 1;
    for (double tick : y_ticks) {
      const double y = plot.Y(tick);
      AppendLine(&svg, plot.left, y, plot.right, y, "stroke=\"#e3e3e3\"");
      AppendLine(&svg, plot.left - 4, y, plot.left, y, "stroke=\"#333333\"");
      AppendText(&svg, plot.left - 7, y + 4, "end", FormatTickLabel(tick, y_step));
    }
  }
  // Axes.
  AppendLine(&svg, plot.left, plot.top, plot.left, plot.bottom, "stroke=\"#333333\"");
  AppendLine(&svg, plot.left, plot.bottom, plot.right, plot.bottom, "stroke=\"#333333\"");
  AppendText(&svg, (plot.left + plot.right) / 2, height - 8, "middle",
             time_units.empty() ? "time" : "time (" + time_units + ")");
  if (!value_units.empty()) {
    const std::string rotate =
        " transform=\"rotate(-90 14 " + Coord((plot.top + plot.bottom) / 2) + ")\"";
    AppendText(&svg, 14, (plot.top + plot.bottom) / 2, "middle", value_units, rotate.c_str());
  }

  if (!has_data) {
    AppendText(&svg, (plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2, "middle",
               "no data", " fill=\"#777777\"");
    return svg + "</svg>\n";
  }
  for (double threshold : series.thresholds) {
    if (!std::isfinite(threshold)) continue;
    const double y = plot.Y(threshold);
    AppendLine(&svg, plot.left, y, plot.right, y,
               "class=\"threshold\" stroke=\"#d62728\" stroke-width=\"1.5\" "
               "stroke-dasharray=\"6 4\"");
    AppendText(&svg, plot.right - 2, y - 4, "end", "threshold " + Format("%.6g", threshold),
               " fill=\"#d62728\"");
  }
  const std::string path = SeriesPath(series, plot);
  if (!path.empty()) {
    svg += "<path class=\"series\" d=\"" + path +
           "\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n";
  }
  return svg + "</svg>\n";
}

}  // namespace sdlab
