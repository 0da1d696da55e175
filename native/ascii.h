// ASCII case, as RE2 folds it on ASCII text: shared by the split check and the piece programs.
// And whether a run of bytes is ASCII at all.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace logsig {

// Whether none of the `length` bytes at `bytes` has its high bit set. A matching line asks this
// once (is the copied line its own UTF-8?): sixteen bytes a step, the last step overlapping the
// one before instead of a byte-at-a-time tail (counted with cachegrind: the loop of eight-byte
// words and its tail were ~80 instructions and two mispredicted loop exits of a matching line).
inline bool AllAscii(const uint8_t* bytes, size_t length) {
#if defined(__SSE2__)
  if (length >= 16) {
    __m128i high = _mm_setzero_si128();
    for (size_t i = 0; i + 16 <= length; i += 16) high = _mm_or_si128(high, _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i)));
    high = _mm_or_si128(high, _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + length - 16)));
    return _mm_movemask_epi8(high) == 0;
  }
#endif
  uint64_t high = 0;
  if (length >= 8) {
    uint64_t word;
    for (size_t i = 0; i + 8 <= length; i += 8) {
      std::memcpy(&word, bytes + i, sizeof word);
      high |= word;
    }
    std::memcpy(&word, bytes + length - 8, sizeof word);
    high |= word;
  } else {
    for (size_t i = 0; i < length; i++) high |= bytes[i];
  }
  return (high & 0x8080808080808080ull) == 0;
}

inline unsigned char AsciiLower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

// A letter's other case; any other byte is its own.
inline unsigned char AsciiOtherCase(unsigned char c) {
  if (c >= 'a' && c <= 'z') return c - ('a' - 'A');
  return AsciiLower(c);
}

}  // namespace logsig
