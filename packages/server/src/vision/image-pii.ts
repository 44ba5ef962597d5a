import {
  DEFAULT_MIN_SCORE,
  DEFAULT_REDACTION_POLICY,
  detectPii,
  maskValue,
  resolveOverlaps,
  type PiiFinding,
} from '@tessera/core/compliance';
import { detectIdLikeNumbers } from './id-like.ts';
import type { OcrLine } from './vision-types.ts';

/** An axis-aligned box in image pixels. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A PII finding in an image's text: the text finding (code points within its OCR line), the
 * line's index, the value masked by the default policy, the check-character verdict for
 * resident IDs, and the box in image pixels that covers it. `text` is the personal data
 * itself: show `masked` to anyone whose role does not allow the original.
 */
export interface ImageTextFinding extends PiiFinding {
  line: number;
  masked: string;
  checksum?: 'valid' | 'failed';
  box: PixelBox;
}

/** Options of {@link findPiiInLines}. */
export interface LinePiiOptions {
  /** Drop findings below this score (default core's DEFAULT_MIN_SCORE, 0.3). */
  minScore?: number;
  /** Only these entities (default all). */
  entities?: readonly string[];
}

/**
 * Relative advance of a character in a proportional font: CJK and full-width forms are
 * square, Latin letters and digits about half as wide, spaces and marks narrower. OCR gives
 * a box per line, not per character, so a span's place on the line is estimated from these.
 */
function advance(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000
  )
    return 1;
  if (/[@mwMW%]/.test(ch)) return 0.85;
  if (/[\s.,:;'!|ilj]/.test(ch)) return 0.3;
  return 0.56;
}

type Pt = [number, number];

/** The quad as top-left, top-right, bottom-right, bottom-left, whatever order it came in. */
function orderQuad(quad: readonly Pt[]): [Pt, Pt, Pt, Pt] {
  const byX = [...quad].sort((a, b) => a[0] - b[0]);
  const [l1, l2, r1, r2] = byX as [Pt, Pt, Pt, Pt];
  const [tl, bl] = l1[1] <= l2[1] ? [l1, l2] : [l2, l1];
  const [tr, br] = r1[1] <= r2[1] ? [r1, r2] : [r2, r1];
  return [tl, tr, br, bl];
}

const lerp = (a: Pt, b: Pt, t: number): Pt => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

/**
 * The pixel box covering code points [start, end) of an OCR line: the span's share of the
 * line's estimated advance, taken along the line's quadrilateral (so slanted lines work),
 * widened by a third of the line height on each side (the estimate is not exact, and the
 * detector's line box often stops a few pixels short of the last glyph) and by a tenth above
 * and below; clipped to the image when its size is given.
 *
 * @example
 * ```ts
 * spanBox(line, 9, 20); // the phone number's part of '姓名：张三电话：13812345678'
 * ```
 */
export function spanBox(
  line: OcrLine,
  start: number,
  end: number,
  image?: { width: number; height: number },
): PixelBox {
  const chars = Array.from(line.text);
  const widths = chars.map(advance);
  const total = widths.reduce((a, b) => a + b, 0) || 1;
  const before = widths.slice(0, start).reduce((a, b) => a + b, 0);
  const inside = widths.slice(start, end).reduce((a, b) => a + b, 0);
  const [tl, tr, br, bl] = orderQuad(line.quad.length === 4 ? line.quad : quadOf(line.box));
  const a = before / total;
  const b = (before + inside) / total;
  const pts = [lerp(tl, tr, a), lerp(tl, tr, b), lerp(bl, br, b), lerp(bl, br, a)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const pad = line.box.height / 3;
  const vpad = line.box.height / 10;
  const maxX = image?.width ?? Infinity;
  const maxY = image?.height ?? Infinity;
  const x0 = Math.max(0, Math.min(...xs) - pad);
  const x1 = Math.min(maxX, Math.max(...xs) + pad);
  const y0 = Math.max(0, Math.min(...ys) - vpad);
  const y1 = Math.min(maxY, Math.max(...ys) + vpad);
  const r = (v: number) => Math.round(v * 10) / 10;
  return { x: r(x0), y: r(y0), width: r(x1 - x0), height: r(y1 - y0) };
}

function quadOf(b: PixelBox): Pt[] {
  return [
    [b.x, b.y],
    [b.x + b.width, b.y],
    [b.x + b.width, b.y + b.height],
    [b.x, b.y + b.height],
  ];
}

/**
 * The value as the default redaction policy masks it (entities it pseudonymises or redacts
 * are masked whole here: an image carries no project key).
 *
 * @example
 * ```ts
 * maskedForDisplay('CN_MOBILE', '13812345678'); // '138****5678'
 * ```
 */
export function maskedForDisplay(entity: string, text: string): string {
  const op = DEFAULT_REDACTION_POLICY[entity];
  return op?.type === 'mask' ? maskValue(text, op.head ?? 0, op.tail ?? 0) : maskValue(text);
}

/**
 * Runs core's text PII detectors, plus the ID-with-failed-check-character detector, on every
 * OCR line and maps each finding back to a box in image pixels.
 *
 * @example
 * ```ts
 * const found = findPiiInLines(ocr.lines);
 * found.map((f) => f.entity); // ['CN_PERSON', 'CN_MOBILE', 'CN_RESIDENT_ID', 'EMAIL']
 * ```
 */
export function findPiiInLines(
  lines: readonly OcrLine[],
  opts: LinePiiOptions = {},
  image?: { width: number; height: number },
): ImageTextFinding[] {
  const minScore = opts.minScore ?? DEFAULT_MIN_SCORE;
  const wanted = opts.entities ? new Set(opts.entities) : undefined;
  const out: ImageTextFinding[] = [];
  lines.forEach((line, i) => {
    const core = detectPii(line.text, {
      minScore,
      ...(opts.entities ? { entities: opts.entities } : {}),
    });
    const idLike = detectIdLikeNumbers(line.text).filter(
      (f) => f.score >= minScore && (!wanted || wanted.has(f.entity)),
    );
    type Found = PiiFinding & { checksum?: 'valid' | 'failed' };
    const tagged: Found[] = core.map((f) =>
      f.entity === 'CN_RESIDENT_ID' && f.text.length === 18 ? { ...f, checksum: 'valid' } : f,
    );
    for (const f of resolveOverlaps<Found>([...tagged, ...idLike])) {
      out.push({
        ...f,
        line: i,
        masked: maskedForDisplay(f.entity, f.text),
        box: spanBox(line, f.start, f.end, image),
      });
    }
  });
  return out;
}

/**
 * One piece of personal data in an image: a face, a text finding in OCR'd text, or GPS
 * coordinates in its EXIF block (no box: stripped whole on redaction).
 */
export type ImagePiiFinding =
  | ({ source: 'ocr' } & ImageTextFinding)
  | { source: 'face'; entity: 'FACE'; score: number; box: PixelBox }
  | { source: 'exif'; entity: 'EXIF_GPS'; score: 1; tags: string[] };
