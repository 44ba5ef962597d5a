/**
 * Small scale helpers for the SVG charts: a linear map from data to pixels, round tick
 * values, and the colour ramps the heat map and confusion grid share.
 *
 * @example
 * const y = linearScale([0, 1], [200, 0]);
 * y(0.5); // 100
 * niceTicks(0, 1, 5); // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */

/** Maps a domain linearly onto a range (a zero-width domain maps to the range's middle). */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (v: number) => number {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || count < 1) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  const first = Math.ceil(min / step - 1e-9) * step;
  for (let v = first; v <= max + step * 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

type Rgb = readonly [number, number, number];

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function ramp(stops: readonly Rgb[], t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  return hex(mix(stops[i]!, stops[i + 1]!, x - i));
}

const ERROR_STOPS: readonly Rgb[] = [
  [248, 250, 252],
  [254, 240, 199],
  [251, 146, 60],
  [185, 28, 28],
];
const AGREE_STOPS: readonly Rgb[] = [
  [248, 250, 252],
  [199, 210, 254],
  [79, 70, 229],
];

/**
 * Heat-map colour of an error rate in [0, 1]: near white for none, amber, then deep red.
 * The square root spreads the small rates real projects have over more of the ramp.
 *
 * @example
 * errorColor(0); // '#f8fafc'
 */
export function errorColor(rate: number): string {
  return ramp(ERROR_STOPS, Math.sqrt(Math.max(0, rate)));
}

/**
 * Colour of a share of agreement in [0, 1] (confusion diagonal): white to indigo.
 *
 * @example
 * agreeColor(1); // '#4f46e5'
 */
export function agreeColor(share: number): string {
  return ramp(AGREE_STOPS, share);
}

/**
 * Black or white text, whichever reads better on a `#rrggbb` background (WCAG luminance).
 *
 * @example
 * textOn('#b91c1c'); // '#ffffff'
 */
export function textOn(bg: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(bg);
  if (!m) return '#18202c';
  const lin = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(m[1]!) + 0.7152 * lin(m[2]!) + 0.0722 * lin(m[3]!);
  return l > 0.4 ? '#18202c' : '#ffffff';
}
