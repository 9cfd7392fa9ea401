#include "core/report/run_output.h"

#include <algorithm>

#include "core/engine/simulator.h"
#include "core/number_format.h"

namespace sdlab {

std::vector<StockSummary> SummarizeStocks(const Model& model, const Run& run) {
  std::vector<StockSummary> summaries;
  for (std::size_t s = 0; s < run.series_variables.size(); ++s) {
    int variable = run.series_variables[s];
    if (variable < 0 || model.variables()[variable].kind != ElementKind::kStock) continue;
    const std::vector<double>& values = run.values[s];
    if (values.empty()) continue;
    StockSummary summary;
    summary.name = run.series_names[s];
    summary.initial = values.front();
    summary.final = values.back();
    auto min_it = std::min_element(values.begin(), values.end());
    auto max_it = std::max_element(values.begin(), values.end());
    summary.min = *min_it;
    summary.min_time = run.times[min_it - values.begin()];
    summary.max = *max_it;
    summary.max_time = run.times[max_it - values.begin()];
    summaries.push_back(summary);
  }
  return summaries;
}

std::string FormatStockSummaries(const std::vector<StockSummary>& summaries,
                                 const std::string& time_units) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"stock", "initial", "min", "at t", "max", "at t", "final"});
  for (const StockSummary& s : summaries) {
    rows.push_back({s.name, FormatSignificant(s.initial), FormatSignificant(s.min),
                    FormatSignificant(s.min_time), FormatSignificant(s.max),
                    FormatSignificant(s.max_time), FormatSignificant(s.final)});
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      // Names left-aligned, numbers right-aligned.
      std::string pad(widths[c] - row[c].size(), ' ');
      line += c == 0 ? row[c] + pad : pad + row[c];
      if (c + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  if (summaries.empty()) out += "(the model has no stocks)\n";
  if (!time_units.empty()) out += "times in " + time_units + "\n";
  return out;
}

std::string CsvField(const std::string& text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void WriteRunCsv(const Run& run, const std::vector<int>& series, std::ostream& out) {
  std::string line = "time";
  for (int s : series) line += "," + CsvField(run.series_names[s]);
  out << line << "\n";
  for (std::size_t row = 0; row < run.times.size(); ++row) {
    line = FormatShortest(run.times[row]);
    for (int s : series) {
      line += ',';
      line += FormatShortest(run.values[s][row]);
    }
    out << line << "\n";
  }
}

}  // namespace sdlab
