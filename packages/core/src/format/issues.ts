import type { z } from 'zod';

/**
 * One problem found in an input: where (`regions[3].value.labels[0]`, `controls[2].field`;
 * `''` is the input itself) and what is wrong, in words a user can act on.
 *
 * @example
 * const issue: Issue = { path: 'regions[0].control', message: 'no control named "ner"' };
 */
export type Issue = { path: string; message: string };

/**
 * The outcome of parsing or validating: the typed value, or every issue found.
 *
 * @example
 * const r: Result<number> = { ok: false, issues: [{ path: '', message: 'not a number' }] };
 */
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** A path as a list of keys and indexes, before it is written as a string. */
export type PathSegment = string | number;

/** An issue whose path is still a list of segments (what checks produce internally). */
export type RawIssue = { path: PathSegment[]; message: string };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Writes a path as a string: `['regions', 3, 'value']` -> `regions[3].value`. Keys that are not
 * identifiers are quoted: `data["my field"]`.
 *
 * @example
 * formatPath(['controls', 2, 'field']); // 'controls[2].field'
 * formatPath([0, 'x'], 'regions'); // 'regions[0].x'
 */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/**
 * One line per issue, `path: message` (`(root)` for the input itself).
 *
 * @example
 * formatIssues([{ path: 'fields', message: 'add at least one field' }]);
 * // 'fields: add at least one field'
 */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('\n');
}

/**
 * Turns raw issues (segment paths) into issues, with an optional path prefix.
 *
 * @example
 * toIssues([{ path: [0, 'id'], message: 'duplicate id' }], 'regions');
 * // [{ path: 'regions[0].id', message: 'duplicate id' }]
 */
export function toIssues(raw: readonly RawIssue[], prefix = ''): Issue[] {
  return raw.map((r) => ({ path: formatPath(r.path, prefix), message: r.message }));
}

type ZodIssue = z.core.$ZodIssue;

/** "Invalid input: expected string, received undefined" says "required" in plainer words. */
function plainMessage(issue: ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return `required (expected ${issue.expected})`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * A union failed. When every branch failed on the value's own type, say which types were
 * allowed; when one branch got past the type check, its issues are the useful ones.
 */
function unionIssues(
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  path: PathSegment[],
): RawIssue[] {
  const branches = issue.errors;
  if (branches.length === 0) return [{ path, message: plainMessage(issue) }];
  const typeOnly = (b: readonly ZodIssue[]): boolean =>
    b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0;
  const deeper = branches.filter((b) => !typeOnly(b));
  if (deeper.length === 1 && deeper[0]) {
    return deeper[0].flatMap((i) => flatten(i, path));
  }
  if (deeper.length > 0) {
    // A schema-specific union message beats a generic one ("Invalid input").
    const custom = issue.message !== 'Invalid input';
    return [{ path, message: custom ? issue.message : 'does not match any allowed form' }];
  }
  const expected = branches
    .flatMap((b) => (b[0]?.code === 'invalid_type' ? [b[0].expected] : []))
    .filter((t, i, all) => all.indexOf(t) === i);
  return [{ path, message: `expected ${expected.join(' or ')}` }];
}

function flatten(issue: ZodIssue, parent: PathSegment[] = []): RawIssue[] {
  const own = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  const path = [...parent, ...own];
  if (issue.code === 'unrecognized_keys') {
    // Point at the unknown key itself: `regions[0].value.lables`, not its parent.
    return issue.keys.map((k) => ({ path: [...path, k], message: `unknown key "${k}"` }));
  }
  if (issue.code === 'invalid_union') return unionIssues(issue, path);
  if (issue.code === 'invalid_key') {
    const inner = issue.issues.map((i) => plainMessage(i)).join('; ');
    return [{ path, message: `invalid key: ${inner}` }];
  }
  return [{ path, message: plainMessage(issue) }];
}

/**
 * Converts a zod error (or its issue list) into our issues, with paths like
 * `regions[3].value.labels[0]` under an optional prefix.
 *
 * @example
 * const r = Region.safeParse(input);
 * if (!r.success) return { ok: false, issues: zodIssuesToIssues(r.error, 'regions[3]') };
 */
export function zodIssuesToIssues(
  error: { issues: readonly ZodIssue[] } | readonly ZodIssue[],
  prefix = '',
): Issue[] {
  const list: readonly ZodIssue[] = 'issues' in error ? error.issues : error;
  return toIssues(
    list.flatMap((i) => flatten(i)),
    prefix,
  );
}

/**
 * An error map for a discriminated union on `type`: names the allowed types when the
 * discriminator matches none, and leaves every other message to zod.
 *
 * @example
 * z.discriminatedUnion('type', options, { error: discriminatorError('region', REGION_TYPES) });
 */
export function discriminatorError(
  what: string,
  types: readonly string[],
): (issue: { code?: string | undefined; note?: string | undefined }) => string | undefined {
  return (issue) =>
    issue.code === 'invalid_union' && issue.note === 'No matching discriminator'
      ? `a ${what} type must be one of: ${types.join(', ')}`
      : undefined;
}
