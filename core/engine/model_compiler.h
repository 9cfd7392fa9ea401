#pragma once
// Compiling a validated StockFlowModel (core/load/submission.h) into a Model
// (core/engine/model.h): equations parsed, names resolved to slots,
// auxiliaries and flows ordered, everything lowered to bytecode
// (core/engine/code_generator.h).

#include <cstddef>
#include <optional>

#include "core/diagnostic.h"
#include "core/engine/model.h"
#include "core/engine/size_limits.h"
#include "core/load/submission.h"

namespace sdlab {

struct CompileLimits {
  std::size_t max_variables = kMaxModelElements;
};

/// Parses every equation, resolves names, orders auxiliaries and flows and
/// lowers everything to bytecode. Errors are located inside the equation
/// text (file line:col). A cycle without a stock is an error naming it
/// ("latency → processing → latency"). Returns nullopt on any error.
std::optional<Model> CompileModel(const StockFlowModel& model, Diagnostics& diagnostics,
                                  const CompileLimits& limits = {});

}  // namespace sdlab
