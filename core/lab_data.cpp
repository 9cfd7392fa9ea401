#include "core/lab_data.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "core/build_config.h"
#include "core/names.h"

namespace sdlab {

namespace fs = std::filesystem;

std::vector<std::string> LabDataDirs() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("SDLAB_DATA_DIR"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  }
  candidates.emplace_back(SDLAB_SOURCE_DATA_DIR);
  candidates.emplace_back(SDLAB_INSTALL_DATA_DIR);
  std::vector<std::string> dirs;
  for (const std::string& dir : candidates) {
    std::error_code error;
    if (fs::is_directory(dir, error) && std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) {
      dirs.push_back(dir);
    }
  }
  return dirs;
}

std::vector<std::string> KnownLabs() {
  std::set<std::string> labs;
  for (const std::string& dir : LabDataDirs()) {
    std::error_code error;
    for (fs::directory_iterator it(dir + "/rubrics", error), end; !error && it != end;
         it.increment(error)) {
      const fs::path path = it->path();
      const std::string name = path.filename().string();
      // Public rubrics only: `lab.yaml`, not `lab.hidden.yaml`.
      if (path.extension() == ".yaml" && path.stem().string().find('.') == std::string::npos) {
        labs.insert(path.stem().string());
      }
    }
  }
  return {labs.begin(), labs.end()};
}

std::optional<std::string> FindLabRubric(const std::string& lab, Diagnostics& diagnostics,
                                         Location where) {
  const bool safe = !lab.empty() && lab.find('/') == std::string::npos &&
                    lab.find('\\') == std::string::npos && lab != "." && lab != "..";
  const std::vector<std::string> dirs = LabDataDirs();
  if (safe) {
    for (const std::string& dir : dirs) {
      const std::string path = dir + "/rubrics/" + lab + ".yaml";
      std::error_code error;
      if (fs::is_regular_file(path, error)) return path;
    }
  }
  const std::vector<std::string> labs = KnownLabs();
  std::string hint = DidYouMean(lab, labs);
  if (hint.empty() && !labs.empty()) {
    hint = "labs with a rubric: ";
    for (std::size_t i = 0; i < labs.size(); ++i) hint += (i > 0 ? ", " : "") + labs[i];
  }
  diagnostics.Error(where,
                    "no rubric for lab '" + lab + "'" +
                        (dirs.empty() ? std::string(" (no sdlab data directory found)") : ""),
                    hint);
  return std::nullopt;
}

std::optional<std::string> FindLabGradingRubric(const std::string& lab, Diagnostics& diagnostics) {
  std::optional<std::string> found = FindLabRubric(lab, diagnostics);
  if (!found) return found;
  const fs::path private_layer = fs::path(*found).parent_path() / "private" / (lab + ".yaml");
  std::error_code error;
  if (fs::is_regular_file(private_layer, error)) return private_layer.string();
  return found;
}

}  // namespace sdlab
