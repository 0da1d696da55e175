/**
 * The catalog shipped in data/signatures, through the engine the worker uses: it must lint clean
 * with every check (`logsig lint --strict`: schema, patterns, paths, links, each record against
 * its own examples, no overlaps, titles), be as large as promised, give an on-call engineer what
 * they need, and diagnose the demo samples exactly as data/samples/expected.json says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { formatLintReport } from '../../src/catalog/lint.ts';
import { lintDir } from '../../src/cli/commands/lint.ts';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../src/catalog/load-files.ts';
import { formatProblem } from '../../src/catalog/problems.ts';
import { checkPatterns, createEngine } from '../../src/match/engine.ts';
import type { MatchEngine } from '../../src/match/types.ts';

const SEED_ID = 'api/oauth2-invalid-grant-refresh-token-expired';
const SAMPLES = fileURLToPath(new URL('../../data/samples', import.meta.url));
const MIN_SIGNATURES = 300;
const MIN_DOMAINS = 25;

let catalog: Catalog;
let engine: MatchEngine;
beforeAll(async () => {
  const loaded = await loadCatalogDir(BUNDLED_CATALOG_DIR);
  expect(loaded.problems.map(formatProblem)).toEqual([]);
  catalog = loaded.catalog;
  engine = createEngine(catalog);
});

describe('the shipped catalog', () => {
  it('is found from any working directory', () => {
    expect(path.isAbsolute(BUNDLED_CATALOG_DIR)).toBe(true);
    expect(BUNDLED_CATALOG_DIR.split(path.sep).slice(-2)).toEqual(['data', 'signatures']);
  });

  it('lints clean with every check, as `logsig lint --strict` does: not even a warning', async () => {
    const result = await lintDir(BUNDLED_CATALOG_DIR);
    const report = result.problems.length === 0 ? '' : formatLintReport(result, { format: 'text' });
    // The whole report on failure: file, field, reason and the overlapping pairs, ready to act on.
    expect(report, report).toBe('');
    expect(result.ok).toBe(true);
  }, 60_000);

  it('compiles every pattern in the engine', () => {
    expect(engine.problems).toEqual([]);
    expect(engine.size).toBe(catalog.entries.length);
  });

  it('ships the seed record under its id with only its regex fixed and examples added', () => {
    const shipped = JSON.parse(readFileSync(path.join(BUNDLED_CATALOG_DIR, `${SEED_ID}.json`), 'utf8')) as Record<string, unknown>;
    const seed = JSON.parse(readFileSync(new URL('../fixtures/seed-000_52ce155dc92739c3.txt', import.meta.url), 'utf8')) as Record<string, unknown>;
    const { regex: _fixed, flags: _flags, examples: _examples, ...rest } = shipped;
    const { regex: _original, ...seedRest } = seed;
    expect(rest).toEqual(seedRest);
    expect(catalog.byId.has(SEED_ID)).toBe(true);
  });

  it("fixes the seed's regex: it matches its own title and Google's form of the error", () => {
    const title = catalog.byId.get(SEED_ID)!.record.signature!;
    for (const line of [title, 'invalid_grant: Token has been expired or revoked.']) {
      expect(engine.match(line).matches[0]?.entry.record.id, line).toBe(SEED_ID);
    }
    // The seed as written misses both (why it needed fixing).
    const original = new RegExp(String((JSON.parse(readFileSync(new URL('../fixtures/seed-000_52ce155dc92739c3.txt', import.meta.url), 'utf8')) as { regex: string }).regex));
    expect(original.test(title)).toBe(false);
    expect(original.test('invalid_grant: Token has been expired or revoked.')).toBe(false);
  });

  it(`holds at least ${MIN_SIGNATURES} records across at least ${MIN_DOMAINS} domains`, () => {
    expect(catalog.entries.length).toBeGreaterThanOrEqual(MIN_SIGNATURES);
    expect(new Set(catalog.entries.map((e) => e.record.domain)).size).toBeGreaterThanOrEqual(MIN_DOMAINS);
  });

  it('gives every record the fields an on-call engineer needs, in English and Chinese', () => {
    for (const { record } of catalog.entries) {
      const where = record.id;
      expect(record.domain, where).toBe(record.id.split('/')[0]);
      for (const field of ['signature', 'category', 'root_cause', 'official_doc_url', 'signature_zh', 'root_cause_zh'] as const) {
        expect(record[field], `${where} ${field}`).toEqual(expect.any(String));
      }
      expect(record.confidence, where).toEqual(expect.any(Number));
      expect(record.workarounds.length, where).toBeGreaterThanOrEqual(2);
      expect(record.workarounds_zh.length, where).toBe(record.workarounds.length);
      expect(record.dead_ends.length, where).toBeGreaterThanOrEqual(1);
      for (const w of record.workarounds) {
        expect(w.success_rate, where).toEqual(expect.any(Number));
        expect(w.how, where).toEqual(expect.any(String));
      }
      expect(record.examples.match.length, where).toBeGreaterThanOrEqual(3);
      expect(record.examples.no_match.length, where).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('demo samples', () => {
  const expected = JSON.parse(readFileSync(path.join(SAMPLES, 'expected.json'), 'utf8')) as Record<string, Record<string, string[]>>;

  it.each(Object.keys(expected))('%s is diagnosed exactly as expected.json says', (file) => {
    const lines = readFileSync(path.join(SAMPLES, file), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const actual: Record<string, string[]> = {};
    lines.forEach((line, i) => {
      const ids = engine.match(line).matches.map((m) => m.entry.record.id);
      // expected.json lists every signature that matches a line, in id order.
      if (ids.length > 0) actual[String(i + 1)] = ids.sort();
    });
    const want = Object.fromEntries(Object.entries(expected[file]!).map(([line, ids]) => [line, [...ids].sort()]));
    expect(actual).toEqual(want);
  });
});
