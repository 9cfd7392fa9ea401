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

/// Why an entry of a class folder is not graded (BatchSubmission::reason).
inline constexpr const char* kReasonNoFile = "no submission file";
inline constexpr const char* kReasonSymlink = "symbolic link";
inline constexpr const char* kReasonNotRegular = "not a regular file";
inline constexpr const char* kReasonUnreadable = "unreadable";
inline constexpr const char* kReasonDotfile = "dotfile";
inline constexpr const char* kReasonNotSubmission = "not a submission";

struct BatchSubmission {
  std::string student_id;  // the file's stem or the folder's name
  std::string path;        // the YAML file to grade (empty when `problem` is set)
  /// Why there is nothing to grade ("no .yaml file in the folder", "a
  /// symbolic link to outside the class folder; not followed"); such an
  /// entry is reported, not graded.
  std::string problem;
  /// The category of `problem`: one of the kReason constants above (empty
  /// means kReasonNoFile).
  std::string reason;
  /// Not a student's submission at all (a dotfile, a README): a gradebook
  /// row says why it was skipped; no result files.
  bool skipped = false;
  /// The folder of the student's result files under OUT/students: unique in
  /// the class, even on a file system that ignores case (see
  /// DiscoverSubmissions). Empty: OutputFolderName(student_id).
  std::string folder;
  /// For the instructor, when the folder had to be told apart from another
  /// student's ("results in students/Zo__-1f0e3dad: ...").
  std::string note;
};

/// Finds the submissions named by `inputs`. A file is one submission (id:
/// its name without extension). A folder holds submissions: each `*.yaml` /
/// `*.yml` file in it is one, and each subfolder is one student's, graded
/// from its `answer.yaml` or else its only YAML file (id: the folder name).
/// Every other entry of the folder is returned too, `skipped`, with its
/// reason (dotfiles, files that are not YAML). A symbolic link is followed
/// only to a place inside the folder; one that leads out of it (or to the
/// folder itself, or nowhere), a FIFO or device, or an entry that cannot be
/// read is a submission with a `problem` and is never opened. Sorted by
/// student id, then path. Ids whose result folders would clash (`Zoé` and
/// `Zoë` both give `Zo__`; `Ada` and `ada` on a case-insensitive disk) get
/// distinct folders, each its own name plus a hash of the id and path,
/// with a warning in `diagnostics`. A missing input is an error there.
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
