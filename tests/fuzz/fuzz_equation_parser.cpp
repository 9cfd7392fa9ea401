// libFuzzer target: one equation through the hand-written parser
// (core/equation/equation_parser.h). A rejected equation must come with a
// message and an offset inside (or just past) the text.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/equation/equation_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view equation(reinterpret_cast<const char*>(data), size);
  sdlab::ParseError error;
  sdlab::ExprPtr tree = sdlab::ParseEquation(equation, &error);
  // The contract the loader relies on to place a caret: an error has a
  // message and an offset no further than one past the end.
  if (!tree && (error.message.empty() || error.offset > size)) std::abort();
  return 0;
}
