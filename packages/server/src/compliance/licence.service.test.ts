import { describe, expect, it } from 'vitest';
import { checkLicence, licenceReport } from './licence.service.ts';

const block = { allowed: ['CC0-1.0', 'CC-BY-4.0', 'MIT'], mode: 'block' as const };
const flag = { ...block, mode: 'flag' as const };

describe('licence policy', () => {
  it('allows listed licences case-insensitively and everything without a policy', () => {
    expect(checkLicence(block, 'cc-by-4.0').status).toBe('ok');
    expect(checkLicence(undefined, 'Proprietary').status).toBe('ok');
    expect(checkLicence(undefined, undefined).status).toBe('ok');
  });

  it('blocks or flags other licences with a message naming the allowed ones', () => {
    expect(checkLicence(block, 'CC-BY-NC-4.0')).toEqual({
      status: 'blocked',
      message:
        'licence "CC-BY-NC-4.0" is not allowed in this project (allowed: CC0-1.0, CC-BY-4.0, MIT)',
    });
    expect(checkLicence(flag, 'CC-BY-NC-4.0').status).toBe('flagged');
  });

  it('treats a missing licence as not allowed unless require is false', () => {
    expect(checkLicence(block, undefined).message).toMatch(/no provenance.licence/);
    expect(checkLicence(block, '  ').status).toBe('blocked');
    expect(checkLicence({ ...block, require: false }, undefined).status).toBe('ok');
  });

  it('reads simple SPDX expressions: OR needs one allowed id, AND needs all', () => {
    expect(checkLicence(block, 'GPL-3.0-only OR MIT').status).toBe('ok');
    expect(checkLicence(block, '(MIT AND GPL-3.0-only)').status).toBe('blocked');
    expect(checkLicence(block, 'MIT AND CC0-1.0').status).toBe('ok');
  });

  it('summarises a batch', () => {
    const r = licenceReport(flag, [
      { line: 1, licence: 'MIT' },
      { line: 2, licence: 'Proprietary' },
      { line: 3 },
    ]);
    expect(r).toMatchObject({ ok: 1, flagged: 2, blocked: 0 });
    expect(r.issues.map((i) => i.line)).toEqual([2, 3]);
  });
});
