/**
 * Lint: does a record's pattern recognise its own title, when the title is the log text itself?
 *
 * Titles come in two kinds. Some quote the message ("PostgreSQL: sorry, too many clients
 * already"); a pattern that does not match such a title is usually wrong (a typo, a case the
 * pattern does not allow, an anchor, a required suffix). Others describe the error ("OAuth2
 * error: invalid_grant — refresh token expired or revoked"); no pattern need match those.
 *
 * The rule that tells them apart ("log-like"), chosen so that a description never warns:
 *
 * 1. The title is cut into candidates: the whole title; the title without a leading
 *    "Label: " (a product name such as "PostgreSQL" or "Kafka client"); and the pieces of that
 *    between the separators " — ", " – ", " / " and " | ", which titles use to join alternatives or
 *    add an explanation.
 * 2. A candidate is log-like when it has at least 3 words and all of its words appear, in the
 *    same order and next to each other, inside one literal run of the regex (text the regex
 *    spells out character for character, between its operators; words compared
 *    case-insensitively). Such a candidate was copied from, or into, the pattern.
 * 3. The record gets a warning when a log-like candidate is spelled differently from the regex's
 *    run (letter case, punctuation or spacing; whitespace runs count as one space) and the engine
 *    matches the record on none of the candidates: the pattern and the title disagree on how the
 *    message is written, and one of them is wrong.
 *
 * Not warned about: descriptive titles, titles that name the error code as a label next to a
 * description ("invalid_grant — refresh token expired"), and quotes spelled exactly as in the
 * regex with the variable parts left out ("Buffer I/O error on dev", "Connection to node could
 * not be established"); a title need not be a complete log line.
 */
import type { MatchEngine } from '../match/types.ts';
import type { CatalogEntry } from './catalog.ts';
import type { CatalogProblem } from './problems.ts';

const MIN_WORDS = 3;

export function checkTitle(entry: CatalogEntry, engine: MatchEngine): CatalogProblem[] {
  const title = entry.record.signature;
  if (title === null) return [];
  const candidates = titleCandidates(title);
  const runs = literalRuns(entry.record.regex);
  const runWords = runs.map(words);
  // Log-like candidates spelled differently from every run that holds their words.
  const divergent = candidates.filter((c) => {
    const w = words(c);
    if (w.length < MIN_WORDS) return false;
    const holders = runs.filter((_, i) => containsRun(runWords[i]!, w));
    const quoted = squeeze(c).replace(/[.,;:!]+$/, ''); // a closing full stop is the title's, not the message's
    return holders.length > 0 && !holders.some((run) => squeeze(run).includes(quoted));
  });
  if (divergent.length === 0) return [];
  const id = entry.record.id;
  if (candidates.some((c) => engine.match(c).matches.some((m) => m.entry.record.id === id))) return [];
  return [
    {
      file: entry.origin,
      field: 'signature',
      reason: `quotes the log text "${divergent[0]}", which the regex spells differently, and the regex does not match the title; make the two agree on how the software writes it`,
      severity: 'warning',
    },
  ];
}

const squeeze = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The whole title, the title without a leading "Label: ", and the pieces between separators. */
export function titleCandidates(title: string): string[] {
  const whole = title.trim();
  const label = /^[^:]{1,40}:\s+/.exec(whole);
  const unlabelled = label === null ? whole : whole.slice(label[0].length);
  const pieces = unlabelled.split(/\s+(?:—|–|\/|\|)\s+/);
  return [...new Set([whole, unlabelled, ...pieces].map((s) => s.trim()).filter((s) => s !== ''))];
}

/** Lower-case words (letters, digits, `_`), in order. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The stretches of a pattern that match exactly their own text: escaped punctuation counts as
 * its character; classes, groups, alternation, anchors, `.`, escapes such as `\d`, and
 * quantifiers end a run (a quantified character is dropped, as it may be absent). Covers the
 * JavaScript, PCRE and Python spellings closely enough for word comparison — it is a heuristic for
 * a warning, not a parser.
 */
export function literalRuns(pattern: string): string[] {
  const runs: string[] = [];
  let run = '';
  const end = (): void => {
    if (run !== '') runs.push(run);
    run = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[A-Za-z0-9]/.test(next)) {
        end();
        i += 2;
        // Skip what the escape consumes: \xHH, \uHHHH, \u{…}, \p{…}, \k<…>, \cX.
        if (next === 'x') i += 2;
        else if (next === 'u') i = pattern[i] === '{' ? skipPast(pattern, i, '}') : i + 4;
        else if ((next === 'p' || next === 'P') && pattern[i] === '{') i = skipPast(pattern, i, '}');
        else if (next === 'k' && pattern[i] === '<') i = skipPast(pattern, i, '>');
        else if (next === 'c') i += 1;
        continue;
      }
      run += next;
      i += 2;
    } else if (c === '[') {
      end();
      i = skipClass(pattern, i);
    } else if (c === '(') {
      end();
      i += 1;
      // Group prefixes: (?:, (?=, (?!, (?<=, (?<!, (?<name>, (?P<name>, (?P=name), (?i), (?i:.
      if (pattern[i] === '?') {
        const named = /^\?P?<(?![=!])[^>]*>|^\?P=[^)]*|^\?<?[=!]|^\?[a-zA-Z-]*[:)]?/.exec(pattern.slice(i));
        i += named === null ? 1 : named[0].length;
      }
    } else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(pattern.slice(i))) {
      run = run.slice(0, -1);
      end();
      i = skipPast(pattern, i, '}');
    } else if (c === '*' || c === '+' || c === '?') {
      // `a?`/`a*` may drop the character; `a+` keeps it but may repeat it: either way the run ends.
      if (c !== '+') run = run.slice(0, -1);
      end();
      i += 1;
    } else if (c === ')' || c === '|' || c === '.' || c === '^' || c === '$') {
      end();
      i += 1;
    } else {
      run += c;
      i += 1;
    }
  }
  end();
  return runs;
}

function skipPast(pattern: string, from: number, close: string): number {
  const at = pattern.indexOf(close, from);
  return at === -1 ? pattern.length : at + 1;
}

/** Index just past the `]` that closes the class opening at `from` (escapes and a leading `]` honoured). */
function skipClass(pattern: string, from: number): number {
  let i = from + 1;
  if (pattern[i] === '^') i += 1;
  if (pattern[i] === ']') i += 1;
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
  return i + 1;
}
