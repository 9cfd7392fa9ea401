#include "core/load/xmile_import.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include "core/load/file_read.h"
#include "core/load/xmile_builder.h"
#include "core/load/xmile_equation.h"
#include "core/load/yaml_reader.h"
#include "core/names.h"

namespace sdlab {
namespace {

using xmile::GraphicalFunction;
using xmile::KindName;
using xmile::NameReference;
using xmile::Variable;
using xmile::VariableKind;

const char* const kXmileNamespaces[] = {"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0",
                                        "http://www.systemdynamics.org/XMILE"};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

/// A decimal number as XMILE writes one (locale-independent, a leading '+'
/// allowed); nullopt unless the whole text is one finite number.
std::optional<double> ParseNumber(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string FormatNumber(double value) {
  std::ostringstream out;
  out.precision(17);
  out << value;
  return out.str();
}

// The UTF-8 length of the character an XML entity reference decodes to, or 0
// when pugixml leaves it as written (an unknown entity).
std::size_t EntityLength(std::string_view entity) {
  if (entity == "&lt;" || entity == "&gt;" || entity == "&amp;" || entity == "&apos;" ||
      entity == "&quot;") {
    return 1;
  }
  if (entity.size() < 4 || entity[1] != '#') return 0;
  const bool hex = entity[2] == 'x';
  const std::string_view digits = entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3));
  unsigned long code = 0;
  const auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
  if (error != std::errc() || end != digits.data() + digits.size()) return 0;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}

class XmileReader {
 public:
  XmileReader(const SourceFile& source, Diagnostics& diagnostics, const XmileLimits& limits)
      : source_(source), diagnostics_(diagnostics), limits_(limits) {}

  std::optional<StockFlowModel> Read();

 private:
  Location LocationOf(pugi::xml_node node) const;
  std::string_view XmileName(pugi::xml_node node) const;
  pugi::xml_node XmileChild(pugi::xml_node node, std::string_view name) const;
  LocatedText TextOf(pugi::xml_node element) const;
  void AppendText(pugi::xml_node text_node, LocatedText& out) const;
  bool NonNegativeValue(pugi::xml_node element) const;

  void ReadBehavior(pugi::xml_node behavior);
  void ReadMacro(pugi::xml_node macro);
  std::optional<SimSpec> ReadSimSpecs(pugi::xml_node specs);
  void ReadVariables(pugi::xml_node container, int depth);
  void ReadVariable(pugi::xml_node node, VariableKind kind);
  std::optional<GraphicalFunction> ReadGraphicalFunction(pugi::xml_node gf,
                                                         const std::string& owner);
  std::optional<std::vector<double>> ReadPoints(pugi::xml_node points, const std::string& owner);

  const SourceFile& source_;
  Diagnostics& diagnostics_;
  const XmileLimits& limits_;
  std::set<std::string> xmile_prefixes_;
  bool stocks_non_negative_ = false;
  bool flows_non_negative_ = false;
  std::vector<Variable> variables_;
  std::set<std::string> macros_;  // normalized names of the file's macros
  bool too_many_reported_ = false;
  std::size_t errors_before_ = 0;

  bool Failed() const { return diagnostics_.error_count() > errors_before_; }
};

Location XmileReader::LocationOf(pugi::xml_node node) const {
  const std::ptrdiff_t offset = node.offset_debug();
  if (offset < 0) return {};
  // An element's offset is its name's; point at its '<'.
  const bool element = node.type() == pugi::node_element && offset > 0;
  return source_.LocationOf(static_cast<std::size_t>(offset) - (element ? 1 : 0));
}

// Element names are matched without namespace processing: an unprefixed name,
// or one whose prefix is bound to an XMILE namespace, is XMILE's; any other
// prefix (isee:, often undeclared) marks a vendor extension, which is ignored.
std::string_view XmileReader::XmileName(pugi::xml_node node) const {
  if (node.type() != pugi::node_element) return {};
  const std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  if (colon == std::string_view::npos) return name;
  if (xmile_prefixes_.count(std::string(name.substr(0, colon))) > 0) {
    return name.substr(colon + 1);
  }
  return {};
}

pugi::xml_node XmileReader::XmileChild(pugi::xml_node node, std::string_view name) const {
  for (pugi::xml_node child : node.children()) {
    if (XmileName(child) == name) return child;
  }
  return {};
}

LocatedText XmileReader::TextOf(pugi::xml_node element) const {
  LocatedText out;
  out.element_location = LocationOf(element);
  for (pugi::xml_node child : element.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      AppendText(child, out);
    }
  }
  return out;
}

// pugixml decodes entities and turns CR and CRLF into LF in place, so a text
// node starts where its raw text starts; walking the raw text beside the
// decoded one gives every decoded byte its file location.
void XmileReader::AppendText(pugi::xml_node text_node, LocatedText& out) const {
  const std::string_view value = text_node.value();
  const std::string& raw = source_.text();
  const std::ptrdiff_t start = text_node.offset_debug();
  const bool entities = text_node.type() == pugi::node_pcdata;
  std::size_t r = start < 0 ? raw.size() : static_cast<std::size_t>(start);
  std::size_t i = 0;
  while (i < value.size()) {
    if (r >= raw.size()) break;
    const Location here = source_.LocationOf(r);
    if (entities && raw[r] == '&') {
      const std::size_t semicolon = raw.find(';', r);
      const std::size_t length =
          semicolon == std::string::npos || semicolon - r > 12
              ? 0
              : EntityLength(std::string_view(raw).substr(r, semicolon - r + 1));
      if (length > 0) {
        for (std::size_t k = 0; k < length && i < value.size(); ++k, ++i) {
          out.text += value[i];
          out.locations.push_back(here);
        }
        r = semicolon + 1;
        continue;
      }
    }
    if (raw[r] == '\r' && value[i] == '\n') {
      r += (r + 1 < raw.size() && raw[r + 1] == '\n') ? 2 : 1;
    } else if (raw[r] == value[i]) {
      ++r;
    } else {
      break;  // out of step (should not happen): the rest gets this location
    }
    out.text += value[i++];
    out.locations.push_back(here);
  }
  const Location rest = out.locations.empty() ? out.element_location : out.locations.back();
  for (; i < value.size(); ++i) {
    out.text += value[i];
    out.locations.push_back(rest);
  }
}

// <non_negative/> or <non_negative>true</non_negative> turn it on;
// <non_negative>false</non_negative> turns a <behavior> default off.
bool XmileReader::NonNegativeValue(pugi::xml_node element) const {
  return Lower(Trim(TextOf(element).text)) != "false";
}

void XmileReader::ReadBehavior(pugi::xml_node behavior) {
  for (pugi::xml_node child : behavior.children()) {
    const std::string_view name = XmileName(child);
    if (name == "non_negative") {
      stocks_non_negative_ = flows_non_negative_ = NonNegativeValue(child);
    } else if (name == "stock" || name == "flow") {
      pugi::xml_node setting = XmileChild(child, "non_negative");
      if (!setting) continue;
      (name == "stock" ? stocks_non_negative_ : flows_non_negative_) = NonNegativeValue(setting);
    }
  }
}

// Macros are not supported, but a file may define some it never calls: a
// call is reported where it is made. The filter macro XMILE's own example
// defines for non_negative restates what sdlab implements natively; any
// other filter would change every stock or flow, so it is reported here.
void XmileReader::ReadMacro(pugi::xml_node macro) {
  const std::string name = DecodeXmileName(macro.attribute("name").value());
  const std::string filter = Lower(Trim(macro.attribute("filter").value()));
  if (filter.empty()) {
    macros_.insert(NormalizeName(name));
  } else if (NormalizeName(name) != "non_negative") {
    diagnostics_.Error(LocationOf(macro),
                       "macros are not supported: macro '" + name + "' filters every " + filter);
  }
}

std::optional<SimSpec> XmileReader::ReadSimSpecs(pugi::xml_node specs) {
  SimSpec sim;
  sim.location = LocationOf(specs);
  const std::string method = Lower(Trim(specs.attribute("method").value()));
  if (method.empty() || method == "euler") {
    sim.method = IntegrationMethod::kEuler;
  } else if (method == "rk4") {
    sim.method = IntegrationMethod::kRk4;
  } else if (method == "rk2") {
    sim.method = IntegrationMethod::kRk2;
  } else if (method == "rk45" || method == "gear") {
    sim.method = IntegrationMethod::kRk4;
    diagnostics_.Warning(sim.location, "integration method '" +
                                           std::string(specs.attribute("method").value()) +
                                           "' is not supported; using RK4 with a fixed dt");
  } else {
    diagnostics_.Error(sim.location,
                       "unknown integration method '" +
                           std::string(specs.attribute("method").value()) + "' in <sim_specs>",
                       "expected Euler, RK2 or RK4");
    return std::nullopt;
  }
  sim.time_units = std::string(Trim(specs.attribute("time_units").value()));
  bool ok = true;
  auto read = [&](const char* name, std::optional<double> fallback) -> double {
    pugi::xml_node node = XmileChild(specs, name);
    if (!node) {
      if (fallback) return *fallback;
      diagnostics_.Error(sim.location, std::string("<sim_specs> has no <") + name + ">");
      ok = false;
      return 0;
    }
    const LocatedText text = TextOf(node).Trimmed();
    const std::optional<double> value = ParseNumber(text.text);
    if (!value) {
      diagnostics_.Error(
          text.At(0),
          std::string("<") + name + "> of <sim_specs> must be a number, not '" + text.text + "'");
      ok = false;
      return 0;
    }
    return *value;
  };
  sim.start = read("start", std::nullopt);
  sim.stop = read("stop", std::nullopt);
  sim.dt = read("dt", 1.0);
  pugi::xml_node dt = XmileChild(specs, "dt");
  if (ok && dt && Lower(Trim(dt.attribute("reciprocal").value())) == "true") {
    if (sim.dt <= 0) {
      diagnostics_.Error(LocationOf(dt), "<dt reciprocal=\"true\"> must be positive");
      return std::nullopt;
    }
    sim.dt = 1.0 / sim.dt;
  }
  if (!ok) return std::nullopt;
  if (!(sim.dt > 0)) {
    diagnostics_.Error(dt ? LocationOf(dt) : sim.location,
                       "dt must be positive, not " + FormatNumber(sim.dt));
    ok = false;
  }
  if (!(sim.stop > sim.start)) {
    diagnostics_.Error(sim.location, "<stop> (" + FormatNumber(sim.stop) +
                                         ") must be after <start> (" + FormatNumber(sim.start) +
                                         ")");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return sim;
}

void XmileReader::ReadVariables(pugi::xml_node container, int depth) {
  for (pugi::xml_node child : container.children()) {
    if (diagnostics_.full()) return;
    const std::string_view name = XmileName(child);
    if (name == "stock") {
      ReadVariable(child, VariableKind::kStock);
    } else if (name == "flow") {
      ReadVariable(child, VariableKind::kFlow);
    } else if (name == "aux") {
      ReadVariable(child, VariableKind::kAux);
    } else if (name == "gf") {
      ReadVariable(child, VariableKind::kGf);
    } else if (name == "module") {
      diagnostics_.Error(LocationOf(child), "modules are not supported: module '" +
                                                DecodeXmileName(child.attribute("name").value()) +
                                                "'");
    } else if ((name == "variables" || name == "group") && depth < 2) {
      ReadVariables(child, depth + 1);
    }
  }
}

void XmileReader::ReadVariable(pugi::xml_node node, VariableKind kind) {
  Variable variable;
  variable.kind = variable.written_as = kind;
  variable.location = LocationOf(node);
  variable.name = DecodeXmileName(node.attribute("name").value());
  variable.normalized = NormalizeName(variable.name);
  const std::string what = std::string(KindName(kind)) + " '" + variable.name + "'";
  if (variable.normalized.empty()) {
    diagnostics_.Error(variable.location, std::string("<") + node.name() + "> without a name");
    return;
  }
  if (variables_.size() >= limits_.max_variables) {
    if (!too_many_reported_) {
      diagnostics_.Error(variable.location, "too many variables (the limit is " +
                                                std::to_string(limits_.max_variables) + ")");
      too_many_reported_ = true;
    }
    return;
  }
  if (kind == VariableKind::kStock) variable.non_negative = stocks_non_negative_;
  if (kind == VariableKind::kFlow) variable.non_negative = flows_non_negative_;
  bool ok = true;
  for (pugi::xml_node child : node.children()) {
    const std::string_view name = XmileName(child);
    const Location location = LocationOf(child);
    if (name == "eqn") {
      variable.equation = TextOf(child);
    } else if (name == "inflow" || name == "outflow") {
      if (kind != VariableKind::kStock) continue;
      NameReference reference{DecodeXmileName(TextOf(child).text), location};
      (name == "inflow" ? variable.inflows : variable.outflows).push_back(std::move(reference));
    } else if (name == "non_negative") {
      variable.non_negative = NonNegativeValue(child);
    } else if (name == "gf" && (kind == VariableKind::kAux || kind == VariableKind::kFlow)) {
      variable.gf = ReadGraphicalFunction(child, variable.name);
      ok = ok && variable.gf.has_value();
    } else if (name == "units") {
      variable.units = std::string(Trim(TextOf(child).text));
    } else if (name == "doc") {
      variable.doc = std::string(Trim(TextOf(child).text));
    } else if (name == "dimensions" || name == "element") {
      diagnostics_.Error(location, "arrays are not supported: " + what + " has dimensions");
      ok = false;
    } else if (name == "conveyor" || name == "queue") {
      diagnostics_.Error(location, std::string(name == "conveyor" ? "conveyors" : "queues") +
                                       " are not supported: " + what + " is a " +
                                       std::string(name));
      ok = false;
    } else if (name == "leak" || name == "leak_integers") {
      diagnostics_.Error(location, "conveyor leaks are not supported: " + what + " is a leak");
      ok = false;
    }
  }
  if (kind == VariableKind::kGf) {
    variable.gf = ReadGraphicalFunction(node, variable.name);
    ok = ok && variable.gf.has_value();
  }
  if (ok) variables_.push_back(std::move(variable));
}

std::optional<std::vector<double>> XmileReader::ReadPoints(pugi::xml_node points,
                                                           const std::string& owner) {
  std::string separator = points.attribute("sep").value();
  if (separator.empty()) separator = ",";
  const bool space_separated = Trim(separator).empty();
  const LocatedText text = TextOf(points);
  std::vector<double> values;
  std::size_t begin = 0;
  while (begin <= text.text.size()) {
    std::size_t end = text.text.find(separator, begin);
    if (end == std::string::npos) end = text.text.size();
    const std::string_view item = Trim(std::string_view(text.text).substr(begin, end - begin));
    if (!(item.empty() && space_separated)) {
      const std::optional<double> value = ParseNumber(item);
      if (!value) {
        diagnostics_.Error(text.At(begin), "<" + std::string(points.name()) +
                                               "> of graphical function '" + owner + "' has '" +
                                               std::string(item) + "', which is not a number");
        return std::nullopt;
      }
      if (values.size() >= limits_.max_graph_points) {
        diagnostics_.Error(text.At(begin), "graphical function '" + owner +
                                               "' has too many points (the limit is " +
                                               std::to_string(limits_.max_graph_points) + ")");
        return std::nullopt;
      }
      values.push_back(*value);
    }
    begin = end + separator.size();
  }
  return values;
}

std::optional<GraphicalFunction> XmileReader::ReadGraphicalFunction(pugi::xml_node gf,
                                                                    const std::string& owner) {
  GraphicalFunction result;
  const Location location = LocationOf(gf);
  const std::string type = Lower(Trim(gf.attribute("type").value()));
  if (type.empty() || type == "continuous") {
    result.type = LookupType::kContinuous;
  } else if (type == "extrapolate") {
    result.type = LookupType::kExtrapolate;
  } else if (type == "discrete") {
    result.type = LookupType::kDiscrete;
  } else {
    diagnostics_.Error(location,
                       "unknown type '" + std::string(gf.attribute("type").value()) +
                           "' of graphical function '" + owner + "'",
                       "expected continuous, extrapolate or discrete");
    return std::nullopt;
  }
  // The systemdynamics.org dialect writes discrete="true".
  if (Lower(Trim(gf.attribute("discrete").value())) == "true") result.type = LookupType::kDiscrete;

  pugi::xml_node ypts = XmileChild(gf, "ypts");
  if (!ypts) {
    diagnostics_.Error(location, "graphical function '" + owner + "' has no <ypts>");
    return std::nullopt;
  }
  const std::optional<std::vector<double>> ys = ReadPoints(ypts, owner);
  if (!ys) return std::nullopt;
  if (ys->empty()) {
    diagnostics_.Error(LocationOf(ypts), "graphical function '" + owner + "' has no points");
    return std::nullopt;
  }
  std::vector<double> xs;
  if (pugi::xml_node xpts = XmileChild(gf, "xpts")) {
    std::optional<std::vector<double>> read = ReadPoints(xpts, owner);
    if (!read) return std::nullopt;
    xs = std::move(*read);
    if (xs.size() != ys->size()) {
      diagnostics_.Error(LocationOf(xpts), "graphical function '" + owner + "' has " +
                                               std::to_string(xs.size()) + " <xpts> but " +
                                               std::to_string(ys->size()) + " <ypts>");
      return std::nullopt;
    }
  } else if (pugi::xml_node xscale = XmileChild(gf, "xscale")) {
    const std::optional<double> min = ParseNumber(xscale.attribute("min").value());
    const std::optional<double> max = ParseNumber(xscale.attribute("max").value());
    if (!min || !max || (ys->size() > 1 && !(*max > *min))) {
      diagnostics_.Error(LocationOf(xscale),
                         "<xscale> of graphical function '" + owner + "' needs numbers min < max");
      return std::nullopt;
    }
    const std::size_t n = ys->size();
    for (std::size_t i = 0; i < n; ++i) {
      // The last point is max exactly, not an accumulated sum.
      xs.push_back(n == 1 ? *min
                          : *min + (*max - *min) * static_cast<double>(i) /
                                       static_cast<double>(n - 1));
    }
  } else {
    diagnostics_.Error(location,
                       "graphical function '" + owner + "' has neither <xpts> nor <xscale>");
    return std::nullopt;
  }
  for (std::size_t i = 1; i < xs.size(); ++i) {
    if (!(xs[i] > xs[i - 1])) {
      diagnostics_.Error(location, "the x values of graphical function '" + owner +
                                       "' must increase, but " + FormatNumber(xs[i]) + " follows " +
                                       FormatNumber(xs[i - 1]));
      return std::nullopt;
    }
  }
  for (std::size_t i = 0; i < xs.size(); ++i) result.points.emplace_back(xs[i], (*ys)[i]);
  return result;
}

// An element that is not closed where pugixml stops ("Start-end tags
// mismatch" at a later closing tag, or at the end of the file): the element
// still open there, innermost first, found by following the tags up to
// `stop` (comments, CDATA, declarations and quoted attribute values
// skipped). `closer` is the closing tag met instead ("" at the end).
struct UnclosedElement {
  std::size_t offset = 0;  // of its '<'
  std::string name;
  std::size_t closer_offset = 0;
  std::string closer;
};

std::optional<UnclosedElement> FindUnclosedElement(const std::string& text, std::size_t stop) {
  auto name_end = [&](std::size_t from) {
    std::size_t end = from;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
           text[end] != '>' && text[end] != '/')
      ++end;
    return end;
  };
  std::vector<std::pair<std::size_t, std::string>> open;
  std::size_t at = 0;
  while (at < text.size() && at <= stop) {
    at = text.find('<', at);
    if (at == std::string::npos) break;
    const char* skip_to = text.compare(at, 4, "<!--") == 0        ? "-->"
                          : text.compare(at, 9, "<![CDATA[") == 0 ? "]]>"
                          : text.compare(at, 2, "<?") == 0        ? "?>"
                          : text.compare(at, 2, "<!") == 0        ? ">"
                                                                  : nullptr;
    if (skip_to != nullptr) {
      const std::size_t end = text.find(skip_to, at);
      if (end == std::string::npos) return std::nullopt;
      at = end + std::strlen(skip_to);
      continue;
    }
    if (text.compare(at, 2, "</") == 0) {
      const std::size_t end = name_end(at + 2);
      std::string name = text.substr(at + 2, end - at - 2);
      if (open.empty()) return std::nullopt;
      if (open.back().second != name) {
        return UnclosedElement{open.back().first, open.back().second, at, std::move(name)};
      }
      open.pop_back();
      at = end;
      continue;
    }
    const std::size_t end = name_end(at + 1);
    std::string name = text.substr(at + 1, end - at - 1);
    // To the tag's '>', past quoted attribute values.
    std::size_t i = end;
    char quote = 0;
    for (; i < text.size(); ++i) {
      if (quote != 0) {
        if (text[i] == quote) quote = 0;
      } else if (text[i] == '"' || text[i] == '\'') {
        quote = text[i];
      } else if (text[i] == '>') {
        break;
      }
    }
    if (i >= text.size()) break;
    if (text[i - 1] != '/') open.emplace_back(at, std::move(name));
    at = i + 1;
  }
  if (open.empty()) return std::nullopt;
  return UnclosedElement{open.back().first, open.back().second, text.size(), ""};
}

std::optional<StockFlowModel> XmileReader::Read() {
  errors_before_ = diagnostics_.error_count();
  const std::string& text = source_.text();
  if (text.size() > limits_.max_file_bytes) {
    diagnostics_.Error({}, "file is too large (" + std::to_string(text.size()) +
                               " bytes; the limit is " + std::to_string(limits_.max_file_bytes) +
                               ")");
    return std::nullopt;
  }
  std::size_t bad_offset = 0;
  if (!IsValidUtf8(text, &bad_offset)) {
    diagnostics_.Error(source_.LocationOf(bad_offset), "invalid UTF-8");
    return std::nullopt;
  }
  // Text before the root element, which pugixml drops without a word.
  for (std::size_t at = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0; at < text.size();) {
    const char c = text[at];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++at;
      continue;
    }
    const char* close = text.compare(at, 2, "<?") == 0     ? "?>"
                        : text.compare(at, 4, "<!--") == 0 ? "-->"
                        : text.compare(at, 2, "<!") == 0   ? ">"
                                                           : nullptr;
    if (close != nullptr) {
      const std::size_t end = text.find(close, at);
      if (end == std::string::npos) break;  // the parser says what is wrong
      at = end + std::strlen(close);
      continue;
    }
    if (c != '<') {
      diagnostics_.Error(source_.LocationOf(at),
                         "text before the root element: an XMILE file starts with <xmile> "
                         "(after an optional <?xml ...?> declaration)");
      return std::nullopt;
    }
    break;
  }
  // XML 1.0 allows no C0 control character but tab, LF and CR; pugixml
  // reads on and reports a tag mismatch somewhere after a NUL.
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      static const char kDigits[] = "0123456789ABCDEF";
      diagnostics_.Error(source_.LocationOf(i), std::string("control character 0x") +
                                                    kDigits[c >> 4] + kDigits[c & 0xF] +
                                                    " is not allowed in XML");
      return std::nullopt;
    }
  }
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  const std::size_t stopped_at =
      static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0));
  if (parsed.status == pugi::status_end_element_mismatch) {
    if (std::optional<UnclosedElement> unclosed = FindUnclosedElement(text, stopped_at)) {
      const Location closer = source_.LocationOf(unclosed->closer_offset);
      diagnostics_.Error(
          source_.LocationOf(unclosed->offset), "<" + unclosed->name + "> is not closed",
          "add </" + unclosed->name + ">; " +
              (unclosed->closer.empty() ? std::string("the file ends first")
                                        : "</" + unclosed->closer + "> at line " +
                                              std::to_string(closer.line) + " comes first"));
      return std::nullopt;
    }
  }
  if (!parsed) {
    diagnostics_.Error(source_.LocationOf(stopped_at),
                       std::string("not well-formed XML: ") + parsed.description());
    return std::nullopt;
  }
  const pugi::xml_node root = document.document_element();
  // pugixml reads a fragment: text or a second element beside the root is
  // kept, not refused. A well-formed XMILE file has one root and nothing
  // but markup around it.
  for (pugi::xml_node child : document.children()) {
    if (child.type() == pugi::node_element && child != root) {
      diagnostics_.Error(LocationOf(child),
                         "a second root element <" + std::string(child.name()) +
                             ">: an XMILE file has one <xmile> element, with everything in it");
      return std::nullopt;
    }
    if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
        !Trim(child.value()).empty()) {
      diagnostics_.Error(LocationOf(child),
                         "text outside the root element: everything belongs inside <xmile>");
      return std::nullopt;
    }
  }
  for (pugi::xml_attribute attribute : root.attributes()) {
    const std::string_view name = attribute.name();
    if (name.substr(0, 6) != "xmlns:") continue;
    for (const char* uri : kXmileNamespaces) {
      if (Trim(attribute.value()) == uri) xmile_prefixes_.insert(std::string(name.substr(6)));
    }
  }
  if (XmileName(root) != "xmile") {
    diagnostics_.Error(LocationOf(root), "not an XMILE file: the root element is <" +
                                             std::string(root.name()) + ">, not <xmile>");
    return std::nullopt;
  }
  pugi::xml_node specs;
  std::vector<pugi::xml_node> models;
  for (pugi::xml_node child : root.children()) {
    const std::string_view name = XmileName(child);
    if (name == "sim_specs") {
      specs = child;
    } else if (name == "behavior") {
      ReadBehavior(child);
    } else if (name == "model") {
      models.push_back(child);
    } else if (name == "macro") {
      ReadMacro(child);
    }
  }
  if (models.empty()) {
    diagnostics_.Error(LocationOf(root), "the XMILE file has no <model>");
    return std::nullopt;
  }
  // The main model is the one without a name; named ones are submodels.
  pugi::xml_node model = models.front();
  for (pugi::xml_node candidate : models) {
    if (!candidate.attribute("name")) model = candidate;
  }
  for (pugi::xml_node candidate : models) {
    if (candidate == model) continue;
    diagnostics_.Error(LocationOf(candidate),
                       "modules are not supported: submodel '" +
                           DecodeXmileName(candidate.attribute("name").value()) + "'");
  }
  if (pugi::xml_node model_specs = XmileChild(model, "sim_specs")) specs = model_specs;
  std::optional<SimSpec> sim;
  if (!specs) {
    diagnostics_.Error(LocationOf(root), "the XMILE file has no <sim_specs>");
  } else {
    sim = ReadSimSpecs(specs);
  }
  ReadVariables(model, 0);
  // The builder runs even after an error, so that one import reports all the
  // problems it can find.
  StockFlowModel result = xmile::BuildStockFlowModel(std::move(variables_), sim.value_or(SimSpec{}),
                                                     LocationOf(model), macros_, diagnostics_);
  if (Failed()) return std::nullopt;
  return result;
}

}  // namespace

std::optional<StockFlowModel> ImportXmile(const SourceFile& source, Diagnostics& diagnostics,
                                          const XmileLimits& limits) {
  if (diagnostics.file().empty()) diagnostics.set_file(source.path());
  return XmileReader(source, diagnostics, limits).Read();
}

std::optional<StockFlowModel> ImportXmileFile(const std::string& path, Diagnostics& diagnostics,
                                              SourceFile* source_out, const XmileLimits& limits) {
  if (diagnostics.file().empty()) diagnostics.set_file(path);
  std::optional<std::string> text = ReadCappedFile(path, limits.max_file_bytes, diagnostics);
  if (!text) return std::nullopt;
  SourceFile source(path, std::move(*text));
  std::optional<StockFlowModel> model = ImportXmile(source, diagnostics, limits);
  if (source_out != nullptr) *source_out = std::move(source);
  return model;
}

bool IsXmilePath(const std::string& path) {
  const std::string lower = Lower(path);
  for (const char* extension : {".xmile", ".stmx", ".itmx"}) {
    const std::size_t length = std::strlen(extension);
    if (lower.size() > length && lower.compare(lower.size() - length, length, extension) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace sdlab
