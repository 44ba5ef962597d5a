import { z } from 'zod';

/**
 * Size limits of the format. Every string and array is bounded so that one bad line of an
 * import cannot exhaust memory further down (QC, export, the editor).
 *
 * @example
 * LIMITS.text; // 100_000 characters for free text and span text
 */
export const LIMITS = {
  name: 64,
  regionId: 64,
  label: 200,
  text: 100_000,
  description: 2_000,
  guidelines: 200_000,
  shortString: 200,
  labelsPerControl: 10_000,
  labelsPerRegion: 1_000,
  regionsPerAnnotation: 100_000,
  points: 100_000,
  keyframes: 100_000,
  rleCounts: 10_000_000,
  imageSide: 100_000,
  listItems: 1_000,
  attributes: 100,
  fields: 100,
  controls: 200,
} as const;

/**
 * Letters of any script from the Basic Multilingual Plane (Latin, Greek, Cyrillic, CJK, kana,
 * Hangul, ...) written as plain ranges, so the generated JSON Schema pattern also compiles in
 * validators without Unicode property escapes (Python's `re`).
 */
const NAME_LETTERS = 'A-Za-z_\\u00C0-\\u1FFF\\u3040-\\uD7FF\\uF900-\\uFAFF';
const NAME_PATTERN = new RegExp(`^[${NAME_LETTERS}][${NAME_LETTERS}0-9\\-]{0,63}$`);

/**
 * A field, control or attribute name: starts with a letter or `_`, then letters, digits, `_`
 * or `-`, at most 64 characters. Chinese names are allowed (`文本`).
 *
 * @example
 * Name.parse('entities'); // 'entities'
 */
export const Name = z.string().regex(NAME_PATTERN, {
  error:
    'names start with a letter or "_" and use letters, digits, "_" or "-" (at most 64 characters)',
});

/**
 * An id of a task, annotation or prediction: a non-empty string or a non-negative integer.
 *
 * @example
 * ExternalId.parse(42); // 42
 */
export const ExternalId = z.union([
  z.string().min(1).max(LIMITS.shortString),
  z.number().int().nonnegative(),
]);

/**
 * A region id: 1 to 64 characters, unique within its annotation.
 *
 * @example
 * RegionId.parse('r1'); // 'r1'
 */
export const RegionId = z.string().min(1).max(LIMITS.regionId);

/**
 * A label value: 1 to 200 characters, no leading or trailing white space (`' PER'` and
 * `'PER'` would otherwise be two labels that look the same).
 *
 * @example
 * LabelValue.parse('traffic light');
 */
export const LabelValue = z
  .string()
  .min(1, { error: 'a label cannot be empty', abort: true })
  .max(LIMITS.label)
  .regex(/^\S(?:[\s\S]*\S)?$/, { error: 'labels have no leading or trailing white space' });

/**
 * A list of labels on a region: label values, at most 1,000.
 *
 * @example
 * Labels.parse(['PER']);
 */
export const Labels = z.array(LabelValue).max(LIMITS.labelsPerRegion);

/**
 * A model or region confidence from 0 to 1.
 *
 * @example
 * Score.parse(0.87);
 */
export const Score = z.number().min(0).max(1);

/**
 * An ISO 8601 date-time with a time zone (`Z` or `+08:00`).
 *
 * @example
 * IsoDateTime.parse('2025-01-31T08:00:00+08:00');
 */
export const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time with a time zone, e.g. 2025-01-31T08:00:00Z',
});

/**
 * A lower-case hex SHA-256 digest (64 characters), as `sha256sum` prints it.
 *
 * @example
 * Sha256.parse('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
 */
export const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'expected 64 lower-case hex digits (a SHA-256 digest)' });

/**
 * A colour as `#rrggbb`.
 *
 * @example
 * HexColor.parse('#1f77b4');
 */
export const HexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'expected a colour as #rrggbb' });

/**
 * Free text of a text region, span text or text attribute: at most 100,000 characters.
 *
 * @example
 * LongText.parse('a summary');
 */
export const LongText = z.string().max(LIMITS.text);
