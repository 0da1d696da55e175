// The short literals' scan, sixteen or thirty-two line positions a step: the "Teddy" scheme of
// Hyperscan's literal matcher (also run by the Rust regex crate). Literals too short for the gram
// probe's stride ("erofs", " 503 ", "emfile", "not found": real catalogs have a few dozen) were
// probed two characters at a time by the pair loop, whose keys are common letter pairs: on the
// Loghub lines the shipped catalog's pair loop made 31 probes and 4 hits a line, each hit a lookup
// and a check. The pair loop still serves two-byte lines and machines without the instructions.
//
// Each literal brings a fingerprint (its least common run of `width` bytes, up to four, as many as
// the shortest literal has) and goes to one of eight buckets. For each fingerprint byte j, two
// 16-byte tables say which buckets have a byte with that low nibble, and which with that high
// nibble, at j; one SSSE3 shuffle looks up sixteen line bytes in a table at once (thirty-two with
// AVX2, where the CPU has it). A line position where every byte of some bucket's fingerprint
// agrees in both nibbles is a candidate for that bucket's literals, which the caller then checks
// exactly.
//
// Case: fingerprints are folded to lower case, and an ASCII letter's two cases differ only in bit
// 5, which is in the high nibble: a letter sets its high-nibble bit for both, so either case of the
// line's letter passes and nothing else does. No byte of a one-byte (Latin-1) line folds onto an
// ASCII letter, so the scan is exact for such lines; two-byte lines keep the pair loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace logsig {

class Teddy {
 public:
  static constexpr int kBuckets = 8;
  static constexpr int kMaxWidth = 4;
  // Past this many literals the eight buckets' tables pass so many line positions by chance that
  // the pair loop does better (the shipped catalog's 26 short literals: 0.2 candidates a Loghub
  // line; a catalog's 67: 2.6).
  static constexpr size_t kMaxLiterals = 32;

  // Whether this CPU and build can run the scan (x86-64 with SSSE3; elsewhere the pair loop runs).
  static bool Supported();
  // Whether it can take thirty-two positions a step (AVX2).
  static bool Avx2();

  // Where a literal's fingerprint starts in it, and its bucket.
  struct Placement {
    int offset;
    int bucket;
  };

  // Tables for these literals (ASCII, folded to lower case, at least two characters each); one
  // placement a literal, or none (and the scan stays off) when they cannot be served. `wide`:
  // thirty-two positions a step where the CPU has AVX2 (else sixteen).
  std::vector<Placement> Build(const std::vector<std::vector<uint8_t>>& literals, bool wide);

  bool ready() const { return width_ > 0; }
  // Line positions a step: 32 or 16.
  int step() const { return wide_ ? 32 : 16; }

  // Bytes the scan may read past a line's end (32 positions a step, fingerprints of up to four):
  // the caller's buffer has them, whatever they hold.
  static constexpr size_t kPadding = 32 + kMaxWidth;

  // Where, in `text` (`length` bytes, under 2^24 - 64, then kPadding more readable ones), a
  // fingerprint may start: each candidate written to `out` as (position << 8) | the buckets whose
  // fingerprint agrees there, in position order; returns how many. `out` needs room for `length` + 32 entries. A
  // candidate whose fingerprint runs past the line's end (into bytes of no line) is not a place
  // where a whole literal can stand: the caller's bounds check turns it away.
  int Scan(const uint8_t* text, int length, uint32_t* out) const;

 private:
  int width_ = 0;
  bool wide_ = false;  // AVX2: thirty-two positions a step
  alignas(16) uint8_t low_[kMaxWidth][16] = {};
  alignas(16) uint8_t high_[kMaxWidth][16] = {};
};

}  // namespace logsig
