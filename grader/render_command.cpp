// `sdlab render FILE --diagram cld|sfd [--format svg|png|dot] [-o OUT]`:
// draws a submission's causal loop diagram or stock-and-flow diagram.

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "core/diagram/graphviz_adapter.h"
#include "core/diagram/submission_diagram.h"
#include "core/load/submission.h"
#include "core/loops/submission_analysis.h"
#include "core/output_text.h"
#include "grader/command.h"

namespace sdlab::cli {
namespace {

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::optional<ImageFormat> ParseFormat(const std::string& name) {
  if (name == "svg") return ImageFormat::kSvg;
  if (name == "png") return ImageFormat::kPng;
  if (name == "dot") return ImageFormat::kDot;
  return std::nullopt;
}

// --format, else the output file's extension, else SVG.
std::optional<ImageFormat> ChooseFormat(const po::variables_map& values, const std::string& out) {
  if (values.count("format")) return ParseFormat(values["format"].as<std::string>());
  for (const char* name : {"svg", "png", "dot"}) {
    if (EndsWith(out, std::string(".") + name)) return ParseFormat(name);
  }
  return ImageFormat::kSvg;
}

int UsageError(const std::string& message) {
  std::cerr << "sdlab render: " << message << "\n"
            << "usage: sdlab render FILE --diagram cld|sfd [--format svg|png|dot] [-o OUT]\n"
            << "(see 'sdlab help render')\n";
  return kExitUsage;
}

// The diagram to draw: --diagram, or the one section the file has.
std::optional<std::string> ChooseDiagram(const po::variables_map& values,
                                         const Submission& submission, std::string* problem) {
  if (values.count("diagram")) {
    std::string kind = values["diagram"].as<std::string>();
    if (kind == "cld" || kind == "sfd") return kind;
    *problem = "unknown diagram '" + kind + "' (use cld or sfd)";
    return std::nullopt;
  }
  bool cld = submission.causal_loop.present, sfd = submission.stock_flow.present;
  if (cld != sfd) return cld ? "cld" : "sfd";
  *problem = cld ? "the file has both diagrams: say which with --diagram cld or --diagram sfd"
                 : "say which diagram to draw with --diagram cld or --diagram sfd";
  return std::nullopt;
}

// SVG and DOT are text and go through the output rule like everything on
// stdout (core/output_text.h); PNG is binary and is written as it is.
bool WriteOutput(const std::string& out, const std::string& data, bool binary, std::string* error) {
  if (out.empty() || out == "-") {
    if (binary) {
      WriteUnsanitized(std::cout, data);
    } else {
      std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
    }
    std::cout.flush();
    return static_cast<bool>(std::cout);
  }
  std::ofstream file(out, std::ios::binary);
  file.write(data.data(), static_cast<std::streamsize>(data.size()));
  file.close();
  if (!file) *error = "cannot write '" + out + "'";
  return static_cast<bool>(file);
}

int Run(const po::variables_map& values) {
  const std::string path = values["file"].as<std::string>();
  const std::string out = values.count("output") ? values["output"].as<std::string>() : "";
  std::optional<ImageFormat> format = ChooseFormat(values, out);
  if (!format) {
    return UsageError("unknown format '" + values["format"].as<std::string>() +
                      "' (use svg, png or dot)");
  }
  if (*format == ImageFormat::kPng && (out.empty() || out == "-") && isatty(STDOUT_FILENO)) {
    return UsageError("not writing PNG to a terminal: give -o FILE.png");
  }

  // The stock-and-flow diagram needs no loop analysis: skip it when that
  // is what was asked for.
  AnalysisOptions analysis_options;
  analysis_options.diagram =
      !(values.count("diagram") && values["diagram"].as<std::string>() == "sfd");
  SubmissionAnalysis analysis = AnalyseSubmissionFile(path, analysis_options);
  Diagnostics& diagnostics = analysis.diagnostics;
  const SourceFile& source = analysis.source;
  const std::optional<Submission>& submission = analysis.submission;
  auto report = [&]() {
    if (!diagnostics.items().empty()) ReportDiagnostics(diagnostics, source);
  };
  if (!submission) {
    report();
    return kExitInputErrors;
  }
  std::string problem;
  std::optional<std::string> kind = ChooseDiagram(values, *submission, &problem);
  if (!kind) {
    report();
    return UsageError(problem);
  }

  const std::optional<Diagram> diagram = BuildSubmissionDiagram(
      analysis, *kind == "cld" ? DiagramKind::kCausalLoop : DiagramKind::kStockFlow, diagnostics);
  if (!diagram) {
    report();
    return kExitInputErrors;
  }

  RenderOutput output;
  Diagnostics render_diagnostics(path);
  bool rendered = RenderDiagram(*diagram, *format, &output, render_diagnostics);
  diagnostics.Append(render_diagnostics);
  report();
  if (!rendered) {
    // Too large is the input's fault; anything else is Graphviz's.
    bool too_large =
        !render_diagnostics.items().empty() &&
        render_diagnostics.items()[0].message.rfind("the diagram is too large", 0) == 0;
    return too_large ? kExitInputErrors : kExitInternal;
  }
  std::string error;
  if (!WriteOutput(out, output.data, *format == ImageFormat::kPng, &error)) {
    std::cerr << "sdlab render: " << (error.empty() ? "cannot write the output" : error) << "\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

CommandSpec RenderCommand() {
  return {
      "render",
      "draw the causal loop or stock-and-flow diagram (SVG, PNG or DOT)",
      "sdlab render FILE --diagram cld|sfd [--format svg|png|dot] [-o OUT]",
      [](po::options_description& options, po::positional_options_description& positional) {
        options.add_options()("file", po::value<std::string>()->required(),
                              "the submission (YAML)")(
            "diagram,d", po::value<std::string>(),
            "cld (causal loop diagram) or sfd (stock-and-flow diagram); may be left out "
            "when the file has only one of them")(
            "format,f", po::value<std::string>(),
            "svg (default), png (needs Graphviz's cairo plugin) or dot (the laid-out graph); "
            "by default taken from the -o file's extension")(
            "output,o", po::value<std::string>(), "where to write; - or absent: standard output");
        positional.add("file", 1);
      },
      Run,
  };
}

}  // namespace sdlab::cli
