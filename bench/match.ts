// `npm run bench:match` — throughput of the matcher on real log lines, printed as JSON.
//
// Compares, in the same run and on the same lines: the engine over the bundled catalog, the naive
// loop (`for each regex: regex.test(line)`) over the same patterns, and one single V8 regex (the
// seed's) — the unit of work of a one-rule pipeline. Ratios, not absolute numbers, are what to
// read: these machines are noisy. Corpus: the directory given as the first argument, else the
// shared Loghub files when they sit beside the repository, else data/samples.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../src/catalog/load-files.ts';
import { compileEntry } from '../src/match/compile.ts';
import { createSimpleEngine } from '../src/match/simple-engine.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = [process.argv[2], resolve(repo, '../shared/corpus/loghub'), join(repo, 'data/samples')].find((d) => d && existsSync(d))!;
const lines = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.log'))
  .sort()
  .flatMap((f) => readFileSync(join(corpusDir, f), 'utf8').split('\n').filter(Boolean));

const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
const engine = createSimpleEngine(catalog, { maxLineBytes: 65536 });
const regexes = catalog.entries.flatMap((entry) => {
  const compiled = compileEntry(entry);
  return compiled.ok ? [compiled.regex] : [];
});
const seed = regexes[catalog.entries.findIndex((e) => e.record.id === 'api/oauth2-invalid-grant-refresh-token-expired')]!;

/** Lines per second of `work` over the corpus: best of several passes after a warm-up. */
function measure(work: (line: string) => unknown): number {
  for (const line of lines) work(line);
  let best = 0;
  for (let pass = 0; pass < 7; pass++) {
    const start = process.hrtime.bigint();
    for (const line of lines) work(line);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.max(best, lines.length / seconds);
  }
  return best;
}

const engineRate = measure((line) => engine.match(line));
const naiveRate = measure((line) => regexes.some((r) => r.test(line)));
const oneRegexRate = measure((line) => seed.test(line));

process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'match',
      corpus: { dir: relative(repo, corpusDir), lines: lines.length },
      catalog: { signatures: engine.size, version: catalog.version },
      lines_per_second: { engine: Math.round(engineRate), naive_loop: Math.round(naiveRate), one_regex: Math.round(oneRegexRate) },
      ratios: {
        engine_vs_naive_loop: +(engineRate / naiveRate).toFixed(3),
        one_regex_cost_vs_engine: +(oneRegexRate / engineRate).toFixed(3),
      },
      node: process.version,
    },
    null,
    2,
  )}\n`,
);
