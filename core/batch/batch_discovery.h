#pragma once
// Batch grading: find the submissions (files, or one folder per student),
// split them into shards, and grade each in its own child process under a
// time and a memory limit, so that one pathological submission becomes a
// "not gradable: time limit" row instead of sinking the batch. Results come
// back in submission order whatever the number of workers.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/batch/gradebook.h"

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

/// The grading of one submission, run in a child process: grades, writes the
/// submission's own result files, and returns its gradebook entry.
using GradeSubmissionFunction = std::function<GradebookEntry(const BatchSubmission&)>;

struct BatchLimits {
  int jobs = 1;                 // worker processes at a time
  double timeout_seconds = 60;  // wall-clock time per submission
  /// Memory a submission may add to the worker it starts in: address space
  /// (resident size under AddressSanitizer).
  std::size_t memory_megabytes = 1024;
};

/// Called in the parent each time a submission is done (in completion
/// order), for progress display.
using BatchProgressFunction =
    std::function<void(std::size_t done, std::size_t total, const GradebookEntry& entry)>;

/// Not-gradable reasons set by the runner (see GradebookEntry).
inline constexpr const char* kReasonTimeLimit = "time limit";
inline constexpr const char* kReasonMemoryLimit = "memory limit";
inline constexpr const char* kReasonCrashed = "crashed";
inline constexpr const char* kReasonNoFile = "no submission file";

/// Grades every submission with `grade` in a forked child process, at most
/// `limits.jobs` at once. A child past the time limit is killed and its
/// entry is not gradable with reason "time limit"; one over the memory limit
/// (its allocations fail, or its resident size passes the limit) "memory
/// limit"; one that dies otherwise "crashed". A submission with a `problem`
/// is not run: reason "no submission file". Entries are returned in the
/// order of `submissions`. The calling process must be single-threaded:
/// RunBatch first waits (up to 5 s) for threads a library started on its
/// own to end, since a fork while one holds a lock can hang the child.
/// The threads of the calling process now (from /proc/self/status).
std::size_t ProcessThreadCount();

std::vector<GradebookEntry> RunBatch(const std::vector<BatchSubmission>& submissions,
                                     const GradeSubmissionFunction& grade,
                                     const BatchLimits& limits,
                                     const BatchProgressFunction& progress = nullptr);

}  // namespace sdlab
