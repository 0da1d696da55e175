import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, isMap, isPair, isScalar, visit } from 'yaml';
import { configLeaves } from '../../src/config/leaves.ts';
import { DEFAULT_CONFIG_FILE } from '../../src/config/load.ts';
import { renderConfigTable, withFreshTable } from '../../src/config/reference.ts';
import { closeNames, editDistance } from '../../src/config/suggest.ts';

const docPath = new URL('../../docs/config.md', import.meta.url);

describe('docs/config.md', () => {
  it('holds the table generated from the schema (run scripts/gen-config-docs.ts if this fails)', () => {
    const doc = readFileSync(docPath, 'utf8');
    expect(withFreshTable(doc)).toBe(doc);
  });

  it('the table has a row, a meaning and an env name for every leaf', () => {
    const table = renderConfigTable();
    for (const leaf of configLeaves()) {
      expect(leaf.description, leaf.path).not.toBe('');
      expect(table).toContain(`| \`${leaf.path}\` |`);
      expect(table).toContain(`\`${leaf.env}\``);
    }
  });

  it('refuses a document without the markers', () => {
    expect(() => withFreshTable('# Configuration\n')).toThrow(/markers/);
  });
});

/** Keys holding a value (not a section) with no comment above them. */
function uncommentedKeys(text: string): string[] {
  const doc = parseDocument(text);
  const uncommented: string[] = [];
  visit(doc, {
    Pair(_, pair, path) {
      if (!isPair(pair) || !isScalar(pair.key) || isMap(pair.value)) return;
      const parent = path[path.length - 1];
      // The yaml library puts the comment above a mapping's first key on the mapping itself.
      const comment =
        (pair.key as { commentBefore?: string | null }).commentBefore ??
        (isMap(parent) && parent.items[0] === pair ? parent.commentBefore : null);
      if (!comment) uncommented.push(String(pair.key.value));
    },
  });
  return uncommented;
}

describe('config/default.yaml', () => {
  it('has a comment on every key', () => {
    expect(uncommentedKeys(readFileSync(DEFAULT_CONFIG_FILE, 'utf8'))).toEqual([]);
  });

  it('the comment check finds a key without one', () => {
    expect(uncommentedKeys('a:\n  # first\n  b: 1\n  c: 2\n  # d\n  d: 3\n')).toEqual(['c']);
  });
});

describe('suggestions', () => {
  it('edit distance counts a swap of neighbours as one', () => {
    expect(editDistance('brokers', 'borkers')).toBe(1);
    expect(editDistance('brokers', 'brokerz')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only the nearest names', () => {
    expect(closeNames('brokerz', ['brokers', 'client_id', 'group_id', 'ssl'])).toEqual(['brokers']);
    expect(closeNames('zzzzzz', ['brokers', 'ssl'])).toEqual([]);
  });
});
