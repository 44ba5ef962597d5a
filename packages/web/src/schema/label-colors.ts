/**
 * Colours for labels: the schema's own colour when set, else a stable pick from a palette
 * chosen to stay distinguishable on white and on photos.
 *
 * @example
 * labelColor(control, 'PER') // '#2563eb' (or the schema's colour)
 */
import type { SchemaControl } from './types.ts';

/** The fallback palette. */
export const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#d97706',
  '#9333ea',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#4f46e5',
  '#ea580c',
] as const;

/** The colour of a label of a control. */
export function labelColor(control: SchemaControl | undefined, value: string | undefined): string {
  const labels = control?.labels ?? [];
  const i = labels.findIndex((l) => l.value === value);
  const own = i >= 0 ? labels[i]?.color : undefined;
  if (own) return own;
  if (i >= 0) return PALETTE[i % PALETTE.length]!;
  let h = 0;
  for (const ch of value ?? '') h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

/** `#rrggbb` with an alpha, for fills. */
export function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255)
    .toString(16)
    .padStart(2, '0');
  return /^#[0-9a-f]{6}$/i.test(hex) ? `${hex}${a}` : hex;
}
