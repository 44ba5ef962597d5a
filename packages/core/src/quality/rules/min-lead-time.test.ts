import { describe, expect, it } from 'vitest';
import { runRules, span, textSchema } from './test-builders.ts';

const data = { text: '🐕 北京'.padEnd(100, '.'), chat: [{ role: 'user', text: 'hi' }] };

describe('min_lead_time', () => {
  it('reports a lead time under the fixed minimum', () => {
    const rule = { kind: 'min_lead_time', severity: 'warn', min_ms: 3000 };
    expect(runRules([rule], { schema: textSchema(), regions: [], data, leadTimeMs: 3000 })).toEqual(
      [],
    );
    expect(runRules([rule], { schema: textSchema(), regions: [], data, leadTimeMs: 1234 })).toEqual(
      [
        {
          rule: 'min_lead_time',
          kind: 'min_lead_time',
          severity: 'warn',
          message:
            'This annotation took 1.2 s, less than the 3 s a careful pass needs: go over every label again before submitting.',
          path: 'lead_time_ms',
        },
      ],
    );
  });

  it('scales by code points of the text fields and by regions', () => {
    // text: 99 code points (the emoji is one), dialogue: 2 → 101 characters.
    const rule = {
      kind: 'min_lead_time',
      severity: 'block',
      min_ms: 1000,
      per_char_ms: 10,
      per_region_ms: 500,
    };
    const regions = [span('s1', 2, 3), span('s2', 3, 4)];
    const ctx = { schema: textSchema(), regions, data };
    expect(runRules([rule], { ...ctx, leadTimeMs: 3010 })).toEqual([]);
    const findings = runRules([rule], { ...ctx, leadTimeMs: 3009 });
    expect(findings[0]?.message).toBe(
      'This annotation took 3009 ms, less than the 3010 ms a careful pass needs (1 s + 10 ms × 101 characters + 500 ms × 2 regions): go over every label again before submitting.',
    );
    expect(runRules([{ ...rule, fields: ['chat'] }], { ...ctx, leadTimeMs: 2100 })).toEqual([]);
  });

  it('caps the threshold at max_ms', () => {
    const rule = {
      kind: 'min_lead_time',
      severity: 'warn',
      min_ms: 0,
      per_char_ms: 1000,
      max_ms: 5000,
    };
    expect(runRules([rule], { schema: textSchema(), regions: [], data, leadTimeMs: 5000 })).toEqual(
      [],
    );
    expect(
      runRules([rule], { schema: textSchema(), regions: [], data, leadTimeMs: 4000 })[0]?.message,
    ).toContain('less than the 5 s a careful pass needs (capped at 5 s)');
  });

  it('warns when the lead time is missing, or skips on request', () => {
    const rule = { kind: 'min_lead_time', severity: 'block', min_ms: 1000 };
    expect(runRules([rule], { schema: textSchema(), regions: [], data })).toEqual([
      expect.objectContaining({
        severity: 'warn',
        path: 'lead_time_ms',
        message: expect.stringContaining('was not recorded'),
      }),
    ]);
    expect(
      runRules([{ ...rule, when_unknown: 'skip' }], { schema: textSchema(), regions: [], data }),
    ).toEqual([]);
  });
});
