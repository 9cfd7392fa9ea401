#pragma once
// A located YAML document tree owned by sdlab. The only file that includes
// yaml-cpp (yaml_reader.cpp, core/load/yaml_reader.h) builds it; every loader (submission, rubric)
// reads this tree, never yaml-cpp nodes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace sdlab {

enum class YamlKind { kNull, kScalar, kSequence, kMapping };

/// How a scalar was written; decides whether `"12"` is text and `12` a number,
/// and how offsets inside the value map back to the file.
enum class ScalarStyle { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral, kFolded };

struct YamlNode {
  YamlKind kind = YamlKind::kNull;
  Location location;   // where the node starts
  std::string scalar;  // the value of a scalar
  ScalarStyle style = ScalarStyle::kPlain;
  bool flow = false;            // [a, b] / {a: b} rather than block style
  std::vector<YamlNode> items;  // sequence items, or mapping values in order
  // For a value inside a mapping: its key and where the key is written.
  std::string key;
  Location key_location;

  bool is_null() const { return kind == YamlKind::kNull; }
  bool is_scalar() const { return kind == YamlKind::kScalar; }
  bool is_sequence() const { return kind == YamlKind::kSequence; }
  bool is_mapping() const { return kind == YamlKind::kMapping; }
  /// The value for `key` in a mapping (exact key), or nullptr.
  const YamlNode* Find(std::string_view key_name) const;
  /// Where to report a problem with this value: an empty value (null) is
  /// reported at its key, since YAML marks it at the next token.
  Location ReportLocation() const;
  /// "a mapping", "a list", "a number" ... for "expected X, found Y" messages.
  std::string KindDescription() const;
};

}  // namespace sdlab
