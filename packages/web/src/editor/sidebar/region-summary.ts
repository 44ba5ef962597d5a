/**
 * A short plain-text description of a region for lists ("北京", "120 × 80", "PER → ORG").
 *
 * @example
 * regionSummary(span, regions, task.data, schema) // '“北京”'
 */
import type { LabelingSchema, Region } from '../../schema/types.ts';
import { regionLabels } from '../state/regions.ts';
import { sliceCodePoints } from '../text/code-points.ts';

function short(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Description of a region. */
export function regionSummary(
  r: Region,
  all: readonly Region[],
  data: Record<string, unknown>,
  schema: LabelingSchema,
  depth = 0,
): string {
  switch (r.type) {
    case 'span': {
      const c = schema.controls.find((x) => x.name === r.control);
      const source = c && c.type !== 'link' ? data[c.field] : undefined;
      const text =
        r.value.text ??
        (typeof source === 'string'
          ? sliceCodePoints(source, r.value.start, r.value.end)
          : `${r.value.start}–${r.value.end}`);
      return `“${short(text)}”`;
    }
    case 'bbox':
      return `${Math.round(r.value.width)} × ${Math.round(r.value.height)}`;
    case 'polygon':
      return `${r.value.points.length} pts`;
    case 'keypoints':
      return r.value.points.map((p) => p.label ?? '•').join(' · ');
    case 'relation': {
      const end = (id: string) => {
        const x = all.find((y) => y.id === id);
        return x && depth < 1 ? regionSummary(x, all, data, schema, depth + 1) : '?';
      };
      return `${end(r.value.from)} → ${end(r.value.to)}`;
    }
    case 'choice':
      return r.value.choices.join(', ');
    case 'rating':
      return `★ ${r.value.rating}`;
    case 'pairwise':
      return r.value.choice.toUpperCase();
    case 'ranking':
      return r.value.order.join(' > ');
    case 'text':
      return short(r.value.text.join(' '));
    default:
      return regionLabels(r).join(', ');
  }
}
