#pragma once
// The compiled model's insides, shared by the compiler (model_compiler.cpp,
// code_generator.cpp), the simulator and the analysis entry points. Not part
// of the public API: code outside the engine uses core/engine/model.h.
//
// Slots: one double per model variable (index = variable index: stocks,
// flows, auxiliaries, constants, lookups), then internal slots (hidden
// arguments of stateful builtins, internal stocks, INIT/PREVIOUS values).
// State vector: the model's stocks, then the internal stocks.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/engine/bytecode.h"
#include "core/engine/model.h"
#include "core/equation/equation_ast.h"

namespace sdlab {

/// How a stateful builtin is lowered.
enum class StatefulKind {
  kSmooth,         // SMTH1/3/N: a cascade of first-order stocks
  kMaterialDelay,  // DELAY1/3/N: a cascade of material stocks
  kPipelineDelay,  // DELAY: a ring buffer of n = round(time/dt) steps
  kTrend,          // TREND: one averaging stock
  kInitialValue,   // INIT: a slot set once
  kPreviousValue,  // PREVIOUS: a slot updated after each step
};

/// One call of a stateful builtin in some equation.
struct StatefulInstance {
  StatefulKind kind = StatefulKind::kSmooth;
  BuiltinId builtin = -1;
  const Expr* call = nullptr;
  int owner = -1;        // the variable whose equation holds the call
  int order = 1;         // number of internal stocks (SMTH3: 3)
  int first_state = -1;  // state index of the first internal stock (-1: none)
  int first_slot = -1;   // its slot; the others follow
  // Slots of the arguments' values (a variable's own slot, or a hidden node's).
  int input_slot = -1;
  int time_slot = -1;
  int initial_slot = -1;  // -1: defaults to the input's initial value
  int value_slot = -1;    // INIT, PREVIOUS: the output
  int pipeline = -1;      // DELAY: index into the run's pipelines
};

enum class NodeKind {
  kVariable,        // a flow's or auxiliary's equation
  kStockInitial,    // a stock's initial value (start of the run only)
  kHiddenArgument,  // an argument of a stateful builtin, stored in an internal slot
  kStatefulInit,    // sets a stateful builtin's state (start of the run only)
};

/// A unit of evaluation: code that computes one value and stores it.
struct CodeNode {
  NodeKind kind = NodeKind::kVariable;
  int variable = -1;  // the model variable it belongs to (owner of the equation)
  int slot = -1;      // where the value goes
  const Expr* expr = nullptr;
  int stateful = -1;  // kStatefulInit: the instance
  bool init_only = false;
  std::vector<Instruction> code;       // ends with kStore(slot); empty for kStatefulInit
  std::vector<std::uint32_t> offsets;  // per instruction: byte offset in the owner's equation
};

class ModelImpl {
 public:
  SimSpec sim;
  Location model_location;
  std::vector<ModelVariable> variables;
  std::vector<ExprPtr> asts;                 // owns every ModelVariable::equation
  std::vector<EquationText> equation_texts;  // per variable (empty for constants, lookups)
  std::unordered_map<std::string, int> index_by_name;  // normalized name -> index

  int stock_count = 0;
  int flow_count = 0;
  std::vector<double> constant_values;  // per variable; constants only
  std::vector<bool> non_negative;       // per stock
  std::vector<double> stock_max;        // per stock; NaN = no capacity
  std::vector<LookupTable> lookups;     // per lookup variable, in order
  std::vector<int> lookup_index;        // per variable: index into lookups or -1

  int slot_count = 0;
  int state_count = 0;           // stocks + internal stocks
  std::vector<int> state_slots;  // per state index: its slot
  int pipeline_count = 0;        // DELAY pipelines
  std::vector<StatefulInstance> statefuls;
  std::vector<CodeNode> nodes;
  std::vector<int> run_order;   // nodes evaluated at every stage
  std::vector<int> init_order;  // nodes evaluated once at the start, in order
  /// Slot of constant_pool[0]; the pool (and a run's override values)
  /// follow the model's slots and temporaries.
  int constant_base = 0;
  std::vector<double> constant_pool;
  std::unordered_map<std::uint64_t, int> constant_pool_index;  // by the value's bits
  /// Constants that fix the structure (SMTHN's order): not overridable.
  std::vector<int> structural_constants;
};

/// Evaluates a resolved expression from the AST, every variable's value
/// taken from `values[variable]`. Stateful builtins give their input's value
/// (TREND gives 0): the equilibrium view that EvaluateWith promises.
/// Division by zero follows IEEE (inf or NaN); nothing is reported.
double EvaluateExpr(const ModelImpl& model, const Expr& expr, const double* values,
                    const TimeContext& time);

/// An expression of constants, evaluated with the model's constant values.
double EvaluateConstantExpr(const ModelImpl& model, const Expr& expr);

/// Shortest text that reads back as the same double ("0.1", "1e-07", "12").
std::string FormatDouble(double value);

}  // namespace sdlab
