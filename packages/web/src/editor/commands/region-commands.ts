/**
 * Commands on regions: select, delete, cycle the selection, relations, attributes, values of
 * single-valued controls, and nudging shapes with the arrow keys.
 *
 * @example
 * const c = regionCommands(ctx);
 * c.selectNext(1);
 */
import type { Region } from '../../schema/types.ts';
import { moveRect, movePoints } from '../image/geometry.ts';
import {
  addRegion,
  newRegionId,
  removeRegion,
  setControlValue,
  toggleChoice,
  updateRegion,
} from '../state/regions.ts';
import type { CommandContext } from './command-context.ts';

type AttributeValue = string | number | boolean | string[] | undefined;

/** A shape moved by (dx, dy) image pixels, kept inside the image. */
export function nudged(r: Region, dx: number, dy: number, size: { w: number; h: number }): Region {
  if (r.type === 'bbox')
    return { ...r, value: { ...r.value, ...moveRect(r.value, dx, dy, size.w, size.h) } };
  if (r.type === 'polygon')
    return {
      ...r,
      value: { ...r.value, points: movePoints(r.value.points, dx, dy, size.w, size.h) },
    };
  if (r.type === 'keypoints') {
    const pts = movePoints(
      r.value.points.map((p) => [p.x, p.y] as [number, number]),
      dx,
      dy,
      size.w,
      size.h,
    );
    return {
      ...r,
      value: {
        ...r.value,
        points: r.value.points.map((p, i) => ({ ...p, x: pts[i]![0], y: pts[i]![1] })),
      },
    };
  }
  return r;
}

function withAttribute(r: Region, name: string, value: AttributeValue): Region {
  const { attributes: old, ...rest } = r;
  const attributes = { ...(old ?? {}) };
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    delete attributes[name];
  else attributes[name] = value;
  return (Object.keys(attributes).length ? { ...rest, attributes } : rest) as Region;
}

/** Region commands. */
export function regionCommands({ cur, regions, selected, apply }: CommandContext) {
  return {
    select: (id: string | null) => cur().dispatch({ type: 'select', id }),
    deleteSelected(): boolean {
      const s = selected();
      if (s) {
        apply(removeRegion(regions(), s.id), null);
        return true;
      }
      const sug = cur().suggestions.find((x) => x.region.id === cur().state.selectedId);
      if (sug) cur().dispatch({ type: 'reject-suggestions', ids: [sug.region.id] });
      return sug !== undefined;
    },
    selectNext(dir: 1 | -1) {
      const ids = [...regions().map((r) => r.id), ...cur().suggestions.map((s) => s.region.id)];
      if (ids.length === 0) return;
      const i = ids.indexOf(cur().state.selectedId ?? '');
      // While picking a relation target this moves the candidate; Enter confirms it.
      cur().dispatch({ type: 'select', id: ids[(i + dir + ids.length) % ids.length] ?? null });
    },
    toggleChoice(controlName: string, value: string) {
      const c = cur().schema.controls.find((x) => x.name === controlName);
      if (c) apply(toggleChoice(regions(), c, value));
    },
    setValue<K extends 'rating' | 'pairwise' | 'ranking' | 'text'>(
      control: string,
      type: K,
      value: Parameters<typeof setControlValue<K>>[3],
    ) {
      apply(setControlValue(regions(), control, type, value));
    },
    setAttribute(id: string, name: string, value: AttributeValue) {
      apply(updateRegion(regions(), id, (r) => withAttribute(r, name, value)));
    },
    startRelation(): boolean {
      const s = selected();
      if (
        !s ||
        s.type === 'relation' ||
        !cur().schema.controls.some((c) => c.type === 'relations')
      ) {
        cur().notify('editor.errors.select_span');
        return true;
      }
      cur().dispatch({ type: 'relation-mode', from: s.id });
      return true;
    },
    completeRelation(toId: string) {
      const from = cur().state.relationFrom;
      const relControl = cur().schema.controls.find((c) => c.type === 'relations');
      cur().dispatch({ type: 'relation-mode', from: null });
      if (!from || !relControl || from === toId) return;
      const id = newRegionId();
      const label = relControl.labels?.[0]?.value;
      apply(
        addRegion(regions(), {
          id,
          control: relControl.name,
          type: 'relation',
          value: { from, to: toId, ...(label ? { labels: [label] } : {}) },
        }),
        id,
      );
    },
    nudge(dx: number, dy: number): boolean {
      const s = selected();
      const c = s && cur().schema.controls.find((x) => x.name === s.control);
      const size = c && c.type !== 'link' ? cur().imageSize(c.field) : undefined;
      if (!s || !size) return false;
      apply(updateRegion(regions(), s.id, (r) => nudged(r, dx, dy, size)));
      return true;
    },
  };
}
