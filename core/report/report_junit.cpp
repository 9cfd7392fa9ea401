// JUnit XML for test reporters (GitHub test-report actions, GitLab
// `reports:junit`): file and line on each testcase point at the student's YAML.

#include "core/report/report_junit.h"

#include <pugixml.hpp>
#include <sstream>

#include "core/names.h"
#include "core/report/report_internal.h"

namespace sdlab {

namespace {

// XML 1.0 allows no control characters but tab, newline and carriage return.
std::string XmlText(const std::string& text) {
  std::string out;
  for (char c : ValidUtf8(text)) {
    const unsigned char byte = static_cast<unsigned char>(c);
    out += (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') ? '?' : c;
  }
  return out;
}

void SetAttribute(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_attribute(name).set_value(XmlText(value).c_str());
}

void SetAttribute(pugi::xml_node node, const char* name, long long value) {
  node.append_attribute(name).set_value(std::to_string(value).c_str());
}

struct Counts {
  long long tests = 0, failures = 0, errors = 0, skipped = 0;
};

void SetCounts(pugi::xml_node node, const Counts& counts) {
  SetAttribute(node, "tests", counts.tests);
  SetAttribute(node, "failures", counts.failures);
  SetAttribute(node, "errors", counts.errors);
  SetAttribute(node, "skipped", counts.skipped);
  SetAttribute(node, "time", "0");
}

void AddProperty(pugi::xml_node properties, const char* name, const std::string& value) {
  pugi::xml_node property = properties.append_child("property");
  SetAttribute(property, "name", name);
  SetAttribute(property, "value", value);
}

std::string ClassName(const GradeResult& result, const std::string& family) {
  std::string lab = result.rubric_lab.empty() ? result.lab : result.rubric_lab;
  return "sdlab." + (lab.empty() ? std::string("lab") : lab) + "." + family;
}

Counts WriteSuite(const GradeResult& result, const ReportOptions& options, pugi::xml_node suites) {
  Counts counts;
  pugi::xml_node suite = suites.append_child("testsuite");
  SetAttribute(suite, "name", result.submission);
  pugi::xml_node properties = suite.append_child("properties");
  AddProperty(properties, "lab", result.rubric_lab);
  AddProperty(properties, "rubric_version", result.rubric_version);
  AddProperty(properties, "gradable", result.gradable ? "true" : "false");
  if (result.rubric_error) {
    // Not the student's file: no line of it to annotate.
    pugi::xml_node testcase = suite.append_child("testcase");
    SetAttribute(testcase, "classname", ClassName(result, "rubric"));
    SetAttribute(testcase, "name", "gradable");
    SetAttribute(testcase, "time", "0");
    SetAttribute(testcase, "file", result.submission);
    pugi::xml_node error = testcase.append_child("error");
    SetAttribute(error, "message", "not gradable: rubric error");
    SetAttribute(error, "type", "rubric_error");
    error.append_child(pugi::node_pcdata)
        .set_value(XmlText(report::DiagnosticLines(result, options.student_view)).c_str());
    counts.tests = counts.errors = 1;
    AddProperty(properties, "score", "0");
    SetCounts(suite, counts);
    return counts;
  }
  if (!result.gradable) {
    pugi::xml_node testcase = suite.append_child("testcase");
    SetAttribute(testcase, "classname", ClassName(result, "submission"));
    SetAttribute(testcase, "name", "gradable");
    SetAttribute(testcase, "time", "0");
    SetAttribute(testcase, "file", result.submission);
    if (!result.diagnostics.empty() && result.diagnostics[0].location.known()) {
      SetAttribute(testcase, "line", result.diagnostics[0].location.line);
    }
    pugi::xml_node error = testcase.append_child("error");
    SetAttribute(error, "message", "not gradable: the file has errors");
    SetAttribute(error, "type", "not_gradable");
    error.append_child(pugi::node_pcdata)
        .set_value(XmlText(report::DiagnosticLines(result)).c_str());
    counts.tests = counts.errors = 1;
    AddProperty(properties, "score", "0");
    SetCounts(suite, counts);
    return counts;
  }
  const StudentView view = MakeStudentView(result);
  AddProperty(properties, "score",
              FormatPoints(options.student_view ? view.shown_score : result.score()));
  AddProperty(properties, "max_score",
              FormatPoints(options.student_view ? view.shown_max : result.max_score()));
  if (options.student_view) {
    AddProperty(properties, "withheld_checks", std::to_string(view.withheld_checks));
  }
  for (const CheckResult* check : report::ShownChecks(result, options.student_view)) {
    ++counts.tests;
    pugi::xml_node testcase = suite.append_child("testcase");
    SetAttribute(testcase, "classname", ClassName(result, CheckFamilyName(check->family)));
    SetAttribute(testcase, "name", check->id + ": " + check->title);
    SetAttribute(testcase, "time", "0");
    SetAttribute(testcase, "file", result.submission);
    if (check->location.known()) SetAttribute(testcase, "line", check->location.line);
    const std::string points = report::PointsFraction(check->points, check->max_points) + " points";
    std::string body = report::MessageWithDetails(*check);
    if (!check->hint.empty()) body += "\nhint: " + check->hint;
    pugi::xml_node outcome;
    switch (check->status) {
      case CheckStatus::kPassed:
        break;
      case CheckStatus::kPartial:
      case CheckStatus::kFailed:
        ++counts.failures;
        outcome = testcase.append_child("failure");
        break;
      case CheckStatus::kNeedsReview:
        ++counts.skipped;
        outcome = testcase.append_child("skipped");
        break;
      case CheckStatus::kError:
        ++counts.errors;
        outcome = testcase.append_child("error");
        break;
    }
    if (outcome) {
      SetAttribute(outcome, "message", points + ": " + check->message);
      SetAttribute(outcome, "type", CheckStatusName(check->status));
      outcome.append_child(pugi::node_pcdata).set_value(XmlText(body).c_str());
    }
    pugi::xml_node out = testcase.append_child("system-out");
    out.append_child(pugi::node_pcdata).set_value(XmlText(points).c_str());
  }
  SetCounts(suite, counts);
  return counts;
}

}  // namespace

std::string WriteJunitReport(const std::vector<GradeResult>& results,
                             const ReportOptions& options) {
  pugi::xml_document document;
  pugi::xml_node declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  pugi::xml_node suites = document.append_child("testsuites");
  SetAttribute(suites, "name", "sdlab");
  Counts total;
  for (const GradeResult& result : results) {
    Counts counts = WriteSuite(result, options, suites);
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
  }
  SetCounts(suites, total);
  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace sdlab
