#pragma once
// Loading a submission: YAML text (format sdlab/1, docs/submission-format.md)
// read strictly, validated section by section and turned into a Submission
// (core/load/submission.h) with source locations.

#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "core/load/submission.h"

namespace sdlab {

/// Loads and validates a submission from source text. Reports every problem
/// (up to the diagnostics' cap) with its location; returns nullopt when there
/// were errors. `stock_flow` is fully validated (types, names, references,
/// duplicate and near-duplicate names, sim spec); the other sections get
/// type and unknown-key validation.
std::optional<Submission> LoadSubmission(const SourceFile& source, Diagnostics& diagnostics);

/// Reads the file and loads it (file-size limit 1 MiB).
std::optional<Submission> LoadSubmissionFile(const std::string& path, Diagnostics& diagnostics,
                                             SourceFile* source_out = nullptr);

}  // namespace sdlab
