/**
 * The first pass over all signatures at once: which patterns could match this line at all?
 *
 * Each pattern brings an OR-set of literals (literals.ts), one of which every match contains. The
 * line is probed only at every `stride`-th position: a 4-character window ("gram") is folded,
 * packed into 32 bits and hashed into a bitset. A literal of length L has L − 3 windows; indexing
 * one window for each residue of its offset modulo `stride` guarantees that every occurrence of
 * the literal puts one of them on a probed position. So each literal indexes only `stride`
 * windows, the rarest of each residue — rare grams keep both the bitset and the lists behind it quiet, whatever the number of
 * signatures. A clear bit rules a position out in one load; a set bit is checked exactly against
 * the literals filed under it.
 *
 * The stride is chosen per catalog (8 to 20, from its shortest literal), and the few literals too
 * short for it are found by one V8 alternation instead, so one short literal does not force a
 * small stride on all the others. A line costs about length/stride probes plus that one scan.
 *
 * Both loops also exist in C++ (native/gram_probe.cc, loaded by native.ts): the gram tier over
 * the same tables, and the short literals in a pair loop of their own instead of the V8 scan (or,
 * for up to 32 ASCII short literals on x86-64, a SIMD scan of 16 or 32 positions a step: teddy.h). One
 * call a line, about half the JavaScript loops' time on a 5,000-signature catalog and a third on
 * the shipped one. Given the patterns' regexes, the addon also tests the candidates it finds with
 * RE2 in the same call (`matches`), so a matching line does not come back to JavaScript to be
 * encoded and tested. This file keeps the JavaScript loops as the fallback and as the
 * specification the native ones are tested against.
 *
 * Exactness: a literal is reported only when it really occurs (compared character by character
 * after folding), and every occurrence is found, so a pattern is a candidate exactly when one of
 * its literals is in the line. The regex then decides.
 */
import type { CandidateSet } from './candidate-set.ts';
import { FOLD_TABLE, foldString } from './fold.ts';
import { nativeGramProbe, type NativeGramProbe, type ShortLoop } from './native.ts';
import type { LiteralSplit } from './split.ts';

const FOLDS_ONTO_ASCII = /[\u017f\u212a]/;
const FOLDS_ONTO_ASCII_ALL = /[\u017f\u212a]/g;

/** A literal as a regex: only syntax characters are escaped. */
function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

export const GRAM = 4;
const NONE = new Int32Array(0);
/**
 * Probe strides to choose from, largest first. A literal needs stride + GRAM - 1 characters to be
 * caught by probes that far apart; shorter ones go to the short scan. Fewer probes a line is the
 * main saving, so every stride from 8 to 20 is on offer, the catalog's shortest literal decides.
 */
const STRIDES = [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8] as const;
/** A literal of one character is no filter at all: such a pattern is tested on every line. */
const MIN_LITERAL = 2;

export interface PrefilterInput {
  /** Pattern index → its literal set (already folded), or null for patterns the prefilter cannot serve. */
  readonly literals: readonly (readonly string[] | null)[];
  /** A probe stride to use instead of the one chosen for the literals (tests and measurements). */
  readonly stride?: number;
  /** Run the probe loop in the native addon when it is loaded (default true; false for comparisons). */
  readonly native?: boolean;
  /**
   * The widest step of the addon's SIMD scan for short literals (native.ts, GramProbeTables.shortSimd):
   * 32 by default (the widest the CPU has); 16 or 0 (its pair loop) for tests and measurements.
   */
  readonly simd?: 0 | 16 | 32;
  /**
   * Per pattern: its regex as `new RE2(source, flags)` takes it, for the addon to test candidates
   * itself (`matches`), or null for a pattern JavaScript must test. Without it, or without the
   * addon, `matches` only finds candidates.
   */
  readonly regexes?: readonly ({
    readonly source: string;
    readonly flags: string;
    /** The pattern split around one of its literals (split.ts), for the addon to confirm from there. */
    readonly split: (literal: string) => LiteralSplit | null;
  } | null)[];
}

/** One folded code unit as a byte for the gram key; a collision only costs an exact check. */
const KEY_BYTE = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const f = FOLD_TABLE[c]!;
    table[c] = f < 0x100 ? f : (f ^ (f >>> 8) ^ 0x80) & 0xff;
  }
  return table;
})();

/**
 * How common a character is in log text, roughly: letters by English frequency, space and common
 * punctuation high, digits mid. Used only to choose which windows of a literal to index.
 */
function charCommonness(code: number): number {
  const c = String.fromCharCode(code);
  if (c === ' ') return 12;
  const rank = 'etaoinsrhldcumfpgwybvkxjqz'.indexOf(c);
  if (rank >= 0) return 10 - rank * 0.35;
  if (c >= '0' && c <= '9') return 6;
  if ('.:,-_/=[]()"\''.includes(c)) return 7;
  return 1;
}

/**
 * A blocked Bloom filter: each window sets two bits of one 32-bit word, so a probe is one load and
 * rules a position out unless both bits are set. The table is capped at 64 KiB so that it stays in
 * the CPU's nearer caches however large the catalog: past the cap, density rises slowly (two bits
 * must collide, not one) rather than every probe paying a cache miss.
 */
const MAX_WORDS_LOG2 = 14;

/**
 * One probe stride's index. Every indexed window sets its gram in `words` (a blocked Bloom filter:
 * two bits in one word, one load a probe). Behind a hit, a window that has four more characters in
 * its literal is found under its eight characters ("wide": one lookup, and a common gram such as
 * "fail" leads nowhere unless the next four match too); a window at a literal's end under its four
 * ("narrow", flagged by a second, small filter so that most hits skip that lookup).
 */
class Tier {
  readonly words: Uint32Array;
  readonly shift: number;
  /**
   * Key → its (literal, offset) pairs, flat, in the arrays they were built in (a typed array per
   * key, 75,000 of them at N = 5,000, was start-up time and garbage for the JavaScript loop alone).
   */
  readonly wide: ReadonlyMap<number, readonly number[]>;
  /** The wide keys as a Bloom filter too: most 4-character hits ("fail", "work") end here, before a map lookup. */
  readonly wideWords: Uint32Array;
  readonly wideShift: number;
  readonly narrowWords: Uint32Array | null;
  readonly narrowShift: number;
  readonly narrow: ReadonlyMap<number, readonly number[]>;

  constructor(
    readonly stride: number,
    literals: readonly { index: number; text: string }[],
    gramCount: Map<number, number>,
  ) {
    const wide = new Map<number, number[]>();
    const narrow = new Map<number, number[]>();
    const push = (map: Map<number, number[]>, key: number, index: number, offset: number) => {
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      list.push(index, offset);
    };
    const grams: number[] = [];
    const wideKeys: number[] = [];
    const narrowGrams: number[] = [];
    for (const { index, text } of literals) {
      for (const offset of rarestWindows(text, stride, gramCount)) {
        const gram = packAt(text, offset);
        grams.push(gram);
        if (offset + 2 * GRAM <= text.length) {
          const key = wideKey(gram, packAt(text, offset + GRAM));
          wideKeys.push(key);
          push(wide, key, index, offset);
        } else {
          narrowGrams.push(gram);
          push(narrow, smallKey(gram), index, offset);
        }
      }
    }
    [this.words, this.shift] = bloom(grams);
    [this.wideWords, this.wideShift] = bloom(wideKeys);
    [this.narrowWords, this.narrowShift] = narrowGrams.length > 0 ? bloom(narrowGrams) : [null, 32];
    this.wide = wide;
    this.narrow = narrow;
  }
}

/** The short literals' native loop: its stride (0: none) and keys[i] filing pairs[start[i] .. start[i + 1]). */
interface PairTier {
  readonly stride: number;
  readonly keys: Int32Array;
  readonly start: Int32Array;
  readonly pairs: Int32Array;
}

/**
 * The native loop for short literals: two characters a probe (a 16-bit key), every `stride`-th
 * position, stride = the shortest literal's pair count, so that each literal has a pair on every
 * residue; of a residue's pairs, the least common is filed.
 */
function pairTier(short: readonly { index: number; text: string }[]): PairTier {
  if (short.length === 0) return { stride: 0, ...flatLists(new Map()) };
  const stride = Math.max(1, Math.min(...short.map((l) => l.text.length)) - 1);
  const pairKey = (text: string, at: number) => KEY_BYTE[text.charCodeAt(at)]! | (KEY_BYTE[text.charCodeAt(at + 1)]! << 8);
  const lists = new Map<number, number[]>();
  for (const { index, text } of short) {
    for (let residue = 0; residue < stride; residue++) {
      let best = residue;
      let bestCost = Infinity;
      for (let offset = residue; offset + 1 < text.length; offset += stride) {
        const cost = commonness(text.charCodeAt(offset)) + commonness(text.charCodeAt(offset + 1));
        if (cost < bestCost) {
          bestCost = cost;
          best = offset;
        }
      }
      const key = pairKey(text, best);
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      list.push(index, best);
    }
  }
  return { stride, ...flatLists(lists) };
}

/** A key → pairs map as flat arrays (keys[i] owns pairs[start[i] .. start[i + 1])), for the addon. */
function flatLists(map: ReadonlyMap<number, readonly number[]>): { keys: Int32Array; start: Int32Array; pairs: Int32Array } {
  const keys = Int32Array.from(map.keys());
  const start = new Int32Array(keys.length + 1);
  let i = 0;
  for (const list of map.values()) start[i + 1] = start[i++]! + list.length;
  const pairs = new Int32Array(start[keys.length]!);
  i = 0;
  for (const list of map.values()) pairs.set(list, start[i++]!);
  return { keys, start, pairs };
}

/**
 * About 16 bits a distinct key, capped so the table stays in the nearer CPU caches. Distinct, not
 * all: literals of one catalog share most of their grams (words recur from signature to signature),
 * and a key set twice sets the same two bits. Sized by every key, a 5,000-signature catalog's
 * 75,000 grams (6,000 distinct) took 64 KiB, twice a 32 KiB L1 cache, for a quarter of the bits.
 */
export function bloom(keys: readonly number[]): [Uint32Array, number] {
  const distinct = new Set(keys).size;
  const log2 = Math.max(5, Math.min(MAX_WORDS_LOG2, Math.ceil(Math.log2(Math.max(1, distinct) / 2))));
  const words = new Uint32Array(1 << log2);
  const shift = 32 - log2;
  for (const key of keys) {
    const hash = Math.imul(key, 0x9e3779b1);
    words[hash >>> shift]! |= (1 << (hash & 31)) | (1 << ((hash >>> 5) & 31));
  }
  return [words, shift];
}

export function bloomHas(words: Uint32Array, shift: number, key: number): boolean {
  const hash = Math.imul(key, 0x9e3779b1);
  const mask = (1 << (hash & 31)) | (1 << ((hash >>> 5) & 31));
  return (words[hash >>> shift]! & mask) === mask;
}

/**
 * Map keys are kept within 30 bits so V8 stores them as small integers: a full 32-bit key would be
 * a boxed number, allocated and hashed as a double on every lookup. Folding bits together can make
 * two grams share a key; that costs only an exact check.
 */
function smallKey(key: number): number {
  return (key ^ (key >>> 30)) & 0x3fffffff;
}

/** Eight characters (two packed grams) as one small key. */
function wideKey(first: number, second: number): number {
  return smallKey(Math.imul(first, 0x85ebca77) ^ second);
}

function packAt(text: string, at: number): number {
  return (
    KEY_BYTE[text.charCodeAt(at)]! |
    (KEY_BYTE[text.charCodeAt(at + 1)]! << 8) |
    (KEY_BYTE[text.charCodeAt(at + 2)]! << 16) |
    (KEY_BYTE[text.charCodeAt(at + 3)]! << 24)
  );
}

/**
 * The windows of `text` to index: one for each residue of the offset modulo `stride` (so that,
 * however an occurrence is aligned, one indexed window falls on a probed position), each the one
 * of its residue least likely to occur by chance. Needs text.length - GRAM + 1 >= stride.
 */
function rarestWindows(text: string, stride: number, gramCount: Map<number, number>): number[] {
  const windows = text.length - GRAM + 1;
  const chosen: number[] = [];
  for (let residue = 0; residue < stride; residue++) {
    let best = residue;
    let bestCost = Infinity;
    for (let offset = residue; offset < windows; offset += stride) {
      // A window with four more characters behind it is found with one lookup: prefer it.
      let cost = (gramCount.get(packAt(text, offset)) ?? 0) * 4 + (offset + 2 * GRAM <= text.length ? 0 : 1000);
      for (let j = 0; j < GRAM; j++) cost += commonness(text.charCodeAt(offset + j));
      if (cost < bestCost) {
        bestCost = cost;
        best = offset;
      }
    }
    chosen.push(best);
  }
  return chosen;
}

const COMMONNESS = (() => {
  const table = new Float64Array(0x10000).fill(1);
  for (let c = 0; c < 0x80; c++) table[c] = charCommonness(c);
  return table;
})();

function commonness(code: number): number {
  return COMMONNESS[code]!;
}

export class Prefilter {
  /** Patterns that take part (those whose literals all have MIN_LITERAL+ characters). */
  readonly served: ReadonlySet<number>;
  /** The gram index, or null when every literal is short. */
  private readonly tier: Tier | null;
  /**
   * The short literals as one case-insensitive V8 alternation, longest first, or null. V8 scans a
   * small set of literals quickly; gram probing would need a stride of 1 or 2 for them.
   */
  private readonly short: RegExp | null;
  /** Folded short literal → itself and every literal it contains (all occur when it does). */
  private readonly shortImplied: Map<string, Int32Array>;
  private readonly allShort: Int32Array;
  private readonly literalText: string[];
  /**
   * Every literal's folded characters, end to end, for the exact check behind a filter hit. The
   * strings themselves are often built by concatenation, and reading a concatenated string one
   * character at a time is several times slower than reading a typed array.
   */
  private readonly literalChars: Uint16Array;
  private readonly literalStart: Int32Array;
  private readonly literalPatterns: Int32Array[];
  /**
   * Both loops in the native addon (null without it): one call a line finds every literal in it
   * and leaves their indices in `nativeFound`.
   */
  private readonly probe: NativeGramProbe | null;
  /** How far apart the short literals are probed: 1 for the V8 scan, more for the native pair loop, 0 without them. */
  private readonly shortStride: number;
  private readonly nativeFound: Int32Array;
  /** With the patterns in the addon: what `match` leaves (a pattern that matched, or ~candidate), else null. */
  private readonly nativeMatched: Int32Array | null;
  /** Per-line scratch: which literals were already confirmed, stamped with the line's serial. */
  private readonly literalSeen: Uint32Array;
  private serial = 0;

  constructor({ literals, stride: forcedStride, native = true, simd = 32, regexes }: PrefilterInput) {
    if (regexes !== undefined && regexes.length !== literals.length) {
      throw new RangeError(`Prefilter: ${regexes.length} regexes for ${literals.length} patterns`);
    }
    const literalIndex = new Map<string, number>();
    const literalText: string[] = [];
    const patternsOf: number[][] = [];
    const served = new Set<number>();
    literals.forEach((set, pattern) => {
      if (set === null || set.length === 0 || set.some((l) => l.length < MIN_LITERAL)) return;
      served.add(pattern);
      for (const literal of set) {
        let index = literalIndex.get(literal);
        if (index === undefined) {
          index = literalText.length;
          literalIndex.set(literal, index);
          literalText.push(literal);
          patternsOf.push([]);
        }
        patternsOf[index]!.push(pattern);
      }
    });
    this.served = served;
    this.literalText = literalText;
    this.literalStart = new Int32Array(literalText.length + 1);
    literalText.forEach((text, index) => (this.literalStart[index + 1] = this.literalStart[index]! + text.length));
    this.literalChars = new Uint16Array(this.literalStart[literalText.length]!);
    literalText.forEach((text, index) => {
      for (let j = 0; j < text.length; j++) this.literalChars[this.literalStart[index]! + j] = text.charCodeAt(j);
    });
    this.literalPatterns = patternsOf.map((p) => Int32Array.from(p));
    this.literalSeen = new Uint32Array(literalText.length);

    // How many literals share each gram: a gram many literals contain is a poor one to index.
    const gramCount = new Map<number, number>();
    for (const text of literalText) {
      const seen = new Set<number>();
      for (let o = 0; o + GRAM <= text.length; o++) seen.add(packAt(text, o));
      for (const g of seen) gramCount.set(g, (gramCount.get(g) ?? 0) + 1);
    }
    // A short-literal scan costs far more than the probes a larger stride saves (~100 ns against
    // ~15 ns a line), so the largest stride that needs none wins; failing that, the smallest.
    // An earlier rule gave up a step of stride to leave the shortest literal a spare window (a
    // choice of window on each residue, so a rarer one than "ion " or "dec "). Once a wide key's
    // filter and crowded keys made a common gram's hit cheap, the spare no longer paid: measured
    // side by side on the synthetic catalogs, the largest stride was faster at every N (about
    // 1.5 ns a Loghub line at N = 50, 1 at 1,000, 2 at 5,000 and 1.5 at 10,000).
    const shortAt = (stride: number) => literalText.filter((text) => text.length < stride + GRAM - 1).length;
    const stride = forcedStride ?? STRIDES.find((s) => shortAt(s) === 0) ?? STRIDES[STRIDES.length - 1]!;
    const longLiteral = stride + GRAM - 1;
    const long = literalText.flatMap((text, index) => (text.length >= longLiteral ? [{ index, text }] : []));
    this.tier = long.length > 0 ? new Tier(stride, long, gramCount) : null;

    const short = literalText.flatMap((text, index) => (text.length < longLiteral ? [{ index, text }] : []));
    this.nativeFound = new Int32Array(Math.max(1, literalText.length));
    const pairs = native && literalText.length > 0 ? pairTier(short) : null;
    this.nativeMatched = pairs !== null && regexes !== undefined ? new Int32Array(Math.max(1, literals.length)) : null;
    this.probe = pairs !== null ? this.nativeProbe(this.tier, pairs, simd, regexes) : null;
    this.shortStride = short.length === 0 ? 0 : this.probe !== null ? pairs!.stride : 1;
    // The V8 scan for short literals serves the JavaScript loops only: with the addon, none is built
    // (shortImplied alone compares every short literal with every literal).
    const scanned = this.probe === null ? short : [];
    scanned.sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : 1));
    // Without `u` V8 scans about a quarter faster; what it then misses is the two characters that
    // case-fold onto ASCII letters in RE2 (see scanShort).
    this.short = scanned.length > 0 ? new RegExp(scanned.map((l) => escapeLiteral(l.text)).join('|'), 'gi') : null;
    this.allShort = Int32Array.from(scanned.map((l) => l.index));
    this.shortImplied = new Map(
      scanned.map(({ text }) => [text, Int32Array.from(literalText.flatMap((other, index) => (text.includes(other) ? [index] : [])))]),
    );
  }

  get literalCount(): number {
    return this.literalText.length;
  }

  /** Whether the probe loops run in the native addon. */
  get native(): boolean {
    return this.probe !== null;
  }

  /** Whether `matches` tests candidates in the addon (else it only finds them, as `candidates` does). */
  get testsInAddon(): boolean {
    return this.probe !== null && this.nativeMatched !== null;
  }

  /**
   * The addon over the gram tier (an empty one when every literal is short) and the short
   * literals' pairs, and, given `regexes`, the patterns to test behind the literals.
   */
  private nativeProbe(gramTier: Tier | null, pairs: PairTier, simd: 0 | 16 | 32, regexes: PrefilterInput['regexes']): NativeGramProbe | null {
    const tier = gramTier ?? new Tier(STRIDES[0], [], new Map());
    const wide = flatLists(tier.wide);
    const narrow = flatLists(tier.narrow);
    const literalPatternStart = new Int32Array(this.literalPatterns.length + 1);
    this.literalPatterns.forEach((list, i) => (literalPatternStart[i + 1] = literalPatternStart[i]! + list.length));
    const patterns =
      regexes === undefined || this.nativeMatched === null
        ? undefined
        : {
            spec: {
              sources: regexes.map((r) => r?.source ?? null),
              flags: regexes.map((r) => r?.flags ?? ''),
              literalPatternStart,
              literalPatterns: Int32Array.from(this.literalPatterns.flatMap((list) => [...list])),
              // One a route from a literal to a pattern, as literalPatterns lists them.
              splits: this.literalPatterns.flatMap((list, literal) => [...list].map((pattern) => regexes[pattern]?.split(this.literalText[literal]!) ?? null)),
            },
            matched: this.nativeMatched,
          };
    return nativeGramProbe(
      {
        stride: tier.stride,
        keyByte: KEY_BYTE,
        fold: FOLD_TABLE,
        words: tier.words,
        shift: tier.shift,
        wideWords: tier.wideWords,
        wideShift: tier.wideShift,
        narrowWords: tier.narrowWords,
        narrowShift: tier.narrowShift,
        literalChars: this.literalChars,
        literalStart: this.literalStart,
        wideKeys: wide.keys,
        wideStart: wide.start,
        widePairs: wide.pairs,
        narrowKeys: narrow.keys,
        narrowStart: narrow.start,
        narrowPairs: narrow.pairs,
        pairStride: pairs.stride,
        pairKeys: pairs.keys,
        pairStart: pairs.start,
        pairPairs: pairs.pairs,
        shortSimd: simd,
      },
      this.nativeFound,
      patterns,
    );
  }

  /** The probe strides in use: the gram tier's, then the short literals' (1 when V8 scans for them). */
  get strides(): number[] {
    return [...(this.tier ? [this.tier.stride] : []), ...(this.shortStride > 0 ? [this.shortStride] : [])];
  }

  /**
   * How the literals too short for the stride are found in a line of one-byte characters: by the
   * addon's SIMD scan or its pair loop (native.ts explains both), by one V8 alternation without
   * the addon, or not at all when there are none.
   */
  get shortLoop(): ShortLoop | 'v8' {
    if (this.probe !== null) return this.probe.shortLoop();
    return this.short === null ? 'none' : 'v8';
  }

  /**
   * With the patterns in the addon: how many candidate patterns matched `line` (tested there with
   * RE2), left at the start of `matched`, each once; candidates it holds no regex for are added to
   * `untested`. Without: 0, and every candidate is added to `untested`, as `candidates` does.
   */
  matches(line: string, untested: CandidateSet): number {
    const out = this.nativeMatched;
    if (this.probe === null || out === null) {
      this.candidates(line, untested);
      return 0;
    }
    const count = this.probe.match(line);
    let matched = 0;
    for (let i = 0; i < count; i++) {
      const entry = out[i]!;
      if (entry >= 0) out[matched++] = entry;
      else untested.add(~entry);
    }
    return matched;
  }

  /**
   * Whether the ASCII line in `bytes[0 .. length)` might match: false only when the addon, with the
   * patterns attached, found no candidate there at all (no literal, or none whose pattern matched,
   * and none left to JavaScript), which is what `matches` would say of the same line as a string.
   * True whenever it cannot tell (no addon, no patterns attached).
   */
  mayMatchAscii(bytes: Uint8Array, length: number): boolean {
    if (this.probe === null || this.nativeMatched === null) return true;
    return this.probe.matchAscii(bytes, length) > 0;
  }

  /** Where `matches` leaves the patterns that matched. */
  get matched(): Int32Array {
    return this.nativeMatched ?? NONE;
  }

  /** Adds to `out` every pattern with a literal in `line`. */
  candidates(line: string, out: CandidateSet): void {
    if (this.probe !== null) {
      // The addon finds the short literals too, each literal once: no need for literalSeen.
      const count = this.probe.scan(line);
      for (let i = 0; i < count; i++) this.addPatterns(this.nativeFound[i]!, out);
      return;
    }
    if (this.serial === 0xffffffff) {
      // Wrapped after 2^32 lines: a literal last seen at serial 1 would read as seen again.
      this.literalSeen.fill(0);
      this.serial = 0;
    }
    this.serial++;
    if (this.short !== null) this.scanShort(line, out);
    const tier = this.tier;
    if (tier === null) return;
    const keyByte = KEY_BYTE;
    const words = tier.words;
    const shift = tier.shift;
    const stride = tier.stride;
    const wideWords = tier.wideWords;
    const wideShift = tier.wideShift;
    const narrowWords = tier.narrowWords;
    const narrowShift = tier.narrowShift;
    const last = line.length - GRAM;
    const lastWide = line.length - 2 * GRAM;
    for (let p = 0; p <= last; p += stride) {
      const gram =
        keyByte[line.charCodeAt(p)]! |
        (keyByte[line.charCodeAt(p + 1)]! << 8) |
        (keyByte[line.charCodeAt(p + 2)]! << 16) |
        (keyByte[line.charCodeAt(p + 3)]! << 24);
      const hash = Math.imul(gram, 0x9e3779b1);
      const mask = (1 << (hash & 31)) | (1 << ((hash >>> 5) & 31));
      if ((words[hash >>> shift]! & mask) !== mask) continue;
      // A gram hit: most end at the eight-character filter, before any map lookup.
      if (p <= lastWide) {
        const key = wideKey(gram, packAt(line, p + GRAM));
        if (bloomHas(wideWords, wideShift, key)) this.confirm(line, p, tier.wide.get(key), out);
      }
      if (narrowWords !== null && bloomHas(narrowWords, narrowShift, gram)) this.confirm(line, p, tier.narrow.get(smallKey(gram)), out);
    }
  }

  /**
   * Every occurrence of every short literal: after a hit at i the scan resumes at i + 1 (so
   * overlapping literals are found), and a hit also stands for the literals inside it (the
   * alternation tries longer literals first, so a shorter one at the same place is never tried).
   */
  private scanShort(line: string, out: CandidateSet): void {
    const re = this.short!;
    // ſ and K (Kelvin) match s and k in RE2's case folding but not in V8's without `u`: spell
    // them as ASCII first (one code unit each, so positions do not move).
    const text = FOLDS_ONTO_ASCII.test(line) ? line.replace(FOLDS_ONTO_ASCII_ALL, (c) => (c === '\u017f' ? 's' : 'k')) : line;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      re.lastIndex = m.index + 1;
      // A hit that does not fold back to a literal (an exotic case-folding pair V8 and RE2 know
      // but per-character lower-casing does not) stands for every short literal: over-inclusive,
      // never wrong, and vanishingly rare.
      const implied = this.shortImplied.get(foldString(m[0])) ?? this.allShort;
      for (const literal of implied) {
        if (this.literalSeen[literal] === this.serial) continue;
        this.literalSeen[literal] = this.serial;
        this.addPatterns(literal, out);
      }
    }
  }

  private addPatterns(literal: number, out: CandidateSet): void {
    for (const pattern of this.literalPatterns[literal]!) out.add(pattern);
  }

  private confirm(line: string, p: number, list: readonly number[] | undefined, out: CandidateSet): void {
    if (list === undefined) return;
    for (let k = 0; k < list.length; k += 2) {
      const literal = list[k]!;
      if (this.literalSeen[literal] === this.serial) continue;
      if (!this.occursAt(line, p - list[k + 1]!, literal)) continue;
      this.literalSeen[literal] = this.serial;
      this.addPatterns(literal, out);
    }
  }

  /** Whether literal number `literal` occurs in `line` at `start`, compared after folding. */
  private occursAt(line: string, start: number, literal: number): boolean {
    const from = this.literalStart[literal]!;
    const length = this.literalStart[literal + 1]! - from;
    if (start < 0 || start + length > line.length) return false;
    const fold = FOLD_TABLE;
    const chars = this.literalChars;
    for (let j = 0; j < length; j++) {
      if (fold[line.charCodeAt(start + j)] !== chars[from + j]) return false;
    }
    return true;
  }
}
