/**
 * Writes docs/event.schema.json from the zod schema of `logsig.event/v1`.
 * Run: npx tsx scripts/gen-event-schema.ts (a unit test fails when the committed file is stale).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderEventJsonSchema } from '../src/enrich/json-schema.ts';

const target = fileURLToPath(new URL('../docs/event.schema.json', import.meta.url));
writeFileSync(target, renderEventJsonSchema());
console.log(`wrote ${target}`);
