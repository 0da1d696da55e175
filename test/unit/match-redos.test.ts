/**
 * No signature and no log line can stall the engine: the ReDoS classics run on RE2 (linear by
 * construction) against 100 KB attack lines, and a pattern RE2 cannot run is accepted only when
 * the ReDoS checker proves it safe — otherwise it is rejected with the reason, and the rest of the
 * catalog still runs. (No timing assertions here: a catastrophic pattern would not finish at all,
 * and the suite's timeout would catch it; speed is measured in bench/.)
 */
import { describe, expect, it } from 'vitest';
import { makeCatalog, type CatalogEntry } from '../../src/catalog/catalog.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { compileEntry } from '../../src/match/compile.ts';
import { createMultiEngine } from '../../src/match/multi-engine.ts';

function entry(id: string, regex: string): CatalogEntry {
  const raw = { id, regex };
  return { record: SignatureRecordSchema.parse(raw), raw, origin: `test:${id}` };
}

const KB100 = 100 * 1024;

const classics: Array<[string, string, string, boolean]> = [
  ['redos/nested-plus', '(a+)+$', `${'a'.repeat(KB100)}!`, false],
  ['redos/overlapping-alternation', '(a|aa)+b', 'a'.repeat(KB100), false],
  ['redos/trim', '^[\\s\\u200c]+|[\\s\\u200c]+$', `x${' '.repeat(KB100)}x`, false],
  ['redos/dot-star-twice', '.*(?:.*=.*)', 'x'.repeat(KB100), false],
  ['redos/nested-plus-hit', '(a+)+$', 'a'.repeat(KB100), true],
];

describe('ReDoS classics', () => {
  it.each(classics)('%s (%s) runs in linear time on a 100 KB attack line', (id, regex, line, matches) => {
    const compiled = compileEntry(entry(id, regex));
    expect(compiled.ok).toBe(true);
    // Accepted because RE2 runs it, not because a backtracking engine got lucky.
    expect(compiled.ok && compiled.re2).not.toBeNull();
    const engine = createMultiEngine(makeCatalog([entry(id, regex)]), { maxLineBytes: 2 * KB100 });
    expect(engine.match(line).matches.length > 0).toBe(matches);
  });
});

describe('patterns RE2 cannot run', () => {
  it('accepts a lookbehind the ReDoS checker proves safe, and runs it on V8', () => {
    const compiled = compileEntry(entry('ok/lookbehind', '(?<=user=)admin\\b'));
    expect(compiled.ok).toBe(true);
    expect(compiled.ok && compiled.re2).toBeNull();
    const engine = createMultiEngine(makeCatalog([entry('ok/lookbehind', '(?<=user=)admin\\b')]), { maxLineBytes: 4096 });
    expect(engine.match('login user=admin ok').matches.map((m) => m.entry.record.id)).toEqual(['ok/lookbehind']);
    expect(engine.match('login admin ok').matches).toEqual([]);
  });

  it('rejects a backreference that can backtrack catastrophically, naming why', () => {
    const compiled = compileEntry(entry('bad/backref', '^(a+)+\\1$'));
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) {
      expect(compiled.problem.id).toBe('bad/backref');
      expect(compiled.problem.reason).toMatch(/not (provably )?linear-time/);
      expect(compiled.problem.reason).toContain('RE2 cannot run it');
    }
  });

  it('a rejected pattern never takes the rest of the catalog down', () => {
    const engine = createMultiEngine(
      makeCatalog([entry('bad/backref', '^(a+)+\\1$'), entry('good/timeout', 'read timed out'), entry('bad/syntax', '(unclosed')]),
      { maxLineBytes: 4096 },
    );
    expect(engine.size).toBe(1);
    expect(engine.problems.map((p) => p.id).sort()).toEqual(['bad/backref', 'bad/syntax']);
    expect(engine.match('java.net.SocketTimeoutException: Read timed out').matches).toEqual([]);
    expect(engine.match('socket: read timed out').matches.map((m) => m.entry.record.id)).toEqual(['good/timeout']);
  });
});
