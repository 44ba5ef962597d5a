/**
 * Spans from Presidio's own recognizer tests (fixtures/presidio-cases.json, MIT; see
 * fixtures/ATTRIBUTION.md). Presidio scores differ by design, so spans and counts are
 * compared, not scores (as the dataset README advises).
 */
import { describe, expect, it } from 'vitest';
import fixture from '../fixtures/presidio-cases.json' with { type: 'json' };
import { detectBankCards } from './bank-card.ts';
import { detectCnPhones } from './cn-phone.ts';
import { detectEmails } from './email.ts';
import { detectIpAddresses } from './ip-address.ts';
import { detectPassports } from './passport.ts';
import type { PiiFinding } from './types.ts';
import { detectUrlCredentials } from './url-credentials.ts';
import { detectUsSsns } from './us-ssn.ts';

interface Case {
  text: string;
  expected_len: number;
  expected_res?: number[][];
  expected_positions?: number[][];
  expected_position?: number[];
}

const recognizers = fixture.recognizers as unknown as Record<string, { cases: Case[] }>;

function expectedSpans(c: Case): number[][] | undefined {
  if (c.expected_position) return c.expected_position.length ? [c.expected_position] : [];
  const spans = c.expected_res ?? c.expected_positions;
  // A few Presidio cases give a count but no positions; only the count is checked then.
  return spans && (spans.length > 0 || c.expected_len === 0) ? spans : undefined;
}

function check(name: string, detect: (text: string) => PiiFinding[]) {
  const cases = recognizers[name]!.cases;
  it(`${name}: all ${cases.length} cases give Presidio's spans`, () => {
    for (const c of cases) {
      const found = detect(c.text).map((f) => [f.start, f.end]);
      expect(found.length, c.text).toBe(c.expected_len);
      const spans = expectedSpans(c);
      if (spans) expect(found, c.text).toEqual(spans);
    }
  });
}

const only = (entity: string) => (text: string) =>
  detectPassports(text).filter((f) => f.entity === entity);

describe('Presidio recognizer cases', () => {
  check('credit_card', detectBankCards);
  check('email', detectEmails);
  check('ip', detectIpAddresses);
  check('us_ssn', detectUsSsns);
  check('uk_passport', only('UK_PASSPORT'));
  check('us_passport', only('US_PASSPORT'));
  check('in_passport', only('IN_PASSPORT'));
  check('es_passport', only('ES_PASSPORT'));

  it('phone: finds the CN mobile case and nothing in the non-Chinese numbers', () => {
    for (const c of recognizers.phone!.cases) {
      const found = detectCnPhones(c.text).map((f) => [f.start, f.end]);
      expect(found, c.text).toEqual(c.text.includes('CN number') ? [[16, 27]] : []);
    }
  });

  it('url: plain URLs carry no credentials, so none of the 16 cases is reported', () => {
    const cases = recognizers.url!.cases;
    expect(cases).toHaveLength(16);
    for (const c of cases) expect(detectUrlCredentials(c.text), c.text).toEqual([]);
  });
});
