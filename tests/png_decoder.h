#pragma once
// A minimal PNG decoder for tests that look at screenshots: 8-bit RGB or
// RGBA, not interlaced (what Chromium writes), with a small inflate after
// Mark Adler's puff.c. Not for untrusted input beyond tests; it checks
// bounds so a bad file fails the test instead of crashing it.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace sdlab::testing {

struct DecodedImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint32_t> pixels;  // 0xRRGGBB, row by row (alpha dropped)
};

namespace png_internal {

class Inflater {
 public:
  Inflater(const std::uint8_t* data, std::size_t size, std::vector<std::uint8_t>* out)
      : data_(data), size_(size), out_(out) {}

  bool Run() {
    int last = 0;
    do {
      last = Bits(1);
      const int type = Bits(2);
      if (failed_) return false;
      bool ok = type == 0 ? Stored() : type == 1 ? Fixed() : type == 2 ? Dynamic() : false;
      if (!ok || failed_) return false;
    } while (!last);
    return true;
  }

 private:
  struct Huffman {
    std::vector<short> count, symbol;
  };

  int Bits(int need) {
    long value = bit_buffer_;
    while (bit_count_ < need) {
      if (position_ >= size_) {
        failed_ = true;
        return 0;
      }
      value |= static_cast<long>(data_[position_++]) << bit_count_;
      bit_count_ += 8;
    }
    bit_buffer_ = value >> need;
    bit_count_ -= need;
    return static_cast<int>(value & ((1L << need) - 1));
  }

  bool Stored() {
    bit_buffer_ = 0;
    bit_count_ = 0;
    if (position_ + 4 > size_) return false;
    const unsigned length = data_[position_] | (data_[position_ + 1] << 8);
    const unsigned complement = data_[position_ + 2] | (data_[position_ + 3] << 8);
    position_ += 4;
    if (length != (~complement & 0xffffu) || position_ + length > size_) return false;
    out_->insert(out_->end(), data_ + position_, data_ + position_ + length);
    position_ += length;
    return true;
  }

  int Decode(const Huffman& huffman) {
    int code = 0, first = 0, index = 0;
    for (int length = 1; length <= 15; ++length) {
      code |= Bits(1);
      if (failed_) return -1;
      const int count = huffman.count[length];
      if (code - count < first) return huffman.symbol[index + (code - first)];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    return -1;
  }

  static int Build(Huffman* huffman, const short* lengths, int n) {
    huffman->count.assign(16, 0);
    huffman->symbol.assign(n, 0);
    for (int i = 0; i < n; ++i) ++huffman->count[lengths[i]];
    if (huffman->count[0] == n) return 0;
    int left = 1;
    for (int length = 1; length <= 15; ++length) {
      left = (left << 1) - huffman->count[length];
      if (left < 0) return left;
    }
    short offsets[16] = {0};
    for (int length = 1; length < 15; ++length) {
      offsets[length + 1] = static_cast<short>(offsets[length] + huffman->count[length]);
    }
    for (int symbol = 0; symbol < n; ++symbol) {
      if (lengths[symbol] != 0)
        huffman->symbol[offsets[lengths[symbol]]++] = static_cast<short>(symbol);
    }
    return left;
  }

  bool Codes(const Huffman& lengths, const Huffman& distances) {
    static const short kLengthBase[] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                        15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                        67, 83, 99, 115, 131, 163, 195, 227, 258};
    static const short kLengthExtra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                         2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    static const short kDistanceBase[] = {
        1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
        193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    static const short kDistanceExtra[] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                           6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
    for (;;) {
      int symbol = Decode(lengths);
      if (symbol < 0) return false;
      if (symbol < 256) {
        out_->push_back(static_cast<std::uint8_t>(symbol));
      } else if (symbol == 256) {
        return true;
      } else {
        symbol -= 257;
        if (symbol >= 29) return false;
        const int length = kLengthBase[symbol] + Bits(kLengthExtra[symbol]);
        const int distance_symbol = Decode(distances);
        if (distance_symbol < 0 || distance_symbol >= 30) return false;
        const std::size_t distance =
            kDistanceBase[distance_symbol] + Bits(kDistanceExtra[distance_symbol]);
        if (failed_ || distance > out_->size()) return false;
        for (int i = 0; i < length; ++i) out_->push_back((*out_)[out_->size() - distance]);
      }
    }
  }

  bool Fixed() {
    short lengths[288 + 30];
    for (int i = 0; i < 144; ++i) lengths[i] = 8;
    for (int i = 144; i < 256; ++i) lengths[i] = 9;
    for (int i = 256; i < 280; ++i) lengths[i] = 7;
    for (int i = 280; i < 288; ++i) lengths[i] = 8;
    for (int i = 0; i < 30; ++i) lengths[288 + i] = 5;
    Huffman length_code, distance_code;
    Build(&length_code, lengths, 288);
    Build(&distance_code, lengths + 288, 30);
    return Codes(length_code, distance_code);
  }

  bool Dynamic() {
    static const short kOrder[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                     11, 4,  12, 3, 13, 2, 14, 1, 15};
    const int literal_count = Bits(5) + 257, distance_count = Bits(5) + 1, code_count = Bits(4) + 4;
    if (failed_ || literal_count > 286 || distance_count > 30) return false;
    short lengths[320] = {0};
    for (int i = 0; i < code_count; ++i) lengths[kOrder[i]] = static_cast<short>(Bits(3));
    Huffman code_lengths;
    if (Build(&code_lengths, lengths, 19) != 0) return false;
    int index = 0;
    while (index < literal_count + distance_count) {
      int symbol = Decode(code_lengths);
      if (symbol < 0) return false;
      if (symbol < 16) {
        lengths[index++] = static_cast<short>(symbol);
        continue;
      }
      short repeat_length = 0;
      int repeat = 0;
      if (symbol == 16) {
        if (index == 0) return false;
        repeat_length = lengths[index - 1];
        repeat = 3 + Bits(2);
      } else if (symbol == 17) {
        repeat = 3 + Bits(3);
      } else {
        repeat = 11 + Bits(7);
      }
      if (index + repeat > literal_count + distance_count) return false;
      while (repeat-- > 0) lengths[index++] = repeat_length;
    }
    if (lengths[256] == 0) return false;
    Huffman length_code, distance_code;
    const int length_left = Build(&length_code, lengths, literal_count);
    if (length_left < 0 || (length_left > 0 && literal_count - length_code.count[0] != 1)) {
      return false;
    }
    const int distance_left = Build(&distance_code, lengths + literal_count, distance_count);
    if (distance_left < 0 || (distance_left > 0 && distance_count - distance_code.count[0] != 1)) {
      return false;
    }
    return Codes(length_code, distance_code);
  }

  const std::uint8_t* data_;
  std::size_t size_;
  std::vector<std::uint8_t>* out_;
  std::size_t position_ = 0;
  long bit_buffer_ = 0;
  int bit_count_ = 0;
  bool failed_ = false;
};

inline std::uint32_t BigEndian32(const std::string& bytes, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[at + 3]));
}

}  // namespace png_internal

/// Decodes `bytes`; on failure returns false and says why in `error`.
inline bool DecodePng(const std::string& bytes, DecodedImage* image, std::string* error) {
  using png_internal::BigEndian32;
  if (bytes.size() < 8 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) {
    *error = "not a PNG file";
    return false;
  }
  int bit_depth = 0, color_type = 0, interlace = 0;
  std::vector<std::uint8_t> compressed;
  std::size_t at = 8;
  while (at + 8 <= bytes.size()) {
    const std::uint32_t length = BigEndian32(bytes, at);
    const std::string type = bytes.substr(at + 4, 4);
    if (at + 12 + length > bytes.size()) {
      *error = "truncated chunk " + type;
      return false;
    }
    const std::size_t data = at + 8;
    if (type == "IHDR") {
      image->width = static_cast<int>(BigEndian32(bytes, data));
      image->height = static_cast<int>(BigEndian32(bytes, data + 4));
      bit_depth = static_cast<std::uint8_t>(bytes[data + 8]);
      color_type = static_cast<std::uint8_t>(bytes[data + 9]);
      interlace = static_cast<std::uint8_t>(bytes[data + 12]);
    } else if (type == "IDAT") {
      compressed.insert(compressed.end(), bytes.begin() + data, bytes.begin() + data + length);
    } else if (type == "IEND") {
      break;
    }
    at += 12 + length;
  }
  if (bit_depth != 8 || (color_type != 2 && color_type != 6) || interlace != 0 ||
      image->width <= 0 || image->height <= 0 || image->width > 20000 || image->height > 20000) {
    *error = "unsupported PNG: depth " + std::to_string(bit_depth) + ", colour type " +
             std::to_string(color_type) + ", interlace " + std::to_string(interlace);
    return false;
  }
  if (compressed.size() < 2) {
    *error = "no image data";
    return false;
  }
  std::vector<std::uint8_t> raw;
  png_internal::Inflater inflater(compressed.data() + 2, compressed.size() - 2,
                                  &raw);  // zlib header
  if (!inflater.Run()) {
    *error = "bad compressed data";
    return false;
  }
  const std::size_t channels = color_type == 6 ? 4 : 3;
  const std::size_t stride = static_cast<std::size_t>(image->width) * channels;
  if (raw.size() < (stride + 1) * static_cast<std::size_t>(image->height)) {
    *error = "image data too short";
    return false;
  }
  std::vector<std::uint8_t> previous(stride, 0), row(stride);
  image->pixels.clear();
  image->pixels.reserve(static_cast<std::size_t>(image->width) * image->height);
  for (int y = 0; y < image->height; ++y) {
    const std::uint8_t* line = raw.data() + static_cast<std::size_t>(y) * (stride + 1);
    const int filter = line[0];
    for (std::size_t i = 0; i < stride; ++i) {
      const int a = i >= channels ? row[i - channels] : 0;
      const int b = previous[i];
      const int c = i >= channels ? previous[i - channels] : 0;
      int predictor = 0;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) / 2;
          break;
        case 4: {
          const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          predictor = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
          break;
        }
        default:
          *error = "bad filter type " + std::to_string(filter);
          return false;
      }
      row[i] = static_cast<std::uint8_t>(line[1 + i] + predictor);
    }
    for (int x = 0; x < image->width; ++x) {
      const std::uint8_t* pixel = row.data() + static_cast<std::size_t>(x) * channels;
      image->pixels.push_back((static_cast<std::uint32_t>(pixel[0]) << 16) |
                              (static_cast<std::uint32_t>(pixel[1]) << 8) | pixel[2]);
    }
    previous.swap(row);
  }
  return true;
}

}  // namespace sdlab::testing
