/**
 * Recall on real error lines quoted in public issue threads (test/fixtures/corpus/errors-dev.jsonl):
 * each line goes through the worker's decoder and the engine, and counts when its top signature
 * is the one test/golden/errors-dev-mapping.json names for the line's label. The same scoring is
 * `npx tsx scripts/recall.ts`, for other data of this format.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCatalog } from '../../src/catalog/catalog.ts';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../src/catalog/load-files.ts';
import { SignatureRecordSchema } from '../../src/catalog/schema.ts';
import { createEngine } from '../../src/match/engine.ts';
import {
  defaultDecodeOptions,
  ERRORS_DEV_FILE,
  ERRORS_DEV_MAPPING,
  formatMissTable,
  readLabelledLines,
  scoreRecall,
  type RecallMapping,
  type RecallScore,
} from '../../scripts/recall.ts';

const MIN_RECALL = 0.9;

let score: RecallScore;
let mapping: RecallMapping;
beforeAll(async () => {
  const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
  mapping = JSON.parse(readFileSync(ERRORS_DEV_MAPPING, 'utf8')) as RecallMapping;
  score = scoreRecall(readLabelledLines(ERRORS_DEV_FILE), mapping, createEngine(catalog), defaultDecodeOptions());
});

describe('recall on errors-dev.jsonl', () => {
  it('maps every label, and only to ids the catalog holds', () => {
    expect(score.unmapped, 'labels missing from the mapping').toEqual([]);
    expect(score.unknownIds, 'mapped ids not in the catalog').toEqual([]);
    const labels = new Set(score.byLabel.map((l) => l.expected));
    expect(Object.keys(mapping).filter((l) => !labels.has(l)), 'mapping entries for labels the corpus does not have').toEqual([]);
  });

  it('is held-out data: no line of it is copied into a record\'s examples', async () => {
    // A record that carries the very line it is scored on measures memory, not recognition.
    const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
    const corpus = new Set(readLabelledLines(ERRORS_DEV_FILE).map((l) => l.line));
    const copied = catalog.entries.flatMap((e) =>
      [...e.record.examples.match, ...e.record.examples.no_match].filter((line) => corpus.has(line)).map((line) => `${e.record.id}: ${line}`),
    );
    expect(copied, `${copied.length} errors-dev lines copied into examples; write other real lines of the same error instead`).toEqual([]);
  });

  it(`diagnoses at least ${MIN_RECALL * 100}% of the lines as the mapped signature`, () => {
    const table = formatMissTable(score);
    console.log(table);
    expect(score.recall, table).toBeGreaterThanOrEqual(MIN_RECALL);
  });
});

describe('scoreRecall', () => {
  const record = (id: string, regex: string, confidence = 0.5) => ({
    record: SignatureRecordSchema.parse({ id, regex, confidence }),
    raw: { id, regex, confidence },
    origin: `${id}.json`,
  });
  const engine = createEngine(makeCatalog([record('x/timeout', 'timed out'), record('x/refused', 'connect refused', 0.9)]));
  const decode = { messageFields: ['message'], serviceFields: [], timestampFields: [] };

  it('counts the top signature of the decoded message against the mapping', () => {
    const result = scoreRecall(
      [
        { line: '{"message":"read timed out","level":"error"}', expected: 'timeout' },
        { line: 'connect refused, then timed out', expected: 'timeout' },
        { line: 'nothing here', expected: 'refused' },
        { line: 'connect refused', expected: 'other' },
      ],
      { timeout: 'x/timeout', refused: 'x/refused', gone: 'x/gone' },
      engine,
      decode,
    );
    expect(result).toMatchObject({ lines: 4, correct: 1, recall: 0.25, unmapped: ['other'], unknownIds: ['x/gone'] });
    expect(result.misses).toEqual([
      { expected: 'timeout', want: 'x/timeout', got: 'x/refused', also: ['x/timeout'], line: 'connect refused, then timed out' },
      { expected: 'refused', want: 'x/refused', got: null, also: [], line: 'nothing here' },
      { expected: 'other', want: null, got: 'x/refused', also: [], line: 'connect refused' },
    ]);
    expect(formatMissTable(result).split('\n')).toEqual([
      'recall 1/4 = 25.0%; labels with misses:',
      '0/1  other -> (no signature); got x/refused',
      '0/1  refused -> x/refused; got (nothing)',
      '1/2  timeout -> x/timeout; got x/refused',
    ]);
  });
});
