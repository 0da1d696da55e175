/**
 * Regenerates the reference table in docs/config.md from the config schema.
 *
 *   npx tsx scripts/gen-config-docs.ts          # rewrite the table
 *   npx tsx scripts/gen-config-docs.ts --check  # exit 1 if the table is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withFreshTable } from '../src/config/reference.ts';

const docPath = fileURLToPath(new URL('../docs/config.md', import.meta.url));
const current = readFileSync(docPath, 'utf8');
const fresh = withFreshTable(current);

if (process.argv.includes('--check')) {
  if (fresh !== current) {
    console.error('docs/config.md is stale; run: npx tsx scripts/gen-config-docs.ts');
    process.exit(1);
  }
} else if (fresh !== current) {
  writeFileSync(docPath, fresh);
  console.log('docs/config.md updated');
}
