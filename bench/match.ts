// `npm run bench:match` — the matching engine's figures, printed as JSON, every figure a ratio of
// two measurements taken in this same run (these machines are noisy; absolute numbers are shown
// but the targets are judged on ratios).
//
// Corpora: the Loghub lines (nearly all match nothing), a near-miss corpus (lines holding a
// signature's literals but not its full pattern) and a 10%-matching mix. Catalogs: the shipped
// one, and seeded synthetic ones of N = 1, 50, 1,000, 5,000 and 10,000 signatures. Baselines: one
// V8 regex per line (the seed's), and the naive loop (`for each regex: regex.test(line)`).
//
//   T1  1,000 signatures cost at most 3x one V8 regex per line            (Loghub)
//   T2  N = 5,000 keeps >= 60% of N = 50's throughput on near misses, >= 85% on Loghub
//   T3  at least 1,000x the naive loop at N = 1,000                       (Loghub)
//   T4  with 10% of lines matching, >= 80% of the throughput with none    (N = 1,000)
//   T5  time per line grows linearly with line length up to 1 MiB, for every shipped pattern
import { readFileSync } from 'node:fs';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../src/catalog/load-files.ts';
import { compileEntry } from '../src/match/compile.ts';
import { createMultiEngine } from '../src/match/multi-engine.ts';
import { nativeStatus } from '../src/match/native.ts';
import type { MatchEngine } from '../src/match/types.ts';
import { interleavedRates, loghubLines, linearFit, round, type RateTask } from './support.ts';
import { syntheticCatalog, syntheticSignatures, zipfSampler } from './synthetic-catalog.ts';

const quick = process.argv.includes('--quick');
const loghub = loghubLines();
const SIZES = [1, 50, 1000, 5000, 10000];
const all = syntheticSignatures(Math.max(...SIZES));

// Near misses of the first 50 signatures: in every catalog from N = 50 up, so each N does the same
// candidate work on them (plus whatever else its extra signatures bring).
const flat = (line: string) => Buffer.from(line, 'utf8').toString('utf8');
const nearMiss = Array.from({ length: 4000 }, (_, i) => {
  const sig = all[i % 50]!;
  const host = loghub[(i * 7919) % loghub.length]!;
  return flat(`${host.slice(0, 60)} ${sig.nearMiss}`);
});
// 10% of lines match one of the first 1,000 signatures; the rest are Loghub lines. T4 is judged
// on the harshest mix: every matching line a different signature in turn, so each one finds its
// signature's data cold. Real error logs repeat a few errors many times; the skewed mix (ranks
// drawn from a Zipf distribution, s = 1, seeded) is reported beside it for that picture.
const mixed = loghub.map((line, i) => (i % 10 === 0 ? flat(`${line.slice(0, 40)} ${all[(i / 10) % 1000]!.match}`) : line));
const zipfRank = zipfSampler(1000, 20261125);
const mixedSkewed = loghub.map((line, i) => (i % 10 === 0 ? flat(`${line.slice(0, 40)} ${all[zipfRank()]!.match}`) : line));

function engineFor(n: number): { engine: MatchEngine; compileMs: number } {
  const catalog = syntheticCatalog(all.slice(0, n));
  const started = process.hrtime.bigint();
  const engine = createMultiEngine(catalog, { maxLineBytes: 65536 });
  const compileMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (engine.problems.length > 0) throw new Error(`synthetic catalog N=${n} has rejected patterns: ${engine.problems[0]!.reason}`);
  return { engine, compileMs };
}

const seedRecord = JSON.parse(readFileSync(new URL('../test/fixtures/seed-000_52ce155dc92739c3.txt', import.meta.url), 'utf8')) as { regex: string };
const oneRegex = new RegExp(seedRecord.regex);

// Every catalog is compiled first, then all throughputs are measured round after round, each
// round taking every task in turn: a slow spell of the machine then lands on all of them, not on
// whichever happened to run during it (measured one after another, one catalog's figure once
// came out at half its usual value and made a ratio meaningless).
const engines = new Map(SIZES.map((n) => [n, engineFor(n)] as const));
const tasks: Record<string, RateTask> = { one_v8_regex: { lines: loghub, work: (line) => oneRegex.test(line) } };
for (const [n, { engine }] of engines) {
  tasks[`${n}:loghub`] = { lines: loghub, work: (line) => engine.match(line) };
  tasks[`${n}:near_miss`] = { lines: nearMiss, work: (line) => engine.match(line) };
  if (n === 1000) {
    tasks[`${n}:mixed`] = { lines: mixed, work: (line) => engine.match(line) };
    tasks[`${n}:mixed_skewed`] = { lines: mixedSkewed, work: (line) => engine.match(line) };
  }
}
// The naive loop, at N = 50 and N = 1,000, over the same compiled V8 patterns, measured in the same
// rounds as the engine: measured once on its own, after them, it met a different spell of the
// machine, and T3 read 982x in one run and 2,127x in the next on one machine.
for (const n of [50, 1000]) {
  const regexes = all.slice(0, n).map((s) => {
    const compiled = compileEntry(syntheticCatalog([s]).entries[0]!);
    if (!compiled.ok) throw new Error(compiled.problem.reason);
    return compiled.regex;
  });
  // The naive loop is slow: every twentieth line is enough for a stable rate, and spread over all
  // the Loghub files it has the corpus's mix of line lengths (a leading slice would be one file's).
  const sample = n === 1000 ? loghub.filter((_, i) => i % 20 === 0) : loghub;
  tasks[`${n}:naive_loop`] = { lines: sample, work: (line) => regexes.some((re) => re.test(line)) };
}
// Best of twelve rounds: on a host whose other guests come and go, each task needs rounds enough to
// meet a quiet spell. It narrows the spread less than hoped: on one machine T2 Loghub read
// 0.77-0.86 over four runs of six rounds, 0.81-0.82 over three of fourteen, 0.78-0.86 over five of
// twelve. `--rounds=N` sets it.
const roundsArg = process.argv.find((a) => a.startsWith('--rounds='));
const rounds = roundsArg ? Number(roundsArg.slice('--rounds='.length)) : quick ? 3 : 12;
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer (got ${roundsArg})`);
// The same catalog with the prefilter's JavaScript loop (what runs without the native addon) is
// measured in a phase of its own, after the rest. A process runs one of the two, never both, and
// every engine's `match` shares V8's type feedback: interleaved with the addon's tasks, the
// fallback's candidate path made the addon's 10%-matching figure swing from run to run (T4
// 0.72-0.80 over five runs, against 0.79-0.80 measured apart).
const jsLoop = createMultiEngine(syntheticCatalog(all.slice(0, 1000)), { maxLineBytes: 65536, nativePrefilter: false });
const fallbackTasks: Record<string, RateTask> = {
  '1000:loghub_js_loop': { lines: loghub, work: (line) => jsLoop.match(line) },
  '1000:mixed_js_loop': { lines: mixed, work: (line) => jsLoop.match(line) },
};
const measured = { ...interleavedRates(tasks, { rounds }), ...interleavedRates(fallbackTasks, { rounds }) };
const oneRegexRate = measured['one_v8_regex']!;
const naive = { 'N=50': Math.round(measured['50:naive_loop']!), 'N=1000': Math.round(measured['1000:naive_loop']!) };

const synthetic: Record<string, { compile_ms: number; loghub: number; near_miss: number; mixed_10pct?: number; mixed_10pct_skewed?: number; strides: readonly number[]; unfiltered: number }> = {};
const rates = new Map<number, { loghub: number; nearMiss: number; mixed: number }>();
for (const [n, { engine, compileMs }] of engines) {
  const stats = (engine as ReturnType<typeof createMultiEngine>).stats;
  const r = { loghub: measured[`${n}:loghub`]!, nearMiss: measured[`${n}:near_miss`]!, mixed: measured[`${n}:mixed`] ?? 0 };
  rates.set(n, r);
  synthetic[`N=${n}`] = {
    compile_ms: round(compileMs, 1),
    loghub: Math.round(r.loghub),
    near_miss: Math.round(r.nearMiss),
    ...(n === 1000 ? { mixed_10pct: Math.round(r.mixed), mixed_10pct_skewed: Math.round(measured[`${n}:mixed_skewed`]!) } : {}),
    strides: stats.strides,
    unfiltered: stats.unfiltered,
  };
}

// The shipped catalog on Loghub, and T5: each shipped pattern on lines from 1 KiB to 1 MiB.
const { catalog: shipped } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
const shippedEngine = createMultiEngine(shipped, { maxLineBytes: 65536 });
// The same catalog with the short literals' pair loop instead of the SIMD scan, measured in the same
// rounds: what the SIMD scan is worth on a real catalog (it has 26 literals too short for its stride).
const shippedPairs = createMultiEngine(shipped, { maxLineBytes: 65536, simdShortScan: false });
const shippedRates = interleavedRates(
  { simd: { lines: loghub, work: (line) => shippedEngine.match(line) }, pairs: { lines: loghub, work: (line) => shippedPairs.match(line) } },
  { rounds: quick ? 2 : 6 },
);

const lengths = quick ? [16_384, 65_536, 262_144, 1_048_576] : [16_384, 65_536, 262_144, 524_288, 1_048_576];
let worstR2 = 1;
let worstR2Pattern = '';
let worstGrowth = 0;
let worstGrowthPattern = '';
const remeasured: string[] = [];
for (const entry of shipped.entries) {
  const compiled = compileEntry(entry);
  if (!compiled.ok) continue;
  // Fill the line with the pattern's own example minus its last character, over and over: near
  // hits everywhere keep the regex as busy as a line can.
  const example = String(entry.record.examples.match[0] ?? entry.record.signature ?? entry.record.id);
  const unit = `${example.slice(0, -1)} `;
  const lines = lengths.map((length) => Buffer.from(unit.repeat(Math.ceil(length / unit.length)).slice(0, length)));
  const texts = lines.map((line) => line.toString());
  const run = (i: number) => (compiled.re2 ? compiled.re2.test(lines[i]!) : compiled.regex.test(texts[i]!));
  const times = lengths.map(() => Infinity);
  // The best of `reps` timings at each length, folded into the best so far.
  const measure = (reps: number) => {
    lengths.forEach((_, i) => {
      run(i);
      for (let rep = 0; rep < reps; rep++) {
        const t = process.hrtime.bigint();
        run(i);
        times[i] = Math.min(times[i]!, Number(process.hrtime.bigint() - t));
      }
    });
  };
  const growthOf = () => times.at(-1)! / lengths.at(-1)! / (times[0]! / lengths[0]!);
  measure(3);
  // One slow spell during a 1 MiB timing reads as growth. A pattern over the line is timed again,
  // more times, before it counts: a pattern that really grows stays over it however often it is
  // timed (a quadratic one by 64x), and the JSON names every pattern timed again.
  if (growthOf() > 2) {
    remeasured.push(entry.record.id);
    measure(9);
  }
  // Per-byte time at 1 MiB over per-byte time at the smallest size: about 1 when linear, 64 when
  // quadratic over this range. A pattern that stops at its first match costs the same at every
  // length (growth well under 1): linear too.
  const growth = growthOf();
  if (growth > worstGrowth) {
    worstGrowth = growth;
    worstGrowthPattern = entry.record.id;
  }
  // The straight-line fit is only meaningful where time actually grows with length.
  if (times.at(-1)! >= 4 * times[0]!) {
    const fit = linearFit(lengths, times);
    if (fit.r2 < worstR2) {
      worstR2 = fit.r2;
      worstR2Pattern = entry.record.id;
    }
  }
}

const r50 = rates.get(50)!;
const r1000 = rates.get(1000)!;
const r5000 = rates.get(5000)!;
const t1 = oneRegexRate / r1000.loghub;
const t2NearMiss = r5000.nearMiss / r50.nearMiss;
const t2Loghub = r5000.loghub / r50.loghub;
const t3 = r1000.loghub / naive['N=1000']!;
const t4 = r1000.mixed / r1000.loghub;

const targets = {
  T1_cost_of_1000_vs_one_v8_regex: { value: round(t1, 2), target: '<= 3', met: t1 <= 3 },
  T2_near_miss_5000_vs_50: { value: round(t2NearMiss, 3), target: '>= 0.60', met: t2NearMiss >= 0.6 },
  T2_loghub_5000_vs_50: { value: round(t2Loghub, 3), target: '>= 0.85', met: t2Loghub >= 0.85 },
  T3_speedup_vs_naive_loop_1000: { value: Math.round(t3), target: '>= 1000', met: t3 >= 1000 },
  T4_mixed_10pct_vs_none: {
    value: round(t4, 3),
    target: '>= 0.80',
    met: t4 >= 0.8,
    skewed_mix_for_reference: round(measured['1000:mixed_skewed']! / r1000.loghub, 3),
  },
  T5_linear_up_to_1MiB: {
    value: {
      patterns: shipped.entries.length,
      worst_per_byte_growth: round(worstGrowth, 2),
      worst_growth_pattern: worstGrowthPattern,
      worst_linear_fit_r2: round(worstR2, 4),
      worst_fit_pattern: worstR2Pattern,
      timed_again: remeasured,
    },
    target: 'per-byte time at 1 MiB at most 2x that at 16 KiB for every pattern (quadratic would be 64x)',
    met: worstGrowth <= 2,
  },
};

process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'match',
      node: process.version,
      corpora: { loghub: loghub.length, near_miss: nearMiss.length, mixed_10pct: mixed.length },
      native_addon: nativeStatus,
      lines_per_second: {
        one_v8_regex: Math.round(oneRegexRate),
        naive_loop: naive,
        shipped_catalog: {
          signatures: shippedEngine.size,
          strides: shippedEngine.stats.strides,
          short_literals: shippedEngine.stats.shortLoop,
          loghub: Math.round(shippedRates['simd']!),
          loghub_with_pair_loop: Math.round(shippedRates['pairs']!),
        },
        // Without the addon: the probe loops in JavaScript, the candidates tested through the `re2` package.
        without_addon: { 'N=1000': { loghub: Math.round(measured['1000:loghub_js_loop']!), mixed_10pct: Math.round(measured['1000:mixed_js_loop']!) } },
        synthetic,
      },
      targets,
      all_met: Object.values(targets).every((t) => t.met),
    },
    null,
    2,
  )}\n`,
);
