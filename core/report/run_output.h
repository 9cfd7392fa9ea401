#pragma once
// What `sdlab simulate` prints: a per-stock summary, or the series as CSV.

#include <ostream>
#include <string>
#include <vector>

#include "core/engine/model.h"
#include "core/engine/simulator.h"

namespace sdlab {

/// A stock's trajectory in brief.
struct StockSummary {
  std::string name;
  double initial = 0;
  double min = 0;
  double min_time = 0;  // first time the minimum is reached
  double max = 0;
  double max_time = 0;  // first time the maximum is reached
  double final = 0;
};

/// One summary per stock, in model order.
std::vector<StockSummary> SummarizeStocks(const Model& model, const Run& run);

/// The summary table `sdlab simulate` prints without --csv.
std::string FormatStockSummaries(const std::vector<StockSummary>& summaries,
                                 const std::string& time_units);

/// Writes `time` then the chosen series (indices into run.series_names, in
/// that order) as CSV with the names as written (quoted where CSV needs it)
/// and shortest round-trip numbers.
void WriteRunCsv(const Run& run, const std::vector<int>& series, std::ostream& out);

/// A CSV field: quoted (with doubled quotes) when it holds a comma, quote,
/// CR or LF, or starts or ends with a space.
std::string CsvField(const std::string& text);

}  // namespace sdlab
