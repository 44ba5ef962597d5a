/**
 * The regions and suggestions of one image field as canvas shapes, one component per shape
 * type. Shapes take clicks only with the select tool, so drawing over a shape works.
 *
 * Why the memoisation: with a thousand regions, re-rendering every shape on each pan or zoom
 * step (and re-binding each one's handlers in Konva) cost more than a frame. Panning and
 * zooming no longer render shapes at all (the viewport is the stage's transform, and
 * screen-size marks are rescaled in place, see view-scale.ts); a region change renders only
 * the shapes whose region, colour or selection changed. The selected shape is drawn by a
 * second instance on its own top layer (`part="selected"`), so dragging or resizing it
 * redraws that small layer, not every other shape.
 *
 * @example
 * <CanvasShapes field="image" controls={controls} size={{ w: 960, h: 640 }} interactive part="rest" />
 */
import { memo, useCallback, useRef } from 'react';
import { Group } from 'react-konva';
import { labelColor } from '../../schema/label-colors.ts';
import type { Region, SchemaControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import { updateRegion } from '../state/regions.ts';
import { BboxShape } from './bbox-shape.tsx';
import { KeypointsShape } from './keypoints-shape.tsx';
import { PolygonShape } from './polygon-shape.tsx';

/** Props of CanvasShapes. */
export interface CanvasShapesProps {
  field: string;
  controls: SchemaControl[];
  size: { w: number; h: number };
  interactive: boolean;
  /** The selected shape only (top layer), or every other shape. */
  part: 'selected' | 'rest';
}

interface ShapeItemProps {
  region: Region;
  control: SchemaControl | undefined;
  selected: boolean;
  suggestion: boolean;
  editable: boolean;
  size: { w: number; h: number };
  select: (id: string) => void;
  commit: (id: string, value: Region['value']) => void;
}

/** One region's shape; re-renders only when its own props change. */
const ShapeItem = memo(function ShapeItem(p: ShapeItemProps) {
  const { region: r, control: c, select, commit } = p;
  const onSelect = useCallback(() => select(r.id), [select, r.id]);
  const onCommit = useCallback((value: Region['value']) => commit(r.id, value), [commit, r.id]);
  const colorOf = useCallback((l: string | undefined) => labelColor(c, l), [c]);
  const common = {
    selected: p.selected,
    suggestion: p.suggestion,
    editable: p.editable,
    size: p.size,
    onSelect,
    onCommit,
  };
  if (r.type === 'bbox')
    return <BboxShape region={r} color={labelColor(c, r.value.labels[0])} {...common} />;
  if (r.type === 'polygon')
    return <PolygonShape region={r} color={labelColor(c, r.value.labels[0])} {...common} />;
  if (r.type === 'keypoints')
    return (
      <KeypointsShape
        region={r}
        color={labelColor(c, r.value.points[0]?.label)}
        colorOf={colorOf}
        {...common}
      />
    );
  return null;
});

/** All shapes of a field. */
export const CanvasShapes = memo(function CanvasShapes({
  controls,
  size,
  interactive,
  part,
}: CanvasShapesProps) {
  const { regions, suggestions, state, commands, readOnly } = useEditor();
  // Stable handlers for every shape, reading the latest regions when called.
  const latest = useRef({ regions, commands });
  latest.current = { regions, commands };
  const select = useCallback((id: string) => latest.current.commands.select(id), []);
  const commit = useCallback((id: string, value: Region['value']) => {
    const { regions: now, commands: cmd } = latest.current;
    cmd.apply(updateRegion(now, id, (x) => ({ ...x, value }) as Region));
  }, []);
  const names = new Set(controls.map((c) => c.name));
  const items = [
    ...suggestions.map((s) => ({ r: s.region, suggestion: true })),
    ...regions.map((r) => ({ r, suggestion: false })),
  ].filter(
    (x) => names.has(x.r.control) && (x.r.id === state.selectedId) === (part === 'selected'),
  );
  return (
    <Group listening={interactive}>
      {items.map(({ r, suggestion }) => (
        <ShapeItem
          key={r.id}
          region={r}
          control={controls.find((x) => x.name === r.control)}
          selected={state.selectedId === r.id}
          suggestion={suggestion}
          editable={!readOnly}
          size={size}
          select={select}
          commit={commit}
        />
      ))}
    </Group>
  );
});
