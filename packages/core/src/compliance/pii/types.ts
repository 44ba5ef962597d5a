/**
 * Types shared by the PII detectors.
 */

/** Entity names produced by the built-in detectors. */
export const PII_ENTITIES = [
  'CN_RESIDENT_ID',
  'CN_MOBILE',
  'CN_LANDLINE',
  'PHONE_NUMBER',
  'BANK_CARD',
  'EMAIL',
  'IP_ADDRESS',
  'URL_CREDENTIALS',
  'CN_PASSPORT',
  'US_PASSPORT',
  'UK_PASSPORT',
  'IN_PASSPORT',
  'ES_PASSPORT',
  'US_SSN',
  'CN_LICENSE_PLATE',
  'CN_PERSON',
  'CN_ADDRESS',
  'PERSON',
] as const;

/** One of {@link PII_ENTITIES}. */
export type PiiEntity = (typeof PII_ENTITIES)[number];

/**
 * A piece of personal data found in a text.
 * @example
 * // detectPii('😀 电话13812345678')[0]
 * { entity: 'CN_MOBILE', start: 4, end: 15, text: '13812345678', score: 0.95, context: ['电话'] }
 */
export interface PiiFinding {
  /** What kind of data, e.g. 'CN_RESIDENT_ID'. */
  entity: string;
  /** Start, as a Unicode code-point offset into the original text. */
  start: number;
  /** End (exclusive), as a Unicode code-point offset. */
  end: number;
  /** The original text of the span (not the width-normalised form). */
  text: string;
  /** Confidence in 0..1. Pattern-only weak matches score low; context words raise it. */
  score: number;
  /** The context words near the span that raised the score (empty when none did). */
  context: string[];
}

/** A detector's output before conversion: UTF-16 offsets, no text yet. */
export interface RawFinding {
  entity: PiiEntity;
  start: number;
  end: number;
  score: number;
  context: string[];
}

/**
 * What a detector scans: the original text and its width-normalised twin (same length, see
 * `normalizeWidth`). Patterns run on `normalized`; offsets apply to both.
 */
export interface ScanInput {
  readonly original: string;
  readonly normalized: string;
}
