#pragma once
// Internal to the submission loader (submission_loader.cpp and
// submission_sections.cpp): what the stock-and-flow loader and the loaders
// of the other sections share. Not a public API; include core/load/submission.h.

#include <optional>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/load/submission.h"
#include "core/load/yaml_schema.h"
#include "core/load/yaml_tree.h"

namespace sdlab::submission_internal {

/// Reads `name` (required, non-empty) and the optional `concept`, `units` and
/// `doc` of an element. `kind_name` ("stock", "variable") words the missing-
/// name message: "this stock has no 'name'". False when the name is unusable.
bool LoadElementInfo(const YamlRecord& record, const char* kind_name, ElementInfo& info,
                     Diagnostics& diagnostics);

/// Reads the value of `key` as text into `*text` and its location into
/// `*location`. A required key that is absent or empty is reported with
/// `owner` ("this link has no 'to'"); an optional one is skipped. False when
/// the value was required or present and could not be read.
bool LoadTextField(const YamlRecord& record, std::string_view key, std::string_view owner,
                   bool required, std::string* text, Location* location, Diagnostics& diagnostics);

/// Loads each item of the list under `key` (absent or empty: no items) with
/// `load_item`, which returns nullopt for an item it reported as broken.
template <typename T, typename LoadItem>
void LoadItems(const YamlRecord& record, std::string_view key, std::vector<T>& out,
               Diagnostics& diagnostics, LoadItem load_item) {
  const YamlNode* node = record.Get(key);
  if (node == nullptr) return;
  const std::vector<YamlNode>* items = ReadList(*node, diagnostics);
  if (items == nullptr) return;
  for (const YamlNode& item : *items) {
    std::optional<T> value = load_item(item);
    if (value) out.push_back(std::move(*value));
  }
}

/// The sections sdlab/1 checks for types and keys only (their meaning is
/// checked by core/loops/causal_graph.h, the leverage and the grading code).
void LoadCausalLoopSection(const YamlNode& node, CausalLoopDiagram& diagram,
                           Diagnostics& diagnostics);
void LoadLeverageSection(const YamlNode& node, LeverageAnalysis& leverage,
                         Diagnostics& diagnostics);
void LoadAnswersSection(const YamlNode& node, Answers& answers, Diagnostics& diagnostics);

}  // namespace sdlab::submission_internal
