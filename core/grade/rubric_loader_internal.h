#pragma once
// Shared by core/grade/rubric_loader.cpp and core/grade/rubric_check_loader.cpp: typed,
// located reading of rubric YAML values. Not a public API.

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/grade/rubric.h"
#include "core/load/yaml_tree.h"

namespace sdlab::rubric_yaml {

/// Reads values from one rubric file's YAML tree, reporting located errors.
class FieldReader {
 public:
  explicit FieldReader(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  void Error(Location location, std::string message, std::string hint = "") {
    diagnostics_.Error(location, std::move(message), std::move(hint));
  }
  Diagnostics& diagnostics() { return diagnostics_; }

  /// `what` names the value in messages: "'points'", "a check".
  bool ExpectMapping(const YamlNode& node, const std::string& what);
  bool ExpectSequence(const YamlNode& node, const std::string& what);
  /// Reports every key not in `allowed` ("unknown key 'x' (did you mean
  /// 'y'?)"), as every loader does (core/load/yaml_schema.h).
  void RejectUnknownKeys(const YamlNode& mapping, const std::vector<std::string>& allowed);
  /// One of `choices`; its index. "unknown KIND 'x'; expected a, b or c".
  std::optional<std::size_t> Choice(const YamlNode& node, const std::string& kind_name,
                                    const std::vector<std::string>& choices);

  /// `what` names the value ("'title'"); empty: the node's key.
  std::optional<std::string> Text(const YamlNode& node, const std::string& what);
  std::optional<double> Number(const YamlNode& node, const std::string& what);
  /// A number in [min, max] (or (min, max] with `above_min`); outside it,
  /// the error says the value and the rule: "'period' is 0: it must be
  /// greater than 0 and at most 1000000000000".
  std::optional<double> NumberInRange(const YamlNode& node, const std::string& what, double min,
                                      double max, bool above_min = false);
  std::optional<int> Integer(const YamlNode& node, const std::string& what, int min, int max);
  std::optional<bool> Bool(const YamlNode& node, const std::string& what);
  /// A scalar or a list of scalars.
  std::optional<std::vector<std::string>> TextList(const YamlNode& node, const std::string& what);
  /// `[low, high]` with low <= high.
  bool Range(const YamlNode& node, const std::string& what, std::optional<double>* low,
             std::optional<double>* high);
  /// `[start, end]` or `{start: s, end: e}`; either may be null.
  std::optional<TimeWindow> Window(const YamlNode& node);
  /// A number (absolute) or "20%" (relative).
  std::optional<Amount> AmountValue(const YamlNode& node, const std::string& what);
  /// A level 1..12, or a list of them.
  std::optional<std::vector<int>> Levels(const YamlNode& node, const std::string& what);
  std::optional<SeriesMeasure> Measure(const YamlNode& node);
  /// Element kinds, a scalar or a list ("stock", "flow", "auxiliary" or
  /// "aux", "constant", "lookup"), appended to `*kinds`; each unknown one is
  /// reported at `node` with a suggestion. Concepts' `kind` and element
  /// checks' `as` share it, so both accept the same words.
  void ElementKinds(const YamlNode& node, const std::string& what, std::vector<ElementKind>* kinds);

 private:
  Diagnostics& diagnostics_;
};

/// What one check may be worth: more than 0, at most this. A rubric's
/// total (and a private layer's announced points) at most kMaxTotalPoints.
inline constexpr double kMaxCheckPoints = 1000;
inline constexpr double kMaxTotalPoints = 1000000;

/// True for ids made of letters, digits, '_', '-' and '.'.
bool IsValidId(const std::string& id);

/// "stock", "flow", "auxiliary" (or "aux"), "constant", "lookup"; nullopt for
/// anything else.
std::optional<ElementKind> ParseElementKind(const std::string& text);

}  // namespace sdlab::rubric_yaml
