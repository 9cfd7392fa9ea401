#pragma once
// Batch grading: each submission graded in its own child process under a
// time and a memory limit, so that one pathological submission becomes a
// "not gradable: time limit" row instead of sinking the batch. Results come
// back in submission order whatever the number of workers.

#include <cstddef>
#include <functional>
#include <vector>

#include "core/batch/batch_discovery.h"
#include "core/batch/gradebook.h"

namespace sdlab {

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
/// Set by WriteRubricErrorClass (core/batch/class_grading.h), not the runner.
inline constexpr const char* kReasonRubricError = "rubric error";

/// Grades every submission with `grade` in a forked child process, at most
/// `limits.jobs` at once. A child past the time limit is killed and its
/// entry is not gradable with reason "time limit"; one over the memory limit
/// (its allocations fail, or its resident size passes the limit) "memory
/// limit"; one that dies otherwise "crashed". A submission with a `problem`
/// is not run: its entry has its `reason` (default "no submission file")
/// and is `skipped` when it is. Entries are returned in the
/// order of `submissions`. The calling process must be single-threaded:
/// RunBatch first waits (up to 5 s) for threads a library started on its
/// own to end, since a fork while one holds a lock can hang the child.
std::vector<GradebookEntry> RunBatch(const std::vector<BatchSubmission>& submissions,
                                     const GradeSubmissionFunction& grade,
                                     const BatchLimits& limits,
                                     const BatchProgressFunction& progress = nullptr);

/// The threads of the calling process now (from /proc/self/status).
std::size_t ProcessThreadCount();

}  // namespace sdlab
