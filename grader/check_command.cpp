// sdlab check FILE: a student's self-check against the lab's public rubric.
// Shows the visible checks with their messages and hints, counts the hidden
// ones without revealing them. The rubric comes from the file's `lab:` (or
// --lab), looked up in sdlab's data directories, unless --rubric is given.

#include <iostream>

#include "core/grade/grader.h"
#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "core/lab_data.h"
#include "core/report/report_diagrams.h"
#include "grader/report_output.h"

namespace sdlab::cli {
namespace {

int Run(const po::variables_map& values) {
  std::optional<ReportFormat> format = ReadFormatOption("check", values);
  if (!format) return kExitUsage;
  const std::string path = values["file"].as<std::string>();
  const std::string out = values.count("output") ? values["output"].as<std::string>() : "";
  std::vector<std::string> rubric_files;
  if (values.count("rubric")) rubric_files = values["rubric"].as<std::vector<std::string>>();

  // Load the submission first: without --rubric, its `lab:` names the rubric.
  const SubmissionAnalysis analysis = AnalyseSubmissionFile(path, GradingAnalysisOptions());
  const Diagnostics& diagnostics = analysis.diagnostics;
  const SourceFile& source = analysis.source;
  const std::optional<Submission>& submission = analysis.submission;
  std::optional<Rubric> rubric;
  if (rubric_files.empty()) {
    const bool lab_option = values.count("lab") > 0 && !values["lab"].as<std::string>().empty();
    std::string lab = lab_option ? values["lab"].as<std::string>() : "";
    if (lab.empty() && submission) lab = submission->lab;
    if (lab.empty() && !submission) {
      // Nothing to grade with and nothing to grade: show the file's errors.
      GradeResult result = NotGradableResult(nullptr, path, diagnostics);
      if (*format != ReportFormat::kGithub) ReportNotGradable(result, source);
      ReportOptions options;
      options.student_view = true;
      return EmitReport({result}, *format, options, out) ? kExitInputErrors : kExitInternal;
    }
    if (lab.empty()) {
      // An empty `lab:` is reported at its value; a missing one at the top
      // of the file, where it goes.
      Diagnostics missing(path);
      if (submission->lab_location.known()) {
        missing.Error(submission->lab_location, "`lab:` is empty",
                      "write the lab's id after `lab:`, or give --lab ID or --rubric FILE");
      } else {
        missing.Error({1, 1}, "the file has no `lab:`",
                      "add `lab: ID` at the top, or give --lab ID or --rubric FILE");
      }
      ReportDiagnostics(missing, source);
      return kExitInputErrors;
    }
    // A lab id from the file is reported at its `lab:` value; one from --lab
    // has no place in a file.
    Diagnostics lookup(lab_option ? "" : path);
    std::optional<std::string> found =
        FindLabRubric(lab, lookup, lab_option ? Location{} : submission->lab_location);
    if (!found) {
      if (lab_option) {
        const Diagnostic& why = lookup.items().front();
        std::cerr << "sdlab check: " << why.message
                  << (why.hint.empty() ? "" : " (" + why.hint + ")") << "\n";
      } else {
        ReportDiagnostics(lookup, source);
      }
      return kExitInputErrors;
    }
    rubric_files.push_back(*found);
  }
  Diagnostics rubric_diagnostics;
  rubric = LoadRubricFiles(rubric_files, rubric_diagnostics);
  if (!rubric) {
    std::cerr << FormatDiagnostics(rubric_diagnostics, nullptr);
    return kExitInputErrors;
  }
  GradeOptions grading;
  grading.dominance_feedback = true;  // which loops drive the model (not graded)
  GradeResult result = GradeAnalysis(*rubric, analysis, grading);
  if (result.gradable && ReportFormatInfo(*format).diagrams) {
    AttachDiagrams(analysis, &result, {}, /*student_view=*/true);
  }
  if (!result.gradable && *format != ReportFormat::kGithub) ReportNotGradable(result, source);
  ReportOptions options;
  options.student_view = true;
  if (!EmitReport({result}, *format, options, out)) return kExitInternal;
  return result.gradable ? kExitOk : kExitInputErrors;
}

}  // namespace

CommandSpec CheckCommand() {
  return {"check", "self-check a submission against its lab's public rubric",
          "sdlab check FILE [--lab ID] [--rubric R] [--format F] [-o OUT]",
          [](po::options_description& options, po::positional_options_description& positional) {
            options.add_options()                                                      //
                ("file", po::value<std::string>()->required(), "the submission file")  //
                ("lab", po::value<std::string>(),
                 "grade as this lab (default: the file's `lab:`)")  //
                ("rubric,r", po::value<std::vector<std::string>>(),
                 "use this rubric file instead of the lab's")  //
                ("format,f", po::value<std::string>()->default_value("text"),
                 ReportFormatList().c_str())  //
                ("output,o", po::value<std::string>(), "write the report to this file");
            positional.add("file", 1);
          },
          Run};
}

}  // namespace sdlab::cli
