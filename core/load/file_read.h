#pragma once
// Reading a whole input file with a size cap, for the loaders whose messages
// say "file is too large (more than N bytes)" (expected output, XMILE).

#include <cstddef>
#include <optional>
#include <string>

#include "core/diagnostic.h"

namespace sdlab {

/// The bytes of the file at `path`, read in chunks so that a file (or a pipe)
/// larger than `max_bytes` is refused without being read whole. On failure
/// reports "cannot read 'PATH': reason" or "file is too large (more than N
/// bytes)" to `diagnostics`, without a location, and returns nullopt.
std::optional<std::string> ReadCappedFile(const std::string& path, std::size_t max_bytes,
                                          Diagnostics& diagnostics);

}  // namespace sdlab
