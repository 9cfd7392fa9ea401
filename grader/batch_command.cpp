// sdlab batch DIR|FILES... --rubric R --out OUTDIR: grade a whole class in
// worker processes and write every student's results and the class files.

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "core/batch/batch_discovery.h"
#include "core/batch/class_grading.h"
#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "core/output_text.h"
#include "core/report/report_format.h"
#include "core/report/report_text.h"
#include "grader/command.h"

namespace sdlab::cli {
namespace {

constexpr int kBarWidth = 30;

int UsageError(const std::string& message) {
  std::cerr << "sdlab batch: " << message << "\n(see 'sdlab help batch')\n";
  return kExitUsage;
}

// One line per submission, or a bar redrawn in place on a terminal. Student
// ids are sanitized, and every line starts with '[', so a file name can
// neither move the cursor nor start a CI workflow command.
class Progress {
 public:
  explicit Progress(bool terminal) : terminal_(terminal) {}

  void Report(std::size_t done, std::size_t total, const GradebookEntry& entry) {
    const std::string outcome =
        entry.skipped    ? "skipped (" + entry.not_gradable_reason + ")"
        : entry.gradable ? FormatPoints(entry.score) + "/" + FormatPoints(entry.max_score)
                         : "not gradable (" + entry.not_gradable_reason + ")";
    const std::string count = std::to_string(done) + "/" + std::to_string(total);
    const std::string student = SanitizeForTerminal(entry.student_id);
    if (!terminal_) {
      std::cerr << "[" << count << "] " << student << ": " << outcome << "\n";
      return;
    }
    const int filled = total == 0 ? kBarWidth : static_cast<int>(done * kBarWidth / total);
    std::string line = "[" + std::string(filled, '=') + std::string(kBarWidth - filled, ' ') +
                       "] " + count + " " + student.substr(0, 30) + ": " + outcome;
    // The bar's own controls bypass the output rule that stderr goes through.
    WriteUnsanitized(std::cerr, "\r");
    std::cerr << line;
    WriteUnsanitized(std::cerr, "\033[K");
    std::cerr << (done == total ? "\n" : "") << std::flush;
  }

 private:
  bool terminal_;
};

int Run(const po::variables_map& values) {
  if (!values.count("inputs")) return UsageError("no submissions given: name a folder or files");
  const auto inputs = values["inputs"].as<std::vector<std::string>>();
  const auto rubric_files = values["rubric"].as<std::vector<std::string>>();
  BatchOutput output;
  output.out_dir = values["out"].as<std::string>();
  std::string error;
  const auto formats = ParseBatchFormats(values["formats"].as<std::string>(), &error);
  if (!formats) return UsageError("--formats: " + error);
  output.formats = *formats;

  BatchLimits limits;
  const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  limits.jobs =
      values.count("jobs") ? values["jobs"].as<int>() : static_cast<int>(cores > 0 ? cores : 1);
  if (limits.jobs < 1 || limits.jobs > 256) return UsageError("--jobs must be between 1 and 256");
  limits.timeout_seconds = values["timeout"].as<double>();
  if (!(limits.timeout_seconds > 0) || limits.timeout_seconds > 86400) {
    return UsageError("--timeout must be a number of seconds above 0");
  }
  const int memory = values["memory"].as<int>();
  if (memory < 64) return UsageError("--memory must be at least 64 (MB)");
  limits.memory_megabytes = static_cast<std::size_t>(memory);
  Shard shard;
  if (values.count("shard")) {
    const std::optional<Shard> parsed = ParseShard(values["shard"].as<std::string>());
    if (!parsed) return UsageError("--shard expects I/N with 1 <= I <= N, e.g. 2/4");
    shard = *parsed;
  }

  Diagnostics rubric_diagnostics;
  const std::optional<Rubric> rubric = LoadRubricFiles(rubric_files, rubric_diagnostics);
  if (!rubric) ReportDiagnostics(rubric_diagnostics, SourceFile());
  Diagnostics found_diagnostics;
  const std::vector<BatchSubmission> all = DiscoverSubmissions(inputs, found_diagnostics);
  // Warnings (result folders told apart) are said, and the batch goes on.
  if (!found_diagnostics.items().empty()) ReportDiagnostics(found_diagnostics, SourceFile());
  if (found_diagnostics.has_errors()) return kExitInputErrors;
  const std::vector<BatchSubmission> submissions = SelectShard(all, shard);
  if (!rubric) {
    // Every student still gets a result that says why, and the gradebook
    // lists them all: a rubric mistake is never an empty results page.
    ClassGrading grading;
    if (!WriteRubricErrorClass(rubric_files, rubric_diagnostics, submissions, output, &grading,
                               &error)) {
      std::cerr << "sdlab batch: " << error << "\n";
      return kExitInternal;
    }
    std::cout << "graded 0 of " << grading.not_gradable
              << " submissions (the rubric has errors); wrote " << output.out_dir
              << "/gradebook.csv, summary.md, summary.json\n";
    return kExitInputErrors;
  }

  Progress progress(isatty(STDERR_FILENO) == 1);
  ClassGrading grading;
  if (!GradeClass(
          *rubric, submissions, output, limits,
          [&](std::size_t done, std::size_t total, const GradebookEntry& entry) {
            progress.Report(done, total, entry);
          },
          &grading, &error)) {
    std::cerr << "sdlab batch: " << error << "\n";
    return kExitInternal;
  }
  const int not_gradable = grading.not_gradable;
  const std::size_t students = grading.entries.size() - static_cast<std::size_t>(grading.skipped);
  std::cout << "graded " << students - not_gradable << " of " << students << " submissions ("
            << not_gradable << " not gradable";
  if (grading.skipped > 0) {
    std::cout << ", " << grading.skipped << (grading.skipped == 1 ? " entry" : " entries")
              << " skipped";
  }
  std::cout << ")";
  if (shard.count > 1) {
    std::cout << " in shard " << shard.index << "/" << shard.count << " of " << all.size();
  }
  std::cout << "; wrote " << output.out_dir << "/gradebook.csv, summary.md, summary.json\n";
  return kExitOk;
}

}  // namespace

CommandSpec BatchCommand() {
  CommandSpec command;
  command.name = "batch";
  command.summary = "grade a class: every submission, a gradebook and a class summary";
  std::string formats;  // the registry's batch formats: "json,junit,gradescope,html"
  for (const ReportFormatSpec& spec : ReportFormats()) {
    if (spec.batch_file != nullptr)
      formats += (formats.empty() ? "" : ",") + std::string(spec.name);
  }
  command.usage =
      "sdlab batch DIR|FILES... --rubric R [--rubric R2] --out OUTDIR [--jobs N] [--shard I/N]\n"
      "                         [--formats " +
      formats + "] [--timeout S] [--memory MB]";
  command.options = [](po::options_description& options,
                       po::positional_options_description& positional) {
    options.add_options()("inputs", po::value<std::vector<std::string>>()->value_name("DIR|FILES"),
                          "a folder of submissions (files, or one folder per student), or files")(
        "rubric", po::value<std::vector<std::string>>()->required()->composing()->value_name("R"),
        "rubric file; repeat to add layers (hidden checks)")(
        "out,o", po::value<std::string>()->required()->value_name("OUTDIR"),
        "where to write gradebook.csv, summary.md, summary.json and students/<id>/")(
        "jobs,j", po::value<int>()->value_name("N"), "worker processes (default: the cores)")(
        "shard", po::value<std::string>()->value_name("I/N"),
        "grade only shard I of N (every N-th submission from the I-th)")(
        "formats", po::value<std::string>()->default_value("json,html")->value_name("LIST"),
        ("per-student files: " + ReportFormatList(/*batch_only=*/true, ", ")).c_str())(
        "timeout", po::value<double>()->default_value(60)->value_name("S"),
        "seconds one submission may take")("memory",
                                           po::value<int>()->default_value(1024)->value_name("MB"),
                                           "memory one submission may use");
    positional.add("inputs", -1);
  };
  command.run = Run;
  return command;
}

}  // namespace sdlab::cli
