#pragma once
// Reading a YamlNode tree against a fixed shape: typed readers that report
// located "expected a number for 'dt', found a list" errors, and records
// (mappings with a known set of keys) that report unknown keys with a "did
// you mean" hint. Every loader (submissions, rubrics, labs) builds on these,
// so that the same mistake reads the same everywhere.
//
// Conventions, pinned by tests:
// - A value is named in messages by its key ("'dt'") unless the caller gives
//   a phrase (`what`), as for list items ("each item of 'stocks'").
// - An empty value (`key:` with nothing after it) is "an empty value"; an
//   optional field left empty is the same as an absent one.
// - Numbers and true/false may be quoted: `"12"` reads as 12 where a number
//   is expected. Where text is expected, any scalar is taken as written.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/load/yaml_tree.h"

namespace sdlab {

/// "'dt'" for the value of key `dt`, or `what` when given.
std::string NameOfValue(const YamlNode& node, std::string_view what = {});

/// Reports "expected EXPECTED for WHAT, found KIND" at the node (at its key
/// when the value is empty).
void ReportExpected(const YamlNode& node, std::string_view expected, Diagnostics& diagnostics,
                    std::string_view what = {});

/// Any scalar as written (`12` gives "12"). Reports an empty value, a list
/// or a mapping: "expected text for 'units', found a list".
std::optional<std::string> ReadText(const YamlNode& node, Diagnostics& diagnostics,
                                    std::string_view what = {});

/// A finite number, quoted or not. "expected a number for 'dt', found text
/// 'fast'"; "number '1e999' for 'dt' is too large".
std::optional<double> ReadNumber(const YamlNode& node, Diagnostics& diagnostics,
                                 std::string_view what = {});

/// A whole number in [min, max]: "expected a whole number from 1 to 12 for
/// 'level', found the number 13"; with max >= INT_MAX and min == 1, "a
/// positive whole number".
std::optional<long long> ReadInteger(const YamlNode& node, long long min, long long max,
                                     Diagnostics& diagnostics, std::string_view what = {});

/// true or false (YAML 1.2 spellings), quoted or not: "expected true or
/// false for 'non_negative', found text 'yes'".
std::optional<bool> ReadBool(const YamlNode& node, Diagnostics& diagnostics,
                             std::string_view what = {});

/// One of `choices`, compared case-insensitively; returns its index.
/// Otherwise "unknown method 'rk5'; expected euler, rk2 or rk4 (did you mean
/// 'rk4'?)" where `kind_name` is "method".
std::optional<std::size_t> ReadChoice(const YamlNode& node, std::string_view kind_name,
                                      const std::vector<std::string>& choices,
                                      Diagnostics& diagnostics);

/// The items of a list; an empty value is an empty list. nullptr (after
/// "expected a list for 'stocks', found a mapping") for anything else.
const std::vector<YamlNode>* ReadList(const YamlNode& node, Diagnostics& diagnostics,
                                      std::string_view what = {});

/// The shortest text that reads back as the same double ("0.1", "1e+20").
std::string ShortestNumberText(double value);

/// "a, b or c".
std::string JoinChoices(const std::vector<std::string>& choices, std::string_view last = "or");

/// A mapping with a fixed set of known keys. Construction reports a value
/// that is not a mapping and every unknown key ("unknown key 'stok' (did
/// you mean 'stocks'?)", or the list of known keys when none is close).
class YamlRecord {
 public:
  YamlRecord(const YamlNode& node, std::vector<std::string> known_keys, Diagnostics& diagnostics,
             std::string_view what = {});

  /// False when the node is not a mapping (already reported); every getter
  /// then finds nothing.
  bool ok() const { return ok_; }
  const YamlNode& node() const { return node_; }
  Location location() const { return node_.location; }

  /// The value of `key`, or nullptr when absent. An empty value is present.
  const YamlNode* Get(std::string_view key) const;
  /// The value of `key`, or nullptr when absent or empty (optional fields).
  const YamlNode* GetValue(std::string_view key) const;
  /// The value of a required key. Absent: reports "OWNER has no 'key'" at the
  /// mapping; empty: "expected EXPECTED for 'key', found an empty value" at
  /// the key. Returns nullptr after either.
  const YamlNode* Require(std::string_view key, std::string_view owner,
                          std::string_view expected) const;

  /// Optional typed fields: nullopt, without a report, when absent or empty.
  std::optional<std::string> Text(std::string_view key) const;
  std::optional<double> Number(std::string_view key) const;
  std::optional<bool> Bool(std::string_view key) const;

 private:
  const YamlNode& node_;
  Diagnostics& diagnostics_;
  bool ok_ = false;
};

}  // namespace sdlab
