#include "core/load/yaml_schema.h"

#include <charconv>
#include <climits>
#include <cmath>

#include "core/load/yaml_reader.h"
#include "core/names.h"

namespace sdlab {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string NameOfValue(const YamlNode& node, std::string_view what) {
  if (!what.empty()) return std::string(what);
  return "'" + node.key + "'";
}

void ReportExpected(const YamlNode& node, std::string_view expected, Diagnostics& diagnostics,
                    std::string_view what) {
  diagnostics.Error(node.ReportLocation(), "expected " + std::string(expected) + " for " +
                                               NameOfValue(node, what) + ", found " +
                                               node.KindDescription());
}

std::optional<std::string> ReadText(const YamlNode& node, Diagnostics& diagnostics,
                                    std::string_view what) {
  if (node.is_scalar()) return node.scalar;
  ReportExpected(node, "text", diagnostics, what);
  return std::nullopt;
}

std::optional<double> ReadNumber(const YamlNode& node, Diagnostics& diagnostics,
                                 std::string_view what) {
  std::optional<double> value;
  if (node.is_scalar()) value = ParseNumber(node.scalar);
  if (!value) {
    ReportExpected(node, "a number", diagnostics, what);
    return std::nullopt;
  }
  if (!std::isfinite(*value)) {
    diagnostics.Error(node.location, "number '" + TextExcerpt(node.scalar) + "' for " +
                                         NameOfValue(node, what) + " is too large");
    return std::nullopt;
  }
  return value;
}

std::optional<long long> ReadInteger(const YamlNode& node, long long min, long long max,
                                     Diagnostics& diagnostics, std::string_view what) {
  std::string expected =
      "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (max >= INT_MAX) {  // no useful upper bound to name
    expected = min == 1 ? "a positive whole number" : "a whole number from " + std::to_string(min);
  }
  std::optional<double> value;
  if (node.is_scalar()) value = ParseNumber(node.scalar);
  // 2^53: beyond it a double no longer tells whole numbers apart.
  if (!value || std::floor(*value) != *value || std::fabs(*value) > 9007199254740992.0 ||
      *value < static_cast<double>(min) || *value > static_cast<double>(max)) {
    ReportExpected(node, expected, diagnostics, what);
    return std::nullopt;
  }
  return static_cast<long long>(*value);
}

std::optional<bool> ReadBool(const YamlNode& node, Diagnostics& diagnostics,
                             std::string_view what) {
  std::optional<bool> value;
  if (node.is_scalar()) value = ParseBool(node.scalar);
  if (!value) ReportExpected(node, "true or false", diagnostics, what);
  return value;
}

std::optional<std::size_t> ReadChoice(const YamlNode& node, std::string_view kind_name,
                                      const std::vector<std::string>& choices,
                                      Diagnostics& diagnostics) {
  if (!node.is_scalar()) {
    ReportExpected(node, JoinChoices(choices), diagnostics);
    return std::nullopt;
  }
  std::string written = Lower(node.scalar);
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (written == choices[i]) return i;
  }
  diagnostics.Error(node.location,
                    "unknown " + std::string(kind_name) + " '" + TextExcerpt(node.scalar) +
                        "'; expected " + JoinChoices(choices),
                    DidYouMean(node.scalar, choices));
  return std::nullopt;
}

const std::vector<YamlNode>* ReadList(const YamlNode& node, Diagnostics& diagnostics,
                                      std::string_view what) {
  static const std::vector<YamlNode> kEmpty;
  if (node.is_null()) return &kEmpty;
  if (node.is_sequence()) return &node.items;
  ReportExpected(node, "a list", diagnostics, what);
  return nullptr;
}

std::string JoinChoices(const std::vector<std::string>& choices, std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += i + 1 == choices.size() ? " " + std::string(last) + " " : ", ";
    out += choices[i];
  }
  return out;
}

YamlRecord::YamlRecord(const YamlNode& node, std::vector<std::string> known_keys,
                       Diagnostics& diagnostics, std::string_view what)
    : node_(node), diagnostics_(diagnostics) {
  if (!node.is_mapping()) {
    ReportExpected(node, "a mapping", diagnostics, what);
    return;
  }
  ok_ = true;
  for (const YamlNode& item : node.items) {
    bool known = false;
    for (const std::string& key : known_keys) known = known || key == item.key;
    if (known) continue;
    std::string hint = DidYouMean(item.key, known_keys);
    if (hint.empty()) hint = "expected " + JoinChoices(known_keys);
    diagnostics.Error(item.key_location, "unknown key '" + TextExcerpt(item.key) + "'", hint);
  }
}

const YamlNode* YamlRecord::Get(std::string_view key) const {
  return ok_ ? node_.Find(key) : nullptr;
}

const YamlNode* YamlRecord::GetValue(std::string_view key) const {
  const YamlNode* value = Get(key);
  return value != nullptr && !value->is_null() ? value : nullptr;
}

const YamlNode* YamlRecord::Require(std::string_view key, std::string_view owner,
                                    std::string_view expected) const {
  if (!ok_) return nullptr;
  const YamlNode* value = Get(key);
  if (value == nullptr) {
    diagnostics_.Error(node_.location, std::string(owner) + " has no '" + std::string(key) + "'");
    return nullptr;
  }
  if (value->is_null()) {
    ReportExpected(*value, expected, diagnostics_);
    return nullptr;
  }
  return value;
}

std::optional<std::string> YamlRecord::Text(std::string_view key) const {
  const YamlNode* value = GetValue(key);
  return value ? ReadText(*value, diagnostics_) : std::nullopt;
}

std::optional<double> YamlRecord::Number(std::string_view key) const {
  const YamlNode* value = GetValue(key);
  return value ? ReadNumber(*value, diagnostics_) : std::nullopt;
}

std::optional<bool> YamlRecord::Bool(std::string_view key) const {
  const YamlNode* value = GetValue(key);
  return value ? ReadBool(*value, diagnostics_) : std::nullopt;
}

std::string ShortestNumberText(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc()) return "?";
  return std::string(buffer, end);
}

}  // namespace sdlab
