/**
 * Precision on real logs: every line of the Loghub samples the shipped catalog diagnoses must be
 * listed, with the same top signature, in test/golden/loghub-matches.json, each with a reviewer's
 * reason. Ordinary system logs are where over-eager patterns show; a new match fails this test
 * until a person has read the line and agreed (`npx tsx scripts/review-golden.ts` writes the
 * candidate). On failure the difference is printed as JSON, ready to paste and review.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../src/catalog/load-files.ts';
import { createEngine } from '../../src/match/engine.ts';
import { candidateGolden, diagnoseCorpus, diffGolden, isClean, readGolden, type GoldenDiff, type GoldenEntry, type LineDiagnosis } from '../../scripts/review-golden.ts';

let actual: LineDiagnosis[];
let golden: GoldenEntry[];
let diff: GoldenDiff;
beforeAll(async () => {
  const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
  actual = diagnoseCorpus(createEngine(catalog));
  golden = readGolden();
  diff = diffGolden(actual, golden);
}, 120_000);

const show = (what: string, list: readonly unknown[]) => `${what} (${list.length}):\n${JSON.stringify(list, null, 2)}`;

describe('precision on the Loghub samples', () => {
  it('every match is reviewed in the golden file (new ones below, with reviewed_note "TODO")', () => {
    expect(diff.unreviewed, show('unreviewed matches; review each, keep true diagnoses with a reason, fix the record for false ones', diff.unreviewed)).toEqual([]);
  });

  it('every golden entry still matches, with the same top signature and text', () => {
    expect(diff.gone, show('golden entries no longer matched (remove them if the change is right)', diff.gone)).toEqual([]);
    expect(diff.changed, show('golden entries now diagnosed as another signature ("now")', diff.changed)).toEqual([]);
    expect(diff.textChanged, show('golden entries whose line text changed', diff.textChanged)).toEqual([]);
  });

  it('every golden entry carries a reviewed reason', () => {
    expect(diff.unnoted, show('golden entries without a reason (empty or "TODO")', diff.unnoted)).toEqual([]);
  });

  it('the golden file is in corpus order with no duplicate lines', () => {
    const keys = golden.map((g) => `${g.file}:${String(g.line).padStart(6, '0')}`);
    expect(keys).toEqual([...new Set(keys)].sort());
  });
});

describe('diffGolden', () => {
  const d = (line: number, id: string): LineDiagnosis => ({ file: 'X.log', line, text: `line ${line}`, id });
  const g = (line: number, id: string, note = 'ok'): GoldenEntry => ({ ...d(line, id), reviewed_note: note });

  it('finds unreviewed, gone, changed and unnoted entries', () => {
    const result = diffGolden([d(1, 'a/b'), d(2, 'a/c'), d(4, 'a/d')], [g(1, 'a/b'), g(2, 'a/b'), g(3, 'a/b'), g(4, 'a/d', 'TODO')]);
    expect(result.unreviewed).toEqual([]);
    expect(result.changed).toEqual([{ ...g(2, 'a/b'), now: 'a/c' }]);
    expect(result.gone).toEqual([g(3, 'a/b')]);
    expect(result.unnoted).toEqual([g(4, 'a/d', 'TODO')]);
    expect(diffGolden([d(5, 'a/e')], []).unreviewed).toEqual([{ ...d(5, 'a/e'), reviewed_note: 'TODO' }]);
    expect(isClean(diffGolden([d(1, 'a/b')], [g(1, 'a/b')]))).toBe(true);
  });

  it('the candidate keeps a reviewed note only where nothing changed', () => {
    expect(candidateGolden([d(1, 'a/b'), d(2, 'a/c'), d(5, 'a/e')], [g(1, 'a/b', 'right'), g(2, 'a/b', 'right'), g(3, 'a/b')])).toEqual([
      g(1, 'a/b', 'right'),
      g(2, 'a/c', 'TODO'),
      g(5, 'a/e', 'TODO'),
    ]);
  });
});
