// The catalog's patterns as RE2 objects inside the addon, so that the prefilter's candidates are
// tested on the bytes the addon already holds: no call out to JavaScript, no UTF-8 encoding in
// JavaScript, none of the `re2` package's per-call bookkeeping (persistent handles to the last
// input, kept per regex), which on a matching line cost several times the test itself.
//
// The same RE2 the `re2` package bundles, compiled from its sources, with the pattern translated
// by the package's own code and the same options: `re2` still serves the match details (captures,
// spans) that are computed only when wanted, and both must agree on whether a line matches.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "piece_program.h"

namespace re2 {
class RE2;
}

namespace logsig {

class RegexBank {
 public:
  RegexBank();
  ~RegexBank();
  RegexBank(const RegexBank&) = delete;
  RegexBank& operator=(const RegexBank&) = delete;

  // Appends pattern number size(): `source` in JavaScript syntax as `new RE2(source, flags)` takes
  // it, `flags` JavaScript's (i, m, s; others ignored). An empty `source` with `skip` leaves the
  // slot without a regex (the caller tests that pattern itself).
  //
  // The RE2 itself is compiled the first time a line needs the whole regex (Test), not here: most
  // matches are confirmed by their split, so most patterns never need it, and compiling them all
  // was ~150 of the ~1,100 ms a 5,000-signature catalog took to build on a slow machine.
  void Add(const std::string& source, const std::string& flags, bool skip);

  size_t size() const { return patterns_.size(); }
  // Whether the pattern was given a regex (not skipped). RE2 may still refuse it when it is
  // compiled (Compiled says; Test then answers kUntested).
  bool Has(size_t pattern) const { return pattern < patterns_.size() && !patterns_[pattern].skip; }
  // Whether the pattern has a regex here, compiling it now if no line has needed it yet.
  bool Compiled(size_t pattern) const { return Has(pattern) && Regex(pattern) != nullptr; }
  // Where route `route`'s split starts in the arena, or kNoSplit: what Test and PrefetchBlock take.
  // A caller keeps it beside the route, so that confirming a found literal does not read this
  // table (one more cache line, and one more wait before the block itself can be fetched).
  static constexpr uint32_t kNoSplit = 0xffffffffu;
  uint32_t SplitBlock(size_t route) const { return route < split_at_.size() ? split_at_[route] : kNoSplit; }

  // Starts loading a split block (its first two cache lines), ahead of Test.
  void PrefetchBlock(uint32_t block) const {
    if (block == kNoSplit) return;
    const uint64_t* at = arena_.data() + block;
    __builtin_prefetch(at);
    __builtin_prefetch(at + 8);
  }

  // Gives route `route` (a literal leading to a pattern: the caller numbers them) the pattern split
  // around that literal (src/match/split.ts): `literal` is ASCII, compared without case under `i`;
  // `prefix` and `suffix` are JavaScript syntax, empty for none. False (and no split) when RE2
  // cannot parse a piece. A piece gets a program (piece_program.h) or, failing that, an RE2 of its own.
  bool Split(size_t route, const std::string& literal, const std::string& prefix, const std::string& suffix,
             const std::string& flags);

  enum class Answer { kMatch, kNoMatch, kUntested };

  // Whether pattern `pattern` (Has() must be true) matches anywhere in `text`, UTF-8. `literal_at`
  // is where the prefilter found the literal of route `route` (whose split is `block`,
  // SplitBlock(route)) in an ASCII `text`, or -1: with a split, a match through that occurrence is
  // found from there, and only otherwise does the whole regex run (a later occurrence, or another
  // literal, might still complete a match). kUntested when the whole regex was needed and RE2
  // refuses it: the caller tests the pattern itself.
  Answer Test(size_t pattern, size_t route, uint32_t block, const char* text, size_t size, long literal_at) const;

 private:
  struct Re2Pieces;
  bool SplitMatches(size_t route, uint32_t block, const char* text, size_t size, size_t at) const;
  // The pattern's RE2, compiled on first call; null when RE2 refuses it.
  const re2::RE2* Regex(size_t pattern) const;

  struct Pattern {
    std::string source, flags;
    bool skip = false;
    mutable bool tried = false;  // whether Regex has compiled it (successfully or not)
    mutable std::unique_ptr<re2::RE2> regex;
  };
  std::vector<Pattern> patterns_;
  // Every split's literal and piece programs, one block a route, end to end (see regex_bank.cc):
  // confirming a found literal reads one or two cache lines of it.
  std::vector<uint64_t> arena_;
  std::vector<uint32_t> split_at_;  // by route: where its block starts in arena_, or kNoSplit
  PieceProgram::ClassTable classes_;  // every piece program's classes (piece_program.h)
  std::vector<std::unique_ptr<Re2Pieces>> re2_pieces_;  // by route: pieces without a program
};

}  // namespace logsig
