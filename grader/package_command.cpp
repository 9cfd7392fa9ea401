// sdlab package gradescope --lab ID -o autograder.zip: the Gradescope
// autograder for a lab (setup.sh, run_autograder, the rubric, sdlab's
// sources; see docs/github-classroom.md).

#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/batch/gradescope_package.h"
#include "core/batch/zip_writer.h"
#include "core/build_config.h"
#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "core/lab_data.h"
#include "grader/command.h"

namespace sdlab::cli {
namespace {

int UsageError(const std::string& message) {
  std::cerr << "sdlab package: " << message << "\n"
            << "usage: sdlab package gradescope (--lab ID | --rubric R...) -o autograder.zip\n"
            << "(see 'sdlab help package')\n";
  return kExitUsage;
}

int Run(const po::variables_map& values) {
  const std::string target = values["target"].as<std::string>();
  if (target != "gradescope") {
    return UsageError("unknown target '" + target + "' (only gradescope is packaged)");
  }
  std::vector<std::string> layers;
  Diagnostics diagnostics;
  if (values.count("rubric")) {
    layers = values["rubric"].as<std::vector<std::string>>();
  } else if (values.count("lab")) {
    const std::optional<std::string> found =
        FindLabGradingRubric(values["lab"].as<std::string>(), diagnostics);
    if (!found) {
      std::cerr << FormatDiagnostics(diagnostics, nullptr);
      return kExitInputErrors;
    }
    layers.push_back(*found);
  } else {
    return UsageError("say which rubric: --lab ID or --rubric FILE");
  }
  // Loading validates the rubric (a broken one is not shipped) and lists
  // every file it reads, `extends:` included.
  const std::optional<Rubric> rubric = LoadRubricFiles(layers, diagnostics);
  if (!rubric) {
    std::cerr << FormatDiagnostics(diagnostics, nullptr);
    return kExitInputErrors;
  }
  GradescopePackageInput input;
  input.source_dir =
      values.count("source") ? values["source"].as<std::string>() : SDLAB_SOURCE_DATA_DIR;
  input.rubric_files = rubric->files;
  input.rubric_layers = layers;
  const std::vector<ZipEntry> entries = BuildGradescopePackage(input, diagnostics);
  if (diagnostics.has_errors()) {
    std::cerr << FormatDiagnostics(diagnostics, nullptr);
    return kExitInputErrors;
  }
  const std::string zip = WriteZip(entries);
  const std::string out = values["output"].as<std::string>();
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file.write(zip.data(), static_cast<std::streamsize>(zip.size()));
  file.close();
  if (zip.empty() || !file) {
    std::cerr << "sdlab package: cannot write " << out << "\n";
    return kExitInternal;
  }
  std::cout << "wrote " << out << " (" << entries.size() << " files, " << zip.size() / 1024
            << " KiB) for lab " << rubric->lab << "\n";
  return kExitOk;
}

}  // namespace

CommandSpec PackageCommand() {
  CommandSpec command;
  command.name = "package";
  command.summary = "build a lab's Gradescope autograder zip (setup.sh, run_autograder)";
  command.usage = "sdlab package gradescope (--lab ID | --rubric R [--rubric R2]) -o OUT.zip";
  command.options = [](po::options_description& options,
                       po::positional_options_description& positional) {
    options.add_options()("target", po::value<std::string>()->required(), "gradescope")(
        "lab", po::value<std::string>()->value_name("ID"),
        "the lab whose rubric to package (its private layer, when it has one)")(
        "rubric,r", po::value<std::vector<std::string>>()->composing()->value_name("R"),
        "rubric file(s) instead; repeat to layer hidden checks over public ones")(
        "output,o", po::value<std::string>()->required()->value_name("OUT.zip"),
        "the zip to write")("source", po::value<std::string>()->value_name("DIR"),
                            "sdlab's source tree to ship (default: the one sdlab was built from)");
    positional.add("target", 1);
  };
  command.run = Run;
  return command;
}

}  // namespace sdlab::cli
