#include "core/load/expected_output.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <utility>

#include "core/load/file_read.h"
#include "core/names.h"

namespace sdlab {
namespace {

struct Cell {
  std::string text;
  std::size_t offset = 0;  // of the cell's first byte in the file
};

std::string_view Trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<double> ParseValue(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  // from_chars reports out-of-range (1e-400) as an error; such values are 0
  // or infinite for every purpose here, so they are read as strtod would.
  if (error == std::errc::result_out_of_range && end == text.data() + text.size()) {
    return std::strtod(std::string(text).c_str(), nullptr);
  }
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Splits the text into rows of cells: `delimiter` between cells, CR, LF or
// CRLF between rows, double quotes around a cell that holds either.
bool SplitRows(const SourceFile& source, char delimiter, Diagnostics& diagnostics,
               std::vector<std::vector<Cell>>& rows) {
  const std::string& text = source.text();
  std::vector<Cell> row;
  Cell cell;
  bool cell_started = false;  // the cell has content or quotes
  bool in_quotes = false;
  std::size_t quote_offset = 0;
  auto end_cell = [&](std::size_t next_offset) {
    row.push_back(std::move(cell));
    cell = Cell{};
    cell.offset = next_offset;
    cell_started = false;
  };
  auto end_row = [&](std::size_t next_offset) {
    end_cell(next_offset);
    // A blank line is one empty cell: skip it.
    if (!(row.size() == 1 && Trim(row[0].text).empty())) rows.push_back(std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.text += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        cell.text += c;
      }
    } else if (c == '"' && !cell_started) {
      in_quotes = true;
      cell_started = true;
      quote_offset = i;
    } else if (c == delimiter) {
      end_cell(i + 1);
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row(i + 1);
    } else {
      if (c != ' ' && c != '\t') cell_started = true;
      cell.text += c;
    }
  }
  if (in_quotes) {
    diagnostics.Error(source.LocationOf(quote_offset), "unterminated quoted cell");
    return false;
  }
  if (cell_started || !cell.text.empty() || !row.empty()) end_row(text.size());
  return true;
}

}  // namespace

const ExpectedColumn* ExpectedOutput::Find(std::string_view name) const {
  const std::string key = NormalizeName(name);
  for (const ExpectedColumn& column : columns) {
    if (column.normalized == key) return &column;
  }
  return nullptr;
}

std::optional<ExpectedOutput> ParseExpectedOutput(const SourceFile& source,
                                                  Diagnostics& diagnostics,
                                                  const ExpectedOutputLimits& limits) {
  if (diagnostics.file().empty()) diagnostics.set_file(source.path());
  const std::string& text = source.text();
  if (text.size() > limits.max_file_bytes) {
    diagnostics.Error({}, "file is too large (" + std::to_string(text.size()) +
                              " bytes; the limit is " + std::to_string(limits.max_file_bytes) +
                              ")");
    return std::nullopt;
  }
  const std::string_view first_line = std::string_view(text).substr(0, text.find_first_of("\r\n"));
  const char delimiter = first_line.find('\t') != std::string_view::npos ? '\t' : ',';
  std::vector<std::vector<Cell>> rows;
  if (!SplitRows(source, delimiter, diagnostics, rows)) return std::nullopt;
  if (rows.empty()) {
    diagnostics.Error(Location{1, 1}, "no header row");
    return std::nullopt;
  }
  const std::vector<Cell>& header = rows.front();
  if (header.size() * rows.size() > limits.max_cells) {
    diagnostics.Error({}, "too many cells (the limit is " + std::to_string(limits.max_cells) + ")");
    return std::nullopt;
  }
  const std::size_t errors_before = diagnostics.error_count();
  ExpectedOutput out;
  std::vector<ExpectedColumn*> by_index;
  std::map<std::string, Location> seen;
  for (std::size_t j = 0; j < header.size(); ++j) {
    ExpectedColumn column;
    column.name = std::string(Trim(header[j].text));
    column.normalized = NormalizeName(column.name);
    column.location = source.LocationOf(header[j].offset);
    if (j > 0) {
      if (column.normalized.empty()) {
        diagnostics.Error(column.location, "empty column header");
      } else if (!seen.emplace(column.normalized, column.location).second) {
        diagnostics.Error(column.location, "duplicate column '" + column.name +
                                               "' (first on line " +
                                               std::to_string(seen[column.normalized].line) + ")");
      }
    }
    if (j == 0) {
      out.time = std::move(column);
    } else {
      out.columns.push_back(std::move(column));
    }
  }
  by_index.push_back(&out.time);
  for (ExpectedColumn& column : out.columns) by_index.push_back(&column);

  for (std::size_t r = 1; r < rows.size() && !diagnostics.full(); ++r) {
    const std::vector<Cell>& row = rows[r];
    for (std::size_t j = header.size(); j < row.size(); ++j) {
      if (!Trim(row[j].text).empty()) {
        diagnostics.Error(source.LocationOf(row[j].offset),
                          "row has " + std::to_string(row.size()) + " cells but the header has " +
                              std::to_string(header.size()));
        break;
      }
    }
    for (std::size_t j = 0; j < header.size(); ++j) {
      ExpectedColumn& column = *by_index[j];
      const std::string_view cell = j < row.size() ? Trim(row[j].text) : std::string_view();
      const Location location =
          j < row.size() ? source.LocationOf(row[j].offset) : source.LocationOf(row.back().offset);
      if (cell.empty()) {
        if (j == 0) diagnostics.Error(location, "row without a time");
        column.values.push_back(column.values.empty() ? std::numeric_limits<double>::quiet_NaN()
                                                      : column.values.back());
        continue;
      }
      const std::optional<double> value = ParseValue(cell);
      if (!value) {
        diagnostics.Error(location, "'" + std::string(cell) + "' in column '" + column.name +
                                        "' is not a number");
        column.values.push_back(std::numeric_limits<double>::quiet_NaN());
        continue;
      }
      column.values.push_back(*value);
    }
  }
  if (diagnostics.error_count() > errors_before) return std::nullopt;
  return out;
}

std::optional<ExpectedOutput> ReadExpectedOutputFile(const std::string& path,
                                                     Diagnostics& diagnostics,
                                                     const ExpectedOutputLimits& limits) {
  if (diagnostics.file().empty()) diagnostics.set_file(path);
  std::optional<std::string> text = ReadCappedFile(path, limits.max_file_bytes, diagnostics);
  if (!text) return std::nullopt;
  return ParseExpectedOutput(SourceFile(path, std::move(*text)), diagnostics, limits);
}

bool IsControlColumn(std::string_view name) {
  const std::string key = NormalizeName(name);
  return key == "initial_time" || key == "final_time" || key == "time_step" || key == "saveper";
}

bool WithinTolerance(double expected, double actual, const Tolerance& tolerance) {
  if (std::isnan(expected) || std::isnan(actual)) return false;
  if (expected == actual) return true;  // infinities too
  return std::fabs(expected - actual) <=
         tolerance.absolute + tolerance.relative * std::fabs(expected);
}

}  // namespace sdlab
