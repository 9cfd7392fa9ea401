#pragma once
// Where sdlab finds a lab's data (rubrics/, labs/, solutions/): the folder in
// $SDLAB_DATA_DIR, the source tree (when run from a build), then the
// installed data directory (core/build_config.h).

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace sdlab {

/// The data directories to search, in order, that exist.
std::vector<std::string> LabDataDirs();

/// The rubric of a lab: `rubrics/<lab>.yaml` in the first data directory
/// that has it. Reports "no rubric for lab 'x'" (with the labs that exist
/// and a "did you mean") at `where` (the `lab:` value when the id comes from
/// a file; unknown for --lab) and returns nullopt when there is none.
std::optional<std::string> FindLabRubric(const std::string& lab, Diagnostics& diagnostics,
                                         Location where = {});

/// The rubric an instructor grades a lab with: its private layer
/// `rubrics/private/<lab>.yaml` (hidden checks and answer keys over the
/// public rubric) in the first data directory that has the lab's rubric,
/// else the public one. Reports as FindLabRubric does.
std::optional<std::string> FindLabGradingRubric(const std::string& lab, Diagnostics& diagnostics);

/// The lab ids that have a rubric, sorted.
std::vector<std::string> KnownLabs();

}  // namespace sdlab
