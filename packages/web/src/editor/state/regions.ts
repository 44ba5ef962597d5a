/**
 * Pure operations on an annotation's regions. Each returns a new array (history keeps the
 * old one); none mutates its input.
 *
 * @example
 * let r = toggleChoice([], control, 'positive');
 * r = removeRegion(r, r[0]!.id);
 */
import type {
  Region,
  RegionOf,
  RegionType,
  RegionValueMap,
  SchemaControl,
} from '../../schema/types.ts';

/** Region types whose value carries `labels`. */
export type LabeledType = 'span' | 'relation' | 'bbox' | 'polygon' | 'keypoints';

const LABELED: ReadonlySet<RegionType> = new Set<RegionType>([
  'span',
  'relation',
  'bbox',
  'polygon',
  'keypoints',
]);

/** A fresh region id (random, URL-safe). */
export function newRegionId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/** Labels of a region ([] for unlabeled types). */
export function regionLabels(r: Region): string[] {
  if (!LABELED.has(r.type)) return r.type === 'choice' ? r.value.choices : [];
  return (r.value as { labels?: string[] }).labels ?? [];
}

/** Adds a region. */
export function addRegion(regions: readonly Region[], region: Region): Region[] {
  return [...regions, region];
}

/** Replaces the region `id` with `fn(region)`. */
export function updateRegion(
  regions: readonly Region[],
  id: string,
  fn: (r: Region) => Region,
): Region[] {
  return regions.map((r) => (r.id === id ? fn(r) : r));
}

/** Removes region `id` and every relation that points at it. */
export function removeRegion(regions: readonly Region[], id: string): Region[] {
  return regions.filter(
    (r) => r.id !== id && !(r.type === 'relation' && (r.value.from === id || r.value.to === id)),
  );
}

/**
 * Toggles `label` on a labeled region; with `multiple` false the label replaces the others.
 *
 * @example
 * toggleLabel(span, 'PER', false) // value.labels: ['PER']
 */
export function toggleLabel(r: Region, label: string, multiple: boolean): Region {
  if (!LABELED.has(r.type)) return r;
  const current = regionLabels(r);
  const has = current.includes(label);
  const labels = multiple
    ? has
      ? current.filter((l) => l !== label)
      : [...current, label]
    : [label];
  return { ...r, value: { ...r.value, labels } } as Region;
}

/** The one region a single-valued control (choices, rating, ...) keeps, if any. */
export function regionOfControl<K extends RegionType>(
  regions: readonly Region[],
  control: string,
  type: K,
): RegionOf<K> | undefined {
  return regions.find((r): r is RegionOf<K> => r.control === control && r.type === type);
}

/**
 * Sets the value of a control that has one region per annotation (rating, pairwise, ranking,
 * text, choice); `null` removes it.
 */
export function setControlValue<K extends 'choice' | 'rating' | 'pairwise' | 'ranking' | 'text'>(
  regions: readonly Region[],
  control: string,
  type: K,
  value: RegionValueMap[K] | null,
): Region[] {
  const existing = regionOfControl(regions, control, type);
  if (value === null) return existing ? regions.filter((r) => r !== existing) : [...regions];
  if (existing) return regions.map((r) => (r === existing ? ({ ...r, value } as Region) : r));
  return [...regions, { id: newRegionId(), control, type, value } as Region];
}

/**
 * Toggles a choice: a single-choice control switches to `value` (or clears it when pressed
 * again), a multiple-choice control adds or removes it.
 *
 * @example
 * toggleChoice([], { name: 'sentiment', type: 'choices', field: 'text' }, 'positive')
 */
export function toggleChoice(
  regions: readonly Region[],
  control: SchemaControl,
  value: string,
): Region[] {
  const current = regionOfControl(regions, control.name, 'choice')?.value.choices ?? [];
  const has = current.includes(value);
  const next = control.multiple
    ? has
      ? current.filter((c) => c !== value)
      : [...current, value]
    : has
      ? []
      : [value];
  return setControlValue(regions, control.name, 'choice', next.length ? { choices: next } : null);
}

/** Moves item `key` of a ranking by `delta` places (clamped). */
export function moveInRanking(order: readonly string[], key: string, delta: number): string[] {
  const i = order.indexOf(key);
  if (i < 0) return [...order];
  const j = Math.max(0, Math.min(order.length - 1, i + delta));
  const next = order.filter((k) => k !== key);
  next.splice(j, 0, key);
  return next;
}
