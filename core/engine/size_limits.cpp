#include "core/engine/size_limits.h"

#include <string>

namespace sdlab {

std::size_t ModelElementCount(const StockFlowModel& model) {
  return model.stocks.size() + model.flows.size() + model.auxiliaries.size() +
         model.constants.size() + model.lookups.size();
}

bool CheckModelSize(const StockFlowModel& model, Diagnostics& diagnostics,
                    std::size_t max_elements) {
  const std::size_t count = ModelElementCount(model);
  if (count <= max_elements) return true;
  diagnostics.Error(model.location, "the model has " + std::to_string(count) +
                                        " elements; at most " + std::to_string(max_elements) +
                                        " are allowed");
  return false;
}

bool CheckDiagramVariableCount(std::size_t variables, const Location& location,
                               Diagnostics& diagnostics, std::size_t max_variables) {
  if (variables <= max_variables) return true;
  diagnostics.Error(location, "the causal loop diagram has " + std::to_string(variables) +
                                  " variables; at most " + std::to_string(max_variables) +
                                  " are allowed");
  return false;
}

bool CheckDiagramSize(const CausalLoopDiagram& diagram, Diagnostics& diagnostics,
                      std::size_t max_variables, std::size_t max_links) {
  bool fits = CheckDiagramVariableCount(diagram.variables.size(), diagram.location, diagnostics,
                                        max_variables);
  if (diagram.links.size() > max_links) {
    diagnostics.Error(diagram.location,
                      "the causal loop diagram has " + std::to_string(diagram.links.size()) +
                          " links; at most " + std::to_string(max_links) + " are allowed");
    fits = false;
  }
  return fits;
}

bool CheckSubmissionSize(const Submission& submission, Diagnostics& diagnostics) {
  bool fits = true;
  if (submission.stock_flow.present) fits = CheckModelSize(submission.stock_flow, diagnostics);
  if (submission.causal_loop.present) {
    fits = CheckDiagramSize(submission.causal_loop, diagnostics) && fits;
  }
  return fits;
}

}  // namespace sdlab
