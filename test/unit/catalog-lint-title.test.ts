/** The pieces of the title rule: which text a regex spells out, and how a title is cut. */
import { describe, expect, it } from 'vitest';
import { literalRuns, titleCandidates, words } from '../../src/catalog/lint-title.ts';

describe('literalRuns', () => {
  it('keeps escaped punctuation and ends runs at operators', () => {
    expect(literalRuns('connect\\(\\) failed \\(111: Connection refused\\) while')).toEqual(['connect() failed (111: Connection refused) while']);
    expect(literalRuns('sorry, too many clients|remaining slots')).toEqual(['sorry, too many clients', 'remaining slots']);
    expect(literalRuns('node -?\\d+ could not')).toEqual(['node ', ' could not']);
  });

  it('skips classes, group prefixes, escapes and quantified characters', () => {
    expect(literalRuns('[Tt]oo many open files(?! in system)')).toEqual(['oo many open files', ' in system']);
    expect(literalRuns('(?P<user>\\w+) denied(?i:x)')).toEqual([' denied', 'x']);
    expect(literalRuns('connections? refused')).toEqual(['connection', ' refused']);
    expect(literalRuns('a{2,3}b\\x41c\\u{1F600}d\\p{L}e')).toEqual(['b', 'c', 'd', 'e']);
    expect(literalRuns('[]a]z')).toEqual(['z']);
  });
});

describe('titleCandidates', () => {
  it('is the title, the title without its label and the pieces between separators', () => {
    expect(titleCandidates('PostgreSQL: sorry, too many clients already / remaining connection slots are reserved')).toEqual([
      'PostgreSQL: sorry, too many clients already / remaining connection slots are reserved',
      'sorry, too many clients already / remaining connection slots are reserved',
      'sorry, too many clients already',
      'remaining connection slots are reserved',
    ]);
    expect(titleCandidates('getaddrinfo ENOTFOUND — hostname does not resolve')).toEqual([
      'getaddrinfo ENOTFOUND — hostname does not resolve',
      'getaddrinfo ENOTFOUND',
      'hostname does not resolve',
    ]);
  });
});

describe('words', () => {
  it('is lower-case letters, digits and underscores', () => {
    expect(words('OAuth2 error: invalid_grant — Token')).toEqual(['oauth2', 'error', 'invalid_grant', 'token']);
  });
});
