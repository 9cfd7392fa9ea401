// The JSON report, format `sdlab-result/1`, described by docs/result-schema.json.

#include "core/report/report_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/names.h"
#include "core/report/report_internal.h"

namespace sdlab {

namespace {

using Json = nlohmann::ordered_json;

Json Number(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

Json Text(const std::string& text) { return Json(ValidUtf8(text)); }

Json Numbers(const std::vector<double>& values) {
  Json array = Json::array();
  for (double value : values) array.push_back(Number(value));
  return array;
}

Json DiagnosticJson(const Diagnostic& diagnostic, const std::string& default_file) {
  Json out;
  out["severity"] = SeverityName(diagnostic.severity);
  out["file"] = Text(diagnostic.file.empty() ? default_file : diagnostic.file);
  out["line"] = diagnostic.location.line;
  out["column"] = diagnostic.location.column;
  out["message"] = Text(diagnostic.message);
  out["hint"] = Text(diagnostic.hint);
  return out;
}

// In a student's view a judged link does not say which sign the rubric
// expects ("?"): that is the answer to "mark every link + or -".
Json EvidenceJson(const Evidence& evidence, bool student_view) {
  Json out = Json::object();
  if (!evidence.loop_path.empty()) {
    Json path = Json::array();
    for (const std::string& name : evidence.loop_path) path.push_back(Text(name));
    out["loop"] = path;
  }
  if (!evidence.loop_polarity.empty()) out["polarity"] = evidence.loop_polarity;
  if (!evidence.measurements.empty()) {
    Json measurements = Json::array();
    for (const Measurement& measurement : evidence.measurements) {
      measurements.push_back({{"name", Text(measurement.name)},
                              {"value", Number(measurement.value)},
                              {"units", Text(measurement.units)}});
    }
    out["measurements"] = measurements;
  }
  if (evidence.tau) out["tau"] = Number(*evidence.tau);
  if (!evidence.series.empty()) {
    Json series = Json::array();
    for (const SeriesEvidence& one : evidence.series) {
      Json item;
      item["label"] = Text(one.label);
      item["element"] = Text(one.element);
      item["scenario"] = Text(one.scenario);
      item["times"] = Numbers(one.times);
      item["values"] = Numbers(one.values);
      item["window_start"] = one.window_start ? Number(*one.window_start) : Json(nullptr);
      item["window_end"] = one.window_end ? Number(*one.window_end) : Json(nullptr);
      item["thresholds"] = Numbers(one.thresholds);
      series.push_back(item);
    }
    out["series"] = series;
  }
  if (!evidence.notes.empty()) {
    Json notes = Json::array();
    for (const std::string& note : evidence.notes) notes.push_back(Text(note));
    out["notes"] = notes;
  }
  if (!evidence.links.empty()) {
    Json links = Json::array();
    for (const LinkEvidence& link : evidence.links) {
      links.push_back({{"from", Text(link.from)},
                       {"to", Text(link.to)},
                       {"expected_polarity", student_view ? "?" : link.expected_polarity},
                       {"present", link.present}});
    }
    out["links"] = links;
  }
  return out;
}

Json CheckJson(const CheckResult& check, bool student_view) {
  Json out;
  out["id"] = Text(check.id);
  out["title"] = Text(check.title);
  out["family"] = CheckFamilyName(check.family);
  out["kind"] = Text(check.kind);
  out["status"] = CheckStatusName(check.status);
  out["visibility"] = VisibilityName(check.visibility);
  out["points"] = Number(RoundPoints(check.points));
  out["max_points"] = Number(RoundPoints(check.max_points));
  out["message"] = Text(check.message);
  out["details"] = Text(check.details);
  out["hint"] = Text(check.hint);
  out["line"] = check.location.line;
  out["column"] = check.location.column;
  out["evidence"] = EvidenceJson(check.evidence, student_view);
  return out;
}

Json ResultJson(const GradeResult& result, const ReportOptions& options) {
  Json out;
  out["format"] = "sdlab-result/1";
  out["submission"] = Text(result.submission);
  out["lab"] = Text(result.lab);
  out["author"] = Text(result.author);
  Json rubric;
  rubric["lab"] = Text(result.rubric_lab);
  rubric["title"] = Text(result.rubric_title);
  rubric["version"] = Text(result.rubric_version);
  Json files = Json::array();
  for (const std::string& file : result.rubric_files) files.push_back(Text(file));
  rubric["files"] = files;
  out["rubric"] = rubric;
  out["gradable"] = result.gradable;
  const StudentView view = MakeStudentView(result);
  out["score"] = Number(options.student_view ? view.shown_score : result.score());
  out["max_score"] = Number(options.student_view ? view.shown_max : result.max_score());
  out["student_view"] = options.student_view;
  out["withheld"] = {{"checks", options.student_view ? view.withheld_checks : 0},
                     {"max_points", Number(options.student_view ? view.withheld_points : 0.0)}};
  Json diagnostics = Json::array();
  for (const Diagnostic& diagnostic : report::ShownDiagnostics(result, options.student_view)) {
    diagnostics.push_back(DiagnosticJson(diagnostic, result.submission));
  }
  out["diagnostics"] = diagnostics;
  Json concepts = Json::array();
  for (const ConceptBinding& binding : result.concepts) {
    concepts.push_back({{"concept", Text(binding.concept_id)},
                        {"section", Text(binding.section)},
                        {"element", Text(binding.element)},
                        {"match", Text(binding.match)},
                        {"line", binding.location.line},
                        {"column", binding.location.column}});
  }
  out["concepts"] = concepts;
  Json checks = Json::array();
  for (const CheckResult* check : report::ShownChecks(result, options.student_view)) {
    checks.push_back(CheckJson(*check, options.student_view));
  }
  out["checks"] = checks;
  Json dominance = Json::array();
  for (const DominanceFeedback& entry : result.dominance) {
    Json loops = Json::array();
    for (const DominanceFeedback::LoopInfo& loop : entry.loops) {
      Json path = Json::array();
      for (const std::string& name : loop.path) path.push_back(Text(name));
      loops.push_back({{"id", Text(loop.id)},
                       {"polarity", Text(loop.polarity)},
                       {"path", path},
                       {"declared", Text(loop.declared)}});
    }
    Json phases = Json::array();
    for (const DominanceFeedback::Phase& phase : entry.phases) {
      Json ids = Json::array(), shares = Json::array();
      for (const std::string& id : phase.loops) ids.push_back(Text(id));
      for (double share : phase.relative) shares.push_back(Number(share));
      phases.push_back({{"from", Number(phase.start)},
                        {"to", Number(phase.end)},
                        {"loops", ids},
                        {"relative", shares}});
    }
    dominance.push_back({{"scenario", Text(entry.scenario)},
                         {"title", Text(entry.title)},
                         {"method", Text(entry.method)},
                         {"loops", loops},
                         {"phases", phases}});
  }
  out["dominance"] = dominance;
  return out;
}

}  // namespace

std::string WriteJsonReport(const std::vector<GradeResult>& results, const ReportOptions& options) {
  Json document;
  if (results.size() == 1) {
    document = ResultJson(results[0], options);
  } else {
    document = Json::array();
    for (const GradeResult& result : results) document.push_back(ResultJson(result, options));
  }
  return document.dump(2) + "\n";
}

}  // namespace sdlab
