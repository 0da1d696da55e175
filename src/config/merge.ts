/**
 * Deep merge of config layers (defaults, user file, environment, overrides), remembering which
 * layer set each path so an error can say where a bad value came from.
 *
 * Mappings merge key by key; anything else (scalars, lists, null) replaces what was there, so a
 * user file can shorten a list or set `sasl: null`.
 */
import type { ConfigSource } from './errors.ts';

export type Tree = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Tree {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Returns `base` with `layer` merged over it (neither is modified); records origins of `layer`'s paths. */
export function mergeLayer(
  base: Tree,
  layer: Tree,
  source: ConfigSource,
  origins: Map<string, ConfigSource>,
  prefix = '',
): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    origins.set(path, source);
    const current = out[key];
    if (isPlainObject(value) && isPlainObject(current)) {
      out[key] = mergeLayer(current, value, source, origins, path);
    } else if (isPlainObject(value)) {
      // Fresh subtree (e.g. `sasl` over null): still walk it so nested keys get an origin.
      out[key] = mergeLayer({}, value, source, origins, path);
    } else {
      out[key] = value;
    }
  }
  return out;
}
