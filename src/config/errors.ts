/**
 * Config errors that say which key, which value, what is allowed, and where the value came from:
 *
 *   config: match.locale: "fr" is not allowed; use one of: en, zh (from LOGSIG_MATCH_LOCALE)
 *   config: kafka.brokerz: unknown key; did you mean kafka.brokers? (in ./my.yaml)
 */

/** Where a value came from: a layer of the config. */
export interface ConfigSource {
  readonly kind: 'default-file' | 'file' | 'env' | 'overrides';
  /** File path as given, env var name, or a label for programmatic overrides. */
  readonly name: string;
}

export interface ConfigIssue {
  /** Dot path of the key (`kafka.brokers[1]`); `''` when the problem is not about one key. */
  readonly path: string;
  /** What is wrong and how to fix it, starting with the offending value when there is one. */
  readonly message: string;
  readonly source: ConfigSource | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** A bad config stays bad on retry: the process should exit and say why. */
  readonly retriable = false;
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], options?: { cause?: unknown }) {
    super(issues.map(formatIssue).join('\n'), options);
    this.issues = issues;
  }
}

export function formatIssue(issue: ConfigIssue): string {
  const key = issue.path === '' ? '' : `${issue.path}: `;
  return `config: ${key}${issue.message}${describeSource(issue.source)}`;
}

export function describeSource(source: ConfigSource | null): string {
  if (source === null) return '';
  switch (source.kind) {
    case 'default-file':
      return ` (in ${source.name}, the defaults)`;
    case 'file':
      return ` (in ${source.name})`;
    case 'env':
    case 'overrides':
      return ` (from ${source.name})`;
  }
}

const MAX_SHOWN = 80;

/**
 * A value as it appears in a message: JSON-ish, shortened, and with secrets hidden — config errors
 * end up in CI logs and crash reports, passwords must not.
 */
export function showValue(path: string, value: unknown): string {
  const last = path.slice(path.lastIndexOf('.') + 1);
  if (/password|secret|token/i.test(last) && value !== null && value !== undefined && value !== '') return '"***"';
  let shown: string;
  if (typeof value === 'string') shown = JSON.stringify(hideUrlPassword(value));
  else if (value === undefined) shown = 'nothing';
  else {
    try {
      shown = JSON.stringify(value) ?? String(value);
    } catch {
      shown = String(value);
    }
  }
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN - 1)}…` : shown;
}

function hideUrlPassword(s: string): string {
  // redis://user:secret@host → redis://user:***@host; cheap test first, most values are not URLs.
  if (!s.includes('://') || !s.includes('@')) return s;
  return s.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/i, '$1***@');
}
