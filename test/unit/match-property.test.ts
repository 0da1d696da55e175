import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCatalog, type CatalogEntry } from '../../src/catalog/catalog.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { translatePattern } from '../../src/match/dialect.ts';
import { createSimpleEngine } from '../../src/match/simple-engine.ts';

/**
 * Patterns built from pieces that mean the same thing in every dialect, so `new RegExp` on the raw
 * pattern is a trustworthy reference for what the engine should find.
 */
const atom = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'x', '0', '1', ' ', ':'),
  fc.constantFrom('.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '[0-9]', '\\.', '\\:'),
);
const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '*?');
const piece = fc.tuple(atom, quantifier).map(([a, q]) => a + q);
const branch = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
const pattern = fc
  .tuple(fc.boolean(), fc.array(branch, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([start, branches, end]) => `${start ? '^' : ''}(?:${branches.join('|')})${end ? '$' : ''}`);
const line = fc.stringMatching(/^[abcx01 :.\n]{0,40}$/);

describe('simple engine: property', () => {
  it('finds exactly the ids a plain RegExp loop finds', () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 8 }), fc.array(line, { minLength: 1, maxLength: 5 }), (patterns, lines) => {
        const entries: CatalogEntry[] = patterns.map((regex, i) => {
          const raw = { id: `p/sig-${String(i).padStart(2, '0')}`, regex };
          return { record: SignatureRecordSchema.parse(raw), raw, origin: 'property' };
        });
        const engine = createSimpleEngine(makeCatalog(entries), { maxLineBytes: 1024 });
        expect(engine.problems).toEqual([]);
        for (const text of lines) {
          const expected = entries
            .filter((e) => new RegExp(e.record.regex).test(text))
            .map((e) => e.record.id)
            .sort();
          const actual = engine
            .match(text)
            .matches.map((m) => m.entry.record.id)
            .sort();
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('translatePattern never throws, and what it accepts compiles', () => {
    const syntax = fc.constantFrom(...'()[]{}?*+|^$.\\-:<>=!#PpQEAZzxkg0123 \naiqs,\'');
    fc.assert(
      fc.property(fc.array(syntax, { maxLength: 24 }).map((c) => c.join('')), fc.constantFrom(null, 'i', 'x', 'ms', 'q'), (source, flags) => {
        const result = translatePattern(source, flags);
        if (result.ok) expect(() => new RegExp(result.source, result.flags)).not.toThrow();
        else expect(result.position).toBeLessThan(Math.max(source.length, 1));
      }),
      { numRuns: 2000 },
    );
  });
});
