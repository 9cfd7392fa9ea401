#pragma once
// The expected output of a reference engine (Vensim's `.tab`, a `.csv` from
// Vensim or Stella), as the public system-dynamics test suites ship it, read
// so that a run can be compared with it: one row per saved time, the first
// column the time (whatever its header says: `Time`, `Months`), then one
// column per variable headed by its display name.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace sdlab {

struct ExpectedColumn {
  std::string name;        // the header as written
  std::string normalized;  // NormalizeName(name)
  Location location;       // of the header cell
  /// One value per row. An empty cell repeats the value above it (Vensim
  /// writes constants on the first row only); NaN where there is none.
  std::vector<double> values;
};

struct ExpectedOutput {
  ExpectedColumn time;                  // the first column
  std::vector<ExpectedColumn> columns;  // the others, in file order

  std::size_t rows() const { return time.values.size(); }
  /// The column whose header normalises like `name`, or null.
  const ExpectedColumn* Find(std::string_view name) const;
};

struct ExpectedOutputLimits {
  std::size_t max_file_bytes = 64u << 20;
  std::size_t max_cells = 10'000'000;
};

/// Parses a table of expected values: tab-separated when its first line has a
/// tab, else comma-separated (with RFC 4180 quotes); CR, LF and CRLF all end
/// a line; blank lines are skipped; numbers are read without regard to the
/// locale. Reports a cell that is not a number, a row longer than the header,
/// a missing time, duplicate headers and an unterminated quote with their
/// line:col; returns nullopt on error.
std::optional<ExpectedOutput> ParseExpectedOutput(const SourceFile& source,
                                                  Diagnostics& diagnostics,
                                                  const ExpectedOutputLimits& limits = {});

/// Reads `path` and parses it (see ParseExpectedOutput).
std::optional<ExpectedOutput> ReadExpectedOutputFile(const std::string& path,
                                                     Diagnostics& diagnostics,
                                                     const ExpectedOutputLimits& limits = {});

/// True for the simulation-control columns Vensim writes beside the model's
/// variables: INITIAL TIME, FINAL TIME, TIME STEP and SAVEPER (any spelling
/// that normalises the same).
bool IsControlColumn(std::string_view name);

/// How close a value must be to the expected one: the suite's relative 1e-4
/// (its expected values often carry only 6 significant digits) with PySD's
/// allowance of 1e-5 near zero (Vensim's single-precision sums leave -2.5e-6
/// where exact arithmetic gives 0).
struct Tolerance {
  double relative = 1e-4;
  double absolute = 1e-5;
};

/// |expected - actual| <= absolute + relative * |expected|. NaN never matches.
bool WithinTolerance(double expected, double actual, const Tolerance& tolerance = {});

}  // namespace sdlab
