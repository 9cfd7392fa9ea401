// The shape of core/ (core/README.md): one folder per pipeline stage, and
// data flowing one way. A library file may include headers of its own stage
// and of earlier ones, never of a later one, so there is no cycle between
// folders. Tests may reach forward (a builtin is tested through a simulated
// model) and are not checked here.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace sdlab {
namespace {

namespace fs = std::filesystem;

// The stages in pipeline order; "" is core/ itself, the shared base.
const std::vector<std::string>& Stages() {
  static const std::vector<std::string> stages = {"",      "equation", "load",   "engine", "loops",
                                                  "grade", "diagram",  "report", "batch"};
  return stages;
}

int StageRank(const std::string& folder) {
  const auto& stages = Stages();
  auto found = std::find(stages.begin(), stages.end(), folder);
  return found == stages.end() ? -1 : static_cast<int>(found - stages.begin());
}

// The stage folder of a path under core/ ("core/load/x.h" -> "load").
std::string StageOf(const std::string& relative) {
  const std::string rest = relative.substr(std::string("core/").size());
  const std::size_t slash = rest.find('/');
  return slash == std::string::npos ? "" : rest.substr(0, slash);
}

struct SourceFileInfo {
  std::string path;                   // relative to the repository, "core/load/submission.h"
  std::vector<std::string> includes;  // "core/..." includes, as written
};

std::vector<SourceFileInfo> CoreFiles() {
  std::vector<SourceFileInfo> files;
  const fs::path root = testing::SourceDir();
  for (const auto& entry : fs::recursive_directory_iterator(root / "core")) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    const std::string extension = entry.path().extension().string();
    if (extension != ".h" && extension != ".cpp") continue;
    if (name.size() > 9 && name.compare(name.size() - 9, 9, "_test.cpp") == 0) continue;
    SourceFileInfo info;
    info.path = entry.path().lexically_relative(root).generic_string();
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      // `#include "core/..."` (no std::regex: GCC 12 warns inside it under
      // the sanitizers, and warnings are errors).
      const std::string directive = "#include \"";
      if (line.rfind(directive + "core/", 0) != 0) continue;
      const std::size_t end = line.find('"', directive.size());
      if (end == std::string::npos) continue;
      info.includes.push_back(line.substr(directive.size(), end - directive.size()));
    }
    files.push_back(std::move(info));
  }
  std::sort(files.begin(), files.end(),
            [](const SourceFileInfo& a, const SourceFileInfo& b) { return a.path < b.path; });
  return files;
}

TEST(LayoutTest, EveryCoreFileIsInAKnownStageFolder) {
  const std::vector<SourceFileInfo> files = CoreFiles();
  ASSERT_GT(files.size(), 50u) << "core/ not found under " << testing::SourceDir();
  for (const SourceFileInfo& file : files) {
    EXPECT_GE(StageRank(StageOf(file.path)), 0)
        << file.path << " is in no stage folder of core/README.md";
  }
}

TEST(LayoutTest, NoStageIncludesALaterStage) {
  std::vector<std::string> backwards;
  for (const SourceFileInfo& file : CoreFiles()) {
    const int rank = StageRank(StageOf(file.path));
    for (const std::string& include : file.includes) {
      if (include == "core/build_config.h") continue;  // generated, shared base
      const int included = StageRank(StageOf(include));
      if (included > rank) backwards.push_back(file.path + " includes " + include);
    }
  }
  std::string list;
  for (const std::string& line : backwards) list += "  " + line + "\n";
  EXPECT_TRUE(backwards.empty()) << "includes against the data flow:\n" << list;
}

TEST(LayoutTest, EveryIncludedCoreHeaderExists) {
  const fs::path root = testing::SourceDir();
  for (const SourceFileInfo& file : CoreFiles()) {
    for (const std::string& include : file.includes) {
      if (include == "core/build_config.h") continue;
      EXPECT_TRUE(fs::exists(root / include)) << file.path << " includes missing " << include;
    }
  }
}

// A reader finds a source's interface by its name: foo.cpp declares what it
// defines in foo.h, or in foo_internal.h when only its folder may use it.
TEST(LayoutTest, EverySourceHasAHeaderOfItsOwnName) {
  const fs::path root = testing::SourceDir();
  std::string missing;
  for (const SourceFileInfo& file : CoreFiles()) {
    const fs::path source = root / file.path;
    if (source.extension() != ".cpp") continue;
    const fs::path stem = source.parent_path() / source.stem();
    if (fs::exists(stem.string() + ".h") || fs::exists(stem.string() + "_internal.h")) continue;
    missing += "  " + file.path + "\n";
  }
  EXPECT_TRUE(missing.empty()) << "sources without a header of their own name:\n" << missing;
}

// A source includes its own header before any other of sdlab's, so that the
// header is known to compile on its own.
TEST(LayoutTest, EverySourceIncludesItsOwnHeaderFirst) {
  std::string wrong;
  for (const SourceFileInfo& file : CoreFiles()) {
    const fs::path source(file.path);
    if (source.extension() != ".cpp" || file.includes.empty()) continue;
    const std::string stem = (source.parent_path() / source.stem()).generic_string();
    const std::string& first = file.includes.front();
    if (first == stem + ".h" || first == stem + "_internal.h") continue;
    wrong += "  " + file.path + " starts with " + first + "\n";
  }
  EXPECT_TRUE(wrong.empty()) << "sources whose first include is not their own header:\n" << wrong;
}

// The rule the test above enforces, checked on a made-up include, so that a
// broken StageOf cannot make it pass vacuously.
TEST(LayoutTest, StageRanksFollowThePipeline) {
  EXPECT_EQ(StageOf("core/names.h"), "");
  EXPECT_EQ(StageOf("core/load/submission.h"), "load");
  EXPECT_LT(StageRank("load"), StageRank("engine"));
  EXPECT_LT(StageRank("engine"), StageRank("loops"));
  EXPECT_LT(StageRank("grade"), StageRank("report"));
  EXPECT_LT(StageRank("report"), StageRank("batch"));
  EXPECT_EQ(StageRank("somewhere"), -1);
}

}  // namespace
}  // namespace sdlab
