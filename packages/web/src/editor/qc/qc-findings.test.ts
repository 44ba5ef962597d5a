import { describe, it, expect } from 'vitest';
import { errorFromBody } from '../../api/api-error.ts';
import {
  findingRegionId,
  groupFindings,
  parseFindings,
  qcBlockedFindings,
  submittedWarnings,
} from './qc-findings.ts';

const REGIONS = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

describe('QC findings in the editor', () => {
  it('reads the findings of a qc_blocked refusal, blocking first', () => {
    const e = errorFromBody(422, {
      error: {
        code: 'qc_blocked',
        message: 'The submission breaks a quality rule: …',
        issues: [{ path: 'regions[1].value.start', message: 'starts inside a word' }],
        findings: [
          { rule: 'dup', severity: 'warn', message: 'duplicate', region_id: 'c' },
          {
            rule: 'tok',
            severity: 'block',
            message: 'starts inside a word',
            path: 'regions[1].value.start',
            region_id: 'b',
          },
        ],
      },
    });
    const found = qcBlockedFindings(e)!;
    expect(found.map((f) => f.rule)).toEqual(['tok', 'dup']);
    expect(found[0]).toMatchObject({ severity: 'block', region_id: 'b' });
  });

  it('falls back to the issues, and ignores other errors', () => {
    const e = errorFromBody(422, {
      error: { code: 'qc_blocked', message: 'x', issues: [{ path: 'regions[2]', message: 'bad' }] },
    });
    expect(qcBlockedFindings(e)).toEqual([
      { rule: '', severity: 'block', message: 'bad', path: 'regions[2]' },
    ]);
    expect(qcBlockedFindings(errorFromBody(409, { error: { code: 'conflict' } }))).toBeNull();
    expect(qcBlockedFindings(new Error('x'))).toBeNull();
  });

  it('reads the warnings of a stored submission, dropping malformed ones', () => {
    expect(
      submittedWarnings({
        id: 1,
        qc_findings: [{ rule: 'r', severity: 'warn', message: 'm' }, { nope: 1 }, 'x'],
      }),
    ).toEqual([
      {
        rule: 'r',
        severity: 'warn',
        message: 'm',
        kind: undefined,
        path: undefined,
        region_id: undefined,
      },
    ]);
    expect(submittedWarnings({ id: 1 })).toEqual([]);
    expect(submittedWarnings(null)).toEqual([]);
    expect(parseFindings('no')).toEqual([]);
  });

  it('points a finding at its region by id, else by the index in its path', () => {
    expect(findingRegionId({ region_id: 'b' }, REGIONS)).toBe('b');
    expect(findingRegionId({ region_id: 'gone', path: 'regions[2].value' }, REGIONS)).toBe('c');
    expect(findingRegionId({ path: 'regions[9]' }, REGIONS)).toBeUndefined();
    expect(findingRegionId({ path: 'lead_time_ms' }, REGIONS)).toBeUndefined();
  });

  it('groups findings by region, the rest about the whole annotation', () => {
    const g = groupFindings(
      [
        { rule: 'a', severity: 'block', message: '1', region_id: 'a' },
        { rule: 'b', severity: 'warn', message: '2', path: 'regions[0].value' },
        { rule: 'c', severity: 'block', message: '3', path: 'lead_time_ms' },
      ],
      REGIONS,
    );
    expect(g.byRegion.get('a')!.map((f) => f.message)).toEqual(['1', '2']);
    expect(g.general.map((f) => f.message)).toEqual(['3']);
  });
});
