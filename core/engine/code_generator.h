#pragma once
// Lowers resolved equation ASTs to three-address bytecode (core/engine/bytecode.h).
// Stateful builtin calls read their instance's internal slots.

#include <unordered_map>

#include "core/engine/model_internal.h"

namespace sdlab {

/// Generates every node's code (each node computes `node.expr` into
/// `node.slot`), then places the temporaries after the model's slots and
/// sets `model.constant_base`. `stateful_by_call` maps each stateful call
/// node to its instance in `model.statefuls`.
void GenerateCode(ModelImpl& model, const std::unordered_map<const Expr*, int>& stateful_by_call);

/// Index of `value` in the model's constant pool (added when missing).
int ConstantIndex(ModelImpl& model, double value);

}  // namespace sdlab
