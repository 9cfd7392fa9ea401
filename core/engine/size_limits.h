#pragma once
// How large a submission sdlab analyses: the stock-and-flow model's
// elements and the causal loop diagram's variables and links. Every command
// applies these right after loading (core/engine/file_run.h,
// core/loops/submission_analysis.h), before compiling, searching for loops,
// grading or drawing, so that an inflated file is refused in the same words
// by each of them instead of costing seconds. docs/robustness.md ("Size limits").

#include <cstddef>

#include "core/diagnostic.h"
#include "core/load/submission.h"

namespace sdlab {

/// Far above any lab's answer (the largest has a few dozen elements), far
/// below what makes grading slow.
inline constexpr std::size_t kMaxModelElements = 10000;
inline constexpr std::size_t kMaxCldVariables = 10000;
inline constexpr std::size_t kMaxCldLinks = 10000;

/// Elements of every kind in the model (stocks, flows, auxiliaries,
/// constants, lookups).
std::size_t ModelElementCount(const StockFlowModel& model);

/// Adds an error located at the `stock_flow:` section when the model has
/// more than `max_elements` elements ("the model has 30000 elements; at most
/// 10000 are allowed", the compiler's words). Returns false when it did.
bool CheckModelSize(const StockFlowModel& model, Diagnostics& diagnostics,
                    std::size_t max_elements = kMaxModelElements);

/// Adds an error located at the `causal_loop:` section when the diagram
/// declares more than `max_variables` variables or has more than
/// `max_links` links. Returns false when it did.
bool CheckDiagramSize(const CausalLoopDiagram& diagram, Diagnostics& diagnostics,
                      std::size_t max_variables = kMaxCldVariables,
                      std::size_t max_links = kMaxCldLinks);

/// The same for the variables a diagram has once the names its links use
/// are counted too (core/loops/causal_graph.h): located at `location`.
bool CheckDiagramVariableCount(std::size_t variables, const Location& location,
                               Diagnostics& diagnostics,
                               std::size_t max_variables = kMaxCldVariables);

/// Both checks on a loaded submission. Returns false when either failed.
bool CheckSubmissionSize(const Submission& submission, Diagnostics& diagnostics);

}  // namespace sdlab
