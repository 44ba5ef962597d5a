import { describe, expect, it } from 'vitest';
import { actionKey, detailsText } from './audit-details.ts';

describe('audit details', () => {
  it('shows details as short key: value pairs', () => {
    expect(detailsText({ format: 'csv', tasks: 12 })).toBe('format: csv · tasks: 12');
    expect(detailsText({ tasks: [1, 2, 3, 4, 5, 6], entities: { CN_MOBILE: 1 } })).toBe(
      'tasks: [1, 2, 3, 4, 5, …6] · entities: {CN_MOBILE: 1}',
    );
    expect(detailsText({ a: { b: { c: 1 } } })).toBe('a: {b: {…}}');
    expect(detailsText(null)).toBe('');
    expect(detailsText('plain')).toBe('plain');
    const long = detailsText({ text: 'x'.repeat(500) }, 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith('…')).toBe(true);
  });

  it('maps an action to an i18n key without dots', () => {
    expect(actionKey('pii.view_original')).toBe('audit.actions.pii_view_original');
    expect(actionKey('access.manage')).toBe('audit.actions.access_manage');
  });
});
