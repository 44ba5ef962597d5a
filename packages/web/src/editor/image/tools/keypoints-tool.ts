/**
 * The keypoint tool: each click adds a point, named by the control's active label, to the
 * selected keypoints region (or starts one). The active label then moves to the next label,
 * so a pose is clicked through in order: head, left hand, right hand, ...
 *
 * @example
 * const { regions, id } = addKeypoint([], { control: 'pose', target: null, x: 5, y: 9, label: 'head' });
 */
import type { Region, RegionOf } from '../../../schema/types.ts';
import { newRegionId } from '../../state/regions.ts';

/** Where and what to add. */
export interface KeypointInput {
  control: string;
  /** The keypoints region to extend; null starts a new one. */
  target: string | null;
  x: number;
  y: number;
  label?: string;
}

/** Adds one keypoint; returns the new regions and the id of the region that got it. */
export function addKeypoint(
  regions: readonly Region[],
  k: KeypointInput,
): { regions: Region[]; id: string } {
  const point = {
    x: Math.round(k.x * 100) / 100,
    y: Math.round(k.y * 100) / 100,
    ...(k.label ? { label: k.label } : {}),
  };
  const target = regions.find(
    (r): r is RegionOf<'keypoints'> =>
      r.id === k.target && r.type === 'keypoints' && r.control === k.control,
  );
  if (target) {
    const updated: Region = {
      ...target,
      value: { ...target.value, points: [...target.value.points, point] },
    };
    return { regions: regions.map((r) => (r === target ? updated : r)), id: target.id };
  }
  const id = newRegionId();
  return {
    regions: [
      ...regions,
      { id, control: k.control, type: 'keypoints', value: { points: [point], labels: [] } },
    ],
    id,
  };
}

/** The label after `current` in `labels` (wrapping), for clicking a pose through in order. */
export function nextLabel(
  labels: readonly string[],
  current: string | undefined,
): string | undefined {
  if (labels.length === 0) return undefined;
  const i = current === undefined ? -1 : labels.indexOf(current);
  return labels[(i + 1) % labels.length];
}
