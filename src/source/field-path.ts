/**
 * Reading a field out of a parsed JSON log record by a dot path such as `error.message`.
 *
 * Log shippers disagree on nesting: ECS writers emit `{"error": {"message": …}}`, others flatten
 * to `{"error.message": …}`, and Kubernetes labels hold dots themselves
 * (`kubernetes.labels["app.kubernetes.io/name"]`). So at each level every split of the remaining
 * path is tried — the longest literal key first — and the first value the caller accepts wins.
 */

export type Accept = (value: unknown) => boolean;

const anything: Accept = (value) => value !== undefined;

/** The first value at `path` in `root` that `accept` takes (default: any defined value). */
export function getField(root: unknown, path: string, accept: Accept = anything): unknown {
  // Most paths are one segment; skip the split for them.
  if (!path.includes('.')) {
    const value = child(root, path);
    return accept(value) ? value : undefined;
  }
  return resolve(root, path.split('.'), 0, accept);
}

function resolve(node: unknown, segments: readonly string[], from: number, accept: Accept): unknown {
  if (from === segments.length) return accept(node) ? node : undefined;
  if (node === null || typeof node !== 'object') return undefined;
  for (let to = segments.length; to > from; to--) {
    const key = to === from + 1 ? segments[from]! : segments.slice(from, to).join('.');
    const value = child(node, key);
    if (value === undefined) continue;
    const found = resolve(value, segments, to, accept);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** An own property of an object, or an element of an array by decimal index. */
function child(node: unknown, key: string): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
    return node[Number(key)];
  }
  return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
}
