/**
 * The one way to get a matcher: `createEngine(catalog, options)`. Callers (worker, scan, lint,
 * tests, benchmarks) import this, never a particular engine, so the engine behind it can change.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { createMultiEngine } from './multi-engine.ts';
import type { EngineOptions, MatchEngine } from './types.ts';

export { checkPatterns } from './compile.ts';

export const DEFAULT_MAX_LINE_BYTES = 65536;

export function createEngine(catalog: Catalog, options: EngineOptions = { maxLineBytes: DEFAULT_MAX_LINE_BYTES }): MatchEngine {
  return createMultiEngine(catalog, options);
}
