/**
 * Test helpers for the converters (used by *.test.ts only; no test runner imports here).
 */

/**
 * The first difference between two JSON values, or undefined when they are equal up to object
 * key order and a relative tolerance on numbers (percent <-> pixel and normalised coordinates
 * go through floating-point multiply and divide). Both sides are compared as JSON, so a key
 * holding `undefined` is the same as a missing key.
 *
 * @example
 * jsonDiff({ a: 1, b: [0.30000000000000004] }, { b: [0.3], a: 1 }); // undefined
 * jsonDiff({ a: 1 }, { a: 2 }); // '$.a: 1 != 2'
 */
export function jsonDiff(a: unknown, b: unknown, tolerance = 1e-9): string | undefined {
  return diff(
    JSON.parse(JSON.stringify(a)) as unknown,
    JSON.parse(JSON.stringify(b)) as unknown,
    '$',
    tolerance,
  );
}

function diff(a: unknown, b: unknown, path: string, tol: number): string | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b))
      ? undefined
      : `${path}: ${a} != ${b}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} != ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`, tol);
      if (d) return d;
    }
    return undefined;
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      if (!(k in a)) return `${path}.${k}: missing on the left (right has ${JSON.stringify(b[k])})`;
      if (!(k in b)) return `${path}.${k}: missing on the right (left has ${JSON.stringify(a[k])})`;
      const d = diff(a[k], b[k], `${path}.${k}`, tol);
      if (d) return d;
    }
    return undefined;
  }
  return a === b ? undefined : `${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
