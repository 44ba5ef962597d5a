/**
 * `detectPii`: every detector over one text, filtered and with overlaps resolved.
 */

import { scanBankCard } from './bank-card.ts';
import { scanCnAddress } from './cn-address.ts';
import { scanCnPerson } from './cn-name.ts';
import { scanCnPhone } from './cn-phone.ts';
import { scanCnPlate } from './cn-plate.ts';
import { scanCnResidentId } from './cn-resident-id.ts';
import { scanEmail } from './email.ts';
import { loadPersonNames, personNamesReady, scanPerson } from './en-name.ts';
import { scanIpAddress } from './ip-address.ts';
import { scanPassport } from './passport.ts';
import { scanPhoneNumber } from './phone.ts';
import { scanInput, toFindings } from './scan.ts';
import type { PiiEntity, PiiFinding, RawFinding, ScanInput } from './types.ts';
import { PII_ENTITIES } from './types.ts';
import { scanUrlCredentials } from './url-credentials.ts';
import { scanUsSsn } from './us-ssn.ts';

/**
 * Default minimum score. Pattern-only weak matches (a bare 9-digit number as a US passport,
 * 0.05) stay below it; anything with a checksum, a distinctive format or a context word is
 * above it.
 * @example detectPii(text, { minScore: DEFAULT_MIN_SCORE })
 */
export const DEFAULT_MIN_SCORE = 0.3;

const SCANNERS: ReadonlyArray<{
  entities: readonly PiiEntity[];
  scan: (i: ScanInput) => RawFinding[];
}> = [
  { entities: ['CN_RESIDENT_ID'], scan: scanCnResidentId },
  { entities: ['CN_MOBILE', 'CN_LANDLINE'], scan: scanCnPhone },
  { entities: ['PHONE_NUMBER'], scan: scanPhoneNumber },
  { entities: ['BANK_CARD'], scan: scanBankCard },
  { entities: ['EMAIL'], scan: scanEmail },
  { entities: ['IP_ADDRESS'], scan: scanIpAddress },
  { entities: ['URL_CREDENTIALS'], scan: scanUrlCredentials },
  {
    entities: ['CN_PASSPORT', 'US_PASSPORT', 'UK_PASSPORT', 'IN_PASSPORT', 'ES_PASSPORT'],
    scan: scanPassport,
  },
  { entities: ['US_SSN'], scan: scanUsSsn },
  { entities: ['CN_LICENSE_PLATE'], scan: scanCnPlate },
  { entities: ['CN_PERSON'], scan: scanCnPerson },
  { entities: ['CN_ADDRESS'], scan: scanCnAddress },
  { entities: ['PERSON'], scan: scanPerson },
];

/**
 * Loads what the detectors of `entities` (default: all) need before {@link detectPii} can
 * run synchronously: today the compromise NLP library for `PERSON` (~45 MB, loaded once, so
 * a host that never scans for English names never pays for it). Cheap after the first call.
 * @example await preparePii(); detectPii('Dear Mr. John Smith')
 */
export async function preparePii(entities?: readonly string[]): Promise<void> {
  if (!entities || entities.includes('PERSON')) await loadPersonNames();
}

/** Options for {@link detectPii}. */
export interface DetectPiiOptions {
  /** Only these entities (default: all of {@link PII_ENTITIES}). */
  entities?: readonly string[];
  /** Drop findings scoring below this (default {@link DEFAULT_MIN_SCORE}). */
  minScore?: number;
}

/**
 * Keeps a set of non-overlapping findings: higher score first, then the longer span, then
 * the earlier one. Returns them in text order.
 * @example resolveOverlaps([a, b]) // b dropped if it overlaps a and scores lower
 */
export function resolveOverlaps<T extends { start: number; end: number; score: number }>(
  findings: readonly T[],
): T[] {
  const ranked = [...findings].sort(
    (a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: T[] = [];
  for (const f of ranked) {
    if (kept.every((k) => f.end <= k.start || k.end <= f.start)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Runs every PII detector over `text` (full-width characters normalised first) and returns
 * non-overlapping findings in text order, with Unicode code-point offsets.
 * Throws a RangeError for an unknown entity name or a minScore outside 0..1.
 * @example detectPii('😀姓名：张伟，手机１３８１２３４５６７８')
 * // [{ entity: 'CN_PERSON', start: 4, end: 6, text: '张伟', ... },
 * //  { entity: 'CN_MOBILE', start: 9, end: 20, text: '１３８１２３４５６７８', ... }]
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiFinding[] {
  const wanted = new Set<string>(options.entities ?? PII_ENTITIES);
  for (const e of wanted) {
    if (!(PII_ENTITIES as readonly string[]).includes(e)) {
      throw new RangeError(`unknown PII entity "${e}"; known: ${PII_ENTITIES.join(', ')}`);
    }
  }
  if (wanted.has('PERSON') && !personNamesReady())
    throw new Error(
      'detectPii: PERSON needs the compromise NLP library, which loads on first use: ' +
        'await preparePii() once before scanning, or leave PERSON out of `entities`',
    );
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  if (!(minScore >= 0 && minScore <= 1))
    throw new RangeError(`minScore must be in 0..1, got ${minScore}`);
  const input = scanInput(text);
  const raw: RawFinding[] = [];
  for (const { entities, scan } of SCANNERS) {
    if (!entities.some((e) => wanted.has(e))) continue;
    for (const f of scan(input)) if (wanted.has(f.entity) && f.score >= minScore) raw.push(f);
  }
  return toFindings(input, resolveOverlaps(raw));
}
