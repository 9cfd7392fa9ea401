#include "core/load/file_read.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace sdlab {

std::optional<std::string> ReadCappedFile(const std::string& path, std::size_t max_bytes,
                                          Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.Error({}, "cannot read '" + path + "': " + std::strerror(errno));
    return std::nullopt;
  }
  std::string text;
  std::vector<char> buffer(1 << 16);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      diagnostics.Error({},
                        "file is too large (more than " + std::to_string(max_bytes) + " bytes)");
      return std::nullopt;
    }
  }
  return text;
}

}  // namespace sdlab
