#include "piece_program.h"

#include "ascii.h"

#include <re2/regexp.h>

#include <bit>
#include <cstring>

namespace logsig {

namespace {

// kString: several bytes at once (a literal run of the pattern). kRun: as many bytes of a class as
// there are, at least `byte` of them, giving them back one at a time on backtracking (one open
// choice for the whole run, however long: `.*`, `\\d+`). kClasses: exactly `byte` bytes of a class,
// one step (`\\d{5}`, `[A-Z]{3}`: counted with cachegrind, such repeats were most of a matching
// line's interpreter steps when one step a byte).
enum Op : uint8_t { kByte, kString, kClass, kRun, kAssert, kSplit, kJump, kFail, kMatch, kClasses };

// The flat program's first word: how many instructions follow, and the direction.
struct Header {
  uint16_t instructions;
  uint8_t reverse;
  uint8_t pad[5];
};
static_assert(sizeof(Header) == 8, "a header is one word");


// Past these a piece keeps its RE2: a program this size is no longer small, and the compiler's
// recursion stays shallow.
constexpr size_t kMaxInstructions = 256;
constexpr size_t kMaxBytes = 4096;
constexpr int kMaxDepth = 32;
// Choices a run may hold open at once; more and it gives up (RE2 then answers).
constexpr int kMaxChoices = 128;

inline bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

// RE2's empty-width assertions at the boundary before text[at], in the whole line's context.
bool Holds(re2::RegexpOp assertion, const unsigned char* text, size_t size, size_t at) {
  switch (assertion) {
    case re2::kRegexpBeginLine:
      return at == 0 || text[at - 1] == '\n';
    case re2::kRegexpEndLine:
      return at == size || text[at] == '\n';
    case re2::kRegexpBeginText:
      return at == 0;
    case re2::kRegexpEndText:
      return at == size;
    case re2::kRegexpWordBoundary:
    case re2::kRegexpNoWordBoundary: {
      const bool before = at > 0 && IsWordByte(text[at - 1]);
      const bool after = at < size && IsWordByte(text[at]);
      return (before != after) == (assertion == re2::kRegexpWordBoundary);
    }
    default:
      return false;
  }
}

}  // namespace

int PieceProgram::Emit(const Inst& inst) {
  code_.push_back(inst);
  return static_cast<int>(code_.size()) - 1;
}

bool PieceProgram::Build(re2::Regexp* regexp, bool reverse) {
  reverse_ = reverse;
  code_.clear();
  classes_.clear();
  bytes_.clear();
  if (regexp == nullptr || !Compile(regexp, 0) || code_.size() >= kMaxInstructions || bytes_.size() > kMaxBytes) {
    code_.clear();
    classes_.clear();
    bytes_.clear();
    return false;
  }
  Emit(Inst{kMatch, 0, 0, 0, 0, 0});
  HintRuns();
  return true;
}

// A run followed (past any assertions) by a fixed byte, a string or a single byte, learns that
// byte: giving bytes back, it can skip every end the byte cannot follow instead of trying the rest
// of the program at each. `.*` before a word (`.*\bauth id=\d+`) otherwise costs a trip through
// the interpreter for every byte between the word and the line's end: ~70 ns of a matching line.
void PieceProgram::HintRuns() {
  for (size_t i = 0; i < code_.size(); i++) {
    Inst& run = code_[i];
    if (run.op != kRun) continue;
    size_t next = i + 1;
    while (next < code_.size() && code_[next].op == kAssert) next++;
    if (next >= code_.size()) continue;
    const Inst& then = code_[next];
    if (then.op == kByte) {
      run.other = then.byte;
      run.pad = then.other;
      run.alt = 1;
    } else if (then.op == kString && then.byte > 0) {
      // A reverse program reads the string from its end.
      const uint8_t byte = bytes_[then.arg + (reverse_ ? then.byte - 1 : 0)];
      run.other = byte;
      run.pad = then.other != 0 ? AsciiOtherCase(byte) : byte;
      run.alt = 1;
    }
  }
}

int PieceProgram::AddClass(const Class& c) {
  classes_.push_back(c);
  return static_cast<int>(classes_.size()) - 1;
}

int PieceProgram::ClassTable::Intern(const Class& c) {
  const auto [entry, added] = index_.try_emplace({c.bits[0], c.bits[1]}, static_cast<int>(classes_.size()));
  if (!added) return entry->second;
  if (classes_.size() > INT16_MAX) {
    index_.erase(entry);
    return -1;
  }
  // A class holding every ASCII byte but one at most (`.`, `[^\n]`, `[^q]`, `[\s\S]`): on an ASCII
  // line a run of it ends at that byte (or the line's end), which memchr finds many bytes a step;
  // testing every byte against the class cost ~7 instructions a byte, and `.*` runs to the end.
  Class interned = c;
  const uint64_t low = ~c.bits[0], high = ~c.bits[1];
  if ((low == 0 || high == 0) && (low & (low - 1)) == 0 && (high & (high - 1)) == 0) {
    interned.stop = static_cast<int16_t>(low != 0 ? std::countr_zero(low) : high != 0 ? 64 + std::countr_zero(high) : kRunsToEnd);
  } else {
    interned.stop = kTestEachByte;
  }
  classes_.push_back(interned);
  return entry->second;
}

// [header][instructions, one word each][string bytes, padded to a word]; the classes go to the
// shared table, and the instructions name them there.
bool PieceProgram::AppendTo(std::vector<uint64_t>& arena, ClassTable& classes) const {
  std::vector<int> shared(classes_.size());
  for (size_t i = 0; i < classes_.size(); i++) {
    if ((shared[i] = classes.Intern(classes_[i])) < 0) return false;
  }
  std::vector<Inst> code = code_;
  for (Inst& inst : code) {
    if (inst.op == kClass || inst.op == kRun || inst.op == kClasses) inst.arg = static_cast<int16_t>(shared[inst.arg]);
  }
  const size_t at = arena.size();
  const size_t words = 1 + code.size() + (bytes_.size() + 7) / 8;
  arena.resize(at + words, 0);
  uint64_t* out = arena.data() + at;
  const Header header{static_cast<uint16_t>(code.size()), reverse_, {0, 0, 0, 0, 0}};
  std::memcpy(out, &header, sizeof header);
  std::memcpy(out + 1, code.data(), code.size() * sizeof(Inst));
  if (!bytes_.empty()) std::memcpy(out + 1 + code.size(), bytes_.data(), bytes_.size());
  return true;
}

bool PieceProgram::Compile(re2::Regexp* re, int depth) {
  if (depth > kMaxDepth || code_.size() >= kMaxInstructions) return false;
  const bool fold = (re->parse_flags() & re2::Regexp::FoldCase) != 0;
  // One rune as a byte instruction. A rune past ASCII never occurs in an ASCII line, unless case
  // folding could map it onto ASCII (the Kelvin sign onto k): that piece keeps its RE2.
  auto rune = [&](re2::Rune r) {
    if (r >= 0x80) {
      if (fold) return false;
      Emit(Inst{kFail, 0, 0, 0, 0, 0});
      return true;
    }
    const uint8_t byte = static_cast<uint8_t>(r);
    Emit(Inst{kByte, byte, fold ? AsciiOtherCase(byte) : byte, 0, 0, 0});
    return true;
  };
  auto any = [&]() { Emit(Inst{kClass, 0, 0, 0, static_cast<int16_t>(AddClass(Class{{~uint64_t{0}, ~uint64_t{0}}})), 0}); };
  switch (re->op()) {
    case re2::kRegexpNoMatch:
      Emit(Inst{kFail, 0, 0, 0, 0, 0});
      return true;
    case re2::kRegexpEmptyMatch:
      return true;
    case re2::kRegexpLiteral:
      return rune(re->rune());
    case re2::kRegexpLiteralString: {
      const int n = re->nrunes();
      bool ascii = n <= 255;
      for (int i = 0; i < n && ascii; i++) ascii = re->runes()[i] < 0x80;
      if (!ascii) {
        for (int i = 0; i < n; i++) {
          if (!rune(re->runes()[reverse_ ? n - 1 - i : i])) return false;
        }
        return true;
      }
      // Kept in the line's order (a reverse program compares it ending where it stands); folded
      // to lower case when case does not matter.
      const int at = static_cast<int>(bytes_.size());
      for (int i = 0; i < n; i++) bytes_.push_back(fold ? AsciiLower(static_cast<unsigned char>(re->runes()[i])) : static_cast<uint8_t>(re->runes()[i]));
      if (bytes_.size() > kMaxBytes) return false;
      Emit(Inst{kString, static_cast<uint8_t>(n), static_cast<uint8_t>(fold), 0, static_cast<int16_t>(at), 0});
      return true;
    }
    case re2::kRegexpConcat: {
      const int n = re->nsub();
      for (int i = 0; i < n; i++) {
        if (!Compile(re->sub()[reverse_ ? n - 1 - i : i], depth + 1)) return false;
      }
      return true;
    }
    case re2::kRegexpAlternate: {
      // split(a, next) a jump(end) next: split(b, next') b jump(end) ... last
      std::vector<int> jumps;
      const int n = re->nsub();
      for (int i = 0; i + 1 < n; i++) {
        const int split = Emit(Inst{kSplit, 0, 0, 0, 0, 0});
        code_[split].arg = static_cast<int16_t>(split + 1);
        if (!Compile(re->sub()[i], depth + 1)) return false;
        jumps.push_back(Emit(Inst{kJump, 0, 0, 0, 0, 0}));
        code_[split].alt = static_cast<int16_t>(code_.size());
      }
      if (!Compile(re->sub()[n - 1], depth + 1)) return false;
      for (int jump : jumps) code_[jump].arg = static_cast<int16_t>(code_.size());
      return true;
    }
    case re2::kRegexpStar:
      return CompileRepeat(re->sub()[0], 0, -1, depth);
    case re2::kRegexpPlus:
      return CompileRepeat(re->sub()[0], 1, -1, depth);
    case re2::kRegexpQuest:
      return CompileRepeat(re->sub()[0], 0, 1, depth);
    case re2::kRegexpRepeat:
      return CompileRepeat(re->sub()[0], re->min(), re->max(), depth);
    case re2::kRegexpCapture:
      return Compile(re->sub()[0], depth + 1);
    case re2::kRegexpAnyChar:
    case re2::kRegexpAnyByte:
      any();
      return true;
    case re2::kRegexpBeginLine:
    case re2::kRegexpEndLine:
    case re2::kRegexpWordBoundary:
    case re2::kRegexpNoWordBoundary:
    case re2::kRegexpBeginText:
    case re2::kRegexpEndText:
      Emit(Inst{kAssert, static_cast<uint8_t>(re->op()), 0, 0, 0, 0});
      return true;
    case re2::kRegexpCharClass: {
      Class c{{0, 0}};
      for (re2::Rune r = 0; r < 0x80; r++) {
        if (re->cc()->Contains(r)) c.bits[r >> 6] |= uint64_t{1} << (r & 63);
      }
      Emit(Inst{kClass, 0, 0, 0, static_cast<int16_t>(AddClass(c)), 0});
      return true;
    }
    default:
      return false;
  }
}

// Whether `re` matches exactly one byte of an ASCII line, and which: its class.
bool PieceProgram::SingleByte(re2::Regexp* re, Class& out) {
  out = Class{{0, 0}};
  auto add = [&](re2::Rune r) { out.bits[r >> 6] |= uint64_t{1} << (r & 63); };
  switch (re->op()) {
    case re2::kRegexpLiteral: {
      const re2::Rune r = re->rune();
      const bool fold = (re->parse_flags() & re2::Regexp::FoldCase) != 0;
      if (r >= 0x80) return !fold;  // never in an ASCII line, unless folding maps it onto ASCII
      add(r);
      if (fold) add(AsciiOtherCase(static_cast<unsigned char>(r)));
      return true;
    }
    case re2::kRegexpCharClass:
      for (re2::Rune r = 0; r < 0x80; r++) {
        if (re->cc()->Contains(r)) add(r);
      }
      return true;
    case re2::kRegexpAnyChar:
    case re2::kRegexpAnyByte:
      out = Class{{~uint64_t{0}, ~uint64_t{0}}};
      return true;
    default:
      return false;
  }
}

// body{min,max} (max -1: no limit) as min copies, then either a loop or max - min optional copies.
bool PieceProgram::CompileRepeat(re2::Regexp* body, int min, int max, int depth) {
  Class single;
  if (max < 0 && min < 256 && SingleByte(body, single)) {
    Emit(Inst{kRun, static_cast<uint8_t>(min), 0, 0, static_cast<int16_t>(AddClass(single)), 0});
    return true;
  }
  if (max == min && min >= 2 && min < 256 && SingleByte(body, single)) {
    Emit(Inst{kClasses, static_cast<uint8_t>(min), 0, 0, static_cast<int16_t>(AddClass(single)), 0});
    return true;
  }
  for (int i = 0; i < min; i++) {
    if (!Compile(body, depth + 1)) return false;
  }
  if (max < 0) {
    const int split = Emit(Inst{kSplit, 0, 0, 0, 0, 0});
    code_[split].arg = static_cast<int16_t>(split + 1);
    if (!Compile(body, depth + 1)) return false;
    Emit(Inst{kJump, 0, 0, 0, static_cast<int16_t>(split), 0});
    code_[split].alt = static_cast<int16_t>(code_.size());
    return true;
  }
  std::vector<int> splits;
  for (int i = min; i < max; i++) {
    const int split = Emit(Inst{kSplit, 0, 0, 0, 0, 0});
    code_[split].arg = static_cast<int16_t>(split + 1);
    splits.push_back(split);
    if (!Compile(body, depth + 1)) return false;
  }
  // Skipping one optional copy skips the rest.
  for (int split : splits) code_[split].alt = static_cast<int16_t>(code_.size());
  return true;
}

namespace {

// The first `byte` in text[from, to), or `to`.
size_t First(const unsigned char* text, size_t from, size_t to, unsigned char byte) {
  const void* hit = from < to ? std::memchr(text + from, byte, to - from) : nullptr;
  return hit == nullptr ? to : static_cast<size_t>(static_cast<const unsigned char*>(hit) - text);
}

// Whether text[from, to) holds `byte`, and if so `at` is the last one's index.
bool Last(const unsigned char* text, size_t from, size_t to, unsigned char byte, size_t& at) {
#if defined(__GLIBC__)
  const void* hit = from < to ? memrchr(text + from, byte, to - from) : nullptr;
  if (hit == nullptr) return false;
  at = static_cast<size_t>(static_cast<const unsigned char*>(hit) - text);
  return true;
#else
  for (size_t i = to; i > from; i--) {
    if (text[i - 1] == byte) {
      at = i - 1;
      return true;
    }
  }
  return false;
#endif
}

// A reverse run that stops at `byte`: where it ends, just after the last `byte` in text[from, to), or `from`.
size_t AfterLast(const unsigned char* text, size_t from, size_t to, unsigned char byte) {
  size_t at;
  return Last(text, from, to, byte, at) ? at + 1 : from;
}

// Giving back bytes of a forward run, from `pos` down to `last` at the earliest, until it ends
// right before `byte`: the last `byte` in text(last, pos], or `last`.
size_t AtLast(const unsigned char* text, size_t last, size_t pos, unsigned char byte) {
  size_t at;
  return Last(text, last + 1, pos + 1, byte, at) ? at : last;
}

// The same for a reverse run, from `pos` up to `last`, until it starts right after `byte`: one past
// the first `byte` in text[pos - 1, last - 1), or `last`.
size_t BeforeFirst(const unsigned char* text, size_t pos, size_t last, unsigned char byte) {
  const size_t at = First(text, pos - 1, last - 1, byte);
  return at == last - 1 ? last : at + 1;
}

}  // namespace

PieceProgram::Outcome PieceProgram::Run(const uint64_t* program, const Class* classes, const char* line, size_t size, size_t at) {
  Header header;
  std::memcpy(&header, program, sizeof header);
  const Inst* code = reinterpret_cast<const Inst*>(program + 1);
  const uint8_t* bytes = reinterpret_cast<const uint8_t*>(program + 1 + header.instructions);
  return header.reverse != 0 ? RunIn<true>(code, classes, bytes, line, size, at) : RunIn<false>(code, classes, bytes, line, size, at);
}

// The interpreter, one copy a direction: the direction is then known where the code is compiled,
// not tested at every step and every byte (counted with cachegrind on the 10%-matching mix at
// N = 1,000: ~315 → ~280 instructions a matching line in the piece programs).
template <bool reverse>
PieceProgram::Outcome PieceProgram::RunIn(const Inst* code, const Class* classes, const uint8_t* bytes, const char* line, size_t size,
                                          size_t at) {
  // Where to resume: at `pc` from `pos`; for a run, `pos` is where the run now ends and `last`
  // where it may end at the earliest (its minimum), each backtrack giving back one byte.
  struct Choice {
    int32_t pc;
    bool run;
    size_t pos;
    size_t last;
  };
  Choice choices[kMaxChoices];
  int open = 0;
  const unsigned char* text = reinterpret_cast<const unsigned char*>(line);
  // Each step is one instruction; a run over this many has stopped being cheap, and RE2 (linear in
  // the line whatever the pattern) takes over.
  size_t budget = 64 + 4 * size;
  int32_t pc = 0;
  size_t pos = at;
  for (;;) {
    if (budget-- == 0) return Outcome::kGaveUp;
    const Inst& inst = code[pc];
    bool ok;
    switch (inst.op) {
      case kMatch:
        return Outcome::kMatch;
      case kByte:
      case kClass: {
        if (reverse ? pos == 0 : pos >= size) {
          ok = false;
          break;
        }
        const unsigned char c = text[reverse ? pos - 1 : pos];
        ok = inst.op == kByte ? c == inst.byte || c == inst.other
                              : c < 0x80 && (classes[inst.arg].bits[c >> 6] >> (c & 63) & 1) != 0;
        if (ok) pos = reverse ? pos - 1 : pos + 1;
        break;
      }
      case kRun: {
        const Class& c = classes[inst.arg];
        auto in = [&](unsigned char b) { return b < 0x80 && (c.bits[b >> 6] >> (b & 63) & 1) != 0; };
        const size_t from = pos;
        if (c.stop != kTestEachByte) {
          // The one byte the class leaves out, found by a search (ClassTable::Intern says why).
          const bool to_end = c.stop == kRunsToEnd;
          const auto stop = static_cast<unsigned char>(c.stop);
          pos = reverse ? (to_end ? 0 : AfterLast(text, 0, pos, stop)) : (to_end ? size : First(text, pos, size, stop));
        } else if (reverse) {
          while (pos > 0 && in(text[pos - 1])) pos--;
        } else {
          while (pos < size && in(text[pos])) pos++;
        }
        const size_t taken = reverse ? from - pos : pos - from;
        // The scan is a step a byte too: a long run spends the budget like any other work.
        budget = taken > budget ? 0 : budget - taken;
        ok = taken >= inst.byte;
        if (!ok) break;
        const size_t last = reverse ? from - inst.byte : from + inst.byte;
        if (pos != last) {
          if (open == kMaxChoices) return Outcome::kGaveUp;
          choices[open++] = Choice{pc + 1, true, pos, last};
        }
        break;
      }
      case kClasses: {
        const size_t count = inst.byte;
        if (reverse ? pos < count : size - pos < count) {
          ok = false;
          break;
        }
        const Class& c = classes[inst.arg];
        const unsigned char* from = text + (reverse ? pos - count : pos);
        ok = true;
        for (size_t i = 0; i < count && ok; i++) ok = from[i] < 0x80 && (c.bits[from[i] >> 6] >> (from[i] & 63) & 1) != 0;
        if (ok) pos = reverse ? pos - count : pos + count;
        // Each byte is a step of the budget, as it was one instruction a byte.
        budget = count > budget ? 0 : budget - count;
        break;
      }
      case kString: {
        const size_t length = inst.byte;
        if (reverse ? pos < length : size - pos < length) {
          ok = false;
          break;
        }
        const unsigned char* from = text + (reverse ? pos - length : pos);
        const uint8_t* want = bytes + inst.arg;
        ok = true;
        if (inst.other != 0) {
          for (size_t i = 0; i < length && ok; i++) ok = AsciiLower(from[i]) == want[i];
        } else {
          ok = std::memcmp(from, want, length) == 0;
        }
        if (ok) pos = reverse ? pos - length : pos + length;
        break;
      }
      case kAssert:
        ok = Holds(static_cast<re2::RegexpOp>(inst.byte), text, size, pos);
        break;
      case kSplit:
        if (open == kMaxChoices) return Outcome::kGaveUp;
        choices[open++] = Choice{inst.alt, false, pos, 0};
        pc = inst.arg;
        continue;
      case kJump:
        pc = inst.arg;
        continue;
      default:
        ok = false;
        break;
    }
    if (ok) {
      pc++;
      continue;
    }
    if (open == 0) return Outcome::kNoMatch;
    Choice& choice = choices[open - 1];
    pc = choice.pc;
    if (choice.run) {
      // Give back one byte; the choice stays open until the run is down to its minimum. With a
      // hint (HintRuns), give back as many as it takes to end right before that byte.
      const Inst& run = code[choice.pc - 1];
      choice.pos = reverse ? choice.pos + 1 : choice.pos - 1;
      if (run.alt != 0) {
        const size_t from = choice.pos;
        if (run.other == run.pad) {
          // One byte (no case to fold): memchr's many bytes a step.
          choice.pos = reverse ? BeforeFirst(text, choice.pos, choice.last, run.other) : AtLast(text, choice.last, choice.pos, run.other);
        } else if (reverse) {
          while (choice.pos != choice.last && text[choice.pos - 1] != run.other && text[choice.pos - 1] != run.pad) choice.pos++;
        } else {
          while (choice.pos != choice.last && text[choice.pos] != run.other && text[choice.pos] != run.pad) choice.pos--;
        }
        const size_t skipped = reverse ? choice.pos - from : from - choice.pos;
        budget = skipped > budget ? 0 : budget - skipped;
      }
      pos = choice.pos;
      if (pos == choice.last) open--;
    } else {
      pos = choice.pos;
      open--;
    }
  }
}

}  // namespace logsig
