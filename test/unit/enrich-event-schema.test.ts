import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventJsonSchema, renderEventJsonSchema } from '../../src/enrich/json-schema.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
}

/** Every property path in the schema: `source.topic`, `workarounds[].action`, … */
function fieldPaths(node: JsonSchemaNode, prefix = ''): string[] {
  const paths: string[] = [];
  for (const variant of node.anyOf ?? []) paths.push(...fieldPaths(variant, prefix));
  if (node.items) paths.push(...fieldPaths(node.items, `${prefix}[]`));
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    paths.push(path, ...fieldPaths(child, path));
  }
  return [...new Set(paths)];
}

describe('published event schema', () => {
  it('docs/event.schema.json equals a fresh generation (run: npx tsx scripts/gen-event-schema.ts)', () => {
    expect(read('docs/event.schema.json')).toBe(renderEventJsonSchema());
  });

  it('documents every field in docs/event.md', () => {
    const paths = fieldPaths(eventJsonSchema() as JsonSchemaNode);
    expect(paths).toContain('workarounds[].success_rate');
    expect(paths).toContain('source.line_number');
    const doc = read('docs/event.md');
    const undocumented = paths.filter((p) => !doc.includes(`\`${p}\``));
    expect(undocumented).toEqual([]);
  });
});
