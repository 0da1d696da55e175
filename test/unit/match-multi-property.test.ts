/**
 * The multi-pattern engine returns exactly what a plain matcher returns: the prefilter, the sharded
 * sets and the ranking may make it fast, never different.
 *
 * Two references: each pattern's RE2 tried in turn (same regex semantics, no shortcuts), on lines
 * with case variants and the non-ASCII characters that case-fold onto ASCII; and the simple V8
 * engine, on ASCII lines where V8 and RE2 agree, for the full ranked list.
 *
 * The engine is run both ways: with the native addon (probe loops and RE2 tests of the candidates
 * in C++, over the line's bytes) and with the JavaScript loops and the `re2` package.
 */
import fc from 'fast-check';
import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { makeCatalog, type CatalogEntry } from '../../src/catalog/catalog.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { toRe2Source } from '../../src/match/compile.ts';
import { translatePattern } from '../../src/match/dialect.ts';
import { createMultiEngine } from '../../src/match/multi-engine.ts';
import { createSimpleEngine } from '../../src/match/simple-engine.ts';

const words = ['timeout', 'refused', 'connection', 'error', 'fatal', 'broker', 'token', 'expired', 'OutOfMemory', 'denied', 'quota', 'sk'];
const word = fc.constantFrom(...words);
const piece = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 1, arbitrary: fc.constantFrom(' ', ': ', '\\d+', '\\s+', '.*', '[a-z]+', '\\w*', '[0-9]{2}', '(?<n>\\d+)') },
  // Assertions on either side of a literal: the addon's split confirmation must respect them.
  { weight: 1, arbitrary: fc.constantFrom('\\b', '\\B', '$') },
  { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `(?:${a}|${b})`) },
  { weight: 1, arbitrary: word.map((w) => `(?:${w})?`) },
  { weight: 1, arbitrary: fc.constantFrom('ab', 'x', 'e') },
  // Non-ASCII literals and pieces that count characters: a line's bytes must be its UTF-8.
  { weight: 1, arbitrary: fc.constantFrom('é', 'ßx', '日本', '.{2}', '[^a ]', 'x.x') },
);
const pattern = fc.tuple(fc.array(piece, { minLength: 1, maxLength: 5 }), fc.constantFrom(null, 'i', null, 'i', 'm', 's', 'is'), fc.constantFrom('', '^'));
const caseVariant = (w: string) => fc.constantFrom(w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1));
const token = fc.oneof(
  { weight: 4, arbitrary: word.chain(caseVariant) },
  { weight: 2, arbitrary: fc.constantFrom(' ', ': ', '12', '7', 'ab', 'x', '\n') },
  // Characters RE2's case folding maps onto ASCII letters, and other non-ASCII text.
  { weight: 1, arbitrary: fc.constantFrom('ſ', '\u212a', 'é', '日本', 'ß') },
  // A lone surrogate: both RE2s must see the same U+FFFD in its place.
  { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udc00x') },
);
const line = fc.array(token, { maxLength: 14 }).map((t) => t.join(''));

function catalogOf(patterns: Array<[string[], string | null, string]>): CatalogEntry[] {
  return patterns.map(([pieces, flags, anchor], i) => {
    // A group name may appear once per pattern: later copies become plain groups.
    let named = 0;
    const regex = (anchor + pieces.join('')).replace(/\(\?<n>/g, () => (named++ === 0 ? '(?<n>' : '(?:'));
    const raw = { id: `p/sig-${String(i).padStart(2, '0')}`, regex, flags };
    return { record: SignatureRecordSchema.parse(raw), raw, origin: 'property' };
  });
}

function reference(entry: CatalogEntry): RE2 {
  const t = translatePattern(entry.record.regex, entry.record.flags);
  if (!t.ok) throw new Error(`generator produced an untranslatable pattern: ${entry.record.regex}`);
  return new RE2(toRe2Source(t.source), t.flags);
}

describe.each([
  { loops: 'native', nativePrefilter: true },
  { loops: 'JavaScript', nativePrefilter: false },
])('multi-pattern engine ($loops loops): property', ({ nativePrefilter }) => {
  it('finds exactly the ids that each pattern tried in turn finds', () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 12 }), fc.array(line, { minLength: 1, maxLength: 6 }), (patterns, lines) => {
        const entries = catalogOf(patterns);
        const engine = createMultiEngine(makeCatalog(entries), { maxLineBytes: 4096, nativePrefilter });
        expect(engine.problems).toEqual([]);
        // (A catalog with no literal at all leaves the addon nothing to do.)
        expect(engine.stats.nativeTests).toBe(nativePrefilter && engine.stats.literals > 0);
        const plain = entries.map((e) => [e.record.id, reference(e)] as const);
        for (const text of lines) {
          const expected = plain.filter(([, re]) => re.test(text)).map(([id]) => id).sort();
          const actual = engine.match(text).matches.map((m) => m.entry.record.id).sort();
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('ranks exactly as the simple V8 engine does on ASCII lines', () => {
    const asciiLine = line.filter((l) => /^[\x00-\x7f]*$/.test(l));
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 12 }), fc.array(asciiLine, { minLength: 1, maxLength: 6 }), (patterns, lines) => {
        const catalog = makeCatalog(catalogOf(patterns));
        const multi = createMultiEngine(catalog, { maxLineBytes: 4096, nativePrefilter });
        const simple = createSimpleEngine(catalog, { maxLineBytes: 4096 });
        for (const text of lines) {
          const fast = multi.match(text).matches;
          const slow = simple.match(text).matches;
          expect(fast.map((m) => [m.entry.record.id, m.start, m.end, m.captures])).toEqual(slow.map((m) => [m.entry.record.id, m.start, m.end, m.captures]));
        }
      }),
      { numRuns: 400 },
    );
  });
});
