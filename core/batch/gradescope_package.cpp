// Gradescope packaging. Sources rather than a binary: a binary built on
// Debian 12 links against glibc 2.36, newer than Ubuntu 22.04's 2.35, so it
// would not start there; building in setup.sh costs a few minutes once per
// autograder build and none per submission.

#include "core/batch/gradescope_package.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sdlab {

namespace fs = std::filesystem;

namespace {

bool ReadFile(const fs::path& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

std::string ShellQuote(const std::string& word) {
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The folder all paths share (their common leading components).
fs::path CommonFolder(const std::vector<fs::path>& paths) {
  if (paths.empty()) return {};
  fs::path common = paths[0].parent_path();
  for (const fs::path& path : paths) {
    fs::path folder = path.parent_path(), shared;
    auto a = common.begin(), b = folder.begin();
    for (; a != common.end() && b != folder.end() && *a == *b; ++a, ++b) shared /= *a;
    common = shared;
  }
  return common;
}

// The sources CMake builds sdlab from, without tests: the top CMakeLists,
// and in core/ (with its stage folders) and grader/ every file except
// *_test.cpp.
std::vector<fs::path> SourceFiles(const fs::path& root) {
  std::vector<fs::path> files = {"CMakeLists.txt"};
  for (const char* folder : {"core", "grader"}) {
    std::error_code error;
    fs::recursive_directory_iterator entry(root / folder, error), end;
    for (; !error && entry != end; entry.increment(error)) {
      const std::string name = entry->path().filename().string();
      if (name[0] == '.') {
        if (entry->is_directory()) entry.disable_recursion_pending();
        continue;
      }
      const bool test = name.size() > 9 && name.compare(name.size() - 9, 9, "_test.cpp") == 0;
      if (!entry->is_regular_file() || test) continue;
      files.push_back(entry->path().lexically_relative(root));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::string GradescopeSetupScript() {
  return R"SH(#!/usr/bin/env bash
# Gradescope runs this once, as root, on its Ubuntu 22.04 image: install
# sdlab's build dependencies and build sdlab into /usr/local/bin. Ubuntu
# 22.04's CMake is 3.22 and sdlab needs 3.25, so a newer one comes from pip.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends g++ ninja-build pkg-config python3-pip \
  libyaml-cpp-dev libboost-program-options-dev libboost-graph-dev libeigen3-dev \
  nlohmann-json3-dev libpugixml-dev libgraphviz-dev >/dev/null
cmake_ok() {
  command -v cmake >/dev/null &&
    cmake --version | awk 'NR == 1 { split($3, v, "."); exit !(v[1] > 3 || (v[1] == 3 && v[2] >= 25)) }'
}
if ! cmake_ok; then
  python3 -m pip install --quiet 'cmake>=3.25,<4'
  hash -r
fi
cd "$(dirname "$0")/sdlab"
mkdir -p labs rubrics solutions
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSDLAB_BUILD_TESTS=OFF -DSDLAB_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build -j"$(nproc)"
install -m 0755 build/grader/sdlab /usr/local/bin/sdlab
/usr/local/bin/sdlab --version
)SH";
}

std::string GradescopeRunScript(const std::vector<std::string>& rubric_paths) {
  std::string rubric_args;
  for (const std::string& path : rubric_paths) {
    rubric_args += " --rubric \"$source/rubric/\"" + ShellQuote(path);
  }
  return R"SH(#!/usr/bin/env bash
# Gradescope runs this once per submission. It always leaves a results.json,
# so a student never gets a silent zero: when sdlab cannot grade, the file
# says why. (AUTOGRADER_ROOT and SDLAB exist for testing it elsewhere.)
set -u
root="${AUTOGRADER_ROOT:-/autograder}"
sdlab="${SDLAB:-/usr/local/bin/sdlab}"
source="$root/source"
results="$root/results/results.json"
mkdir -p "$root/results"
fail() {
  # Fixed text only: nothing from the submission goes into this JSON.
  printf '{"score": 0, "output": "%s", "tests": []}\n' "$1" > "$results"
}
cd "$root/submission" || { fail "No submission folder."; exit 0; }
submission=""
if [[ -f answer.yaml ]]; then
  submission=answer.yaml
else
  shopt -s nullglob
  candidates=(*.yaml *.yml)
  if [[ ${#candidates[@]} -eq 1 ]]; then submission="${candidates[0]}"; fi
fi
if [[ -z "$submission" ]]; then
  fail "No submission to grade: upload one YAML file, answer.yaml."
  exit 0
fi
rm -f "$results"
status=0
timeout 600 "$sdlab" grade "$submission")SH" +
         rubric_args + R"SH( --format gradescope -o "$results" || status=$?
if [[ ! -s "$results" ]]; then
  fail "sdlab could not grade this submission (exit status $status). Please tell your instructor."
fi
exit 0
)SH";
}

std::vector<ZipEntry> BuildGradescopePackage(const GradescopePackageInput& input,
                                             Diagnostics& diagnostics) {
  std::vector<ZipEntry> entries;
  std::vector<fs::path> rubrics;
  for (const std::string& file : input.rubric_files) {
    rubrics.push_back(fs::absolute(file).lexically_normal());
  }
  const fs::path common = CommonFolder(rubrics);
  auto inside = [&](const std::string& file) {
    return fs::absolute(file).lexically_normal().lexically_relative(common).generic_string();
  };
  std::vector<std::string> layers;
  for (const std::string& layer : input.rubric_layers) layers.push_back(inside(layer));

  entries.push_back({"setup.sh", GradescopeSetupScript(), true});
  entries.push_back({"run_autograder", GradescopeRunScript(layers), true});
  for (const fs::path& rubric : rubrics) {
    ZipEntry entry{"rubric/" + rubric.lexically_relative(common).generic_string(), "", false};
    if (!ReadFile(rubric, &entry.data)) {
      diagnostics.Add({Severity::kError, rubric.string(), {}, "cannot read the rubric file", ""});
      continue;
    }
    entries.push_back(std::move(entry));
  }
  const fs::path root(input.source_dir);
  if (!fs::is_regular_file(root / "CMakeLists.txt")) {
    diagnostics.Add({Severity::kError,
                     input.source_dir,
                     {},
                     "no sdlab sources here (CMakeLists.txt is missing)",
                     "package from a build of the source tree, or pass --source"});
    return entries;
  }
  for (const fs::path& file : SourceFiles(root)) {
    ZipEntry entry{"sdlab/" + file.generic_string(), "", false};
    if (!ReadFile(root / file, &entry.data)) {
      diagnostics.Add({Severity::kError, (root / file).string(), {}, "cannot read the file", ""});
      continue;
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace sdlab
