// The prefilter's hot loop in C++: the part of a line's work that is a tight loop over characters
// and cold table lookups. It does exactly what Prefilter.candidates does in JavaScript
// (src/match/prefilter.ts), over tables built there and copied here once:
//
//   every `stride`-th position: fold four characters into a 32-bit gram (key-byte table), test the
//   gram's Bloom filter; behind a hit, look the eight-character ("wide") and end-of-literal
//   ("narrow") keys up, and check each literal filed under them character by character after
//   folding. Each literal found is reported once per line.
//
// Literals too short for that stride have a second loop of their own ("pairs"): two characters a
// probe, a stride their shortest one allows, a 65,536-bit map as the filter (exact for a pair, so
// no Bloom filter is needed) and the same keyed check behind it. JavaScript finds those with one
// V8 alternation instead, which costs several times more.
//
// With the catalog's patterns attached (regex_bank.h), `match` goes on from the literals found to
// their patterns and tests each with RE2 here, on the line's bytes: a matching line then costs one
// call too, and JavaScript sees only the patterns that matched.
//
// JavaScript keeps the same loop as its fallback, and the property tests run both.
#include <nan.h>

#include "ascii.h"
#include "huge_table.h"
#include "regex_bank.h"
#include "teddy.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstddef>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

constexpr uint32_t kGramHash = 0x9e3779b1u;
constexpr uint32_t kWideMix = 0x85ebca77u;
constexpr int kGram = 4;

// prefilter.ts bloom()/bloomHas(): two bits in one 32-bit word.
struct Bloom {
  std::vector<uint32_t> words;
  uint32_t shift = 32;

  bool Has(uint32_t key) const {
    const uint32_t hash = key * kGramHash;
    const uint32_t mask = (1u << (hash & 31)) | (1u << ((hash >> 5) & 31));
    return (words[hash >> shift] & mask) == mask;
  }
};

// prefilter.ts smallKey(): keys kept within 30 bits.
inline uint32_t SmallKey(uint32_t key) { return (key ^ (key >> 30)) & 0x3fffffffu; }

// What a key files: a literal that may start `offset` characters before the probe, with the
// literal's first and last four characters as grams, so that most literals that are not there are
// ruled out from the line alone, without reading their characters from a cold table. `block` is
// the split block of the literal's first route (RegexBank::SplitBlock; kNoSplit without patterns
// or a split): a literal that passes its grams has that block fetched at once, alongside its state,
// rather than once its state has arrived (on a matching line of a large catalog both are cold).
struct Filed {
  int32_t literal;
  uint16_t offset;
  uint16_t length;
  uint32_t first;
  uint32_t last;
  uint32_t block;
};
static_assert(sizeof(Filed) == 20, "a filed literal is 20 bytes");

// Key → what it files, in an open-addressing table: one probe usually lands on the slot, and the
// slot says where its entries are, so a lookup is two cache lines at most.
//
// A crowded key (more than kCrowded entries) is one a shared word made: dozens of literals index
// "request " or " connect", and a line holding that word would check every one of them (on the
// Loghub lines at N = 5,000, keys filing more than two literals made 94% of all checks, eight of
// them three quarters). Such a key files on in a second table under itself and four more
// characters of its literals, which tell those literals apart: a hit on the key looks the line's
// four characters there up as well. There are two such places, `extend` characters from the probe
// and `back` characters from it (after the key and before it, for the wide keys): each crowded key
// takes the one that tells its literals apart better, and only the entries whose literals have no
// characters there stay under the key itself. A shared phrase at the end of its
// literals ("... expired after") has nothing after it, and one at their start nothing before
// it: with one place only, 17 to 29 literals stayed under such keys on the synthetic catalogs,
// and every matching line that held the phrase checked them all. Exact as before: an entry's
// literal, if it is in the line, has its four characters in the line at that place, so it is
// under the key the line's characters make.
class KeyedLiterals {
 public:
  struct alignas(32) Slot;

  // keys[i] owns the (literal, offset) pairs pairs[start[i] .. start[i + 1]), two ints a pair;
  // pack(literal, at) makes a literal's gram at `at`. `extend` and `back`: where, relative to the
  // probe, a crowded key's second lookups take their four characters (0: no such lookup). False
  // when the arrays do not describe such a table (nothing is read out of bounds).
  template <typename Pack>
  bool Build(const std::vector<int32_t>& keys, const std::vector<int32_t>& start, const std::vector<int32_t>& pairs,
             const std::vector<int32_t>& literal_start, Pack pack, int extend, int back) {
    if (start.size() != keys.size() + 1 || start.front() != 0 || static_cast<size_t>(start.back()) != pairs.size() ||
        pairs.size() % 2 != 0) {
      return false;
    }
    for (size_t i = 0; i < keys.size(); i++) {
      if (start[i] > start[i + 1] || start[i] % 2 != 0 || keys[i] < 0 || keys[i] >= (1 << 30)) return false;
    }
    const int32_t literals = static_cast<int32_t>(literal_start.size()) - 1;
    std::vector<Group> groups(keys.size());
    std::vector<Group> longer;
    std::unordered_map<uint32_t, size_t> longer_index;  // key → its group in `longer`
    for (size_t i = 0; i < keys.size(); i++) {
      Group& group = groups[i];
      group.key = static_cast<uint32_t>(keys[i]);
      for (int32_t k = start[i]; k < start[i + 1]; k += 2) {
        const int32_t literal = pairs[k];
        if (literal < 0 || literal >= literals) return false;
        const int32_t length = literal_start[literal + 1] - literal_start[literal];
        if (length < 1 || length > 0xffff || pairs[k + 1] < 0 || pairs[k + 1] >= length) return false;
        // Literals under four characters have no grams to compare: their check reads the characters.
        const bool grams = length >= kGram;
        group.filed.push_back(Filed{literal, static_cast<uint16_t>(pairs[k + 1]), static_cast<uint16_t>(length),
                                    grams ? pack(literal, 0) : 0, grams ? pack(literal, length - kGram) : 0,
                                    logsig::RegexBank::kNoSplit});
      }
      if ((extend == 0 && back == 0) || group.filed.size() <= kCrowded) continue;
      // Crowded: file on every entry whose literal has four characters in one direction, the one
      // that leaves a line holding one of these literals the fewest to check: those that stay,
      // plus the largest crowd that still shares four characters there. One direction a key, so
      // that a hit on the key costs one more lookup, not two (a line of logs that merely holds the
      // shared word pays that lookup too).
      auto second_key = [&](const Filed& filed, int direction) -> std::optional<uint32_t> {
        const int shift = direction == kForward ? extend : back;
        const int at = filed.offset + shift;
        if (shift == 0 || at < 0 || at + kGram > filed.length) return std::nullopt;
        return LongerKey(group.key, pack(filed.literal, at), direction);
      };
      auto checks = [&](int direction) {
        std::unordered_map<uint32_t, size_t> sharing;
        size_t stay = 0, largest = 0;
        for (const Filed& filed : group.filed) {
          if (auto key = second_key(filed, direction)) largest = std::max(largest, ++sharing[*key]);
          else stay++;
        }
        return sharing.empty() ? SIZE_MAX : stay + largest;
      };
      const size_t forward = checks(kForward), backward = checks(kBack);
      if (forward == SIZE_MAX && backward == SIZE_MAX) continue;
      const uint16_t direction = backward < forward ? kBack : kForward;
      group.extended = direction;
      std::vector<Filed> stay;
      for (const Filed& filed : group.filed) {
        const auto key = second_key(filed, direction);
        if (!key) {
          stay.push_back(filed);
          continue;
        }
        auto [entry, added] = longer_index.try_emplace(*key, longer.size());
        if (added) longer.push_back(Group{*key, 0, {}});
        longer[entry->second].filed.push_back(filed);
      }
      group.filed = std::move(stay);
    }
    extend_ = extend;
    back_ = back;
    if (!Fill(groups)) return false;
    if (!longer.empty()) {
      longer_ = std::make_unique<KeyedLiterals>();
      if (!longer_->Fill(longer)) return false;
    }
    return true;
  }

  // The slot filed under `key`, or null.
  const Slot* Find(uint32_t key) const {
    const size_t mask = slots_.size() - 1;
    for (size_t at = (key * kGramHash) >> shift_;; at = (at + 1) & mask) {
      const Slot& slot = slots_[at];
      if (slot.key == key) return &slot;
      if (slot.key == kEmpty) return nullptr;
    }
  }

  // Starts loading the slot a lookup of `key` reads first: for a rare key, a line no other line
  // has needed lately.
  void Prefetch(uint32_t key) const { __builtin_prefetch(&slots_[(key * kGramHash) >> shift_]); }

  const Filed* entries() const { return entries_.data(); }
  // Where a crowded key's second lookups read (see above), and the table they look in.
  int extend() const { return extend_; }
  int back() const { return back_; }
  const KeyedLiterals* longer() const { return longer_.get(); }

  // The direction a crowded key's entries moved in (Slot::extended): the four characters at
  // `extend`, or at `back`.
  static constexpr uint16_t kForward = 1, kBack = 2;

  // A crowded key and the four characters in one direction as the second table's key (each
  // direction mixes differently, so that the two seldom share a slot).
  static uint32_t LongerKey(uint32_t key, uint32_t gram, int direction) {
    return SmallKey((key * (direction == kForward ? kLongerMix : kBackMix)) ^ gram);
  }

  // A key's first entry lives in its slot: most keys file one literal, so a lookup that finds its
  // key has its entry in the same cache line (32 bytes, aligned, never split across two).
  struct alignas(32) Slot {
    uint32_t key;
    int32_t more_begin;  // the other entries, entries_[more_begin .. more_end())
    // more_end() in the low 30 bits, extended() in the top two (the 20 bytes `first` takes leave
    // no room for a field of its own).
    uint32_t more_end_extended;
    Filed first;  // length 0: none (a crowded key may keep none)

    int32_t more_end() const { return static_cast<int32_t>(more_end_extended & kMoreEndMask); }
    // kForward or kBack: where the crowded key's entries moved, 0 for none.
    uint32_t extended() const { return more_end_extended >> 30; }
    bool has_first() const { return first.length != 0; }
  };
  static_assert(sizeof(Slot) == 32, "a slot is half a cache line");

  // Gives every filed literal its split block (Filed::block), once the patterns are attached.
  template <typename BlockOf>
  void SetBlocks(BlockOf block_of) {
    for (size_t i = 0; i < slots_.size(); i++) {
      if (slots_[i].has_first()) slots_[i].first.block = block_of(slots_[i].first.literal);
    }
    for (Filed& filed : entries_) filed.block = block_of(filed.literal);
    if (longer_) longer_->SetBlocks(block_of);
  }

 private:
  static constexpr size_t kCrowded = 2;
  static constexpr uint32_t kMoreEndMask = (1u << 30) - 1;
  static constexpr uint32_t kLongerMix = 0xc2b2ae35u;
  static constexpr uint32_t kBackMix = 0x27d4eb2fu;
  // Keys are below 2^30, so this is never one.
  static constexpr uint32_t kEmpty = 0xffffffffu;

  struct Group {
    uint32_t key;
    uint16_t extended;
    std::vector<Filed> filed;
  };

  // False when the entries outgrow what a slot can say (kMoreEndMask: 2^30 of them, 20 GiB).
  bool Fill(const std::vector<Group>& groups) {
    entries_.clear();
    int log2 = 4;
    while ((size_t{1} << log2) < 2 * groups.size()) log2++;
    shift_ = 32 - log2;
    slots_.Assign(size_t{1} << log2, Slot{kEmpty, 0, 0, Filed{}});
    const size_t mask = slots_.size() - 1;
    for (const Group& group : groups) {
      size_t at = (group.key * kGramHash) >> shift_;
      while (slots_[at].key != kEmpty) at = (at + 1) & mask;
      const int32_t begin = static_cast<int32_t>(entries_.size());
      const bool has_first = !group.filed.empty();
      entries_.insert(entries_.end(), group.filed.begin() + (has_first ? 1 : 0), group.filed.end());
      if (entries_.size() > kMoreEndMask) return false;
      slots_[at] = Slot{group.key, begin, static_cast<uint32_t>(entries_.size()) | (uint32_t{group.extended} << 30),
                        has_first ? group.filed.front() : Filed{}};
    }
    return true;
  }

  // Megabytes for a large catalog, read at random: in huge pages where the system gives them.
  logsig::HugeTable<Slot> slots_;
  std::vector<Filed> entries_;
  uint32_t shift_ = 32;
  int extend_ = 0;
  int back_ = 0;
  std::unique_ptr<KeyedLiterals> longer_;
};

template <typename T>
std::vector<T> CopyTypedArray(v8::Local<v8::Value> value) {
  Nan::TypedArrayContents<T> contents(value);
  return std::vector<T>(*contents, *contents + contents.length());
}

class GramProbe : public Nan::ObjectWrap {
 public:
  static NAN_MODULE_INIT(Init) {
    v8::Local<v8::FunctionTemplate> tpl = Nan::New<v8::FunctionTemplate>(New);
    tpl->SetClassName(Nan::New("GramProbe").ToLocalChecked());
    tpl->InstanceTemplate()->SetInternalFieldCount(1);
    Nan::SetPrototypeMethod(tpl, "scan", Scan);
    Nan::SetPrototypeMethod(tpl, "match", Match);
    Nan::SetPrototypeMethod(tpl, "matchAscii", MatchAscii);
    Nan::SetPrototypeMethod(tpl, "tests", Tests);
    Nan::SetPrototypeMethod(tpl, "shortLoop", ShortLoop);
    Nan::Set(target, Nan::New("GramProbe").ToLocalChecked(), Nan::GetFunction(tpl).ToLocalChecked());
  }

 private:
  int stride_ = 1;
  std::vector<uint8_t> key_byte_;  // code unit → gram byte (65,536 entries)
  bool ascii_key_bytes_ = false;   // whether it lower-cases ASCII and nothing more (PackAt's fast path)
  std::vector<uint16_t> fold_;     // code unit → folded code unit (65,536 entries)
  Bloom grams_, wide_filter_, narrow_filter_;
  bool has_narrow_ = false;
  KeyedLiterals wide_, narrow_;
  // The pair loop (0: no short literals): a bit per 16-bit pair key, and what each key files.
  int pair_stride_ = 0;
  std::vector<uint64_t> pair_bits_;
  KeyedLiterals pairs_;
  // The same short literals for one-byte lines, 16 or 32 positions a step (teddy.h), when the CPU
  // has the instructions and the literals fit: bucket b's literals are teddy_filed_[teddy_bucket_start_[b] ..
  // teddy_bucket_start_[b + 1]), each filed under its fingerprint's offset.
  logsig::Teddy teddy_;
  std::vector<Filed> teddy_filed_;
  int32_t teddy_bucket_start_[logsig::Teddy::kBuckets + 1] = {};
  std::vector<uint32_t> teddy_candidates_;
  std::vector<uint16_t> literal_chars_;
  std::vector<int32_t> literal_start_;
  // Per literal, all that confirming it reads and writes, in 32 bytes (two to a cache line). On a
  // matching line of a large catalog each of these is cold; kept in four arrays, they cost four
  // cache misses, and the split block a fifth that could only start once two of them had arrived.
  struct alignas(32) LiteralState {
    uint32_t serial = 0;  // the line it was last reported for
    int32_t at = 0;       // where it was found then
    // Its routes, routes_[route_begin .. route_end) (with patterns attached); the first one's
    // pattern and split block (Route) are kept here too, so that a literal leading to one pattern,
    // the common case, needs no read of routes_: one cold cache line less on a matching line.
    int32_t route_begin = 0;
    int32_t route_end = 0;
    int32_t first_pattern = 0;
    uint32_t first_block = logsig::RegexBank::kNoSplit;
    // Whether every pattern it leads to has a split, whose check compares the literal itself
    // (regex_bank.h). `match` then leaves the exact comparison to that check (see ConfirmOne), and
    // `scan` still makes it.
    bool split_compares = false;
  };
  static_assert(sizeof(LiteralState) == 32, "a literal's state is half a cache line");
  std::vector<LiteralState> states_;
  bool exact_ = true;  // whether this line's probe compares every literal it reports (see FindLiterals)
  int line_length_ = 0;         // the last line FindLiterals copied: its length,
  bool line_one_byte_ = false;  // and whether it went to one_byte_ (else two_byte_)
  uint32_t serial_ = 0;
  // Where found literals go: JavaScript's ArrayBuffer, one slot per literal, so it cannot overflow.
  // Holding its backing store keeps the memory alive and in place.
  std::shared_ptr<v8::BackingStore> found_store_;
  int32_t* found_ = nullptr;
  std::vector<uint8_t> one_byte_;
  std::vector<uint16_t> two_byte_;
  // The patterns (when attached): a route leads from a literal to a pattern (LiteralState says
  // which are a literal's); matched_ (JavaScript's ArrayBuffer, a slot per pattern) receives each
  // pattern that matched, or ~pattern for one the bank has no regex for (JavaScript tests it).
  logsig::RegexBank bank_;
  struct Route {
    int32_t pattern;  // ~pattern when the bank holds no regex for it
    uint32_t block;   // its split (RegexBank::SplitBlock)
  };
  std::vector<Route> routes_;
  std::vector<uint32_t> pattern_seen_;
  uint32_t pattern_serial_ = 0;
  std::shared_ptr<v8::BackingStore> matched_store_;
  int32_t* matched_ = nullptr;
  std::vector<char> utf8_;

  static bool Field(v8::Local<v8::Object> tables, const char* name, v8::Local<v8::Value>& out) {
    return Nan::Get(tables, Nan::New(name).ToLocalChecked()).ToLocal(&out);
  }

  // new GramProbe(tables, found: ArrayBuffer, patterns?). `tables` is GramProbeTables and
  // `patterns` NativePatterns (src/match/native.ts).
  static NAN_METHOD(New) {
    if (!info.IsConstructCall()) return Nan::ThrowTypeError("GramProbe must be called with new");
    if (info.Length() < 2 || info.Length() > 3 || !info[0]->IsObject() || !info[1]->IsArrayBuffer() ||
        (info.Length() == 3 && !info[2]->IsObject())) {
      return Nan::ThrowTypeError("GramProbe(tables, found: ArrayBuffer, patterns?)");
    }
    v8::Local<v8::Object> tables = info[0].As<v8::Object>();
    const char* const u32_fields[] = {"words", "wideWords"};
    const char* const i32_fields[] = {"literalStart", "wideKeys", "wideStart", "widePairs", "narrowKeys",
                                      "narrowStart", "narrowPairs", "pairKeys", "pairStart", "pairPairs"};
    v8::Local<v8::Value> v;
    for (const char* name : u32_fields) {
      if (!Field(tables, name, v) || !v->IsUint32Array()) return Nan::ThrowTypeError((std::string("GramProbe: ") + name + " must be a Uint32Array").c_str());
    }
    for (const char* name : i32_fields) {
      if (!Field(tables, name, v) || !v->IsInt32Array()) return Nan::ThrowTypeError((std::string("GramProbe: ") + name + " must be an Int32Array").c_str());
    }

    auto probe = std::make_unique<GramProbe>();
    auto get = [&](const char* name) {
      v8::Local<v8::Value> value;
      Field(tables, name, value);
      return value;
    };
    auto number = [&](const char* name) { return Nan::To<int32_t>(get(name)).FromMaybe(-1); };
    probe->stride_ = number("stride");
    probe->key_byte_ = CopyTypedArray<uint8_t>(get("keyByte"));
    probe->ascii_key_bytes_ = probe->key_byte_.size() == 0x10000;
    for (int c = 0; c < 0x80 && probe->ascii_key_bytes_; c++) probe->ascii_key_bytes_ = probe->key_byte_[c] == logsig::AsciiLower(c);
    probe->fold_ = CopyTypedArray<uint16_t>(get("fold"));
    probe->grams_ = Bloom{CopyTypedArray<uint32_t>(get("words")), static_cast<uint32_t>(number("shift"))};
    probe->wide_filter_ = Bloom{CopyTypedArray<uint32_t>(get("wideWords")), static_cast<uint32_t>(number("wideShift"))};
    probe->has_narrow_ = get("narrowWords")->IsUint32Array();
    if (probe->has_narrow_) {
      probe->narrow_filter_ = Bloom{CopyTypedArray<uint32_t>(get("narrowWords")), static_cast<uint32_t>(number("narrowShift"))};
    }
    probe->literal_chars_ = CopyTypedArray<uint16_t>(get("literalChars"));
    probe->literal_start_ = CopyTypedArray<int32_t>(get("literalStart"));
    const size_t literals = probe->literal_start_.empty() ? 0 : probe->literal_start_.size() - 1;
    if (!probe->Consistent(literals)) return Nan::ThrowRangeError("GramProbe: tables do not agree with each other");
    GramProbe* p = probe.get();
    auto pack = [p](int32_t literal, int32_t at) { return p->PackAt(p->literal_chars_.data() + p->literal_start_[literal], at); };
    // A crowded wide key (eight characters) files on under the four after it or the four before
    // it; a crowded narrow key, which sits at its literals' ends, under the four before it. The
    // pair table has no crowds worth a second lookup (its literals are few and short).
    if (!probe->wide_.Build(CopyTypedArray<int32_t>(get("wideKeys")), CopyTypedArray<int32_t>(get("wideStart")),
                            CopyTypedArray<int32_t>(get("widePairs")), probe->literal_start_, pack, 2 * kGram, -kGram) ||
        !probe->narrow_.Build(CopyTypedArray<int32_t>(get("narrowKeys")), CopyTypedArray<int32_t>(get("narrowStart")),
                              CopyTypedArray<int32_t>(get("narrowPairs")), probe->literal_start_, pack, 0, -kGram)) {
      return Nan::ThrowRangeError("GramProbe: a key table does not agree with the literals");
    }
    probe->pair_stride_ = number("pairStride");
    if (probe->pair_stride_ > 0) {
      std::vector<int32_t> keys = CopyTypedArray<int32_t>(get("pairKeys"));
      probe->pair_bits_.assign(0x10000 / 64, 0);
      for (int32_t key : keys) {
        if (key < 0 || key > 0xffff) return Nan::ThrowRangeError("GramProbe: a pair key is out of range");
        probe->pair_bits_[key >> 6] |= uint64_t{1} << (key & 63);
      }
      const std::vector<int32_t> pairs = CopyTypedArray<int32_t>(get("pairPairs"));
      if (!probe->pairs_.Build(keys, CopyTypedArray<int32_t>(get("pairStart")), pairs, probe->literal_start_, pack, 0, 0)) {
        return Nan::ThrowRangeError("GramProbe: the pair table does not agree with the literals");
      }
      const int simd = Nan::To<int32_t>(get("shortSimd")).FromMaybe(0);
      if (simd == 16 || simd == 32) probe->BuildTeddy(pairs, pack, simd == 32);
    }
    probe->states_.assign(literals, LiteralState{});
    probe->found_store_ = info[1].As<v8::ArrayBuffer>()->GetBackingStore();
    probe->found_ = static_cast<int32_t*>(probe->found_store_->Data());
    if (probe->found_store_->ByteLength() < literals * sizeof(int32_t)) {
      return Nan::ThrowRangeError("GramProbe: found has no room for every literal");
    }
    if (info.Length() == 3) {
      std::string error;
      if (!probe->AttachPatterns(info[2].As<v8::Object>(), literals, error)) return Nan::ThrowRangeError(("GramProbe: " + error).c_str());
    }
    GramProbe* raw = probe.release();
    raw->Wrap(info.This());
    info.GetReturnValue().Set(info.This());
  }

  // The patterns: { sources: (string | null)[], flags: string[], literalPatternStart: Int32Array,
  // literalPatterns: Int32Array, splits: (LiteralSplit | null)[], matched: ArrayBuffer }; splits
  // go with literalPatterns, one a route from a literal to a pattern. A null source: no regex here
  // for that pattern. A source RE2 refuses is found out when a line first needs the whole regex
  // (regex_bank.h), and JavaScript then tests that pattern, as for a null source; a split RE2
  // refuses is left out.
  bool AttachPatterns(v8::Local<v8::Object> spec, size_t literals, std::string& error) {
    v8::Local<v8::Value> sources, flags, splits, start, list, matched;
    if (!Field(spec, "sources", sources) || !sources->IsArray() || !Field(spec, "flags", flags) || !flags->IsArray() ||
        !Field(spec, "splits", splits) || !splits->IsArray() ||
        !Field(spec, "literalPatternStart", start) || !start->IsInt32Array() || !Field(spec, "literalPatterns", list) ||
        !list->IsInt32Array() || !Field(spec, "matched", matched) || !matched->IsArrayBuffer()) {
      error = "patterns needs sources, flags, splits, literalPatternStart, literalPatterns and matched";
      return false;
    }
    v8::Local<v8::Array> source_list = sources.As<v8::Array>();
    v8::Local<v8::Array> flag_list = flags.As<v8::Array>();
    const uint32_t patterns = source_list->Length();
    if (flag_list->Length() != patterns) {
      error = "patterns.sources and patterns.flags differ in length";
      return false;
    }
    const std::vector<int32_t> pattern_start = CopyTypedArray<int32_t>(start);
    const std::vector<int32_t> route_patterns = CopyTypedArray<int32_t>(list);
    if (pattern_start.size() != literals + 1 || pattern_start.front() != 0 ||
        static_cast<size_t>(pattern_start.back()) != route_patterns.size()) {
      error = "patterns.literalPatternStart does not agree with the literals";
      return false;
    }
    for (size_t i = 0; i < literals; i++) {
      if (pattern_start[i] > pattern_start[i + 1]) {
        error = "patterns.literalPatternStart is not ascending";
        return false;
      }
    }
    for (int32_t pattern : route_patterns) {
      if (pattern < 0 || static_cast<uint32_t>(pattern) >= patterns) {
        error = "patterns.literalPatterns names a pattern that is not there";
        return false;
      }
    }
    for (uint32_t i = 0; i < patterns; i++) {
      v8::Local<v8::Value> source = Nan::Get(source_list, i).ToLocalChecked();
      v8::Local<v8::Value> flag = Nan::Get(flag_list, i).ToLocalChecked();
      const bool skip = source->IsNull();
      if (!skip && (!source->IsString() || !flag->IsString())) {
        error = "patterns.sources holds strings or null, patterns.flags strings";
        return false;
      }
      bank_.Add(skip ? std::string() : *Nan::Utf8String(source), skip ? std::string() : *Nan::Utf8String(flag), skip);
    }
    v8::Local<v8::Array> split_list = splits.As<v8::Array>();
    if (split_list->Length() != route_patterns.size()) {
      error = "patterns.splits and patterns.literalPatterns differ in length";
      return false;
    }
    auto text = [](v8::Local<v8::Value> value) { return value->IsString() ? std::string(*Nan::Utf8String(value)) : std::string(); };
    for (uint32_t route = 0; route < split_list->Length(); route++) {
      v8::Local<v8::Value> split = Nan::Get(split_list, route).ToLocalChecked();
      if (split->IsNull()) continue;
      v8::Local<v8::Value> literal, prefix, suffix;
      if (!split->IsObject() || !Field(split.As<v8::Object>(), "literal", literal) || !literal->IsString() ||
          !Field(split.As<v8::Object>(), "prefix", prefix) || !Field(split.As<v8::Object>(), "suffix", suffix)) {
        error = "a split is null or has literal, prefix and suffix";
        return false;
      }
      const int32_t pattern = route_patterns[route];
      if (bank_.Has(pattern)) bank_.Split(route, text(literal), text(prefix), text(suffix), text(Nan::Get(flag_list, pattern).ToLocalChecked()));
    }
    routes_.clear();
    for (size_t k = 0; k < route_patterns.size(); k++) {
      const int32_t pattern = route_patterns[k];
      routes_.push_back(Route{bank_.Has(pattern) ? pattern : ~pattern, bank_.SplitBlock(k)});
    }
    for (size_t i = 0; i < literals; i++) {
      LiteralState& state = states_[i];
      state.route_begin = pattern_start[i];
      state.route_end = pattern_start[i + 1];
      bool all = state.route_begin < state.route_end;
      for (int32_t k = state.route_begin; k < state.route_end && all; k++) all = routes_[k].block != logsig::RegexBank::kNoSplit;
      state.split_compares = all;
      if (state.route_begin < state.route_end) {
        state.first_pattern = routes_[state.route_begin].pattern;
        state.first_block = routes_[state.route_begin].block;
      }
    }
    auto block_of = [this](int32_t literal) { return states_[literal].first_block; };
    wide_.SetBlocks(block_of);
    narrow_.SetBlocks(block_of);
    pairs_.SetBlocks(block_of);
    for (Filed& filed : teddy_filed_) filed.block = block_of(filed.literal);
    pattern_seen_.assign(patterns, 0);
    matched_store_ = matched.As<v8::ArrayBuffer>()->GetBackingStore();
    matched_ = static_cast<int32_t*>(matched_store_->Data());
    if (matched_store_->ByteLength() < patterns * sizeof(int32_t)) {
      error = "patterns.matched has no room for every pattern";
      return false;
    }
    return true;
  }

  // The short literals (those the pair table files) for the SIMD scan, when the CPU has it, they
  // are few enough and all ASCII (teddy.h); otherwise the pair loop serves one-byte lines too.
  template <typename Pack>
  void BuildTeddy(const std::vector<int32_t>& pairs, Pack pack, bool wide) {
    if (!logsig::Teddy::Supported()) return;
    std::vector<int32_t> literals;
    for (size_t k = 0; k < pairs.size(); k += 2) literals.push_back(pairs[k]);
    std::sort(literals.begin(), literals.end());
    literals.erase(std::unique(literals.begin(), literals.end()), literals.end());
    std::vector<std::vector<uint8_t>> texts;
    for (int32_t literal : literals) {
      std::vector<uint8_t>& text = texts.emplace_back();
      for (int32_t j = literal_start_[literal]; j < literal_start_[literal + 1]; j++) {
        if (literal_chars_[j] >= 0x80) return;
        text.push_back(static_cast<uint8_t>(literal_chars_[j]));
      }
    }
    const std::vector<logsig::Teddy::Placement> placements = teddy_.Build(texts, wide);
    if (placements.empty()) return;
    teddy_filed_.clear();
    for (int b = 0; b < logsig::Teddy::kBuckets; b++) {
      teddy_bucket_start_[b] = static_cast<int32_t>(teddy_filed_.size());
      for (size_t i = 0; i < literals.size(); i++) {
        if (placements[i].bucket != b) continue;
        const int32_t literal = literals[i];
        const int length = static_cast<int>(texts[i].size());
        const bool grams = length >= kGram;
        teddy_filed_.push_back(Filed{literal, static_cast<uint16_t>(placements[i].offset), static_cast<uint16_t>(length),
                                     grams ? pack(literal, 0) : 0, grams ? pack(literal, length - kGram) : 0,
                                     logsig::RegexBank::kNoSplit});
      }
    }
    teddy_bucket_start_[logsig::Teddy::kBuckets] = static_cast<int32_t>(teddy_filed_.size());
    teddy_candidates_.assign(kTeddyPiece + 32, 0);
  }

  // How much of a line one SIMD scan takes (ProbeShortSimd).
  static constexpr int kTeddyPiece = 1 << 16;

  bool Consistent(size_t literals) const {
    auto bloom_ok = [](const Bloom& b) { return b.shift >= 1 && b.shift < 32 && b.words.size() == (size_t{1} << (32 - b.shift)); };
    if (literals < 1 || literal_start_.front() != 0 || static_cast<size_t>(literal_start_.back()) != literal_chars_.size()) {
      return false;
    }
    for (size_t i = 0; i < literals; i++) {
      if (literal_start_[i] > literal_start_[i + 1]) return false;
    }
    return stride_ >= 1 && key_byte_.size() == 0x10000 && fold_.size() == 0x10000 && bloom_ok(grams_) &&
           bloom_ok(wide_filter_) && (!has_narrow_ || bloom_ok(narrow_filter_));
  }

  // scan(line: string): how many literals were found; their indices are in `found`.
  static NAN_METHOD(Scan) {
    auto* probe = Nan::ObjectWrap::Unwrap<GramProbe>(info.Holder());
    if (!info[0]->IsString()) return Nan::ThrowTypeError("GramProbe.scan(line: string)");
    info.GetReturnValue().Set(probe->FindLiterals(info.GetIsolate(), info[0].As<v8::String>(), true));
  }

  // match(line: string): how many patterns were written to `matched`: each that matched, or
  // ~pattern for a candidate without a regex here. Needs the patterns attached.
  static NAN_METHOD(Match) {
    auto* probe = Nan::ObjectWrap::Unwrap<GramProbe>(info.Holder());
    if (!info[0]->IsString()) return Nan::ThrowTypeError("GramProbe.match(line: string)");
    if (probe->matched_ == nullptr) return Nan::ThrowTypeError("GramProbe.match: no patterns attached");
    v8::Isolate* isolate = info.GetIsolate();
    v8::Local<v8::String> line = info[0].As<v8::String>();
    const int literals = probe->FindLiterals(isolate, line, false);
    info.GetReturnValue().Set(literals == 0 ? 0 : probe->TestPatterns(isolate, line, literals));
  }

  // matchAscii(bytes: Uint8Array, length: number): as match, for the line that is the first
  // `length` bytes, all ASCII (a RangeError otherwise): the worker's Kafka value before any string
  // is made of it. An ASCII line's bytes are its characters and its UTF-8 at once, so the probe and
  // the tests read them as they read a string's copy.
  static NAN_METHOD(MatchAscii) {
    auto* probe = Nan::ObjectWrap::Unwrap<GramProbe>(info.Holder());
    if (!info[0]->IsArrayBufferView() || !info[1]->IsUint32()) return Nan::ThrowTypeError("GramProbe.matchAscii(bytes: Uint8Array, length: number)");
    if (probe->matched_ == nullptr) return Nan::ThrowTypeError("GramProbe.matchAscii: no patterns attached");
    Nan::TypedArrayContents<uint8_t> bytes(info[0]);
    const uint32_t length = Nan::To<uint32_t>(info[1]).FromJust();
    if (length > bytes.length() || length > static_cast<uint32_t>(INT32_MAX) - logsig::Teddy::kPadding) {
      return Nan::ThrowRangeError("GramProbe.matchAscii: length is past the bytes");
    }
    if (!logsig::AllAscii(*bytes, length)) return Nan::ThrowRangeError("GramProbe.matchAscii: the bytes are not all ASCII");
    const int literals = probe->FindLiteralsInAscii(*bytes, static_cast<int>(length));
    // TestPatterns reads an ASCII line's UTF-8 from the copy (Utf8), never from the string.
    info.GetReturnValue().Set(literals == 0 ? 0 : probe->TestPatterns(info.GetIsolate(), v8::Local<v8::String>(), literals));
  }

  // shortLoop(): how literals too short for the stride are found in one-byte lines: "simd-32" or
  // "simd-16" (teddy.h, that many positions a step), "pairs" (the pair loop), or "none".
  static NAN_METHOD(ShortLoop) {
    auto* probe = Nan::ObjectWrap::Unwrap<GramProbe>(info.Holder());
    const char* loop = probe->teddy_.ready() ? (probe->teddy_.step() == 32 ? "simd-32" : "simd-16") : probe->pair_stride_ > 0 ? "pairs" : "none";
    info.GetReturnValue().Set(Nan::New(loop).ToLocalChecked());
  }

  // tests(pattern: number): whether the bank holds a regex for the pattern (compiled now if no
  // line has needed it yet, so that one RE2 refuses reads false).
  static NAN_METHOD(Tests) {
    auto* probe = Nan::ObjectWrap::Unwrap<GramProbe>(info.Holder());
    const int32_t pattern = Nan::To<int32_t>(info[0]).FromMaybe(-1);
    info.GetReturnValue().Set(pattern >= 0 && probe->bank_.Compiled(static_cast<size_t>(pattern)));
  }

  // Copies the line's characters out of V8 and probes them: how many literals went to found_.
  // `exact`: compare every literal before reporting it (`scan`, whose callers take the literals
  // as found); without, a literal whose splits compare it is reported once its first and last
  // four characters agree (`match`, which tests its patterns next).
  int FindLiterals(v8::Isolate* isolate, v8::Local<v8::String> line, bool exact) {
    const int length = line->Length();
    BeginLine(length, line->IsOneByte(), exact);
    if (line_one_byte_) {
      line->WriteOneByte(isolate, OneByteRoom(length), 0, length, v8::String::NO_NULL_TERMINATION);
      return Probe(one_byte_.data(), length);
    }
    if (two_byte_.size() < static_cast<size_t>(length)) two_byte_.resize(length);
    line->Write(isolate, two_byte_.data(), 0, length, v8::String::NO_NULL_TERMINATION);
    return Probe(two_byte_.data(), length);
  }

  // FindLiterals for a line given as ASCII bytes (MatchAscii has checked them), as `match` reads one.
  int FindLiteralsInAscii(const uint8_t* bytes, int length) {
    BeginLine(length, true, false);
    std::memcpy(OneByteRoom(length), bytes, static_cast<size_t>(length));
    return Probe(one_byte_.data(), length);
  }

  void BeginLine(int length, bool one_byte, bool exact) {
    exact_ = exact;
    line_length_ = length;
    line_one_byte_ = one_byte;
    if (++serial_ == 0) {  // wrapped after 2^32 lines: old marks could read as this line's
      for (LiteralState& state : states_) state.serial = 0;
      serial_ = 1;
    }
  }

  // Where a one-byte line's copy goes, with room for the SIMD scan to read past the line
  // (teddy.h): what it finds there is turned away.
  uint8_t* OneByteRoom(int length) {
    if (one_byte_.size() < static_cast<size_t>(length) + logsig::Teddy::kPadding) one_byte_.resize(length + logsig::Teddy::kPadding);
    return one_byte_.data();
  }

  // The found literals' patterns, each once, tested on the line's UTF-8 (made on first need: a
  // line of one-byte characters all ASCII is its own UTF-8, already copied).
  int TestPatterns(v8::Isolate* isolate, v8::Local<v8::String> line, int literals) {
    // Each pattern is tested once a line. Only a line with more than one route to follow can reach
    // one twice; the common matching line, one literal leading to one pattern, skips the check
    // (and the cold slot of pattern_seen_ it would read).
    const LiteralState& first = states_[found_[0]];
    const bool once = literals > 1 || first.route_end - first.route_begin > 1;
    if (once && ++pattern_serial_ == 0) {
      std::fill(pattern_seen_.begin(), pattern_seen_.end(), 0);
      pattern_serial_ = 1;
    }
    const char* utf8 = nullptr;
    size_t utf8_size = 0;
    bool ascii = false;
    int count = 0;
    for (int i = 0; i < literals; i++) {
      const LiteralState& state = states_[found_[i]];
      for (int32_t k = state.route_begin; k < state.route_end; k++) {
        const Route route = k == state.route_begin ? Route{state.first_pattern, state.first_block} : routes_[k];
        const int32_t pattern = route.pattern >= 0 ? route.pattern : ~route.pattern;
        if (once) {
          if (pattern_seen_[pattern] == pattern_serial_) continue;
          pattern_seen_[pattern] = pattern_serial_;
        }
        if (route.pattern < 0) {
          matched_[count++] = route.pattern;
          continue;
        }
        if (utf8 == nullptr) utf8 = Utf8(isolate, line, utf8_size, ascii);
        // On an ASCII line the literal's position in characters is its position in bytes.
        const logsig::RegexBank::Answer answer = bank_.Test(pattern, k, route.block, utf8, utf8_size, ascii ? state.at : -1);
        if (answer == logsig::RegexBank::Answer::kMatch) matched_[count++] = pattern;
        else if (answer == logsig::RegexBank::Answer::kUntested) matched_[count++] = ~pattern;
      }
    }
    return count;
  }

  // The line FindLiterals copied last (the length and kind it read, so that a matching line does
  // not ask V8 again: each is a call into Node).
  const char* Utf8(v8::Isolate* isolate, v8::Local<v8::String> line, size_t& size, bool& ascii) {
    const int length = line_length_;
    ascii = false;
    if (line_one_byte_) {
      if (logsig::AllAscii(one_byte_.data(), static_cast<size_t>(length))) {
        ascii = true;
        size = static_cast<size_t>(length);
        return reinterpret_cast<const char*>(one_byte_.data());
      }
    }
    // Lone surrogates become U+FFFD, as TextEncoder and Buffer.from make them.
    const size_t capacity = static_cast<size_t>(length) * 3;
    if (utf8_.size() < capacity) utf8_.resize(capacity);
    size = static_cast<size_t>(line->WriteUtf8(isolate, utf8_.data(), static_cast<int>(capacity), nullptr,
                                               v8::String::NO_NULL_TERMINATION | v8::String::REPLACE_INVALID_UTF8));
    return utf8_.data();
  }

  template <typename Char>
  uint32_t PackAt(const Char* text, int at) const {
    if constexpr (sizeof(Char) == 1 && std::endian::native == std::endian::little) {
      // Four ASCII bytes in one load, lower-cased in the register: what the table gives them
      // (checked in New), without its four dependent lookups, which were most of a probe's cost.
      uint32_t word;
      std::memcpy(&word, text + at, sizeof word);
      if ((word & 0x80808080u) == 0 && ascii_key_bytes_) {
        const uint32_t from_a = word + 0x3f3f3f3fu;  // bit 7 set in each byte >= 'A'
        const uint32_t past_z = word + 0x25252525u;  // bit 7 set in each byte > 'Z'
        return word | ((from_a & ~past_z & 0x80808080u) >> 2);
      }
    }
    const uint8_t* kb = key_byte_.data();
    return uint32_t{kb[text[at]]} | (uint32_t{kb[text[at + 1]]} << 8) | (uint32_t{kb[text[at + 2]]} << 16) |
           (uint32_t{kb[text[at + 3]]} << 24);
  }

  template <typename Char>
  int Probe(const Char* text, int length) {
    const int last = length - kGram;
    const int last_wide = length - 2 * kGram;
    int count = 0;
    if constexpr (sizeof(Char) == 1) {
      if (teddy_.ready()) count = ProbeShortSimd(text, length, 0);
      else if (pair_stride_ > 0) count = ProbePairs(text, length, 0);
    } else if (pair_stride_ > 0) {
      count = ProbePairs(text, length, 0);
    }
    // A wide key that passes its filter is looked up only once the loop is done, its slot (and,
    // should it be crowded, the slots its second lookup may read: one for each direction, since
    // the direction is in the slot itself) fetched meanwhile. The key of a
    // signature's own literal is one no line has needed for a while when matching lines cycle
    // through a large catalog: looked up at once, the loop waited for memory.
    struct Pending {
      int p;
      uint32_t key;
    };
    constexpr int kPending = 16;
    Pending pending[kPending];
    int waiting = 0;
    const KeyedLiterals* longer = wide_.longer();
    for (int p = 0; p <= last; p += stride_) {
      const uint32_t gram = PackAt(text, p);
      if (!grams_.Has(gram)) continue;
      if (p <= last_wide) {
        const uint32_t key = SmallKey((gram * kWideMix) ^ PackAt(text, p + kGram));
        if (wide_filter_.Has(key)) {
          if (waiting == kPending) {
            for (int i = 0; i < waiting; i++) count = Confirm(text, length, pending[i].p, wide_, pending[i].key, count);
            waiting = 0;
          }
          wide_.Prefetch(key);
          if (longer != nullptr) {
            const int after = p + wide_.extend();
            const int before = p + wide_.back();
            if (after + kGram <= length) longer->Prefetch(KeyedLiterals::LongerKey(key, PackAt(text, after), KeyedLiterals::kForward));
            if (before >= 0) longer->Prefetch(KeyedLiterals::LongerKey(key, PackAt(text, before), KeyedLiterals::kBack));
          }
          pending[waiting++] = Pending{p, key};
        }
      }
      if (has_narrow_ && narrow_filter_.Has(gram)) count = Confirm(text, length, p, narrow_, SmallKey(gram), count);
    }
    for (int i = 0; i < waiting; i++) count = Confirm(text, length, pending[i].p, wide_, pending[i].key, count);
    return count;
  }

  // The short literals in a one-byte line, by the SIMD scan: each candidate position's buckets'
  // literals are checked as a key's filed literals are.
  // A long line goes a piece at a time, so the candidates of one piece bound the buffer (and their
  // positions fit the scan's 24 bits); the scan reads on into the next piece, so a fingerprint that
  // crosses from one piece into the next is still seen.
  int ProbeShortSimd(const uint8_t* text, int length, int count) {
    for (int base = 0; base < length; base += kTeddyPiece) {
      const int candidates = teddy_.Scan(text + base, std::min(kTeddyPiece, length - base), teddy_candidates_.data());
      for (int c = 0; c < candidates; c++) {
        const int at = base + static_cast<int>(teddy_candidates_[c] >> 8);
        for (uint32_t buckets = teddy_candidates_[c] & 0xff; buckets != 0; buckets &= buckets - 1) {
          const int b = std::countr_zero(buckets);
          for (int32_t k = teddy_bucket_start_[b]; k < teddy_bucket_start_[b + 1]; k++) count = ConfirmOne(text, length, at, teddy_filed_[k], count);
        }
      }
    }
    return count;
  }

  // The pair loop: every `pair_stride_`-th position, two folded characters as a 16-bit key.
  template <typename Char>
  int ProbePairs(const Char* text, int length, int count) {
    const uint8_t* kb = key_byte_.data();
    const uint64_t* bits = pair_bits_.data();
    for (int p = 0; p + 1 < length; p += pair_stride_) {
      const uint32_t key = uint32_t{kb[text[p]]} | (uint32_t{kb[text[p + 1]]} << 8);
      if ((bits[key >> 6] >> (key & 63) & 1) == 0) continue;
      count = Confirm(text, length, p, pairs_, key, count);
    }
    return count;
  }

  template <typename Char>
  int Confirm(const Char* text, int length, int p, const KeyedLiterals& table, uint32_t key, int count) {
    const KeyedLiterals::Slot* slot = table.Find(key);
    if (slot == nullptr) return count;
    count = ConfirmSlot(text, length, p, table, *slot, count);
    if (slot->extended() == 0) return count;
    // A crowded key: its other literals are filed on under four more characters (KeyedLiterals).
    // Where the line has none there, no literal filed on can be in it at this probe.
    return ConfirmMoved(text, length, p, table, key, slot->extended(), count);
  }

  // The entries of crowded key `key` that moved in `direction`, under the line's four characters there.
  template <typename Char>
  int ConfirmMoved(const Char* text, int length, int p, const KeyedLiterals& table, uint32_t key, int direction, int count) {
    const int at = p + (direction == KeyedLiterals::kForward ? table.extend() : table.back());
    if (at < 0 || at + kGram > length) return count;
    const KeyedLiterals* longer = table.longer();
    const KeyedLiterals::Slot* more = longer->Find(KeyedLiterals::LongerKey(key, PackAt(text, at), direction));
    return more == nullptr ? count : ConfirmSlot(text, length, p, *longer, *more, count);
  }

  template <typename Char>
  int ConfirmSlot(const Char* text, int length, int p, const KeyedLiterals& table, const KeyedLiterals::Slot& slot, int count) {
    if (slot.has_first()) count = ConfirmOne(text, length, p, slot.first, count);
    const Filed* entries = table.entries();
    for (int32_t k = slot.more_begin, end = slot.more_end(); k < end; k++) count = ConfirmOne(text, length, p, entries[k], count);
    return count;
  }

  template <typename Char>
  int ConfirmOne(const Char* text, int length, int p, const Filed& filed, int count) {
    const int start = p - filed.offset;
    if (start < 0 || start + filed.length > length) return count;
    if (filed.length >= kGram && (PackAt(text, start) != filed.first || PackAt(text, start + filed.length - 4) != filed.last)) {
      return count;
    }
    // The split block first: its place came with the key's entry, so it is on its way before the
    // state, cold too, arrives (each waited for the other before).
    if (matched_ != nullptr) bank_.PrefetchBlock(filed.block);
    LiteralState& state = states_[filed.literal];
    if (state.serial == serial_) return count;
    // Behind the first and last four characters, the rest is compared here, or, for `match`, by
    // the literal's splits, which read it from the block they read anyway: one cold cache line
    // less, and no second comparison, for every matching line. If the rest differs after all
    // (rare, since the ends agree), the split fails and the whole regex decides, as for any
    // occurrence that does not complete a match, so the answer is the same. Measured on a
    // matching line of the uniform mix (N = 1,000): ~150 → ~135 ns in the addon.
    if ((exact_ || filed.length < kGram || !state.split_compares) && !OccursAt(text, start, filed.literal)) return count;
    state.serial = serial_;
    state.at = start;
    found_[count++] = filed.literal;
    // A literal with more routes than its first has them read from routes_ next: fetch them now.
    if (matched_ != nullptr && state.route_end - state.route_begin > 1) __builtin_prefetch(routes_.data() + state.route_begin + 1);
    return count;
  }

  // Whether the literal occurs at `start` (which the caller has checked leaves room for it).
  template <typename Char>
  bool OccursAt(const Char* text, int start, int32_t literal) const {
    const int32_t from = literal_start_[literal];
    const int32_t size = literal_start_[literal + 1] - from;
    const uint16_t* fold = fold_.data();
    const uint16_t* chars = literal_chars_.data() + from;
    for (int32_t j = 0; j < size; j++) {
      if (fold[text[start + j]] != chars[j]) return false;
    }
    return true;
  }
};

}  // namespace

NAN_MODULE_INIT(InitAll) { GramProbe::Init(target); }

// Context-aware, so that it also loads in worker threads (and in test runners that use them).
NAN_MODULE_WORKER_ENABLED(logsig_native, InitAll)
