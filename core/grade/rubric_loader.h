#pragma once
// Loading a rubric (docs/rubric-format.md): YAML files, with `extends:` and
// layers (a hidden rubric over a public one), validated into a Rubric
// (core/grade/rubric.h) with source locations. The checks' own fields are
// read by rubric_check_loader.cpp.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/grade/rubric.h"

namespace sdlab {

struct RubricLimits {
  int max_extends_depth = 8;
  std::size_t max_checks = 1000;
};

/// Loads one rubric file and whatever it `extends:` (paths relative to the
/// file), merging base first. Located errors; nullopt when any.
std::optional<Rubric> LoadRubricFile(const std::string& path, Diagnostics& diagnostics,
                                     const RubricLimits& limits = {});

/// Loads several rubric files as layers (`--rubric a --rubric b`): each
/// later file merges over the earlier ones as if it extended them.
std::optional<Rubric> LoadRubricFiles(const std::vector<std::string>& paths,
                                      Diagnostics& diagnostics, const RubricLimits& limits = {});

/// Loads a rubric from text (no `extends:` allowed unless `base_dir` is
/// given to resolve it). For tests and tools.
std::optional<Rubric> LoadRubricText(const SourceFile& source, Diagnostics& diagnostics,
                                     const RubricLimits& limits = {});

}  // namespace sdlab
