// Finding submissions and splitting them into shards. The order is the
// students' ids in byte order, never the file system's, so every run and
// every shard sees the same list.

#include "core/batch/batch_discovery.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <system_error>

namespace sdlab {

namespace fs = std::filesystem;

namespace {

bool IsYaml(const fs::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

// What is at a path, found without opening it: a file or folder to read,
// or why it must not be read.
struct Target {
  bool usable = false;
  bool directory = false;
  std::string reason, problem;  // when not usable
};

Target Unusable(const char* reason, std::string problem) {
  return {false, false, reason, std::move(problem)};
}

std::string KindOfSpecialFile(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo:
      return "a FIFO (named pipe)";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::block:
    case fs::file_type::character:
      return "a device";
    default:
      return "not a file or a folder";
  }
}

// Looks at `path`, an entry somewhere under the class folder `root`
// (canonical). A symbolic link is followed only when its target is inside
// `root`: a link to a secret file, to /proc/version or to the class folder
// itself is reported and never opened, so no line of it can reach a report.
Target Inspect(const fs::path& path, const fs::path& root) {
  std::error_code error;
  const fs::file_status own = fs::symlink_status(path, error);
  if (error) return Unusable(kReasonUnreadable, "cannot look at " + path.string());
  if (fs::is_symlink(own)) {
    const fs::path target = fs::canonical(path, error);
    if (error) {
      return Unusable(kReasonSymlink, path.string() +
                                          " is a symbolic link whose target is missing or loops; "
                                          "not followed");
    }
    const fs::path inside = target.lexically_relative(root);
    if (inside.empty() || inside == "." || *inside.begin() == "..") {
      return Unusable(kReasonSymlink,
                      path.string() + (target == root ? " is a symbolic link to the class folder "
                                                        "itself; not followed"
                                                      : " is a symbolic link to outside the class "
                                                        "folder; not followed"));
    }
  }
  const fs::file_status status = fs::status(path, error);
  if (error) return Unusable(kReasonUnreadable, "cannot look at " + path.string());
  if (fs::is_directory(status)) return {true, true, "", ""};
  if (!fs::is_regular_file(status)) {
    return Unusable(kReasonNotRegular,
                    path.string() + " is " + KindOfSpecialFile(status.type()) + "; not read");
  }
  if (!std::ifstream(path, std::ios::binary).is_open()) {
    return Unusable(kReasonUnreadable, "cannot open " + path.string());
  }
  return {true, false, "", ""};
}

BatchSubmission Problem(std::string id, const Target& target) {
  BatchSubmission submission;
  submission.student_id = std::move(id);
  submission.problem = target.problem;
  submission.reason = target.reason;
  return submission;
}

// A student's folder: answer.yaml, or else its only YAML file.
BatchSubmission FromFolder(const fs::path& folder, const fs::path& root) {
  BatchSubmission submission;
  submission.student_id = folder.filename().string();
  std::error_code error;
  std::vector<std::string> candidates;
  bool answer = false;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const fs::path& entry = it->path();
    const std::string name = entry.filename().string();
    if (IsHidden(entry) || !IsYaml(entry)) continue;
    if (name == "answer.yaml" || name == "answer.yml") {
      // answer.yaml wins over answer.yml, as before.
      if (!answer || name == "answer.yaml") candidates = {name};
      answer = true;
      continue;
    }
    std::error_code ignored;  // an entry that cannot be looked at is reported once chosen
    if (!answer && !fs::is_directory(fs::symlink_status(entry, ignored))) {
      candidates.push_back(name);
    }
  }
  if (error) {
    submission.reason = kReasonUnreadable;
    submission.problem = "cannot list " + folder.string() + ": " + error.message();
    return submission;
  }
  std::sort(candidates.begin(), candidates.end());
  if (candidates.empty()) {
    submission.problem = "no .yaml file in " + folder.string();
    return submission;
  }
  if (candidates.size() > 1) {
    std::string names;
    for (const std::string& name : candidates) names += (names.empty() ? "" : ", ") + name;
    submission.problem = "several .yaml files in " + folder.string() + " (" + names +
                         "); name the one to grade answer.yaml";
    return submission;
  }
  const fs::path file = folder / candidates[0];
  const Target target = Inspect(file, root);
  if (!target.usable || target.directory) {
    return Problem(
        submission.student_id,
        target.directory ? Unusable(kReasonNotRegular, file.string() + " is a folder") : target);
  }
  submission.path = file.string();
  return submission;
}

// One entry of a class folder: a student's file or folder, or something
// skipped with its reason.
BatchSubmission FromEntry(const fs::path& entry, const fs::path& root) {
  const std::string name = entry.filename().string();
  if (IsHidden(entry)) {
    BatchSubmission skipped;
    skipped.student_id = name;
    skipped.skipped = true;
    skipped.reason = kReasonDotfile;
    skipped.problem = entry.string() + " is hidden (its name starts with '.'); not graded";
    return skipped;
  }
  const Target target = Inspect(entry, root);
  if (target.usable && target.directory) return FromFolder(entry, root);
  if (IsYaml(entry)) {
    if (!target.usable) return Problem(entry.stem().string(), target);
    return {entry.stem().string(), entry.string(), "", "", false, "", ""};
  }
  // A link not followed that leads to a folder stands for a student's
  // folder (looking at what it leads to reads nothing from there).
  std::error_code error;
  if (!target.usable && fs::is_directory(fs::status(entry, error))) return Problem(name, target);
  BatchSubmission skipped;
  skipped.student_id = name;
  skipped.skipped = true;
  if (target.usable) {
    skipped.reason = kReasonNotSubmission;
    skipped.problem = entry.string() + " is not a .yaml or .yml file or a student's folder";
  } else {
    skipped.reason = target.reason;
    skipped.problem = target.problem;
  }
  return skipped;
}

std::string FoldCase(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// FNV-1a: a stable hash (std::hash may differ between builds).
std::string ShortHash(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%08llx", static_cast<unsigned long long>(hash & 0xffffffffull));
  return hex;
}

// Gives every submission a result folder of its own. Folders are compared
// ignoring ASCII case, so the results can be copied to a Mac or Windows
// disk. Those that clash all get their name plus a hash of their id
// and path: the same class always gives the same folders, whatever order
// the file system lists it in.
void AssignFolders(std::vector<BatchSubmission>& found, Diagnostics& diagnostics) {
  std::map<std::string, std::vector<std::size_t>> by_key;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i].skipped) continue;
    found[i].folder = OutputFolderName(found[i].student_id);
    by_key[FoldCase(found[i].folder)].push_back(i);
  }
  std::set<std::string> taken;
  for (const auto& [key, members] : by_key) {
    if (members.size() == 1) taken.insert(key);
  }
  for (const auto& [key, members] : by_key) {
    if (members.size() == 1) continue;
    const std::string shared = found[members[0]].folder;
    std::string names;
    for (std::size_t i : members) {
      BatchSubmission& submission = found[i];
      const std::string where = submission.path.empty() ? submission.problem : submission.path;
      const std::string own =
          submission.folder + "-" + ShortHash(submission.student_id + '\0' + where);
      std::string folder = own;
      for (int n = 2; taken.count(FoldCase(folder)) > 0; ++n)
        folder = own + "-" + std::to_string(n);
      taken.insert(FoldCase(folder));
      submission.folder = folder;
      names += (names.empty() ? "'" : ", '") + submission.student_id + "'";
    }
    for (std::size_t i : members) {
      found[i].note = "results in students/" + found[i].folder + ": " + names +
                      " would share students/" + shared;
    }
    diagnostics.Add({Severity::kWarning,
                     found[members[0]].path,
                     {},
                     "submissions " + names + " would share the result folder '" + shared +
                         "'; each has its own",
                     "see the gradebook's note"});
  }
}

}  // namespace

std::string OutputFolderName(std::string_view student_id) {
  std::string name;
  for (char c : student_id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-' || c == '+' || c == '@';
    name += safe ? c : '_';
  }
  if (name.empty() || name[0] == '.') name.insert(0, "_");
  return name;
}

std::vector<BatchSubmission> DiscoverSubmissions(const std::vector<std::string>& inputs,
                                                 Diagnostics& diagnostics) {
  std::vector<BatchSubmission> found;
  std::set<std::string> seen_paths;  // an input named twice is graded once
  for (const std::string& input : inputs) {
    std::error_code error;
    const fs::path path(input);
    if (!seen_paths.insert(path.lexically_normal().string()).second) continue;
    // An input the instructor names is followed wherever it leads.
    const fs::file_status status = fs::status(path, error);
    if (fs::is_regular_file(status)) {
      found.push_back({path.stem().string(), path.string(), "", "", false, "", ""});
      continue;
    }
    if (!fs::is_directory(status)) {
      if (fs::exists(status)) {
        found.push_back(
            Problem(path.stem().string(),
                    Unusable(kReasonNotRegular,
                             input + " is " + KindOfSpecialFile(status.type()) + "; not read")));
      } else {
        diagnostics.Add({Severity::kError, input, {}, "no such file or folder", ""});
      }
      continue;
    }
    const fs::path root = fs::canonical(path, error);
    std::vector<fs::path> entries;
    if (!error) {
      for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
        entries.push_back(it->path());
      }
    }
    if (error) {
      diagnostics.Add(
          {Severity::kError, input, {}, "cannot list the folder: " + error.message(), ""});
      continue;
    }
    for (const fs::path& entry : entries) {
      if (!seen_paths.insert(entry.lexically_normal().string()).second) continue;
      found.push_back(FromEntry(entry, root));
    }
  }
  std::sort(found.begin(), found.end(), [](const BatchSubmission& a, const BatchSubmission& b) {
    if (a.student_id != b.student_id) return a.student_id < b.student_id;
    if (a.path != b.path) return a.path < b.path;
    return a.problem < b.problem;
  });
  AssignFolders(found, diagnostics);
  return found;
}

std::optional<Shard> ParseShard(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  Shard shard;
  const std::string_view index = text.substr(0, slash), count = text.substr(slash + 1);
  auto parse = [](std::string_view digits, int* value) {
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), *value);
    return error == std::errc() && end == digits.data() + digits.size() && !digits.empty();
  };
  if (!parse(index, &shard.index) || !parse(count, &shard.count)) return std::nullopt;
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) return std::nullopt;
  return shard;
}

std::vector<BatchSubmission> SelectShard(const std::vector<BatchSubmission>& all, Shard shard) {
  std::vector<BatchSubmission> selected;
  for (std::size_t i = static_cast<std::size_t>(shard.index - 1); i < all.size();
       i += static_cast<std::size_t>(shard.count)) {
    selected.push_back(all[i]);
  }
  return selected;
}

}  // namespace sdlab
