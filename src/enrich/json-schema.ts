/**
 * The published JSON Schema of `logsig.event/v1`, derived from the zod schema. Kept separate from
 * the script that writes it so a test can compare the committed file with a fresh rendering.
 */
import { z } from 'zod';
import { DiagnosedEventSchema, EVENT_SCHEMA_NAME } from './event.ts';

export function eventJsonSchema(): Record<string, unknown> {
  // `io: 'input'` leaves objects open (no `additionalProperties: false`): fields added later in v1
  // must not make older readers reject new events.
  const generated = z.toJSONSchema(DiagnosedEventSchema, {
    target: 'draft-2020-12',
    io: 'input',
    // `format: date-time` says it; zod's long equivalent pattern would only bury the schema.
    override: (ctx) => {
      if (ctx.jsonSchema.format === 'date-time') delete ctx.jsonSchema.pattern;
    },
  });
  const { $schema, ...rest } = generated;
  return { $schema, title: EVENT_SCHEMA_NAME, ...rest };
}

/** The exact text of `docs/event.schema.json`. */
export function renderEventJsonSchema(): string {
  return `${JSON.stringify(eventJsonSchema(), null, 2)}\n`;
}
