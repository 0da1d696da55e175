import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../src/catalog/json-position.ts';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('locateJsonError', () => {
  it('finds nothing wrong in any JSON the engine writes', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (value, indent) => {
      expect(locateJsonError(JSON.stringify(value, null, indent))).toBeNull();
    }));
  });

  it('agrees with JSON.parse on which texts are JSON', () => {
    const jsonish = fc.stringMatching(/^[ \n{}[\]",:0-9a-z.eE+\\-]{0,24}$/);
    fc.assert(fc.property(jsonish, (text) => {
      expect(locateJsonError(text) === null).toBe(parses(text));
    }), { numRuns: 2000 });
  });

  it('points at the first character that cannot continue the text', () => {
    expect(locateJsonError('{"a": 1,}')).toEqual({ offset: 8, line: 1, column: 9 });
    expect(locateJsonError('{\n  "a": [1, 2\n}')).toEqual({ offset: 15, line: 3, column: 1 });
    expect(locateJsonError('{"a": "tab\there"}')).toEqual({ offset: 10, line: 1, column: 11 });
    expect(locateJsonError('[01]')).toEqual({ offset: 2, line: 1, column: 3 });
    expect(locateJsonError('{} x')).toEqual({ offset: 3, line: 1, column: 4 });
    expect(locateJsonError('"\\u12G4"')).toEqual({ offset: 5, line: 1, column: 6 });
  });
});
