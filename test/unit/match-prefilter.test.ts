/**
 * The prefilter may only ever say "maybe" too often, never "no" wrongly: a literal placed anywhere
 * in a line, at any alignment against the probe stride and in any letter case, must make its
 * pattern a candidate — for catalogs whose literals put it on every stride. Every property runs
 * twice: with the probe loop in the native addon and with the JavaScript one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidateSet } from '../../src/match/candidate-set.ts';
import { foldString } from '../../src/match/fold.ts';
import { nativeStatus } from '../../src/match/native.ts';
import { bloom, bloomHas, Prefilter } from '../../src/match/prefilter.ts';

const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 :_-'.split(''));
const literal = (min: number, max: number) => fc.array(letters, { minLength: min, maxLength: max }).map((c) => c.join(''));
const noise = fc.array(fc.constantFrom(...'abcxyz 01:._-/é日ſK'.split('')), { maxLength: 60 }).map((c) => c.join(''));
const recase = (text: string, upper: boolean[]) => [...text].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch)).join('');

function candidates(prefilter: Prefilter, size: number, line: string): number[] {
  const out = new CandidateSet(size);
  out.clear();
  prefilter.candidates(line, out);
  return [...out.list.subarray(0, out.count)].sort((a, b) => a - b);
}

it('sizes a Bloom filter by its distinct keys: grams many literals share take no more room', () => {
  // Literals of one catalog repeat their words, so most of their grams are shared: a 5,000-signature
  // catalog indexes ~75,000 grams of which ~6,000 differ. Sized by all of them its filter would be
  // four times larger than its bits need, and larger than the nearest cache.
  const keys = Array.from({ length: 6000 }, (_, i) => Math.imul(i + 1, 0x2545f491));
  const repeated = Array.from({ length: 12 }, () => keys).flat();
  const [words, shift] = bloom(keys);
  expect(bloom(repeated)[0].length).toBe(words.length);
  expect(words.length).toBe(4096); // about 16 bits a distinct key, a power of two of 32-bit words
  expect(shift).toBe(20);
  for (const key of keys) expect(bloomHas(words, shift, key)).toBe(true);
});

it('the native addon is built and loads (npm install builds it; without it the JavaScript loop runs)', () => {
  expect(nativeStatus).toEqual({ loaded: true });
});

describe.each([
  ['native', true],
  ['JavaScript', false],
])('prefilter, %s probe loop', (_loop, native) => {
  it('runs the loop it was asked for', () => {
    expect(new Prefilter({ literals: [['a literal long enough for grams']], native }).native).toBe(native);
  });

  it.each([
    ['long literals (a large stride)', 20, 40],
    ['mixed lengths (a stride and the short scan)', 2, 30],
    ['every stride on offer, forced', 2, 30, true],
  ])('finds every literal occurrence: %s', (_name, min, max, forceStride = false) => {
    fc.assert(
      fc.property(
        fc.array(literal(min, max), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        noise,
        noise,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 8, max: 20 }),
        (literals, pick, before, after, upper, stride) => {
          const sets = literals.map((l) => [foldString(l)]);
          const prefilter = new Prefilter({ literals: sets, native, ...(forceStride ? { stride } : {}) });
          const target = pick % literals.length;
          const line = `${before}${recase(literals[target]!, upper)}${after}`;
          const found = candidates(prefilter, literals.length, line);
          // Served patterns only: a one-character literal is no filter and is left to the caller.
          if (prefilter.served.has(target)) expect(found).toContain(target);
          // And nothing is a candidate whose literal is not in the line.
          for (const index of found) expect(foldString(line)).toContain(sets[index]![0]);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('finds every literal of a line that holds many, sharing grams (as a vocabulary-bound catalog does)', () => {
    const words = ['connection', 'refused', 'timeout', 'handler', 'queue', 'failed', 'retry'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...words), { minLength: 3, maxLength: 5 }), { minLength: 2, maxLength: 60 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        noise,
        (phrases, picks, filler) => {
          const literals = phrases.map((w) => w.join(' '));
          const sets = literals.map((l) => [foldString(l)]);
          const prefilter = new Prefilter({ literals: sets, native });
          const targets = [...new Set(picks.map((p) => p % literals.length))];
          const line = targets.map((t) => literals[t]!.toUpperCase()).join(filler);
          const found = candidates(prefilter, literals.length, line);
          for (const target of targets) if (prefilter.served.has(target)) expect(found).toContain(target);
          for (const index of found) expect(foldString(line)).toContain(sets[index]![0]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds every literal of a line that holds forty (more keys than the native loop holds back before looking them up)', () => {
    const literals = Array.from({ length: 40 }, (_, i) => `module-${(i * 7919).toString(36)} reported fault e${1000 + i}`);
    const sets = literals.map((l) => [foldString(l)]);
    const prefilter = new Prefilter({ literals: sets, native });
    for (const separator of [' | ', ';', ' and then ']) {
      expect(candidates(prefilter, literals.length, literals.join(separator))).toEqual(literals.map((_, i) => i));
    }
  });

  it('finds every literal of a crowd sharing one long word, at every alignment and at either end of the line', () => {
    // Most windows of these literals lie inside the shared word, so many literals index the same
    // keys: the native loop files such crowded keys on under four more characters (after the key or
    // before it, whichever tells that key's literals apart better; with the word at a literal's end
    // or start, only one of them exists), and keeps under the key itself those that have none there.
    const shared = 'request handler timeout';
    const tail = fc.array(fc.constantFrom(...'abcdefgh:_'.split('')), { maxLength: 6 }).map((c) => c.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(tail, tail), { minLength: 3, maxLength: 30 }),
        fc.nat(),
        fc.nat({ max: 24 }),
        fc.boolean(),
        (ends, pick, shift, atEnd) => {
          const literals = [...new Set(ends.map(([before, after]) => `${before}${shared}${after}`))];
          const sets = literals.map((l) => [foldString(l)]);
          const prefilter = new Prefilter({ literals: sets, native });
          const target = pick % literals.length;
          const pad = 'x'.repeat(shift);
          const line = atEnd ? `${pad}${literals[target]!.toUpperCase()}` : `${literals[target]!}${pad}`;
          const found = candidates(prefilter, literals.length, line);
          expect(found).toContain(target);
          for (const index of found) expect(foldString(line)).toContain(sets[index]![0]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('picks the largest stride the shortest literal allows', () => {
    // A 4-gram needs stride + 3 characters: 23 characters allow 20, the largest on offer.
    expect(new Prefilter({ literals: [['a literal of twenty-two']] }).strides).toEqual([20]);
    expect(new Prefilter({ literals: [['sixteen chars!!!'], ['a literal of twenty-two']] }).strides).toEqual([13]);
    expect(new Prefilter({ literals: [['fifteen chars!!']] }).strides).toEqual([12]);
    // Just long enough for stride 8: no short scan.
    expect(new Prefilter({ literals: [['eleven char']] }).strides).toEqual([8]);
    // A short literal: V8 scans for it (stride 1), the native loop probes pairs as far apart as
    // its four pairs allow.
    expect(new Prefilter({ literals: [['sorry, too many clients'], [' 503 ']], native }).strides).toEqual([8, native ? 4 : 1]);
    expect(new Prefilter({ literals: [['fifteen chars!!']], stride: 9 }).strides).toEqual([9]);
  });
});

describe('short literals in one-byte lines: the SIMD scan against the pair loop and JavaScript', () => {
  // x86-64 CPUs have had SSSE3 (the scan's shuffles) since 2011 and most have AVX2; elsewhere the
  // addon keeps its pair loop, and these tests compare the pair loop with JavaScript only.
  const simdHere = nativeStatus.loaded && process.arch === 'x64';
  const long = 'a literal long enough for grams';

  it('takes the SIMD scan for a few ASCII short literals, the pair loop when asked or when they do not fit', () => {
    const few = [[' 503 '], ['emfile'], [long]];
    expect(new Prefilter({ literals: few }).shortLoop).toMatch(simdHere ? /^simd-(32|16)$/ : /^pairs$/);
    expect(new Prefilter({ literals: few, simd: 16 }).shortLoop).toBe(simdHere ? 'simd-16' : 'pairs');
    expect(new Prefilter({ literals: few, simd: 0 }).shortLoop).toBe('pairs');
    // More than 32 short literals pass too many positions by chance; a non-ASCII one is not served.
    const many = Array.from({ length: 33 }, (_, i) => [`e${String(i).padStart(4, '0')}`]);
    expect(new Prefilter({ literals: [...many, [long]] }).shortLoop).toBe('pairs');
    expect(new Prefilter({ literals: [['größe'], [long]] }).shortLoop).toBe('pairs');
    expect(new Prefilter({ literals: [[long]] }).shortLoop).toBe('none');
    expect(new Prefilter({ literals: [[' 503 '], [long]], native: false }).shortLoop).toBe('v8');
  });

  const ascii = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 :_-."/'.split(''));
  const short = fc.array(ascii, { minLength: 2, maxLength: 10 }).map((c) => c.join(''));
  // One-byte lines only (ASCII and Latin-1): two-byte lines take the pair loop.
  const oneByteNoise = fc.array(fc.constantFrom(...'abcxyz 0159:._-/é"'.split('')), { maxLength: 70 }).map((c) => c.join(''));

  it.each([32, 16] as const)('finds exactly what the pair loop and the JavaScript loop find (%i positions a step)', (step) => {
    fc.assert(
      fc.property(
        fc.array(short, { minLength: 1, maxLength: 32 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        oneByteNoise,
        oneByteNoise,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        (literals, picks, before, after, upper) => {
          const sets = [...literals.map((l) => [foldString(l)]), [long]];
          const simd = new Prefilter({ literals: sets, simd: step });
          const pairs = new Prefilter({ literals: sets, simd: 0 });
          const js = new Prefilter({ literals: sets, native: false });
          const targets = picks.map((p) => p % literals.length);
          const line = `${before}${targets.map((t) => recase(literals[t]!, upper)).join(after.slice(0, 3))}${after}`;
          const found = candidates(simd, sets.length, line);
          for (const target of targets) if (simd.served.has(target)) expect(found).toContain(target);
          if (nativeStatus.loaded) expect(found).toEqual(candidates(pairs, sets.length, line));
          expect(found).toEqual(candidates(js, sets.length, line));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it.each([32, 16] as const)('finds a short literal at every position of lines from 0 to 80 characters, in either case (%i positions a step)', (step) => {
    // Every step boundary is crossed here, and every length of a last, partial step (the scan reads
    // on past the line's end, into bytes that belong to no line).
    const literals = [' 503 ', 'emfile', 'erofs', 'not found', 'e0000011', long];
    const sets = literals.map((l) => [foldString(l)]);
    const prefilter = new Prefilter({ literals: sets, simd: step });
    for (const [index, text] of literals.slice(0, 5).entries()) {
      for (let at = 0; at + text.length <= 80; at++) {
        for (const spelled of [text, text.toUpperCase()]) {
          const line = `${'x'.repeat(at)}${spelled}${'y'.repeat(Math.max(0, 80 - at - text.length) % 7)}`;
          expect(candidates(prefilter, sets.length, line), JSON.stringify(line)).toEqual([index]);
        }
      }
    }
    expect(candidates(prefilter, sets.length, '')).toEqual([]);
    expect(candidates(prefilter, sets.length, 'emfil')).toEqual([]);
  });

  it('finds short literals across the pieces a long line is scanned in, and past 16 MiB into one', () => {
    // The scan takes 64 KiB of a line at a time (its candidates keep their position in 24 bits, and
    // max_line_bytes has no upper bound): a literal may straddle two pieces.
    const sets = [['emfile'], [' 503 '], [long]];
    const prefilter = new Prefilter({ literals: sets });
    for (const at of [65_536 - 6, 65_536 - 3, 65_536 - 1, 65_536, 3 * 65_536 - 2]) {
      expect(candidates(prefilter, sets.length, `${'x'.repeat(at)}EMFILE${'y'.repeat(40)}`), String(at)).toEqual([0]);
    }
    expect(candidates(prefilter, sets.length, `${'x'.repeat(2 ** 24 + 100)} 503 `)).toEqual([1]);
  });

  it('finds nothing in what the scan reads past a line: the rest of a longer line before it', () => {
    const sets = [[' 503 '], ['emfile'], [long]];
    const prefilter = new Prefilter({ literals: sets });
    const earlier = `${'x'.repeat(20)}emfile and " 503 " here`;
    expect(candidates(prefilter, sets.length, earlier)).toEqual([0, 1]);
    // The same buffer, now holding a line that stops inside "emfile", then one inside " 503 ".
    for (const cut of [21, 22, 24, 25]) expect(candidates(prefilter, sets.length, earlier.slice(0, cut))).toEqual([]);
    for (const cut of [33, 35, 36]) expect(candidates(prefilter, sets.length, earlier.slice(0, cut))).toEqual([1]);
  });
});

describe.runIf(nativeStatus.loaded)('patterns tested in the addon', () => {
  it('leaves a pattern RE2 refuses to JavaScript, found out when a line first needs its whole regex', () => {
    // The addon compiles a pattern's RE2 the first time a line needs it, not when it is built;
    // one RE2 refuses (compile.ts never hands it one) must come back untested, not as "no match".
    const prefilter = new Prefilter({
      literals: [['connection refused by peer']],
      regexes: [{ source: 'connection refused by peer(', flags: '', split: () => null }],
    });
    const untested = new CandidateSet(1);
    untested.clear();
    expect(prefilter.matches('upstream: connection refused by peer 10.0.0.7', untested)).toBe(0);
    expect([...untested.list.subarray(0, untested.count)]).toEqual([0]);
    untested.clear();
    expect(prefilter.matches('upstream: all good', untested)).toBe(0);
    expect(untested.count).toBe(0);
  });
});
