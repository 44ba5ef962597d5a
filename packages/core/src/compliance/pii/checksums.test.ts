import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCnPhones } from './cn-phone.ts';
import {
  cnIdCheckChar,
  isValidCnResidentId,
  isValidDate,
  isValidLegacyCnResidentId,
  luhnValid,
} from './checksums.ts';

const DIR = new URL('../../../../../../shared/datasets/pii-test-cases/', import.meta.url);
const haveData = existsSync(DIR);
if (!haveData) console.warn(`skipping shared PII vectors: ${DIR.pathname} not found`);

interface IdCase {
  number: string;
  format_ok: boolean;
  computed_check_char: string | null;
  checksum_ok: boolean;
  birth_date: string | null;
}
interface Vectors {
  cn_resident_id_GB11643_1999: { cases: IdCase[] };
  luhn: { cases: Array<{ number: string; expected_valid: boolean }> };
  cn_mobile: { cases: Array<{ text: string; expected_spans: number[][] }> };
}

describe.skipIf(!haveData)('shared vectors (cn_id_luhn_vectors.json)', () => {
  const data = haveData
    ? (JSON.parse(readFileSync(new URL('cn_id_luhn_vectors.json', DIR), 'utf8')) as Vectors)
    : undefined;

  it('computes every GB 11643-1999 check character and verdict', () => {
    for (const c of data!.cn_resident_id_GB11643_1999.cases) {
      expect(cnIdCheckChar(c.number.slice(0, 17)) ?? null, c.number).toBe(c.computed_check_char);
      const [y, m, d] = (c.birth_date ?? '0-0-0').split('-').map(Number) as [
        number,
        number,
        number,
      ];
      const want = c.format_ok && c.checksum_ok && isValidDate(y, m, d);
      expect(isValidCnResidentId(c.number), c.number).toBe(want);
    }
  });

  it('rejects the month-13 number even though its check character is right', () => {
    expect(isValidCnResidentId('360426199113010079')).toBe(false);
  });

  it('matches every Luhn verdict', () => {
    for (const c of data!.luhn.cases) {
      expect(luhnValid(c.number.replace(/\D/g, '')), c.number).toBe(c.expected_valid);
    }
  });

  it('finds the Chinese mobile case at its span', () => {
    for (const c of data!.cn_mobile.cases) {
      expect(detectCnPhones(c.text).map((f) => [f.start, f.end])).toEqual(c.expected_spans);
    }
  });
});

describe('resident ID checks (own vectors)', () => {
  it('accepts the standard example and well-formed numbers, lower-case x included', () => {
    expect(cnIdCheckChar('11010519491231002')).toBe('X');
    for (const id of ['11010519491231002X', '11010519491231002x', '310115200002290021']) {
      expect(isValidCnResidentId(id), id).toBe(true);
    }
  });

  it('rejects a wrong check character, an impossible date or an unknown province', () => {
    expect(isValidCnResidentId('440305199001011249')).toBe(false); // check should be 8
    expect(isValidCnResidentId('310115200102290027')).toBe(false); // 2001-02-29
    expect(isValidCnResidentId('990115200002290021')).toBe(false); // province 99
  });

  it('checks the legacy 15-digit form by its yyMMdd date', () => {
    expect(isValidLegacyCnResidentId('110105491231002')).toBe(true);
    expect(isValidLegacyCnResidentId('110105491332002')).toBe(false);
  });

  it('knows leap years', () => {
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(1900, 2, 29)).toBe(false);
    expect(isValidDate(2024, 4, 31)).toBe(false);
  });

  it('computes Luhn on the Wikipedia example', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});
