/**
 * The multi-pattern engine: which signatures match a line, for catalogs of thousands, at close to
 * the cost of one regex, in time linear in the line.
 *
 *   line ─► cap at max_line_bytes ─► prefilter (literal grams, one pass for all signatures)
 *                                   └► RE2.Set over the few patterns without a usable literal
 *        ─► candidates only: RE2 test on the line's UTF-8 bytes ─► rank
 *           (captures and spans computed on first use)
 *
 * With the native addon, the prefilter's call also tests its candidates (native/regex_bank.h: the
 * same RE2, compiled into the addon), so a matching line is one call too; JavaScript tests only
 * what the addon does not hold (lookaround patterns on V8, the RE2.Set patterns).
 *
 * Most log lines match nothing and leave at the prefilter, touching no regex at all. The engine is
 * an immutable snapshot of one catalog: build a new one off the hot path and swap the reference.
 */
import RE2 from 're2';
import type { Catalog } from '../catalog/catalog.ts';
import { CandidateSet } from './candidate-set.ts';
import { compileEntry, toRe2Source, type CompiledPattern } from './compile.ts';
import { Prefilter } from './prefilter.ts';
import { rankMatches } from './rank.ts';
import type { LiteralSplit } from './split.ts';
import { truncateUtf8 } from './truncate.ts';
import type { CompileProblem, EngineOptions, LineMatch, MatchEngine, SignatureMatch } from './types.ts';

/**
 * Patterns per RE2.Set: one set of several thousand patterns can exceed RE2's memory budget and
 * fail to compile (seen at 5,000 on the re2 release that runs on Node 20), so sets are sharded.
 */
const SET_SHARD = 250;

interface SetShard {
  readonly set: ReturnType<typeof RE2.Set>;
  /** Set index → pattern index. */
  readonly patterns: Int32Array;
}

/** RE2.Set takes one flag string for the whole set; each pattern carries its own flags inline. */
function inlineFlags(pattern: CompiledPattern): string {
  const flags = [...pattern.regex.flags].filter((f) => f === 'i' || f === 's' || f === 'm').join('');
  const source = toRe2Source(pattern.regex.source);
  return flags ? `(?${flags}:${source})` : source;
}

function buildShards(patterns: readonly CompiledPattern[], indices: readonly number[]): SetShard[] {
  const shards: SetShard[] = [];
  const add = (slice: readonly number[]): void => {
    if (slice.length === 0) return;
    try {
      const set = new RE2.Set(slice.map((i) => inlineFlags(patterns[i]!)), 'u', { anchor: 'unanchored' });
      shards.push({ set, patterns: Int32Array.from(slice) });
    } catch (error) {
      // Over RE2's memory budget: halve until it fits (a single pattern always compiles alone,
      // since it compiled as an RE2 before).
      if (slice.length === 1) throw error;
      const half = Math.ceil(slice.length / 2);
      add(slice.slice(0, half));
      add(slice.slice(half));
    }
  };
  for (let i = 0; i < indices.length; i += SET_SHARD) add(indices.slice(i, i + SET_SHARD));
  return shards;
}

export interface MultiEngineStats {
  /** Patterns reached through the literal prefilter. */
  readonly prefiltered: number;
  /** Patterns tested on every line through RE2.Set shards. */
  readonly unfiltered: number;
  /** Patterns RE2 cannot run, proven linear and run on V8 (tested on every candidate line). */
  readonly v8Checked: number;
  readonly shards: number;
  readonly literals: number;
  /** Probe strides of the prefilter's tiers, largest first. */
  readonly strides: readonly number[];
  /** How literals too short for the stride are found (Prefilter.shortLoop). */
  readonly shortLoop: Prefilter['shortLoop'];
  /** Whether the prefilter's probe loop runs in the native addon (see native.ts). */
  readonly nativeProbe: boolean;
  /** Whether the addon also tests the prefilter's candidates with RE2 (see native/regex_bank.h). */
  readonly nativeTests: boolean;
}

export interface MultiEngine extends MatchEngine {
  readonly stats: MultiEngineStats;
  mayMatchAscii(bytes: Uint8Array, length: number): boolean;
}

export function createMultiEngine(catalog: Catalog, options: EngineOptions): MultiEngine {
  const { maxLineBytes, nativePrefilter = true, simdShortScan = true } = options;
  if (!Number.isInteger(maxLineBytes) || maxLineBytes <= 0) {
    throw new RangeError(`maxLineBytes must be a positive integer (got ${maxLineBytes})`);
  }
  const patterns: CompiledPattern[] = [];
  const problems: CompileProblem[] = [];
  for (const entry of catalog.entries) {
    const compiled = compileEntry(entry);
    if (compiled.ok) patterns.push(compiled);
    else problems.push(compiled.problem);
  }
  Object.freeze(problems);

  const prefilter = new Prefilter({
    literals: patterns.map((p) => p.literals),
    native: nativePrefilter,
    simd: simdShortScan ? 32 : 0,
    // The same source and flags compile.ts gave `new RE2`, so that both copies of RE2 agree.
    regexes: patterns.map((p) =>
      p.re2 === null ? null : { source: toRe2Source(p.regex.source), flags: p.regex.flags, split: (literal: string) => re2Split(p, literal) },
    ),
  });
  const unservedRe2: number[] = [];
  const unservedV8: number[] = [];
  patterns.forEach((pattern, index) => {
    if (prefilter.served.has(index)) return;
    (pattern.re2 ? unservedRe2 : unservedV8).push(index);
  });
  const shards = buildShards(patterns, unservedRe2);
  const alwaysV8 = Int32Array.from(unservedV8);

  // Entries and specificities side by side in small arrays: making a match reads a pointer and a
  // number from these (warm: a few KiB for thousands of signatures), not the pattern's own object,
  // which is cold when matching lines cycle through a large catalog.
  const entries = patterns.map((p) => p.entry);
  const specificities = Float64Array.from(patterns, (p) => p.specificity);
  const addonMatch = (index: number, text: string) => new Re2Match(patterns[index]!, entries[index]!, specificities[index]!, text);
  const candidates = new CandidateSet(patterns.length);
  const matchedInAddon = prefilter.matched;
  // RE2 works on UTF-8: the line is encoded once, into space reused from line to line (a fresh
  // Buffer per line cost ~100 ns, as much as the rest of a non-matching line). Truncation has
  // already capped the line at maxLineBytes of UTF-8.
  const scratch = Buffer.allocUnsafeSlow(maxLineBytes);
  const encoder = new TextEncoder();
  const utf8 = (text: string): Buffer => scratch.subarray(0, encoder.encodeInto(text, scratch).written);

  function match(line: string): LineMatch {
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so most lines cannot be over the cap.
    const capped = line.length * 3 <= maxLineBytes ? null : truncateUtf8(line, maxLineBytes);
    const text = capped === null ? line : capped.text;
    const truncated = capped !== null && capped.truncated;
    if (patterns.length === 0) return { line: text, truncated, matches: NO_MATCHES };
    candidates.clear();
    const matchedCount = prefilter.matches(text, candidates);

    let bytes: Buffer | null = null;
    if (shards.length > 0) {
      bytes = utf8(text);
      for (const shard of shards) {
        for (const hit of shard.set.match(bytes)) candidates.add(shard.patterns[hit]!);
      }
    }
    for (let i = 0; i < alwaysV8.length; i++) candidates.add(alwaysV8[i]!);
    if (candidates.count === 0 && matchedCount === 0) return { line: text, truncated, matches: NO_MATCHES };

    // The common case, one signature matched in the addon, in an array of exactly one.
    if (matchedCount === 1 && candidates.count === 0) return { line: text, truncated, matches: [addonMatch(matchedInAddon[0]!, text)] };
    const found: SignatureMatch[] = [];
    for (let c = 0; c < matchedCount; c++) found.push(addonMatch(matchedInAddon[c]!, text));
    for (let c = 0; c < candidates.count; c++) {
      const pattern = patterns[candidates.list[c]!]!;
      if (pattern.re2 === null) {
        const m = pattern.regex.exec(text);
        if (m) found.push({ entry: pattern.entry, captures: namedCaptures(m.groups), start: m.index, end: m.index + m[0].length, specificity: pattern.specificity });
        continue;
      }
      bytes ??= utf8(text);
      if (pattern.re2.test(bytes)) found.push(new Re2Match(pattern, pattern.entry, pattern.specificity, text));
    }
    return { line: text, truncated, matches: found.length > 1 ? rankMatches(found) : found.length === 1 ? found : NO_MATCHES };
  }

  // A line held as ASCII bytes can be ruled out before any string is made of it: the addon runs
  // the same probe and the same tests on those bytes as on the string's copy, so when it finds no
  // candidate there and no pattern is left to JavaScript (none through the RE2.Set shards, none
  // V8-only), `match` would find nothing either. Measured in `bench:batch`.
  const bytesDecide = prefilter.testsInAddon && shards.length === 0 && alwaysV8.length === 0;
  function mayMatchAscii(bytes: Uint8Array, length: number): boolean {
    if (length > maxLineBytes) return true; // `match` would cut it, and say so
    if (patterns.length === 0) return false;
    return !bytesDecide || prefilter.mayMatchAscii(bytes, length);
  }

  const stats: MultiEngineStats = {
    prefiltered: prefilter.served.size,
    unfiltered: unservedRe2.length,
    v8Checked: patterns.filter((p) => p.re2 === null).length,
    shards: shards.length,
    literals: prefilter.literalCount,
    strides: prefilter.strides,
    shortLoop: prefilter.shortLoop,
    nativeProbe: prefilter.native,
    nativeTests: prefilter.testsInAddon,
  };
  return Object.freeze({ catalog, size: patterns.length, problems, stats, match, mayMatchAscii });
}

/** The pattern split around one of its literals (compiled with it), in the syntax `new RE2` takes, or null. */
function re2Split(pattern: CompiledPattern, literal: string): LiteralSplit | null {
  const split = pattern.splits.get(literal) ?? null;
  if (split === null) return null;
  const re2 = (part: string | null) => (part === null ? null : toRe2Source(part));
  return { prefix: re2(split.prefix), literal: split.literal, suffix: re2(split.suffix) };
}

/** Most lines match nothing: they share one empty, frozen result list. */
const NO_MATCHES: readonly SignatureMatch[] = Object.freeze([]);

const NO_CAPTURES: Readonly<Record<string, string>> = Object.freeze({});

/**
 * A match found by RE2's yes/no test, its details computed on first use. Building a full RE2
 * result (groups as Buffers) costs ten times the test, and most matches never need it: the event
 * uses the top match's captures, ranking needs spans only to break ties.
 */
class Re2Match implements SignatureMatch {
  readonly entry: SignatureMatch['entry'];
  readonly specificity: number;
  readonly #pattern: CompiledPattern;
  readonly #text: string;
  #span: readonly [number, number] | null = null;
  #captures: Readonly<Record<string, string>> | null = null;

  constructor(pattern: CompiledPattern, entry: SignatureMatch['entry'], specificity: number, text: string) {
    this.entry = entry;
    this.specificity = specificity;
    this.#pattern = pattern;
    this.#text = text;
  }

  get start(): number {
    return this.#spanOf()[0];
  }

  get end(): number {
    return this.#spanOf()[1];
  }

  get captures(): Readonly<Record<string, string>> {
    if (this.#captures === null) {
      this.#captures = this.#pattern.hasNamedGroups ? namedCaptures(this.#pattern.re2!.exec(this.#text)?.groups) : NO_CAPTURES;
    }
    return this.#captures;
  }

  // On the string, not the bytes: the line's bytes live in space the next line reuses, and RE2
  // gives string input its positions in UTF-16 code units, as the event wants them.
  #spanOf(): readonly [number, number] {
    if (this.#span === null) {
      const m = this.#pattern.re2!.exec(this.#text);
      this.#span = m ? [m.index, m.index + m[0].length] : [0, 0];
    }
    return this.#span;
  }
}

/** Named groups that took part in the match, as strings (RE2 gives Buffers for Buffer input). */
function namedCaptures(groups: Record<string, string | Buffer | undefined> | undefined): Record<string, string> {
  const captures: Record<string, string> = {};
  if (!groups) return captures;
  for (const [name, value] of Object.entries(groups)) {
    if (value !== undefined) captures[name] = typeof value === 'string' ? value : value.toString('utf8');
  }
  return captures;
}
