#pragma once
// The first step of batch grading: find the submissions (files, or one
// folder per student) and split them into shards for a CI matrix. Grading
// them is core/batch/batch_runner.h.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace sdlab {

struct BatchSubmission {
  std::string student_id;  // the file's stem or the folder's name
  std::string path;        // the YAML file to grade (empty when `problem` is set)
  /// Why a student's folder has nothing to grade ("no .yaml file in the
  /// folder"); such a submission is reported, not graded.
  std::string problem;
};

/// Finds the submissions named by `inputs`. A file is one submission (id:
/// its name without extension). A folder holds submissions: each `*.yaml` /
/// `*.yml` file in it is one, and each subfolder is one student's, graded
/// from its `answer.yaml` or else its only YAML file (id: the folder name).
/// Hidden entries (`.git`, ...) are skipped. Sorted by student id, then path.
/// A missing input, or two submissions with the same id or output folder,
/// are errors in `diagnostics`.
std::vector<BatchSubmission> DiscoverSubmissions(const std::vector<std::string>& inputs,
                                                 Diagnostics& diagnostics);

/// A folder name for a student's result files: the id with anything but
/// letters, digits and `. _ - + @` replaced by `_`, and never `.`/`..`/hidden.
std::string OutputFolderName(std::string_view student_id);

struct Shard {
  int index = 1;  // 1-based
  int count = 1;
};
/// "2/4" -> {2, 4}; nullopt unless 1 <= i <= n.
std::optional<Shard> ParseShard(std::string_view text);
/// Shard i of n takes submissions i, i+n, i+2n ... (1-based) of the sorted
/// list: every submission in exactly one shard, the shards within one of
/// each other in size.
std::vector<BatchSubmission> SelectShard(const std::vector<BatchSubmission>& all, Shard shard);

}  // namespace sdlab
