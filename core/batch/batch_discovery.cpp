// Finding submissions and splitting them into shards. The order is the
// students' ids in byte order, never the file system's, so every run and
// every shard sees the same list.

#include "core/batch/batch_discovery.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
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

// A student's folder: answer.yaml, or else its only YAML file.
BatchSubmission FromFolder(const fs::path& folder) {
  BatchSubmission submission;
  submission.student_id = folder.filename().string();
  std::error_code error;
  for (const char* preferred : {"answer.yaml", "answer.yml"}) {
    if (fs::is_regular_file(folder / preferred, error)) {
      submission.path = (folder / preferred).string();
      return submission;
    }
  }
  std::vector<std::string> candidates;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    if (!IsHidden(entry.path()) && IsYaml(entry.path()) && entry.is_regular_file(error)) {
      candidates.push_back(entry.path().filename().string());
    }
  }
  std::sort(candidates.begin(), candidates.end());
  if (candidates.size() == 1) {
    submission.path = (folder / candidates[0]).string();
  } else if (candidates.empty()) {
    submission.problem = "no .yaml file in " + folder.string();
  } else {
    std::string names;
    for (const std::string& name : candidates) names += (names.empty() ? "" : ", ") + name;
    submission.problem = "several .yaml files in " + folder.string() + " (" + names +
                         "); name the one to grade answer.yaml";
  }
  return submission;
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
  for (const std::string& input : inputs) {
    std::error_code error;
    const fs::path path(input);
    if (fs::is_regular_file(path, error)) {
      found.push_back({path.stem().string(), path.string(), ""});
      continue;
    }
    if (!fs::is_directory(path, error)) {
      diagnostics.Add({Severity::kError, input, {}, "no such file or folder", ""});
      continue;
    }
    std::vector<fs::path> entries;
    for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
      if (!IsHidden(entry.path())) entries.push_back(entry.path());
    }
    if (error) {
      diagnostics.Add(
          {Severity::kError, input, {}, "cannot list the folder: " + error.message(), ""});
      continue;
    }
    for (const fs::path& entry : entries) {
      if (fs::is_directory(entry, error)) {
        found.push_back(FromFolder(entry));
      } else if (IsYaml(entry) && fs::is_regular_file(entry, error)) {
        found.push_back({entry.stem().string(), entry.string(), ""});
      }
    }
  }
  std::sort(found.begin(), found.end(), [](const BatchSubmission& a, const BatchSubmission& b) {
    return a.student_id != b.student_id ? a.student_id < b.student_id : a.path < b.path;
  });
  // Two submissions must not write to the same result folder.
  std::map<std::string, const BatchSubmission*> by_folder;
  for (const BatchSubmission& submission : found) {
    auto [it, inserted] = by_folder.emplace(OutputFolderName(submission.student_id), &submission);
    if (inserted) continue;
    const BatchSubmission& first = *it->second;
    const std::string where = submission.path.empty() ? submission.problem : submission.path;
    diagnostics.Add({Severity::kError,
                     where,
                     {},
                     first.student_id == submission.student_id
                         ? "two submissions for student '" + submission.student_id + "'"
                         : "students '" + first.student_id + "' and '" + submission.student_id +
                               "' would share the result folder '" + it->first + "'",
                     "the other is " + (first.path.empty() ? first.problem : first.path)});
  }
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
