/**
 * Number formatting shared by the dashboard: percentages, agreement coefficients and
 * intervals, the same in every UI language (digits and % read the same in zh-CN and en).
 *
 * @example
 * formatPercent(0.9123); // '91.2%'
 * formatInterval(0.8, 0.95); // '80.0–95.0%'
 * formatAlpha(0.71234); // '0.712'
 */

/** A share in [0, 1] as a percentage. */
export function formatPercent(v: number, digits = 1): string {
  return `${(v * 100).toFixed(digits)}%`;
}

/** A Wilson interval as a percentage range. */
export function formatInterval(lower: number, upper: number, digits = 1): string {
  return `${(lower * 100).toFixed(digits)}–${(upper * 100).toFixed(digits)}%`;
}

/** An agreement coefficient (alpha, kappa) with three decimals; minus sign kept. */
export function formatAlpha(v: number): string {
  return v.toFixed(3).replace('-', '−');
}

/** Reliability band of Krippendorff's alpha (Krippendorff 2004: ≥ .800 reliable, ≥ .667 tentative). */
export type AlphaBand = 'good' | 'tentative' | 'low';

/** The band an alpha value falls in. */
export function alphaBand(v: number): AlphaBand {
  return v >= 0.8 ? 'good' : v >= 0.667 ? 'tentative' : 'low';
}

/** A short date-time for tables, in the UI language. */
export function formatDateTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
