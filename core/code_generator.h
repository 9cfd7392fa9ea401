#pragma once
// Lowers resolved equation ASTs to bytecode (core/bytecode.h). Stateful
// builtin calls read their instance's internal slots; everything else is
// computed on the stack.

#include <unordered_map>

#include "core/model_impl.h"

namespace sdlab {

/// Fills `node.code` and `node.offsets`: the code computes `node.expr` and
/// stores it in `node.slot`. `stateful_by_call` maps each stateful call node
/// to its instance in `model.statefuls`.
void GenerateNodeCode(ModelImpl& model,
                      const std::unordered_map<const Expr*, int>& stateful_by_call, CodeNode& node);

/// Index of `value` in the model's constant pool (added when missing).
int ConstantIndex(ModelImpl& model, double value);

}  // namespace sdlab
