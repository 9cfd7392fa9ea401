#pragma once
// The second half of the XMILE import (core/load/xmile_import.h): the variables
// read from the file become a StockFlowModel. Stocks are joined to their flows
// (an aux a stock lists becomes a flow, as Vensim's export writes them; a flow
// into two stocks gets a copy for the second), each stock's outflows keep
// XMILE's priority order, graphical functions become lookups, non-negative
// flows become MAX(0, eqn), and every equation is translated
// (core/load/xmile_equation.h).

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/load/submission.h"
#include "core/load/xmile_equation.h"

namespace sdlab::xmile {

/// An element of the XMILE file as it was read.
enum class VariableKind { kStock, kFlow, kAux, kGf };

/// "stock", "flow", "aux" or "graphical function", for messages.
const char* KindName(VariableKind kind);

/// A `<gf>`: its points with x values spelled out.
struct GraphicalFunction {
  LookupType type = LookupType::kContinuous;
  std::vector<std::pair<double, double>> points;
};

/// A stock's `<inflow>` or `<outflow>`: the flow's name and where it is written.
struct NameReference {
  std::string name;
  Location location;
};

/// A `<stock>`, `<flow>`, `<aux>` or `<gf>` read from the file.
struct Variable {
  VariableKind kind = VariableKind::kAux;
  VariableKind written_as = VariableKind::kAux;  // before an aux became a flow
  std::string name;
  std::string normalized;
  Location location;
  std::optional<LocatedText> equation;
  std::vector<NameReference> inflows;  // stocks only
  std::vector<NameReference> outflows;
  bool non_negative = false;
  std::optional<GraphicalFunction> gf;
  std::string units;
  std::string doc;
  // Filled when stocks are connected to their flows.
  std::string copy_of;  // a flow's copy for a second stock: the original's normalized name
  std::string from;
  Location from_location;
  std::string to;
  Location to_location;
};

/// Builds the model from `variables` (in file order). Reports duplicate
/// names, inflows and outflows that name nothing or something other than a
/// flow, missing equations, equation errors and calls of `macros` (normalized
/// names); the result is meaningful only when no error was added.
StockFlowModel BuildStockFlowModel(std::vector<Variable> variables, const SimSpec& sim,
                                   Location model_location, const std::set<std::string>& macros,
                                   Diagnostics& diagnostics);

}  // namespace sdlab::xmile
