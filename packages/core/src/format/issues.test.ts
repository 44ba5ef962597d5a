import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues, formatPath, toIssues, zodIssuesToIssues } from './issues.ts';

describe('formatPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatPath(['regions', 3, 'value', 'labels', 0])).toBe('regions[3].value.labels[0]');
    expect(formatPath([0, 'id'], 'regions')).toBe('regions[0].id');
    expect(formatPath([], 'regions')).toBe('regions');
  });

  it('quotes keys that are not identifiers', () => {
    expect(formatPath(['data', 'my field', '文本'])).toBe('data["my field"]["文本"]');
  });
});

describe('formatIssues', () => {
  it('writes one line per issue, (root) for the input itself', () => {
    const text = formatIssues([
      { path: 'fields', message: 'too few' },
      { path: '', message: 'not an object' },
    ]);
    expect(text).toBe('fields: too few\n(root): not an object');
  });
});

describe('zodIssuesToIssues', () => {
  const schema = z.strictObject({
    name: z.string(),
    counts: z.union([z.array(z.number()), z.string()]),
    nested: z.strictObject({ n: z.number().min(1) }).optional(),
  });

  it('points at unknown keys themselves and says "required" for missing ones', () => {
    const r = schema.safeParse({ counts: 'x', lables: 1 });
    expect(zodIssuesToIssues(r.error!, 'x[0]')).toEqual([
      { path: 'x[0].name', message: 'required (expected string)' },
      { path: 'x[0].lables', message: 'unknown key "lables"' },
    ]);
  });

  it('names the allowed types when every union branch fails on type', () => {
    const r = schema.safeParse({ name: 'a', counts: 5 });
    expect(zodIssuesToIssues(r.error!)).toEqual([
      { path: 'counts', message: 'expected array or string' },
    ]);
  });

  it('reports the inner issues of the one union branch that matched the type', () => {
    const r = schema.safeParse({ name: 'a', counts: [1, 'x'] });
    expect(zodIssuesToIssues(r.error!)).toEqual([
      { path: 'counts[1]', message: 'expected number, received string' },
    ]);
  });

  it('accepts a bare issue list and keeps nested paths', () => {
    const r = schema.safeParse({ name: 'a', counts: [], nested: { n: 0 } });
    expect(zodIssuesToIssues(r.error!.issues)[0]?.path).toBe('nested.n');
  });

  it('converts raw issues with a prefix', () => {
    expect(toIssues([{ path: [1, 'id'], message: 'dup' }], 'regions')).toEqual([
      { path: 'regions[1].id', message: 'dup' },
    ]);
  });
});
