/**
 * Recall on labelled error lines: the share of lines whose top signature is the one a reviewed
 * mapping names for the line's label. Each line goes through the worker's own decoder (JSON logs
 * give their message field) and the engine, as in production.
 *
 *   npx tsx scripts/recall.ts [FILE.jsonl] [--mapping FILE.json] [--catalog DIR] [--min 0.9]
 *
 * FILE.jsonl: one JSON object per line with `line` (the raw log message) and `expected` (a label);
 * default test/fixtures/corpus/errors-dev.jsonl. The mapping is `{ "<label>": "<catalog id>" }`
 * (null: no signature covers it yet, its lines count as misses); default
 * test/golden/errors-dev-mapping.json. Prints the score as JSON on stdout; with --min, exits 1
 * when recall is below it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../src/catalog/load-files.ts';
import { loadConfig } from '../src/config/load.ts';
import { createEngine } from '../src/match/engine.ts';
import type { MatchEngine } from '../src/match/types.ts';
import { decodeLogRecord, type DecodeOptions } from '../src/source/decode.ts';

export const ERRORS_DEV_FILE = fileURLToPath(new URL('../test/fixtures/corpus/errors-dev.jsonl', import.meta.url));
export const ERRORS_DEV_MAPPING = fileURLToPath(new URL('../test/golden/errors-dev-mapping.json', import.meta.url));

export interface LabelledLine {
  readonly line: string;
  readonly expected: string;
}

/** Label → catalog id; null when the catalog has no signature for that error. */
export type RecallMapping = Readonly<Record<string, string | null>>;

export interface RecallMiss {
  readonly expected: string;
  readonly want: string | null;
  /** The top signature, or null when nothing matched. */
  readonly got: string | null;
  /** The other signatures that matched the line. */
  readonly also: readonly string[];
  readonly line: string;
}

export interface RecallScore {
  readonly lines: number;
  readonly correct: number;
  readonly recall: number;
  /** Labels with no entry in the mapping: a mapping must say what every label is. */
  readonly unmapped: readonly string[];
  /** Mapped ids the catalog does not hold (a renamed or removed record). */
  readonly unknownIds: readonly string[];
  readonly byLabel: readonly { readonly expected: string; readonly want: string | null; readonly lines: number; readonly correct: number }[];
  readonly misses: readonly RecallMiss[];
}

export function readLabelledLines(file: string): LabelledLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const parsed = JSON.parse(l) as Partial<LabelledLine>;
      if (typeof parsed.line !== 'string' || typeof parsed.expected !== 'string') throw new Error(`${file}:${i + 1}: needs string fields "line" and "expected"`);
      return { line: parsed.line, expected: parsed.expected };
    });
}

/** The worker's default decoding: the message field paths of the default configuration. */
export function defaultDecodeOptions(): DecodeOptions {
  const { input } = loadConfig({ file: null, env: {} });
  return { messageFields: input.message_fields, serviceFields: input.service_fields, timestampFields: input.timestamp_fields };
}

export function scoreRecall(lines: readonly LabelledLine[], mapping: RecallMapping, engine: MatchEngine, decode: DecodeOptions): RecallScore {
  const misses: RecallMiss[] = [];
  const byLabel = new Map<string, { expected: string; want: string | null; lines: number; correct: number }>();
  let correct = 0;
  for (const { line, expected } of lines) {
    const want = mapping[expected] ?? null;
    const record = decodeLogRecord(Buffer.from(line, 'utf8'), decode);
    const ids = record.kind === 'record' ? engine.match(record.text).matches.map((m) => m.entry.record.id) : [];
    const ok = want !== null && ids[0] === want;
    const tally = byLabel.get(expected) ?? { expected, want, lines: 0, correct: 0 };
    tally.lines += 1;
    if (ok) {
      tally.correct += 1;
      correct += 1;
    } else {
      misses.push({ expected, want, got: ids[0] ?? null, also: ids.slice(1), line });
    }
    byLabel.set(expected, tally);
  }
  const labels = [...byLabel.keys()];
  return {
    lines: lines.length,
    correct,
    recall: lines.length === 0 ? 0 : correct / lines.length,
    unmapped: labels.filter((l) => !Object.hasOwn(mapping, l)).sort(),
    unknownIds: [...new Set(Object.values(mapping).filter((id): id is string => id !== null && !engine.catalog.byId.has(id)))].sort(),
    byLabel: [...byLabel.values()].sort((a, b) => (a.expected < b.expected ? -1 : a.expected > b.expected ? 1 : 0)),
    misses,
  };
}

/** A table of the labels with misses, for a test failure or a terminal. */
export function formatMissTable(score: RecallScore): string {
  const rows = score.byLabel.filter((l) => l.correct < l.lines);
  if (rows.length === 0) return 'no misses';
  const out = rows.map((r) => {
    const got = score.misses.filter((m) => m.expected === r.expected).map((m) => m.got ?? '(nothing)');
    return `${r.correct}/${r.lines}  ${r.expected} -> ${r.want ?? '(no signature)'}; got ${[...new Set(got)].join(', ')}`;
  });
  return [`recall ${score.correct}/${score.lines} = ${(score.recall * 100).toFixed(1)}%; labels with misses:`, ...out].join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const flag = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    if (at === -1) return undefined;
    const value = argv[at + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
    return value;
  };
  const flagged = new Set(['--mapping', '--catalog', '--min'].flatMap((f) => (argv.includes(f) ? [argv[argv.indexOf(f) + 1]] : [])));
  const file = argv.find((a) => !a.startsWith('--') && !flagged.has(a)) ?? ERRORS_DEV_FILE;
  const mapping = JSON.parse(readFileSync(flag('--mapping') ?? ERRORS_DEV_MAPPING, 'utf8')) as RecallMapping;
  const { catalog } = await loadCatalogDir(flag('--catalog') ?? BUNDLED_CATALOG_DIR);
  const score = scoreRecall(readLabelledLines(file), mapping, createEngine(catalog), defaultDecodeOptions());
  process.stdout.write(`${JSON.stringify(score, null, 2)}\n`);
  const min = flag('--min');
  if (min !== undefined && score.recall < Number(min)) process.exitCode = 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 2;
  });
}
