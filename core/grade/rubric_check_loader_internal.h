#pragma once
// Reading one check of a rubric (a mapping under `checks:`): its kind, its
// kind's parameters, its references to concepts, scenarios and questions.
// Shared by rubric_loader.cpp and rubric_check_loader.cpp; not a public API.

#include <optional>
#include <string>

#include "core/grade/rubric.h"
#include "core/grade/rubric_loader_internal.h"
#include "core/load/yaml_tree.h"

namespace sdlab::rubric_yaml {

/// What the check loader needs to know about the rubric merged so far, to
/// validate references where they are written.
struct References {
  const Rubric* rubric = nullptr;
};

/// Parses one check (a mapping under `checks:`); nullopt after reporting
/// errors. References to concepts, scenarios and questions are validated
/// against `rubric` (the layers merged so far plus this file's definitions).
std::optional<CheckSpec> ParseCheck(const YamlNode& node, const Rubric& rubric,
                                    const std::string& file, FieldReader& reader);

/// A title for a check the author did not title: "At least 2 stocks".
std::string DefaultTitle(const CheckSpec& check, const Rubric& rubric);

}  // namespace sdlab::rubric_yaml
