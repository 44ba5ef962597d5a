import { beforeAll, describe, expect, it } from 'vitest';
import { isValidCnResidentId, luhnValid } from './pii/checksums.ts';
import { detectPii, preparePii } from './pii/detect.ts';
import { canonicalValue, pseudonym } from './pseudonym.ts';

const KEY = 'project-42-secret';

// detectPii with every entity needs the English-name model loaded once.
beforeAll(() => preparePii());

describe('pseudonym', () => {
  it('is consistent per key and differs across keys and values', () => {
    const a = pseudonym('CN_PERSON', '张伟', KEY);
    expect(pseudonym('CN_PERSON', '张伟', KEY)).toBe(a);
    expect(pseudonym('CN_PERSON', '张伟', 'other-key', 'tag')).not.toBe(
      pseudonym('CN_PERSON', '张伟', KEY, 'tag'),
    );
    expect(pseudonym('EMAIL', 'a@x.cn', KEY)).not.toBe(pseudonym('EMAIL', 'b@x.cn', KEY));
  });

  it('gives one pseudonym to differently written forms of the same value', () => {
    expect(canonicalValue('CN_MOBILE', '+86 138-1234-5678')).toBe('13812345678');
    const p = pseudonym('CN_MOBILE', '13812345678', KEY, 'tag');
    expect(pseudonym('CN_MOBILE', '+86 138 1234 5678', KEY, 'tag')).toBe(p);
    expect(pseudonym('CN_MOBILE', '１３８１２３４５６７８', KEY, 'tag')).toBe(p);
  });

  it('keeps the kind and layout of the value', () => {
    expect(pseudonym('CN_MOBILE', '+86 138-1234-5678', KEY)).toMatch(/^\+86 1[3-9]\d-\d{4}-\d{4}$/);
    expect(pseudonym('CN_MOBILE', '１３８１２３４５６７８', KEY)).toMatch(/^１[３-９][０-９]{9}$/);
    expect(pseudonym('CN_LANDLINE', '010-62345678', KEY)).toMatch(/^010-[2-9]\d{7}$/);
    expect(pseudonym('CN_PERSON', '欧阳娜娜', KEY)).toMatch(
      /^(欧阳|司马|上官|诸葛|东方|皇甫|慕容|司徒)\p{Script=Han}{2}$/u,
    );
    expect(Array.from(pseudonym('CN_PERSON', '王', KEY))).toHaveLength(1);
    expect(pseudonym('PERSON', 'Mary Smith', KEY)).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(pseudonym('EMAIL', 'Zhang@Example.com', KEY)).toMatch(
      /^user\.[0-9a-f]{8}@example\.com$/,
    );
    expect(pseudonym('US_SSN', '536-22-1234', KEY)).toMatch(/^9\d\d-\d\d-\d{4}$/);
    expect(pseudonym('CN_LICENSE_PLATE', '京A·12345', KEY)).toMatch(/^京A·[A-HJ-NP-Z0-9]{5}$/);
    expect(pseudonym('CN_ADDRESS', '北京市朝阳区建国路88号', KEY)).toMatch(
      /^<CN_ADDRESS_[0-9a-f]{8}>$/,
    );
  });

  it('never yields a real card, resident ID or routable IP, and is not detected again', () => {
    for (let i = 0; i < 50; i++) {
      const card = pseudonym('BANK_CARD', `4111 1111 1111 ${String(1000 + i)}`, KEY);
      expect(card).toMatch(/^4111 11\d\d \d{4} \d{4}$/);
      expect(luhnValid(card.replace(/\D/g, ''))).toBe(false);
      const id = pseudonym('CN_RESIDENT_ID', `11010519491231${String(100 + i)}X`, KEY);
      expect(id).toMatch(/^11\d{16}$|^11\d{15}X$/);
      expect(isValidCnResidentId(id)).toBe(false);
      expect(detectPii(`卡号${card} 身份证${id}`)).toEqual([]);
    }
    expect(pseudonym('IP_ADDRESS', '192.168.1.1', KEY)).toMatch(/^(24\d|25[0-4])\.\d+\.\d+\.\d+$/);
    expect(pseudonym('IP_ADDRESS', 'fe80::1', KEY)).toMatch(/^2001:db8:/);
  });

  it('refuses an empty key', () => {
    expect(() => pseudonym('EMAIL', 'a@b.cn', '')).toThrow(/non-empty project key/);
  });
});
