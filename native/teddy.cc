#include "teddy.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cstdint>
#include <cstring>
#include <numeric>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define LOGSIG_TEDDY 1
#include <immintrin.h>
#endif

namespace logsig {

bool Teddy::Supported() {
#ifdef LOGSIG_TEDDY
  return __builtin_cpu_supports("ssse3");
#else
  return false;
#endif
}

namespace {

// How common a byte is in log lines, roughly: to choose fingerprints that few line positions
// share. Unlike English text, logs are full of digits (timestamps, ids, ports) and punctuation.
double Commonness(uint8_t c) {
  if (c == ' ') return 12;
  if (c >= '0' && c <= '9') return 11;
  static const char kLetters[] = "etaoinsrhldcumfpgwybvkxjqz";
  for (int rank = 0; kLetters[rank] != 0; rank++) {
    if (c == static_cast<uint8_t>(kLetters[rank])) return 10 - rank * 0.35;
  }
  for (const char* p = ".:,-_/=[]()\"'"; *p != 0; p++) {
    if (c == static_cast<uint8_t>(*p)) return 9;
  }
  return 1;
}

// A bucket's tables as sets of nibbles per fingerprint byte: how many byte strings they pass.
struct Nibbles {
  uint16_t low[Teddy::kMaxWidth] = {};
  uint16_t high[Teddy::kMaxWidth] = {};

  void Add(const uint8_t* print, int width) {
    for (int j = 0; j < width; j++) {
      low[j] |= uint16_t(1u << (print[j] & 15));
      high[j] |= uint16_t(1u << (print[j] >> 4));
      // Either case of a letter: the upper case differs in bit 5, a high-nibble bit.
      if (print[j] >= 'a' && print[j] <= 'z') high[j] |= uint16_t(1u << ((print[j] ^ 0x20) >> 4));
    }
  }

  double Passes(int width) const {
    double passes = 1;
    for (int j = 0; j < width; j++) passes *= std::popcount(low[j]) * std::popcount(high[j]);
    return passes;
  }
};

}  // namespace

std::vector<Teddy::Placement> Teddy::Build(const std::vector<std::vector<uint8_t>>& literals) {
  width_ = 0;
  std::memset(low_, 0, sizeof low_);
  std::memset(high_, 0, sizeof high_);
  if (!Supported() || literals.empty() || literals.size() > kMaxLiterals) return {};
  size_t shortest = SIZE_MAX;
  for (const auto& literal : literals) {
    shortest = std::min(shortest, literal.size());
    for (uint8_t byte : literal) {
      if (byte >= 0x80 || (byte >= 'A' && byte <= 'Z')) return {};
    }
  }
  if (shortest < 2) return {};
  const int width = static_cast<int>(std::min<size_t>(shortest, kMaxWidth));
  std::vector<Placement> placements(literals.size());
  for (size_t i = 0; i < literals.size(); i++) {
    double best = 1e300;
    for (size_t at = 0; at + width <= literals[i].size(); at++) {
      double cost = 0;
      for (int j = 0; j < width; j++) cost += Commonness(literals[i][at + j]);
      if (cost < best) {
        best = cost;
        placements[i].offset = static_cast<int>(at);
      }
    }
  }
  // Each fingerprint to the bucket whose tables it widens least: a bucket passes every mix of its
  // fingerprints' nibbles, so "503" and "404" together also pass "403" and "504". Sorted first, so
  // that alike fingerprints meet while buckets are still empty.
  auto print = [&](size_t i) { return literals[i].data() + placements[i].offset; };
  std::vector<size_t> order(literals.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::lexicographical_compare(print(a), print(a) + width, print(b), print(b) + width);
  });
  Nibbles buckets[kBuckets];
  bool used[kBuckets] = {};
  for (size_t i : order) {
    int chosen = 0;
    double least = 1e300;
    for (int b = 0; b < kBuckets; b++) {
      Nibbles widened = buckets[b];
      widened.Add(print(i), width);
      const double growth = widened.Passes(width) - (used[b] ? buckets[b].Passes(width) : 0);
      if (growth < least) {
        least = growth;
        chosen = b;
      }
    }
    buckets[chosen].Add(print(i), width);
    used[chosen] = true;
    placements[i].bucket = chosen;
  }
  for (int b = 0; b < kBuckets; b++) {
    for (int j = 0; j < width; j++) {
      for (int n = 0; n < 16; n++) {
        if (buckets[b].low[j] >> n & 1) low_[j][n] |= uint8_t(1u << b);
        if (buckets[b].high[j] >> n & 1) high_[j][n] |= uint8_t(1u << b);
      }
    }
  }
  width_ = width;
  return placements;
}

#ifdef LOGSIG_TEDDY

namespace {

// The buckets whose fingerprint byte j agrees with each of sixteen line bytes.
__attribute__((target("ssse3"))) inline __m128i Lookup(__m128i bytes, const uint8_t* low, const uint8_t* high) {
  const __m128i nibble = _mm_set1_epi8(0x0f);
  const __m128i lo = _mm_shuffle_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(low)), _mm_and_si128(bytes, nibble));
  const __m128i hi = _mm_shuffle_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(high)),
                                      _mm_and_si128(_mm_srli_epi16(bytes, 4), nibble));
  return _mm_and_si128(lo, hi);
}

// Sixteen candidate positions from `at` (line position `base`): reads at[0 .. 16 + width - 1).
__attribute__((target("ssse3"))) inline int Step(const uint8_t* at, int base, int width, const uint8_t (*low)[16],
                                                 const uint8_t (*high)[16], uint32_t* out, int n) {
  __m128i found = Lookup(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), low[0], high[0]);
  for (int j = 1; j < width; j++) {
    found = _mm_and_si128(found, Lookup(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at + j)), low[j], high[j]));
  }
  unsigned mask = ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(found, _mm_setzero_si128()))) & 0xffffu;
  if (mask == 0) return n;
  alignas(16) uint8_t buckets[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(buckets), found);
  while (mask != 0) {
    const int k = __builtin_ctz(mask);
    mask &= mask - 1;
    out[n++] = (static_cast<uint32_t>(base + k) << 8) | buckets[k];
  }
  return n;
}

}  // namespace

__attribute__((target("ssse3"))) int Teddy::Scan(const uint8_t* text, int length, uint32_t* out) const {
  int n = 0;
  int i = 0;
  for (; i + 16 + kMaxWidth - 1 <= length; i += 16) n = Step(text + i, i, width_, low_, high_, out, n);
  if (i < length) {
    // The last (up to 18) positions, from a copy with zeros after the line: no read past its end.
    // A candidate that reaches into the zeros fails the caller's bounds check.
    alignas(16) uint8_t tail[48] = {};
    const int rest = length - i;
    std::memcpy(tail, text + i, static_cast<size_t>(rest));
    n = Step(tail, i, width_, low_, high_, out, n);
    if (rest > 16) n = Step(tail + 16, i + 16, width_, low_, high_, out, n);
  }
  return n;
}

#else

int Teddy::Scan(const uint8_t*, int, uint32_t*) const { return 0; }

#endif

}  // namespace logsig
