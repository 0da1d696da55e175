/**
 * The addon against the JavaScript loops, on real lines bent out of shape: the shipped catalog and
 * a synthetic one of 2,000 signatures, each line of the Loghub samples, of the real error lines and
 * of the catalogs' own examples cut short, cut open, joined to another, repeated past the byte
 * cap, upper-cased, sprinkled with stray bytes or with characters that are not plain ASCII
 * (Latin-1, two-byte, a lone surrogate, NUL, characters that case-fold onto ASCII). Both ways must
 * give the same ranked ids and the same truncation for every line.
 *
 * It is also the load that `npm run test:native-sanitized` puts through an addon built with
 * AddressSanitizer and UndefinedBehaviorSanitizer (MUTATED_LINES raises the count there): a read
 * past a buffer that happens not to crash here is an error there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticCatalog, syntheticSignatures } from '../../bench/synthetic-catalog.ts';
import { BUNDLED_CATALOG_DIR, loadCatalogDir } from '../../src/catalog/load-files.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { createMultiEngine } from '../../src/match/multi-engine.ts';
import { nativeStatus } from '../../src/match/native.ts';

const corpus = new URL('../fixtures/corpus/', import.meta.url);
const loghub = readdirSync(new URL('loghub/', corpus))
  .filter((f) => f.endsWith('.log'))
  .sort()
  .flatMap((f) => readFileSync(new URL(`loghub/${f}`, corpus), 'utf8').split('\n').filter(Boolean));
const errors = readFileSync(new URL('errors-dev.jsonl', corpus), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((row) => String((JSON.parse(row) as { line?: unknown }).line ?? ''));

const count = Number(process.env['MUTATED_LINES'] ?? 20_000);
// A generous bound (a line takes microseconds; under the sanitizers a few times more).
const timeout = 60_000 + count;
const STRAY = ['é', 'ÿ', '\u2028', '日本', '😀', '\ud800', '\u0000', '\uffff', 'İ', 'K', 'ſ', '\n'];

/** Park–Miller, seeded: the same lines on every run. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => (state = (state * 48271) % 2147483647) % n;
}

/** Half of them from lines that match, half from lines that mostly do not. */
function* mutatedLines(matching: readonly string[], other: readonly string[], seed: number): Generator<string> {
  const pick = random(seed);
  const base = [...matching, ...other];
  for (let i = 0; i < count; i++) {
    const from = pick(2) === 0 ? matching : other;
    const line = from[pick(from.length)]!;
    const at = pick(line.length + 1);
    switch (pick(8)) {
      case 0:
        yield line;
        break;
      case 1:
        yield line.slice(at);
        break;
      case 2:
        yield line.slice(0, at);
        break;
      case 3:
        yield line.slice(0, at) + STRAY[pick(STRAY.length)]! + line.slice(at);
        break;
      case 4:
        yield `${line} ${base[pick(base.length)]!}`;
        break;
      case 5:
        // Past the 4 KiB cap of the shipped engine below, now and then past 64 KiB.
        yield line.repeat(1 + pick(pick(10) === 0 ? 800 : 60));
        break;
      case 6:
        yield line.toUpperCase();
        break;
      default: {
        const chars = [...line];
        for (let k = 0; k < 3 && chars.length > 0; k++) chars[pick(chars.length)] = String.fromCharCode(pick(0x80));
        yield chars.join('');
      }
    }
  }
}

/**
 * Each line through both engines; and each ASCII line also as bytes (`mayMatchAscii`), which may
 * rule a line out only when `match` finds nothing in it and does not cut it.
 */
function compareBothWays(catalog: Catalog, matching: readonly string[], other: readonly string[], maxLineBytes: number, seed: number) {
  const native = createMultiEngine(catalog, { maxLineBytes });
  const loops = createMultiEngine(catalog, { maxLineBytes, nativePrefilter: false });
  expect(native.stats.nativeProbe).toBe(true);
  expect(loops.stats.nativeProbe).toBe(false);
  let matched = 0;
  let ascii = 0;
  let ruledOut = 0;
  for (const line of mutatedLines(matching, other, seed)) {
    const a = native.match(line);
    const b = loops.match(line);
    const ids = (m: typeof a) => m.matches.map((x) => x.entry.record.id);
    if (ids(a).join() !== ids(b).join() || a.truncated !== b.truncated || a.line !== b.line) {
      expect({ line, ids: ids(a), truncated: a.truncated }).toEqual({ line, ids: ids(b), truncated: b.truncated });
    }
    if (a.matches.length > 0) matched++;
    if (/^[\x00-\x7f]*$/.test(line)) {
      ascii++;
      // Bytes with room after the line, as a Kafka value's buffer has: the length is what counts.
      const bytes = Buffer.from(`${line}~~~~`, 'latin1');
      if (!native.mayMatchAscii(bytes, line.length)) {
        ruledOut++;
        if (a.matches.length > 0 || a.truncated) expect({ line, ruledOut: true }).toEqual({ line, ids: ids(a), truncated: a.truncated });
      }
    }
  }
  return { matched, ascii, ruledOut };
}

describe.runIf(nativeStatus.loaded)('the addon and the JavaScript loops agree on mutated real lines', () => {
  it('with the shipped catalog', async () => {
    const { catalog } = await loadCatalogDir(BUNDLED_CATALOG_DIR);
    const examples = catalog.entries.flatMap((e) => e.record.examples.match.map(String));
    const { matched, ascii, ruledOut } = compareBothWays(catalog, [...errors, ...examples], loghub, 4096, 20261207);
    // The mix must reach the matching paths, not only the probes: most examples still match.
    expect(matched).toBeGreaterThan(count / 5);
    // And the bytes must rule lines out, or the check above says nothing.
    expect(ruledOut).toBeGreaterThan(ascii / 4);
  }, timeout);

  it('with a synthetic catalog of 2,000 signatures', () => {
    const signatures = syntheticSignatures(2000);
    const { matched, ascii, ruledOut } = compareBothWays(syntheticCatalog(signatures), signatures.map((s) => s.match), [...loghub, ...signatures.map((s) => s.nearMiss)], 65_536, 7);
    expect(matched).toBeGreaterThan(count / 5);
    expect(ruledOut).toBeGreaterThan(ascii / 4);
  }, timeout);
});
