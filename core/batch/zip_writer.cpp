// Zip (APPNOTE 6.3) with only what an archive of a few small files needs:
// local headers, stored data, a central directory and its end record.

#include "core/batch/zip_writer.h"

#include <array>
#include <cstdint>
#include <limits>

namespace sdlab {

namespace {

constexpr std::uint16_t kDosDate1980 = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
constexpr std::uint16_t kUtf8Names = 1 << 11;
constexpr std::uint16_t kMadeByUnix = (3 << 8) | 20;
constexpr std::uint16_t kVersionStored = 10;

void Put16(std::string* out, std::uint16_t value) {
  out->push_back(static_cast<char>(value & 0xff));
  out->push_back(static_cast<char>(value >> 8));
}

void Put32(std::string* out, std::uint32_t value) {
  Put16(out, static_cast<std::uint16_t>(value & 0xffff));
  Put16(out, static_cast<std::uint16_t>(value >> 16));
}

const std::array<std::uint32_t, 256>& CrcTable() {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> entries{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      entries[n] = c;
    }
    return entries;
  }();
  return table;
}

}  // namespace

unsigned long Crc32(const std::string& data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (char byte : data)
    crc = CrcTable()[(crc ^ static_cast<std::uint8_t>(byte)) & 0xff] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::string WriteZip(const std::vector<ZipEntry>& entries) {
  constexpr std::uint64_t kLimit = std::numeric_limits<std::uint32_t>::max();
  std::string archive, directory;
  for (const ZipEntry& entry : entries) {
    if (archive.size() + entry.data.size() + entry.name.size() + 64 > kLimit ||
        entry.name.size() > 0xffff || entries.size() > 0xffff) {
      return "";
    }
    const std::uint32_t crc = static_cast<std::uint32_t>(Crc32(entry.data));
    const std::uint32_t size = static_cast<std::uint32_t>(entry.data.size());
    const std::uint32_t offset = static_cast<std::uint32_t>(archive.size());
    const std::uint16_t name_length = static_cast<std::uint16_t>(entry.name.size());

    Put32(&archive, 0x04034b50);
    Put16(&archive, kVersionStored);
    Put16(&archive, kUtf8Names);
    Put16(&archive, 0);  // stored
    Put16(&archive, 0);  // 00:00:00
    Put16(&archive, kDosDate1980);
    Put32(&archive, crc);
    Put32(&archive, size);
    Put32(&archive, size);
    Put16(&archive, name_length);
    Put16(&archive, 0);  // no extra field
    archive += entry.name;
    archive += entry.data;

    const std::uint32_t mode = entry.executable ? 0100755 : 0100644;
    Put32(&directory, 0x02014b50);
    Put16(&directory, kMadeByUnix);
    Put16(&directory, kVersionStored);
    Put16(&directory, kUtf8Names);
    Put16(&directory, 0);
    Put16(&directory, 0);
    Put16(&directory, kDosDate1980);
    Put32(&directory, crc);
    Put32(&directory, size);
    Put32(&directory, size);
    Put16(&directory, name_length);
    Put16(&directory, 0);  // extra
    Put16(&directory, 0);  // comment
    Put16(&directory, 0);  // disk
    Put16(&directory, 0);  // internal attributes
    Put32(&directory, mode << 16);
    Put32(&directory, offset);
    directory += entry.name;
  }
  if (archive.size() + directory.size() + 22 > kLimit) return "";
  const std::uint32_t directory_offset = static_cast<std::uint32_t>(archive.size());
  archive += directory;
  Put32(&archive, 0x06054b50);
  Put16(&archive, 0);
  Put16(&archive, 0);
  Put16(&archive, static_cast<std::uint16_t>(entries.size()));
  Put16(&archive, static_cast<std::uint16_t>(entries.size()));
  Put32(&archive, static_cast<std::uint32_t>(directory.size()));
  Put32(&archive, directory_offset);
  Put16(&archive, 0);  // no comment
  return archive;
}

}  // namespace sdlab
