/**
 * A large catalog's key tables are megabytes read at random, so the addon asks for them in 2 MiB
 * pages (native/huge_table.h): lookups then stop walking the page table. Two things to hold: the
 * tables really are in huge pages where the system gives them on request, and lookups in such a
 * table still find every literal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CandidateSet } from '../../src/match/candidate-set.ts';
import { nativeStatus } from '../../src/match/native.ts';
import { Prefilter } from '../../src/match/prefilter.ts';

const THP_SETTING = '/sys/kernel/mm/transparent_hugepage/enabled';
/** The kernel's transparent huge page mode ("always", "madvise", "never"), or null off Linux. */
const thpMode = existsSync(THP_SETTING) ? (/\[(\w+)\]/.exec(readFileSync(THP_SETTING, 'utf8'))?.[1] ?? null) : null;

/** Kilobytes of this process's anonymous memory in huge pages. */
function anonHugeKiB(): number {
  const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
  return Number(/^AnonHugePages:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
}

/** Distinct words from a seeded generator, so that every literal files keys of its own. */
function words(count: number): string[] {
  let state = 20261126;
  const next = () => (state = (state * 48271) % 2147483647);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: count }, (_, i) => {
    let word = '';
    for (let j = 0; j < 24; j++) word += alphabet[next() % 26];
    return `${word}${i.toString(36)}`;
  });
}

// Without the addon there are no native tables; match-prefilter.test.ts fails in that case.
describe.runIf(nativeStatus.loaded)('a large catalog in the native addon', () => {
  // 12,000 literals of 25-27 characters file 18 eight-character keys each at stride 20: the wide
  // key table alone is 16 MiB (524,288 slots of 32 bytes).
  const literals = words(12_000);
  const before = thpMode === 'madvise' ? anonHugeKiB() : 0;
  const prefilter = new Prefilter({ literals: literals.map((l) => [l]) });
  const after = thpMode === 'madvise' ? anonHugeKiB() : 0;

  it('finds every literal in its key tables, at any alignment', () => {
    const out = new CandidateSet(literals.length);
    for (let i = 0; i < literals.length; i += 97) {
      out.clear();
      prefilter.candidates(`${'x'.repeat(i % 23)} ERROR ${literals[i]!.toUpperCase()} after retry`, out);
      expect([...out.list.subarray(0, out.count)]).toEqual([i]);
    }
  });

  // Only "madvise" can tell: there, memory is in huge pages only when asked for, so the growth is
  // the addon's. Under "always" every large allocation may get them (V8's too) and under "never"
  // none does, so neither says whether the addon asked; off Linux there is nothing to read.
  it.runIf(thpMode === 'madvise')('asks for its key tables in 2 MiB pages', () => {
    expect(after - before).toBeGreaterThanOrEqual(2048);
  });
});
