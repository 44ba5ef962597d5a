/**
 * Small helpers for reading untrusted JSON-like values without `any`.
 */

/**
 * True for a plain JSON object (not null, not an array).
 *
 * @example
 * isRecord({ a: 1 }); // true
 * isRecord([1]); // false
 */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * True for a finite number.
 *
 * @example
 * isFiniteNumber(1.5); // true
 * isFiniteNumber(NaN); // false
 */
export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * The integer a string spells in canonical decimal form (`"12"`, not `"012"` or `"1e1"`), or
 * undefined. Used where a format needs integer ids and Tessera stores strings.
 *
 * @example
 * canonicalInt('12'); // 12
 * canonicalInt('012'); // undefined
 */
export function canonicalInt(s: string): number | undefined {
  if (!/^(0|[1-9][0-9]{0,14})$/.test(s)) return undefined;
  return Number(s);
}

/**
 * A copy of `obj` without the given keys, or undefined when nothing is left. Converters keep
 * the keys a format has and Tessera does not model, so that a round trip gives them back.
 *
 * @example
 * leftover({ id: 1, area: 4, iscrowd: 0 }, ['id', 'area']); // { iscrowd: 0 }
 */
export function leftover(
  obj: Record<string, unknown>,
  known: readonly string[],
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(obj)) {
    if (known.includes(k)) continue;
    out[k] = v;
    any = true;
  }
  return any ? out : undefined;
}

/**
 * Parses JSON text, turning a syntax error into a message with the source name.
 *
 * @example
 * parseJsonText('{"a":1}', 'tasks.json'); // { a: 1 }
 */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new SyntaxError(`${source}: not valid JSON (${why})`);
  }
}
