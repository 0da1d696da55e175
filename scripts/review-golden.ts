/**
 * The precision golden file: every line of the Loghub samples that the catalog diagnoses, with
 * the signature it should get and a reviewer's one-line reason. The unit test
 * (test/unit/catalog-precision.test.ts) fails on any difference; this script writes the candidate
 * a person reviews.
 *
 *   npx tsx scripts/review-golden.ts            # print the candidate golden file
 *   npx tsx scripts/review-golden.ts --write    # write it to test/golden/loghub-matches.json
 *   npx tsx scripts/review-golden.ts --catalog DIR
 *
 * Entries whose file, line, text and id are unchanged keep their note; new ones get
 * `reviewed_note: "TODO"`, which the test refuses until someone replaces it with the reason the
 * diagnosis is right. A match that is wrong must not be kept: delete the entry and fix the record.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../src/catalog/load-files.ts';
import { createEngine } from '../src/match/engine.ts';
import type { MatchEngine } from '../src/match/types.ts';

export const LOGHUB_DIR = fileURLToPath(new URL('../test/fixtures/corpus/loghub', import.meta.url));
export const GOLDEN_FILE = fileURLToPath(new URL('../test/golden/loghub-matches.json', import.meta.url));
export const TODO = 'TODO';

/** One diagnosed line: where it is, what it says, and the top signature. */
export interface LineDiagnosis {
  /** File name inside the Loghub directory, e.g. `Linux_2k.log`. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly text: string;
  readonly id: string;
}

export interface GoldenEntry extends LineDiagnosis {
  readonly reviewed_note: string;
}

export interface GoldenDiff {
  /** Diagnosed now, not in the golden file: each needs a review (note "TODO" here). */
  readonly unreviewed: GoldenEntry[];
  /** In the golden file, no longer diagnosed at all. */
  readonly gone: GoldenEntry[];
  /** In the golden file, now diagnosed as another signature (`now`). */
  readonly changed: (GoldenEntry & { readonly now: string })[];
  /** In the golden file with a text that is no longer the line's text (the corpus changed). */
  readonly textChanged: (GoldenEntry & { readonly now_text: string })[];
  /** Kept without a reason: note empty or still "TODO". */
  readonly unnoted: GoldenEntry[];
}

/** Every line of every `*.log` in `dir` the engine diagnoses, in file then line order. */
export function diagnoseCorpus(engine: MatchEngine, dir: string = LOGHUB_DIR): LineDiagnosis[] {
  const out: LineDiagnosis[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.log')).sort()) {
    const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    lines.forEach((raw, i) => {
      // The samples have CRLF endings; the worker's decoder drops line breaks the same way.
      const text = raw.replace(/\r+$/, '');
      const top = engine.match(text).matches[0];
      if (top !== undefined) out.push({ file, line: i + 1, text, id: top.entry.record.id });
    });
  }
  return out;
}

const key = (e: { file: string; line: number }) => `${e.file}:${e.line}`;

export function diffGolden(actual: readonly LineDiagnosis[], golden: readonly GoldenEntry[]): GoldenDiff {
  const now = new Map(actual.map((d) => [key(d), d] as const));
  const reviewed = new Map(golden.map((g) => [key(g), g] as const));
  const diff: GoldenDiff = { unreviewed: [], gone: [], changed: [], textChanged: [], unnoted: [] };
  for (const d of actual) if (!reviewed.has(key(d))) diff.unreviewed.push({ ...d, reviewed_note: TODO });
  for (const g of golden) {
    const d = now.get(key(g));
    if (g.reviewed_note.trim() === '' || g.reviewed_note.trim() === TODO) diff.unnoted.push(g);
    if (d === undefined) diff.gone.push(g);
    else if (d.id !== g.id) diff.changed.push({ ...g, now: d.id });
    else if (d.text !== g.text) diff.textChanged.push({ ...g, now_text: d.text });
  }
  return diff;
}

export function isClean(diff: GoldenDiff): boolean {
  return Object.values(diff).every((list: unknown[]) => list.length === 0);
}

/** The golden file as it should be now: reviewed notes kept where nothing changed, "TODO" elsewhere. */
export function candidateGolden(actual: readonly LineDiagnosis[], golden: readonly GoldenEntry[]): GoldenEntry[] {
  const reviewed = new Map(golden.map((g) => [key(g), g] as const));
  return actual.map((d) => {
    const g = reviewed.get(key(d));
    const keep = g !== undefined && g.id === d.id && g.text === d.text;
    return { file: d.file, line: d.line, text: d.text, id: d.id, reviewed_note: keep ? g.reviewed_note : TODO };
  });
}

export function readGolden(file: string = GOLDEN_FILE): GoldenEntry[] {
  return JSON.parse(readFileSync(file, 'utf8')) as GoldenEntry[];
}

export function formatGolden(entries: readonly GoldenEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

async function main(argv: readonly string[]): Promise<void> {
  const at = argv.indexOf('--catalog');
  const dir = at === -1 ? BUNDLED_CATALOG_DIR : argv[at + 1];
  if (dir === undefined) throw new Error('--catalog needs a directory');
  const { catalog, problems } = await loadCatalogDir(dir);
  if (problems.length > 0) console.error(`${problems.length} catalog problem(s); run logsig lint ${dir}`);
  let golden: GoldenEntry[] = [];
  try {
    golden = readGolden();
  } catch {
    // No golden file yet: every match is new.
  }
  const candidate = candidateGolden(diagnoseCorpus(createEngine(catalog)), golden);
  const todo = candidate.filter((e) => e.reviewed_note === TODO).length;
  if (argv.includes('--write')) {
    writeFileSync(GOLDEN_FILE, formatGolden(candidate));
    console.error(`${path.relative(process.cwd(), GOLDEN_FILE)}: ${candidate.length} matches, ${todo} to review (reviewed_note "TODO")`);
  } else {
    process.stdout.write(formatGolden(candidate));
    console.error(`${candidate.length} matches, ${todo} to review`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
