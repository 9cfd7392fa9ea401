// sdlab grade FILE... --rubric R: the official grading, every check, in any
// of the report formats. Exit 0 when every file was graded (whatever the
// score), 1 when one could not be graded or the rubric has errors. A rubric
// error still writes a result for every file, in every format ("not
// gradable: rubric error"), so a platform never shows an empty page; exit 1
// (not 2) because the autograder scripts read 1 as "sdlab wrote the result".

#include <iostream>

#include "core/grade/grader.h"
#include "core/grade/rubric.h"
#include "core/grade/rubric_loader.h"
#include "core/report/report_diagrams.h"
#include "grader/report_output.h"

namespace sdlab::cli {
namespace {

int Run(const po::variables_map& values) {
  std::optional<ReportFormat> format = ReadFormatOption("grade", values);
  if (!format) return kExitUsage;
  if (!values.count("file")) {
    std::cerr << "sdlab grade: no submission given\nusage: sdlab grade FILE... --rubric R\n";
    return kExitUsage;
  }
  const std::vector<std::string> files = values["file"].as<std::vector<std::string>>();
  if (!values.count("rubric")) {
    std::cerr << "sdlab grade: --rubric is required (the rubric file; give it twice to layer a "
                 "hidden rubric over a public one)\n";
    return kExitUsage;
  }
  if (ReportFormatInfo(*format).one_submission && files.size() != 1) {
    std::cerr << "sdlab grade: --format " << ReportFormatName(*format)
              << " grades one submission at a time\n";
    return kExitUsage;
  }
  const std::vector<std::string> rubric_files = values["rubric"].as<std::vector<std::string>>();
  Diagnostics rubric_diagnostics;
  std::optional<Rubric> rubric = LoadRubricFiles(rubric_files, rubric_diagnostics);
  ReportOptions options;
  options.student_view = values.count("student-view") > 0;
  const std::string out = values.count("output") ? values["output"].as<std::string>() : "";
  if (!rubric) {
    std::cerr << FormatDiagnostics(rubric_diagnostics, nullptr);
    std::vector<GradeResult> results;
    for (const std::string& file : files) {
      results.push_back(RubricErrorResult(file, rubric_files, rubric_diagnostics));
    }
    if (!EmitReport(results, *format, options, out)) return kExitInternal;
    return kExitInputErrors;
  }
  // PrairieLearn shows its whole result to the student: its diagrams mark
  // only what visible checks found (the writer withholds hidden checks).
  const bool student_diagrams = options.student_view || *format == ReportFormat::kPrairieLearn;
  std::vector<GradeResult> results;
  bool all_gradable = true;
  for (const std::string& file : files) {
    const SubmissionAnalysis analysis = AnalyseSubmissionFile(file, GradingAnalysisOptions());
    const SourceFile& source = analysis.source;
    GradeOptions grading;
    grading.dominance_feedback = true;  // which loops drive the model (not graded)
    results.push_back(GradeAnalysis(*rubric, analysis, grading));
    if (results.back().gradable && ReportFormatInfo(*format).diagrams) {
      AttachDiagrams(analysis, &results.back(), {}, student_diagrams);
    }
    if (!results.back().gradable) {
      all_gradable = false;
      // In a GitHub log a quoted source line could read as a workflow
      // command; the annotations carry the errors there instead.
      if (*format != ReportFormat::kGithub) ReportNotGradable(results.back(), source);
    }
  }
  if (!EmitReport(results, *format, options, out)) return kExitInternal;
  return all_gradable ? kExitOk : kExitInputErrors;
}

}  // namespace

CommandSpec GradeCommand() {
  return {"grade", "grade submissions against a rubric (every check)",
          "sdlab grade FILE... --rubric R [--rubric R2] [--format F] [-o OUT]",
          [](po::options_description& options, po::positional_options_description& positional) {
            options.add_options()                                                    //
                ("file", po::value<std::vector<std::string>>(), "submission files")  //
                ("rubric,r", po::value<std::vector<std::string>>(),
                 "rubric file; repeat to layer (e.g. public, then hidden checks)")  //
                ("format,f", po::value<std::string>()->default_value("text"),
                 ReportFormatList().c_str())  //
                ("output,o", po::value<std::string>(),
                 "write the report to this file instead of stdout")  //
                ("student-view", "show only visible checks, as `sdlab check` does");
            positional.add("file", -1);
          },
          Run};
}

}  // namespace sdlab::cli
