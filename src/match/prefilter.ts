/**
 * The first pass over all signatures at once: which patterns could match this line at all?
 *
 * Each pattern brings an OR-set of literals (literals.ts), one of which every match contains. The
 * prefilter indexes every 4-character window ("gram") of every literal in a bitset. A line is
 * folded and hashed only at every `stride`-th position: a literal of length L has L − 3 windows, so
 * whenever all literals are at least `stride + 3` long, each occurrence of a literal covers at
 * least one sampled position. A sampled window whose bit is clear rules the position out in one
 * load; a set bit is checked exactly against the literals filed under it. The cost of a line is
 * about (length / stride) hash probes, whatever the number of signatures: thousands of signatures
 * cost what a few do.
 *
 * Exactness: a literal is reported only when it really occurs (compared character by character
 * after folding), and every occurrence is found, so a pattern is a candidate exactly when one of
 * its literals is in the line. The regex then decides.
 */
import { FOLD_TABLE, foldString } from './fold.ts';

export const GRAM = 4;
/** A stride beyond this buys little: long literals are rarer than the probes they would save. */
const MAX_STRIDE = 8;

export interface PrefilterInput {
  /** Pattern index → its literal set (already folded), or null for patterns the prefilter cannot serve. */
  readonly literals: readonly (readonly string[] | null)[];
}

function gramHash(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a, 0x9e3779b1);
  h = Math.imul(h ^ b, 0x85ebca77);
  h = Math.imul(h ^ c, 0xc2b2ae3d);
  return Math.imul(h ^ d, 0x27d4eb2f) ^ (h >>> 15);
}

export class Prefilter {
  /** Patterns that take part (those with a literal set of GRAM+ characters). */
  readonly served: ReadonlySet<number>;
  readonly stride: number;
  private readonly bits: Uint32Array;
  private readonly shift: number;
  /** Bucket → flat list of (literal index, offset of the window in the literal). */
  private readonly buckets: Map<number, Int32Array>;
  private readonly literalText: string[];
  private readonly literalPatterns: Int32Array[];
  /** Per-line scratch: which literals were already confirmed, stamped with the line's serial. */
  private readonly literalSeen: Uint32Array;
  private serial = 0;

  constructor({ literals }: PrefilterInput) {
    const literalIndex = new Map<string, number>();
    const literalText: string[] = [];
    const patternsOf: number[][] = [];
    const served = new Set<number>();
    literals.forEach((set, pattern) => {
      if (set === null || set.length === 0 || set.some((l) => l.length < GRAM)) return;
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
    this.literalPatterns = patternsOf.map((p) => Int32Array.from(p));
    this.literalSeen = new Uint32Array(literalText.length);

    const shortest = literalText.reduce((min, l) => Math.min(min, l.length), Infinity);
    this.stride = Number.isFinite(shortest) ? Math.max(1, Math.min(MAX_STRIDE, shortest - GRAM + 1)) : 1;

    // Size the bitset for about 1 set bit in 64, so a probe of a random window is rarely a hit.
    const windows = literalText.reduce((sum, l) => sum + l.length - GRAM + 1, 0);
    const log2 = Math.max(12, Math.min(24, Math.ceil(Math.log2(Math.max(1, windows) * 64))));
    this.shift = 32 - log2;
    this.bits = new Uint32Array(1 << (log2 - 5));

    const lists = new Map<number, number[]>();
    literalText.forEach((literal, index) => {
      for (let offset = 0; offset + GRAM <= literal.length; offset++) {
        const h = gramHash(literal.charCodeAt(offset), literal.charCodeAt(offset + 1), literal.charCodeAt(offset + 2), literal.charCodeAt(offset + 3)) >>> this.shift;
        this.bits[h >>> 5]! |= 1 << (h & 31);
        let list = lists.get(h);
        if (!list) lists.set(h, (list = []));
        list.push(index, offset);
      }
    });
    this.buckets = new Map([...lists].map(([h, list]) => [h, Int32Array.from(list)]));
  }

  get literalCount(): number {
    return this.literalText.length;
  }

  /**
   * Adds to `out` the patterns with a literal in `line`; returns how many it added. `mark` is the
   * caller's per-pattern stamp array and `stamp` this line's stamp, so a pattern is added once.
   */
  candidates(line: string, out: number[], mark: Uint32Array, stamp: number): number {
    if (this.literalText.length === 0) return 0;
    const serial = ++this.serial === 0 ? (this.serial = 1) : this.serial;
    const fold = FOLD_TABLE;
    const bits = this.bits;
    const shift = this.shift;
    const last = line.length - GRAM;
    let added = 0;
    for (let p = 0; p <= last; p += this.stride) {
      const h =
        gramHash(fold[line.charCodeAt(p)]!, fold[line.charCodeAt(p + 1)]!, fold[line.charCodeAt(p + 2)]!, fold[line.charCodeAt(p + 3)]!) >>> shift;
      if ((bits[h >>> 5]! & (1 << (h & 31))) === 0) continue;
      const list = this.buckets.get(h);
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k += 2) {
        const literal = list[k]!;
        if (this.literalSeen[literal] === serial) continue;
        if (!this.occursAt(line, p - list[k + 1]!, this.literalText[literal]!)) continue;
        this.literalSeen[literal] = serial;
        for (const pattern of this.literalPatterns[literal]!) {
          if (mark[pattern] !== stamp) {
            mark[pattern] = stamp;
            out.push(pattern);
            added++;
          }
        }
      }
    }
    return added;
  }

  private occursAt(line: string, start: number, literal: string): boolean {
    if (start < 0 || start + literal.length > line.length) return false;
    const fold = FOLD_TABLE;
    for (let j = 0; j < literal.length; j++) {
      if (fold[line.charCodeAt(start + j)] !== literal.charCodeAt(j)) return false;
    }
    return true;
  }
}

/** Exported for tests: the folded form the prefilter compares. */
export { foldString };
