// A split pattern's prefix or suffix (src/match/split.ts) as a small backtracking program over an
// ASCII line, run from the literal the prefilter found: forward from its end for the suffix,
// backward from its start for the prefix.
//
// Why not RE2 for these pieces: a signature's RE2 is cold whenever matching lines cycle through a
// large catalog, and a cold RE2 costs a cache miss for nearly everything it touches (the object,
// its program, its DFA, the DFA's start state, one state per byte walked). A piece program is one
// small block: its instructions and its strings; its classes (128-bit maps) sit in one table that
// every program shares, and which stays warm.
//
// Why it stays linear: a run stops after a step budget proportional to the line's length and
// reports "don't know"; the caller then runs RE2, which is linear by construction. The program only
// ever answers "there is a match through this occurrence" when it has found one, so it is sound
// whatever it gives up on.
//
// It is built from RE2's own parse of the piece (same translation, same options as the RE2 it
// stands in for), so classes, case folding, `.`, `^`, `$` and `\b` mean exactly what they mean to
// RE2 on ASCII text. A piece it cannot express exactly (a non-ASCII literal under case folding,
// too many instructions) gets no program and keeps its RE2.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace re2 {
class Regexp;
}

namespace logsig {

// Built once per piece, then flattened (AppendTo) into the caller's arena next to the rest of its
// signature's data, and run from there: a cold signature then costs one or two cache lines here.
class PieceProgram {
 public:
  enum class Outcome { kMatch, kNoMatch, kGaveUp };

  // What a run of a class does on an ASCII line (Class::stop), when not told by a byte.
  static constexpr int16_t kTestEachByte = -2;  // the class leaves out two bytes or more
  static constexpr int16_t kRunsToEnd = -1;     // the class leaves out none

  // A class of the pattern (`\d`, `[A-Z]`, `.`): one bit per ASCII byte.
  struct Class {
    uint64_t bits[2];
    // Set when the class is interned (ClassTable): the one ASCII byte it leaves out (`.`: `\n`),
    // at which a run of it ends, found by memchr; or kRunsToEnd, or kTestEachByte.
    int16_t stop = kTestEachByte;
  };

  // Every program's classes, in one table that all programs share. A catalog's patterns use few
  // distinct classes between them (`\d`, `\w`, `.`, `[A-Z]`: 19 in the shipped catalog, 4 in the
  // synthetic ones), so the table stays in the nearest caches; a copy in each signature's block
  // was one more cold cache line on most matching lines (counted with cachegrind: ~1.5 last-level
  // misses a matching line were the piece programs', nearly all on their classes).
  class ClassTable {
   public:
    // The class's index in the table, added if new; -1 once the table is full (an index must fit
    // an instruction's 16-bit argument).
    int Intern(const Class& c);
    const Class* data() const { return classes_.data(); }

   private:
    std::vector<Class> classes_;
    std::map<std::pair<uint64_t, uint64_t>, int> index_;
  };

  // The program for `regexp`, read left to right (a suffix) or right to left (`reverse`, a
  // prefix). False when the piece cannot be expressed (the program is then left empty).
  bool Build(re2::Regexp* regexp, bool reverse);

  bool empty() const { return code_.empty(); }

  // Appends the flat program to `arena`, its classes to `classes`; Run takes a pointer to where
  // the program starts, and the table. False, and nothing appended, when the table is full.
  bool AppendTo(std::vector<uint64_t>& arena, ClassTable& classes) const;

  // Whether the flat program matches `text` (ASCII, `size` bytes) starting at `at` (for a reverse
  // program: ending at `at`), with the whole line as the context of its assertions. `classes`:
  // the table the program was appended with.
  static Outcome Run(const uint64_t* program, const Class* classes, const char* text, size_t size, size_t at);

 private:
  // Eight bytes, so that a short piece is a cache line or two.
  struct Inst {
    uint8_t op;
    uint8_t byte;   // kByte: the byte; kString: its length; kRun: the least count; kClasses: the count;
                    // kAssert: the assertion
    uint8_t other;  // kByte: the byte's other case (the same byte when case does not matter); kString: fold;
                    // kRun: the byte that must follow it, when alt says there is one (HintRuns)
    uint8_t pad;    // kRun: that byte's other case
    int16_t arg;  // kClass, kRun, kClasses: the class (this program's; the shared table's once appended);
                  // kString: where its bytes start; kSplit, kJump: the next instruction
    int16_t alt;  // kSplit: the second choice; kRun: 1 when other and pad hold the byte that follows
  };
  template <bool reverse>
  static Outcome RunIn(const Inst* code, const Class* classes, const uint8_t* bytes, const char* line, size_t size, size_t at);
  static bool SingleByte(re2::Regexp* re, Class& out);
  int Emit(const Inst& inst);
  bool Compile(re2::Regexp* re, int depth);
  bool CompileRepeat(re2::Regexp* body, int min, int max, int depth);

  int AddClass(const Class& c);
  void HintRuns();

  bool reverse_ = false;
  std::vector<Inst> code_;
  std::vector<Class> classes_;
  std::vector<uint8_t> bytes_;  // kString's bytes, in the line's order
};

}  // namespace logsig
