/**
 * Spans from Presidio's own recognizer tests (fixtures/presidio-cases.json, MIT; see
 * fixtures/ATTRIBUTION.md). Presidio scores differ by design, so spans and counts are
 * compared, not scores (as the dataset README advises).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from '../fixtures/presidio-cases.json' with { type: 'json' };
import { detectBankCards } from './bank-card.ts';
import { DEFAULT_MIN_SCORE, detectPii, preparePii } from './detect.ts';
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
  expected_score_ranges?: number[][];
  expected_score?: number;
  leniency?: number;
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

const PHONE = ['CN_MOBILE', 'CN_LANDLINE', 'PHONE_NUMBER'];

describe('Presidio recognizer cases', () => {
  beforeAll(() => preparePii());

  check('credit_card', detectBankCards);
  check('email', detectEmails);
  check('ip', detectIpAddresses);
  check('us_ssn', detectUsSsns);
  check('uk_passport', only('UK_PASSPORT'));
  check('us_passport', only('US_PASSPORT'));
  check('in_passport', only('IN_PASSPORT'));
  check('es_passport', only('ES_PASSPORT'));

  it('phone: Presidio’s spans at its default leniency (1), as CN_MOBILE or PHONE_NUMBER', () => {
    const cases = recognizers.phone!.cases.filter((c) => (c.leniency ?? 1) === 1);
    expect(cases.length).toBeGreaterThanOrEqual(19);
    for (const c of cases) {
      const found = detectPii(c.text, { entities: PHONE }).map((f) => [f.start, f.end]);
      expect(found, c.text).toEqual(c.expected_positions);
    }
    // Stricter leniency refuses '+91 4155 550132' (odd grouping); level 1 accepts it.
    const glued = recognizers.phone!.cases.find((c) => c.text.endsWith('is415-555-0132'))!;
    expect(detectPii(glued.text, { entities: PHONE }).map((f) => f.text)).toEqual([
      '(415) 555-0132',
    ]);
  });

  it('at the default minimum score, every gold span Presidio does not mark weak is found', () => {
    // Weak: the case expects a score below 0.5 (a bare pattern) and has no context word.
    const context = /passport|travel|pasaporte|social|security|ssn|ss#|\bip(?:v[46])?\b/i;
    const entity: Record<string, string[]> = {
      us_ssn: ['US_SSN'],
      uk_passport: ['UK_PASSPORT'],
      us_passport: ['US_PASSPORT'],
      in_passport: ['IN_PASSPORT'],
      es_passport: ['ES_PASSPORT'],
      ip: ['IP_ADDRESS'],
      credit_card: ['BANK_CARD'],
      email: ['EMAIL'],
    };
    let strong = 0;
    for (const [name, wanted] of Object.entries(entity)) {
      for (const c of recognizers[name]!.cases) {
        const spans = expectedSpans(c) ?? [];
        const found = new Set(
          detectPii(c.text)
            .filter((f) => wanted.includes(f.entity) && f.score >= DEFAULT_MIN_SCORE)
            .map((f) => `${f.start}:${f.end}`),
        );
        spans.forEach(([s, e], i) => {
          const top = c.expected_score_ranges?.[i]?.[1] ?? c.expected_score;
          if (top !== undefined && top < 0.5 && !context.test(c.text)) return;
          strong++;
          expect(found.has(`${s}:${e}`), `${name}: ${c.text}`).toBe(true);
        });
      }
    }
    expect(strong).toBeGreaterThan(100);
  });

  it('url: plain URLs carry no credentials, so none of the 16 cases is reported', () => {
    const cases = recognizers.url!.cases;
    expect(cases).toHaveLength(16);
    for (const c of cases) expect(detectUrlCredentials(c.text), c.text).toEqual([]);
  });
});
