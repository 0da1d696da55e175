#include "teddy.h"

#include <algorithm>
#include <bit>
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
  __builtin_cpu_init();
  return __builtin_cpu_supports("ssse3");
#else
  return false;
#endif
}

bool Teddy::Avx2() {
#ifdef LOGSIG_TEDDY
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
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

std::vector<Teddy::Placement> Teddy::Build(const std::vector<std::vector<uint8_t>>& literals, bool wide) {
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
  wide_ = wide && Avx2();
  return placements;
}

#ifdef LOGSIG_TEDDY

namespace {

// The candidates of one step: a set bit of `mask` for each position (from `base`) where some bucket
// passed, `buckets` those buckets. The same for either step width, so no SIMD in it.
inline int Collect(uint32_t mask, const uint8_t* buckets, int base, uint32_t* out, int n) {
  for (; mask != 0; mask &= mask - 1) {
    const int k = std::countr_zero(mask);
    out[n++] = (static_cast<uint32_t>(base + k) << 8) | buckets[k];
  }
  return n;
}

// The buckets whose fingerprint byte J agrees with each of sixteen line bytes (SSSE3), or of
// thirty-two (AVX2: the shuffle works within each 16-byte half, so both halves hold the tables).
template <int Width>
__attribute__((target("ssse3"))) int Scan16(const uint8_t* text, int length, const uint8_t (*low)[16], const uint8_t (*high)[16],
                                            uint32_t* out) {
  const __m128i nibble = _mm_set1_epi8(0x0f);
  __m128i lows[Width], highs[Width];
  for (int j = 0; j < Width; j++) {
    lows[j] = _mm_load_si128(reinterpret_cast<const __m128i*>(low[j]));
    highs[j] = _mm_load_si128(reinterpret_cast<const __m128i*>(high[j]));
  }
  int n = 0;
  for (int i = 0; i < length; i += 16) {
    __m128i found = _mm_set1_epi8(-1);
    for (int j = 0; j < Width; j++) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i + j));
      found = _mm_and_si128(found, _mm_and_si128(_mm_shuffle_epi8(lows[j], _mm_and_si128(bytes, nibble)),
                                                 _mm_shuffle_epi8(highs[j], _mm_and_si128(_mm_srli_epi16(bytes, 4), nibble))));
    }
    const uint32_t mask = ~static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(found, _mm_setzero_si128()))) & 0xffffu;
    if (mask == 0) continue;
    alignas(16) uint8_t buckets[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(buckets), found);
    n = Collect(mask, buckets, i, out, n);
  }
  return n;
}

template <int Width>
__attribute__((target("avx2"))) int Scan32(const uint8_t* text, int length, const uint8_t (*low)[16], const uint8_t (*high)[16],
                                           uint32_t* out) {
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  __m256i lows[Width], highs[Width];
  for (int j = 0; j < Width; j++) {
    lows[j] = _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(low[j])));
    highs[j] = _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(high[j])));
  }
  int n = 0;
  for (int i = 0; i < length; i += 32) {
    __m256i found = _mm256_set1_epi8(-1);
    for (int j = 0; j < Width; j++) {
      const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text + i + j));
      found = _mm256_and_si256(found, _mm256_and_si256(_mm256_shuffle_epi8(lows[j], _mm256_and_si256(bytes, nibble)),
                                                       _mm256_shuffle_epi8(highs[j], _mm256_and_si256(_mm256_srli_epi16(bytes, 4), nibble))));
    }
    const uint32_t mask = ~static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(found, _mm256_setzero_si256())));
    if (mask == 0) continue;
    alignas(32) uint8_t buckets[32];
    _mm256_store_si256(reinterpret_cast<__m256i*>(buckets), found);
    n = Collect(mask, buckets, i, out, n);
  }
  return n;
}

}  // namespace

int Teddy::Scan(const uint8_t* text, int length, uint32_t* out) const {
  switch (width_ + (wide_ ? 8 : 0)) {
    case 2: return Scan16<2>(text, length, low_, high_, out);
    case 3: return Scan16<3>(text, length, low_, high_, out);
    case 4: return Scan16<4>(text, length, low_, high_, out);
    case 10: return Scan32<2>(text, length, low_, high_, out);
    case 11: return Scan32<3>(text, length, low_, high_, out);
    case 12: return Scan32<4>(text, length, low_, high_, out);
    default: return 0;
  }
}

#else

int Teddy::Scan(const uint8_t*, int, uint32_t*) const { return 0; }

#endif

}  // namespace logsig
