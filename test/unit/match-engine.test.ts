import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeCatalog, type CatalogEntry } from '../../src/catalog/catalog.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { compileEntry } from '../../src/match/compile.ts';
import { checkPatterns, createSimpleEngine } from '../../src/match/simple-engine.ts';
import { createMultiEngine } from '../../src/match/multi-engine.ts';
import type { MatchEngine } from '../../src/match/types.ts';
import { truncateUtf8 } from '../../src/match/truncate.ts';

function entry(raw: Record<string, unknown>): CatalogEntry {
  return { record: SignatureRecordSchema.parse(raw), raw, origin: `test:${String(raw.id)}` };
}

const engines = [
  ['simple (reference)', createSimpleEngine],
  ['multi-pattern', createMultiEngine],
  ['multi-pattern without the addon', (catalog, options) => createMultiEngine(catalog, { ...options, nativePrefilter: false })],
] as const satisfies ReadonlyArray<readonly [string, typeof createSimpleEngine]>;

const ids = (line: string, engine: MatchEngine) => engine.match(line).matches.map((m) => m.entry.record.id);

// Every behaviour below holds for the engine logsig runs and for the reference it is tested against.
describe.each(engines)('%s engine', (_name, create) => {
function engineOf(records: Record<string, unknown>[], maxLineBytes = 4096): MatchEngine {
  return create(makeCatalog(records.map(entry)), { maxLineBytes });
}

describe('matching', () => {
  it('returns the matches with named captures and the span', () => {
    const engine = engineOf([
      { id: 'db/pg-too-many-connections', regex: 'FATAL: sorry, too many clients already \\(max (?<max>\\d+)\\)' },
      { id: 'net/econnrefused', regex: 'ECONNREFUSED (?P<host>[\\d.]+):(?P<port>\\d+)' },
    ]);
    const result = engine.match('2024-01-01 connect ECONNREFUSED 10.0.0.7:5432 while starting');
    expect(result.truncated).toBe(false);
    expect(result.matches).toHaveLength(1);
    const [m] = result.matches;
    expect(m!.entry.record.id).toBe('net/econnrefused');
    expect(m!.captures).toEqual({ host: '10.0.0.7', port: '5432' });
    expect(result.line.slice(m!.start, m!.end)).toBe('ECONNREFUSED 10.0.0.7:5432');
    expect(engine.match('all good').matches).toEqual([]);
  });

  it('gives spans in UTF-16 code units and captures as text on a non-ASCII line', () => {
    // Multi-byte characters before and inside the match: a span in UTF-8 bytes would be off.
    const engine = engineOf([{ id: 'app/quota', regex: 'quota dépassée pour (?<user>\\S+) 🚫' }]);
    const line = 'naïve → 日本語 quota dépassée pour zoë 🚫 fin';
    const [m] = engine.match(line).matches;
    expect(line.slice(m!.start, m!.end)).toBe('quota dépassée pour zoë 🚫');
    expect(m!.captures).toEqual({ user: 'zoë' });
  });

  it('matches non-ASCII text whether V8 holds the line in one byte or two a character', () => {
    // 'é' alone keeps a line one byte a character (Latin-1) in V8; '日' makes it two. Either way
    // the regex must see the line's characters (RE2: the line's UTF-8, not its Latin-1 bytes).
    const engine = engineOf([
      { id: 'a/cafe', regex: 'café crème' },
      { id: 'a/dots', regex: 'size x.x limit' },
      { id: 'a/late', regex: 'un café$' },
    ]);
    expect(ids('un café crème', engine)).toEqual(['a/cafe']);
    expect(ids('un café crème 日', engine)).toEqual(['a/cafe']);
    expect(ids('size xéx limit', engine)).toEqual(['a/dots']);
    expect(ids('size x日x limit', engine)).toEqual(['a/dots']);
    expect(ids('size xéex limit', engine)).toEqual([]);
    // Wherever the one non-ASCII character falls (the addon checks a line for one sixteen bytes
    // at a time, the last step overlapping the one before; eight, then one by one, on short lines
    // and CPUs without SSE2), the line goes to RE2 as UTF-8.
    for (let pad = 0; pad <= 40; pad++) {
      expect(ids(`${'-'.repeat(pad)}un café crème`, engine)).toEqual(['a/cafe']);
      expect(ids(`un café crème${'-'.repeat(pad)}`, engine)).toEqual(['a/cafe']);
      expect(ids(`${'-'.repeat(pad)}crème brûlée, un café`, engine)).toEqual(['a/late']);
      expect(ids(`${'-'.repeat(pad)}un café`, engine)).toEqual(['a/late']);
    }
  });

  it('leaves out named groups that did not take part in the match', () => {
    const engine = engineOf([{ id: 'a/b', regex: '(?<left>L)|(?<right>R)' }]);
    expect(engine.match('R').matches[0]!.captures).toEqual({ right: 'R' });
  });

  it('honours record flags and inline flags', () => {
    const engine = engineOf([
      { id: 'a/flags', regex: 'out of memory', flags: 'i' },
      { id: 'a/inline', regex: '(?i)killed process' },
    ]);
    expect(ids('OUT OF MEMORY: Killed Process 42', engine).sort()).toEqual(['a/flags', 'a/inline']);
    expect(ids('out of memory', engineOf([{ id: 'a/plain', regex: 'OUT OF MEMORY' }]))).toEqual([]);
  });

  it('runs start- and end-of-input anchors under m, on RE2 (which spells them \\A and \\z)', () => {
    // dialect.ts writes \A and \z under m as lookarounds (JavaScript has no other spelling);
    // compile.ts gives RE2 its own \A and \z for them, so the patterns need no lookaround check.
    const records = [
      { id: 'a/first', regex: '(?m)\\Aboot failed: (?<why>\\w+)$' },
      { id: 'a/last', regex: '(?m)^disk full\\z' },
    ];
    for (const raw of records) {
      const compiled = compileEntry(entry(raw));
      expect(compiled.ok && compiled.re2 !== null).toBe(true);
    }
    const engine = engineOf(records);
    expect(ids('boot failed: ENOSPC\nretrying', engine)).toEqual(['a/first']);
    expect(ids('retrying\nboot failed: ENOSPC', engine)).toEqual([]);
    expect(ids('retrying\ndisk full', engine)).toEqual(['a/last']);
    expect(ids('disk full\nretrying', engine)).toEqual([]);
  });

  it('matches a multi-line input as a whole', () => {
    const engine = engineOf([
      { id: 'jvm/npe', regex: '(?s)NullPointerException.*at com\\.acme\\.(?<cls>\\w+)' },
      { id: 'x/anchored', regex: '^at com' },
    ]);
    const result = engine.match('java.lang.NullPointerException: boom\n\tat com.acme.Checkout.run(Checkout.java:42)');
    expect(result.matches.map((m) => m.entry.record.id)).toEqual(['jvm/npe']);
    expect(result.matches[0]!.captures).toEqual({ cls: 'Checkout' });
  });

  it('does not match where a literal only agrees at its ends (one character changed anywhere between)', () => {
    // The addon reports a literal whose first and last four characters agree and leaves the rest
    // to the split's check of that literal: every character in between must still be compared.
    const literal = 'replica fence checkpoint corrupted after ';
    const engine = engineOf([{ id: 'store/fence', regex: `\\[(?<node>\\w+)\\] ${literal}\\d+ retries` }]);
    const line = (text: string) => `2026-11-25 [node7] ${text}3 retries`;
    expect(ids(line(literal), engine)).toEqual(['store/fence']);
    for (let at = 4; at < literal.length - 4; at++) {
      const changed = literal.slice(0, at) + (literal[at] === 'x' ? 'y' : 'x') + literal.slice(at + 1);
      expect(ids(line(changed), engine), changed).toEqual([]);
    }
  });

  it('matches the seed record against a line naming its error', () => {
    const raw = JSON.parse(readFileSync(new URL('../fixtures/seed-000_52ce155dc92739c3.txt', import.meta.url), 'utf8'));
    const engine = createSimpleEngine(makeCatalog([entry(raw)]), { maxLineBytes: 4096 });
    expect(engine.problems).toEqual([]);
    expect(ids('OAuth2 error: invalid_grant refresh token expired', engine)).toEqual([
      'api/oauth2-invalid-grant-refresh-token-expired',
    ]);
    expect(ids('OAuth2 login succeeded', engine)).toEqual([]);
  });
});

describe('ranking', () => {
  it('orders by specificity, then confidence, then span length, then id', () => {
    const engine = engineOf([
      { id: 'k/short-b', regex: 'timeout', confidence: 0.6 },
      { id: 'k/short-a', regex: 'timeout', confidence: 0.6 },
      { id: 'k/long', regex: 'read timeout after \\d+ms', confidence: 0.6 },
      { id: 'k/confident', regex: 'timeout', confidence: 0.9 },
      { id: 'k/unrated', regex: 'read timeout after \\d+ms' },
      { id: 'k/low', regex: 'read timeout after \\d+ms', confidence: 0.4 },
      { id: 'k/wide', regex: 'timeout.*', confidence: 0.6 },
    ]);
    expect(ids('upstream read timeout after 3000ms', engine)).toEqual([
      // "read timeout after …ms" demands 20 literal characters, "timeout" 7.
      'k/long',
      'k/unrated',
      'k/low',
      'k/confident',
      // Same specificity and confidence: the longer span first, then the id.
      'k/wide',
      'k/short-a',
      'k/short-b',
    ]);
  });
});

describe('compile problems', () => {
  it('leaves a bad pattern out and keeps matching with the others', () => {
    const engine = engineOf([
      { id: 'a/atomic', regex: '(?>timeout)' },
      { id: 'a/broken', regex: '(unclosed' },
      { id: 'a/good', regex: 'timeout' },
      { id: 'a/bad-flags', regex: 'timeout', flags: 'g' },
    ]);
    expect(engine.size).toBe(1);
    expect(engine.problems.map((p) => p.id)).toEqual(['a/atomic', 'a/bad-flags', 'a/broken']);
    expect(engine.problems[0]).toEqual({
      id: 'a/atomic',
      origin: 'test:a/atomic',
      reason: expect.stringContaining('(?> at position 0'),
    });
    expect(ids('timeout', engine)).toEqual(['a/good']);
  });

  it('checkPatterns reports the same problems without building an engine', () => {
    const catalog = makeCatalog([entry({ id: 'a/ok', regex: 'x' }), entry({ id: 'a/possessive', regex: 'x++' })]);
    const problems = checkPatterns(catalog);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.id).toBe('a/possessive');
    expect(problems[0]!.reason).toContain('++ at position 1');
  });

  it('refuses a byte cap that is not a positive integer', () => {
    expect(() => engineOf([], 0)).toThrow(/maxLineBytes/);
    expect(() => engineOf([], 1.5)).toThrow(/maxLineBytes/);
  });
});
});

describe('truncation at the byte cap', () => {
  it('leaves lines within the cap alone', () => {
    expect(truncateUtf8('abc', 3)).toEqual({ text: 'abc', truncated: false });
    // 'é' is 2 bytes: 4 bytes in all, over the fast-path bound (2 * 3 = 6 > 4) yet within the cap.
    expect(truncateUtf8('éé', 4)).toEqual({ text: 'éé', truncated: false });
  });

  it('cuts ASCII at exactly the cap', () => {
    expect(truncateUtf8('abcdef', 4)).toEqual({ text: 'abcd', truncated: true });
  });

  it('never splits a multi-byte character', () => {
    // '€' is 3 bytes: a 5-byte cap holds one, not one and two thirds.
    expect(truncateUtf8('€€€', 5)).toEqual({ text: '€', truncated: true });
    expect(truncateUtf8('€€€', 6)).toEqual({ text: '€€', truncated: true });
    // '😀' is a surrogate pair, 4 bytes: a 7-byte cap holds one pair, never half of the second.
    expect(truncateUtf8('😀😀', 7)).toEqual({ text: '😀', truncated: true });
    expect(truncateUtf8('a😀', 4)).toEqual({ text: 'a', truncated: true });
  });

  it('keeps the byte length of the cut text within the cap', () => {
    const line = 'ab€😀é'.repeat(50);
    for (let cap = 0; cap <= 60; cap++) {
      const { text, truncated } = truncateUtf8(line, cap);
      expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(cap);
      expect(truncated).toBe(true);
      expect(line.startsWith(text)).toBe(true);
      // Maximal: the next code point would not have fitted.
      const next = String.fromCodePoint(line.codePointAt(text.length)!);
      expect(Buffer.byteLength(text + next, 'utf8')).toBeGreaterThan(cap);
    }
  });

  it.each(engines)('%s engine matches against the cut line and says it was cut', (_name, create) => {
    const engine = create(makeCatalog([{ id: 'a/head', regex: '^ERROR €' }, { id: 'a/tail', regex: 'TAIL$' }].map(entry)), { maxLineBytes: 16 });
    const result = engine.match(`ERROR €${'x'.repeat(40)}TAIL`);
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.line, 'utf8')).toBeLessThanOrEqual(16);
    expect(result.matches.map((m) => m.entry.record.id)).toEqual(['a/head']);
  });
});
