/**
 * The optional native addon (native/, built from source by `npm install`): one class, the
 * prefilter's probe loops, which can also test the candidates they find with RE2 (the same RE2
 * release the `re2` package runs, compiled into the addon). Loading is tried once; when the addon is missing (installed with
 * `--ignore-scripts`, no compiler) the engine runs the same loops in JavaScript, with the same
 * results, only slower — so `nativeStatus` says which one runs and why.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { LiteralSplit } from './split.ts';

/** What the native probe copies from the JavaScript prefilter (prefilter.ts explains each table). */
export interface GramProbeTables {
  readonly stride: number;
  /** Code unit → gram byte, 65,536 entries. */
  readonly keyByte: Uint8Array;
  /** Code unit → folded code unit, 65,536 entries. */
  readonly fold: Uint16Array;
  readonly words: Uint32Array;
  readonly shift: number;
  readonly wideWords: Uint32Array;
  readonly wideShift: number;
  readonly narrowWords: Uint32Array | null;
  readonly narrowShift: number;
  /** Every literal's folded characters end to end; literal i is literalChars[literalStart[i] .. literalStart[i + 1]). */
  readonly literalChars: Uint16Array;
  readonly literalStart: Int32Array;
  /** wideKeys[i] files the (literal, offset) pairs widePairs[wideStart[i] .. wideStart[i + 1]). */
  readonly wideKeys: Int32Array;
  readonly wideStart: Int32Array;
  readonly widePairs: Int32Array;
  readonly narrowKeys: Int32Array;
  readonly narrowStart: Int32Array;
  readonly narrowPairs: Int32Array;
  /** The short literals' loop: its stride (0: none), and pairKeys[i] files pairPairs[pairStart[i] ..]. */
  readonly pairStride: number;
  readonly pairKeys: Int32Array;
  readonly pairStart: Int32Array;
  readonly pairPairs: Int32Array;
  /**
   * The widest step, in line positions, the SIMD scan for short literals may take (see
   * NativeGramProbe.shortLoop): 32 (AVX2 where the CPU has it, else 16), 16 (SSSE3), 0 (none: the pair loop).
   */
  readonly shortSimd: 0 | 16 | 32;
}

/**
 * The catalog's patterns, for the probe to test its candidates itself. Literal i leads to patterns
 * literalPatterns[literalPatternStart[i] .. literalPatternStart[i + 1]).
 */
export interface NativePatterns {
  /** Per pattern: its source as `new RE2(source, flags)` takes it, or null to leave it to JavaScript. */
  readonly sources: readonly (string | null)[];
  readonly flags: readonly string[];
  /**
   * Per route (entry of literalPatterns): the pattern split around that literal (split.ts), its
   * parts in the syntax of `sources`, or null.
   */
  readonly splits: readonly (LiteralSplit | null)[];
  readonly literalPatternStart: Int32Array;
  readonly literalPatterns: Int32Array;
}

/** The native probe: finds the literals that occur in a line, writes their indices to `found`. */
export interface NativeGramProbe {
  /** How many literals were found (each once); their indices are the first entries of `found`. */
  scan(line: string): number;
  /**
   * With patterns attached: how many entries were written to `matched`, each a pattern that
   * matched, or ~pattern (negative) for a candidate the addon holds no regex for.
   */
  match(line: string): number;
  /**
   * `match` for the line that is the first `length` bytes of `bytes`, which must all be ASCII (a
   * RangeError otherwise): the same probe and tests, with no string made.
   */
  matchAscii(bytes: Uint8Array, length: number): number;
  /** Whether the addon holds a regex for this pattern (false where RE2 refused it, or none was given). */
  tests(pattern: number): boolean;
  /**
   * How literals too short for the stride are found in a line of one-byte characters: `simd-32` or
   * `simd-16`, a scan of that many line positions a step (native/teddy.h: x86-64 with AVX2 or
   * SSSE3, up to 32 ASCII literals), else `pairs` (two characters a probe), or `none` without such
   * literals. Two-byte lines always take `pairs`.
   */
  shortLoop(): ShortLoop;
}

export type ShortLoop = 'simd-32' | 'simd-16' | 'pairs' | 'none';

interface Addon {
  GramProbe: new (tables: GramProbeTables, found: ArrayBuffer, patterns?: NativePatterns & { matched: ArrayBuffer }) => NativeGramProbe;
}

export type NativeStatus = { readonly loaded: true } | { readonly loaded: false; readonly reason: string };

const ADDON_PATH = '../../build/Release/logsig_native.node';

/**
 * `LOGSIG_NATIVE_ADDON` names another build of the addon to load instead (an absolute path, or one
 * relative to the working directory): `npm run test:native-sanitized` points it at a build with
 * AddressSanitizer. A build asked for by name that does not load is an error, not a quiet fall back
 * to the JavaScript loops: the tests it was meant for would otherwise pass without it.
 */
const OVERRIDE = process.env['LOGSIG_NATIVE_ADDON'] || null;

function load(): { addon: Addon | null; status: NativeStatus } {
  const path = OVERRIDE === null ? ADDON_PATH : resolve(OVERRIDE);
  try {
    const addon = createRequire(import.meta.url)(path) as Addon;
    return { addon, status: { loaded: true } };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    if (OVERRIDE !== null) throw new Error(`LOGSIG_NATIVE_ADDON=${OVERRIDE} does not load: ${reason}`);
    return { addon: null, status: { loaded: false, reason } };
  }
}

const loaded = load();

/** Whether the addon loaded, and if not, why (for the worker's start-up log and the benchmark). */
export const nativeStatus: NativeStatus = Object.freeze(loaded.status);

/**
 * A native probe over these tables, or null without the addon. `found` receives literal indices;
 * it must be a whole Int32Array with room for every literal (each is reported at most once a line).
 * With `patterns`, `matched` (likewise whole, a slot per pattern) receives what `match` finds.
 */
export function nativeGramProbe(
  tables: GramProbeTables,
  found: Int32Array,
  patterns?: { readonly spec: NativePatterns; readonly matched: Int32Array },
): NativeGramProbe | null {
  if (loaded.addon === null) return null;
  const literals = tables.literalStart.length - 1;
  const whole = (array: Int32Array, slots: number) => array.byteOffset === 0 && array.length >= slots && array.buffer instanceof ArrayBuffer;
  if (!whole(found, literals)) throw new RangeError('nativeGramProbe: found must be a whole Int32Array with one slot per literal');
  if (patterns === undefined) return new loaded.addon.GramProbe(tables, found.buffer as ArrayBuffer);
  if (!whole(patterns.matched, patterns.spec.sources.length)) {
    throw new RangeError('nativeGramProbe: matched must be a whole Int32Array with one slot per pattern');
  }
  return new loaded.addon.GramProbe(tables, found.buffer as ArrayBuffer, { ...patterns.spec, matched: patterns.matched.buffer as ArrayBuffer });
}
