import type { Region, RegionType } from '../../format/index.ts';

/** What a user calls each region type in a message. */
const NOUN: Record<RegionType, string> = {
  choice: 'choice',
  span: 'span',
  relation: 'relation',
  bbox: 'box',
  polygon: 'polygon',
  keypoints: 'keypoints',
  mask: 'mask',
  segment: 'segment',
  track: 'track',
  link: 'link',
  rating: 'rating',
  ranking: 'ranking',
  pairwise: 'preference',
  text: 'text',
};

const NONE: readonly string[] = [];

/**
 * The labels a region carries: the choices of a choice region, `labels` of the others, none
 * for types without labels.
 *
 * @example
 * regionLabels({ id: 'c1', control: 'sentiment', type: 'choice', value: { choices: ['positive'] } }); // ['positive']
 */
export function regionLabels(r: Region): readonly string[] {
  switch (r.type) {
    case 'choice':
      return r.value.choices;
    case 'relation':
      return r.value.labels ?? NONE;
    case 'span':
    case 'bbox':
    case 'polygon':
    case 'keypoints':
    case 'mask':
    case 'segment':
    case 'track':
      return r.value.labels;
    default:
      return NONE;
  }
}

/** `"a"` or `"a", "b"` (at most three, then a count). */
function quoted(items: readonly string[]): string {
  const shown = items.slice(0, 3).map((s) => JSON.stringify(s));
  return items.length > 3 ? `${shown.join(', ')} and ${items.length - 3} more` : shown.join(', ');
}

/**
 * Names a region for a message: `box "b1" (control "objects", label "dog")`.
 *
 * @example
 * describeRegion(box); // 'box "b1" (control "objects", label "dog")'
 */
export function describeRegion(r: Region): string {
  const labels = regionLabels(r);
  const what =
    labels.length === 0 ? '' : `, label${labels.length > 1 ? 's' : ''} ${quoted(labels)}`;
  return `${NOUN[r.type]} "${r.id}" (control "${r.control}"${what})`;
}

/**
 * The same, capitalised, to start a sentence.
 *
 * @example
 * describeRegionStart(box); // 'Box "b1" (control "objects", label "dog")'
 */
export function describeRegionStart(r: Region): string {
  const d = describeRegion(r);
  return d.charAt(0).toUpperCase() + d.slice(1);
}

/**
 * A number for a message: whole numbers as they are, others with at most two decimals.
 *
 * @example
 * num(3); // '3'
 * num(2.3456); // '2.35'
 */
export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
