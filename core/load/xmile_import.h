#pragma once
// Reads a system-dynamics model written in XMILE 1.0 (`.xmile`, Stella's
// `.stmx`, the older systemdynamics.org dialect) into the same StockFlowModel
// a submission's `stock_flow` section becomes, so that CompileModel and
// Simulate run it unchanged.
//
// What is read: sim_specs (start, stop, dt with `reciprocal`, method,
// time_units, a model-level override), `<behavior>` defaults, stocks (initial
// eqn, inflows, outflows, non_negative), flows (non_negative flows keep their
// XMILE meaning as MAX(0, eqn)), auxiliaries, graphical functions (standalone
// `<gf>`, or inside an aux or flow, which then applies it to its equation),
// names with spaces, line breaks and special characters. Equations are
// translated only where XMILE's syntax differs from ours (xmile_equation.h).
// Vendor elements (`isee:...`) are ignored; the `isee:` prefix need not be
// declared (the XML is read without namespace processing).
//
// Not supported, each reported as a located error naming the element: arrays
// (dimensions, subscripts), modules and submodels, macros, conveyors, queues
// and leaks. Auxiliaries listed as a stock's inflow or outflow become flows
// (Vensim's XMILE export writes flows that way).

#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "core/load/submission.h"

namespace sdlab {

struct XmileLimits {
  std::size_t max_file_bytes = 16u << 20;
  std::size_t max_variables = 10000;
  std::size_t max_graph_points = 100000;
};

/// Imports the XMILE text of `source`. Reports every problem it finds with
/// its file line:col; returns nullopt when there were errors. The result has
/// `present == true` and element locations pointing into `source`.
std::optional<StockFlowModel> ImportXmile(const SourceFile& source, Diagnostics& diagnostics,
                                          const XmileLimits& limits = {});

/// Reads `path` (at most `limits.max_file_bytes`) and imports it. When
/// `source_out` is given it receives the file's text, to quote lines in
/// diagnostics. A file that cannot be read is an error without a location.
std::optional<StockFlowModel> ImportXmileFile(const std::string& path, Diagnostics& diagnostics,
                                              SourceFile* source_out = nullptr,
                                              const XmileLimits& limits = {});

/// True when `path` ends in `.xmile`, `.stmx` or `.itmx` (any case): a file
/// `sdlab` should read as XMILE rather than as a YAML submission.
bool IsXmilePath(const std::string& path);

}  // namespace sdlab
