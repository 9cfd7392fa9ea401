#include "core/report/loop_report.h"
#include "core/names.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace sdlab {

namespace {

using Json = nlohmann::ordered_json;

// Display width in characters: UTF-8 continuation bytes take no column.
std::size_t Width(const std::string& text) {
  std::size_t width = 0;
  for (char c : text) width += !IsUtf8Continuation(c);
  return width;
}

// Columns separated by two spaces; the last column is not padded.
std::string FormatColumns(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i + 1 < row.size(); ++i) widths[i] = std::max(widths[i], Width(row[i]));
  }
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += row[i];
      if (i + 1 < row.size()) out += std::string(widths[i] - Width(row[i]) + 2, ' ');
    }
    out += '\n';
  }
  return out;
}

std::string CountText(const LoopSearchResult& found) {
  return std::to_string(found.counts.total) + (found.complete ? "" : "+");
}

std::string Summary(const LoopSourceReport& source) {
  const LoopCounts& counts = source.found->counts;
  std::string loops = counts.total == 1 ? " loop" : " loops";
  return source.title + ": " + (source.found->complete ? "" : "at least ") +
         std::to_string(counts.total) + loops + " (" + std::to_string(counts.reinforcing) +
         " reinforcing, " + std::to_string(counts.balancing) + " balancing, " +
         std::to_string(counts.undetermined) + " undetermined)";
}

const DeclaredLoop* DeclarationOf(const LoopSourceReport& source, const LoopFinding& finding) {
  if (finding.declaration < 0) return nullptr;
  return &source.graph->declared_loops[static_cast<std::size_t>(finding.declaration)];
}

// A declaration that is not a loop is shown as the student wrote its path.
std::string DeclaredPathText(const DeclaredLoop& declaration) {
  std::string text;
  for (const DeclaredLoop::Step& step : declaration.path) {
    text += (text.empty() ? "" : " -> ") + step.name;
  }
  if (!declaration.path.empty()) text += " -> " + declaration.path.front().name;
  return text;
}

std::string VerdictText(const LoopSourceReport& source, const LoopFinding& finding) {
  std::string text = LabelVerdictName(finding.verdict);
  const DeclaredLoop* declaration = DeclarationOf(source, finding);
  if (finding.verdict == LabelVerdict::kMislabelled && declaration && declaration->label) {
    text += std::string(" (declared ") + LoopPolarityName(*declaration->label) + ")";
  }
  if (finding.verdict == LabelVerdict::kDuplicate && finding.duplicate_of >= 0) {
    text +=
        " of " + source.graph->declared_loops[static_cast<std::size_t>(finding.duplicate_of)].id;
  }
  return text;
}

std::string SourceTable(const LoopSourceReport& source) {
  std::string out = Summary(source) + "\n";
  if (source.check == nullptr || source.check->findings.empty()) return out;
  std::vector<std::vector<std::string>> rows;
  if (source.labels) {
    rows.push_back({"ID", "POLARITY", "LENGTH", "LABEL", "PATH"});
  } else {
    rows.push_back({"ID", "POLARITY", "LENGTH", "PATH"});
  }
  for (const LoopFinding& finding : source.check->findings) {
    const bool is_loop = !finding.loop.links.empty();
    const DeclaredLoop* declaration = DeclarationOf(source, finding);
    std::vector<std::string> row = {finding.id,
                                    is_loop ? LoopPolarityName(finding.loop.polarity) : "-",
                                    is_loop ? std::to_string(finding.loop.links.size()) : "-"};
    if (source.labels) row.push_back(VerdictText(source, finding));
    row.push_back(is_loop ? LoopPathText(*source.graph, finding.loop)
                          : (declaration ? DeclaredPathText(*declaration) : ""));
    rows.push_back(std::move(row));
  }
  return out + FormatColumns(rows);
}

std::string ContradictionsTable(const LoopReport& report) {
  if (report.contradictions.empty()) return "";
  std::string out = "diagram vs model: " + std::to_string(report.contradictions.size()) +
                    (report.contradictions.size() == 1 ? " contradiction\n" : " contradictions\n");
  for (const LinkContradiction& contradiction : report.contradictions) {
    out += "  " + contradiction.message + "\n";
  }
  return out;
}

Json CountsJson(const LoopSearchResult& found) {
  Json counts;
  counts["loops"] = found.counts.total;
  counts["reinforcing"] = found.counts.reinforcing;
  counts["balancing"] = found.counts.balancing;
  counts["undetermined"] = found.counts.undetermined;
  return counts;
}

Json LocationJson(Location location) {
  if (!location.known()) return nullptr;
  return Json{{"line", location.line}, {"column", location.column}};
}

Json LinkJson(const LoopSourceReport& source, int index) {
  const CausalGraph& graph = *source.graph;
  const CausalLink& link = graph.links[static_cast<std::size_t>(index)];
  Json json;
  json["from"] = graph.variables[static_cast<std::size_t>(link.from)].name;
  json["to"] = graph.variables[static_cast<std::size_t>(link.to)].name;
  json["polarity"] = PolaritySymbol(link.polarity);
  json["delay"] = link.delay;
  if (source.model != nullptr) {
    json["evidence"] =
        PolarityEvidenceName(source.model->evidence[static_cast<std::size_t>(index)]);
    json["reason"] = source.model->reason[static_cast<std::size_t>(index)];
  } else {
    json["location"] = LocationJson(link.location);
  }
  return json;
}

Json FindingJson(const LoopSourceReport& source, const LoopFinding& finding) {
  const bool is_loop = !finding.loop.links.empty();
  const DeclaredLoop* declaration = DeclarationOf(source, finding);
  Json json;
  json["id"] = finding.id;
  json["polarity"] = is_loop ? Json(LoopPolarityName(finding.loop.polarity)) : Json(nullptr);
  json["length"] = is_loop ? Json(finding.loop.links.size()) : Json(nullptr);
  json["negative_links"] = is_loop ? Json(finding.loop.negative_links) : Json(nullptr);
  json["unknown_links"] = is_loop ? Json(finding.loop.unknown_links) : Json(nullptr);
  Json variables = Json::array();
  if (is_loop) {
    for (int variable : LoopVariables(*source.graph, finding.loop)) {
      variables.push_back(source.graph->variables[static_cast<std::size_t>(variable)].name);
    }
  } else if (declaration != nullptr) {
    for (const DeclaredLoop::Step& step : declaration->path) variables.push_back(step.name);
  }
  json["variables"] = std::move(variables);
  Json links = Json::array();
  for (int link : finding.loop.links) links.push_back(LinkJson(source, link));
  json["links"] = std::move(links);
  json["path"] = is_loop ? LoopPathText(*source.graph, finding.loop)
                         : (declaration ? DeclaredPathText(*declaration) : "");
  if (source.labels) {
    if (declaration != nullptr) {
      Json declared;
      declared["id"] = declaration->id;
      declared["name"] = declaration->name;
      declared["label"] =
          declaration->label ? Json(LoopPolarityName(*declaration->label)) : Json(nullptr);
      declared["location"] = LocationJson(declaration->location);
      json["declared"] = std::move(declared);
    } else {
      json["declared"] = nullptr;
    }
    json["verdict"] = LabelVerdictName(finding.verdict);
    if (finding.verdict == LabelVerdict::kDuplicate && finding.duplicate_of >= 0) {
      json["duplicate_of"] =
          source.graph->declared_loops[static_cast<std::size_t>(finding.duplicate_of)].id;
    }
    if (!finding.missing_links.empty()) {
      Json missing = Json::array();
      for (const auto& [from, to] : finding.missing_links) {
        missing.push_back({{"from", source.graph->variables[static_cast<std::size_t>(from)].name},
                           {"to", source.graph->variables[static_cast<std::size_t>(to)].name}});
      }
      json["missing_links"] = std::move(missing);
    }
  }
  json["explanation"] = finding.explanation;
  return json;
}

Json SourceJson(const LoopSourceReport& source, bool counts_only) {
  Json json;
  json["complete"] = source.found->complete;
  json["max_loops"] = source.found->max_loops;
  json["counts"] = CountsJson(*source.found);
  if (counts_only) return json;
  if (source.labels && source.check != nullptr) {
    const LoopCheckResult& check = *source.check;
    json["labels"] = {{"correct", check.correct},           {"mislabelled", check.mislabelled},
                      {"undetermined", check.undetermined}, {"not_a_loop", check.not_a_loop},
                      {"duplicate", check.duplicates},      {"unlabelled", check.unlabelled}};
  }
  Json loops = Json::array();
  if (source.check != nullptr) {
    for (const LoopFinding& finding : source.check->findings) {
      loops.push_back(FindingJson(source, finding));
    }
  }
  json["loops"] = std::move(loops);
  return json;
}

Json ContradictionJson(const LoopReport& report, const LinkContradiction& contradiction) {
  const CausalGraph& diagram = *report.contradiction_diagram;
  const CausalLink& link = diagram.links[static_cast<std::size_t>(contradiction.diagram_link)];
  Json json;
  json["kind"] = contradiction.kind == LinkContradiction::Kind::kOppositeSign ? "opposite sign"
                                                                              : "no influence";
  json["from"] = diagram.variables[static_cast<std::size_t>(link.from)].name;
  json["to"] = diagram.variables[static_cast<std::size_t>(link.to)].name;
  json["diagram_polarity"] = PolaritySymbol(contradiction.diagram_polarity);
  json["model_polarity"] = contradiction.kind == LinkContradiction::Kind::kOppositeSign
                               ? Json(PolaritySymbol(contradiction.model_polarity))
                               : Json(nullptr);
  json["location"] = LocationJson(link.location);
  std::string model_path;
  if (report.contradiction_model != nullptr && !contradiction.model_path.empty()) {
    Loop path;
    path.links = contradiction.model_path;
    model_path = LoopPathText(report.contradiction_model->graph, path);
  }
  json["model_path"] = model_path;
  json["message"] = contradiction.message;
  return json;
}

}  // namespace

std::string FormatLoopTable(const LoopReport& report) {
  std::string out;
  for (std::size_t i = 0; i < report.sources.size(); ++i) {
    if (i > 0) out += '\n';
    out += SourceTable(report.sources[i]);
  }
  if (!report.contradictions.empty()) out += '\n' + ContradictionsTable(report);
  return out;
}

std::string FormatLoopCounts(const LoopReport& report) {
  std::vector<std::vector<std::string>> rows = {
      {"SOURCE", "LOOPS", "REINFORCING", "BALANCING", "UNDETERMINED"}};
  for (const LoopSourceReport& source : report.sources) {
    const LoopCounts& counts = source.found->counts;
    rows.push_back({source.source, CountText(*source.found), std::to_string(counts.reinforcing),
                    std::to_string(counts.balancing), std::to_string(counts.undetermined)});
  }
  return FormatColumns(rows);
}

std::string FormatLoopJson(const LoopReport& report, bool counts_only) {
  Json json;
  json["file"] = report.file;
  Json sources = Json::object();
  for (const LoopSourceReport& source : report.sources) {
    sources[source.source] = SourceJson(source, counts_only);
  }
  json["sources"] = std::move(sources);
  if (!counts_only && report.contradiction_diagram != nullptr) {
    Json contradictions = Json::array();
    for (const LinkContradiction& contradiction : report.contradictions) {
      contradictions.push_back(ContradictionJson(report, contradiction));
    }
    json["contradictions"] = std::move(contradictions);
  }
  // Student text reaches here from a validated UTF-8 file; replace rather
  // than throw should anything slip through.
  return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

namespace {

void WarnIfCapped(const LoopSearchResult& found, const std::string& title,
                  Diagnostics& diagnostics) {
  if (found.complete) return;
  diagnostics.Warning(Location{}, title + ": " + LoopCapMessage(found),
                      "raise --max-loops, or --max-loops 0 to lift the cap; --count keeps no loops "
                      "in memory");
}

}  // namespace

LoopsOutput ReportLoopsOfFile(const LoopsRequest& request) {
  LoopsOutput output;
  const bool count_only = request.count_only;
  AnalysisOptions options;
  options.search = request.search;
  options.check_declared = !count_only;
  options.diagram = request.source != "sfd";
  SubmissionAnalysis analysis = AnalyseSubmissionFile(request.path, options);
  output.source = analysis.source;
  Diagnostics& diagnostics = output.diagnostics;
  diagnostics = analysis.diagnostics;
  if (!analysis.submission) return output;
  const Submission& submission = *analysis.submission;
  bool use_cld = request.source == "cld" || request.source == "both";
  bool use_sfd = request.source == "sfd" || request.source == "both";
  if (request.source == "auto") {
    use_cld = submission.causal_loop.present;
    use_sfd = submission.stock_flow.present;
  }
  if (use_cld && !submission.causal_loop.present) {
    diagnostics.Error(Location{}, "no 'causal_loop' section: there is no diagram to find loops in");
  }
  if (use_sfd && !submission.stock_flow.present) {
    diagnostics.Error(Location{}, "no 'stock_flow' section: there is no model to find loops in");
  }
  if (!use_cld && !use_sfd) {
    diagnostics.Error(Location{},
                      "neither a 'causal_loop' nor a 'stock_flow' section: no loops to find");
  }
  if (diagnostics.has_errors()) return output;

  if (use_cld && !analysis.diagram) {
    diagnostics.Error(Location{}, analysis.diagram_problem);
    return output;
  }
  LoopReport report;
  report.file = request.path;
  DiagramAnalysis* diagram = use_cld ? &*analysis.diagram : nullptr;
  if (diagram != nullptr) {
    diagnostics.Append(diagram->graph_diagnostics);
    if (diagnostics.has_errors()) return output;
    WarnIfCapped(diagram->loops, "causal loop diagram", diagnostics);
    diagnostics.Append(diagram->declared_diagnostics);
  }
  ModelLoopAnalysis model;
  LoopCheckResult model_check;
  if (use_sfd) {
    model = AnalyseModelLoops(submission.stock_flow, request.path, request.search, diagnostics);
    if (!model.model) return output;
    WarnIfCapped(model.loops, "stock-and-flow model", diagnostics);
    if (!count_only) model_check = CheckDeclaredLoops(model.graph.graph, model.loops, diagnostics);
  }
  if (diagram != nullptr && use_sfd && !count_only) {
    report.contradictions = CompareDiagramWithModel(diagram->graph, model.graph, diagnostics);
    report.contradiction_diagram = &diagram->graph;
    report.contradiction_model = &model.graph;
  }
  if (diagram != nullptr) {
    report.sources.push_back(LoopSourceReport{"cld", "causal loop diagram", &diagram->graph,
                                              &diagram->loops, &diagram->declared, true, nullptr});
  }
  if (use_sfd) {
    report.sources.push_back(LoopSourceReport{"sfd", "stock-and-flow model", &model.graph.graph,
                                              &model.loops, &model_check, false, &model.graph});
  }
  if (request.json) {
    output.text = FormatLoopJson(report, count_only);
  } else if (count_only) {
    output.text = FormatLoopCounts(report);
  } else {
    output.text = FormatLoopTable(report);
  }
  output.analysed = true;
  return output;
}

}  // namespace sdlab
