#pragma once
// The Gradescope autograder package for a lab: setup.sh (builds sdlab from
// the shipped sources on Gradescope's Ubuntu 22.04 image), run_autograder
// (grades one submission into results.json, and writes a results file even
// when sdlab fails), the rubric files and sdlab's sources.

#include <string>
#include <vector>

#include "core/batch/zip_writer.h"
#include "core/diagnostic.h"

namespace sdlab {

struct GradescopePackageInput {
  /// sdlab's source tree: CMakeLists.txt, core/, grader/.
  std::string source_dir;
  /// Every rubric file the grading reads (the layers and what they extend).
  std::vector<std::string> rubric_files;
  /// The layers to pass as --rubric, in order (a subset of rubric_files).
  std::vector<std::string> rubric_layers;
};

/// The zip's entries, in a fixed order: setup.sh, run_autograder, the rubric
/// under rubric/ (paths relative to the rubric files' common folder, so
/// `extends:` still resolves), sdlab's sources under sdlab/ (no tests or
/// benchmarks). Unreadable files and a source tree without CMakeLists.txt
/// are errors in `diagnostics`.
std::vector<ZipEntry> BuildGradescopePackage(const GradescopePackageInput& input,
                                             Diagnostics& diagnostics);

/// The scripts, exposed for tests. `rubric_paths` are paths inside the
/// package's rubric/ folder.
std::string GradescopeSetupScript();
std::string GradescopeRunScript(const std::vector<std::string>& rubric_paths);

}  // namespace sdlab
