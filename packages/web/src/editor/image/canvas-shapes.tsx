/**
 * The regions and suggestions of one image field as canvas shapes, one component per shape
 * type. Shapes take clicks only with the select tool, so drawing over a shape works.
 *
 * @example
 * <CanvasShapes field="image" controls={controls} scale={1} size={{ w: 960, h: 640 }} interactive />
 */
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
  scale: number;
  size: { w: number; h: number };
  interactive: boolean;
}

/** All shapes of a field. */
export function CanvasShapes({ controls, scale, size, interactive }: CanvasShapesProps) {
  const { regions, suggestions, state, commands, readOnly } = useEditor();
  const names = new Set(controls.map((c) => c.name));
  const items = [
    ...suggestions.map((s) => ({ r: s.region, suggestion: true })),
    ...regions.map((r) => ({ r, suggestion: false })),
  ].filter((x) => names.has(x.r.control));
  // Draw the selected shape last so its handles are on top.
  items.sort((a, b) => Number(a.r.id === state.selectedId) - Number(b.r.id === state.selectedId));

  const render = (r: Region, suggestion: boolean) => {
    const c = controls.find((x) => x.name === r.control);
    const common = {
      selected: state.selectedId === r.id,
      suggestion,
      editable: !readOnly,
      scale,
      size,
      onSelect: () => commands.select(r.id),
    };
    const commit = (value: Region['value']) =>
      commands.apply(updateRegion(regions, r.id, (x) => ({ ...x, value }) as Region));
    if (r.type === 'bbox')
      return (
        <BboxShape
          key={r.id}
          region={r}
          color={labelColor(c, r.value.labels[0])}
          {...common}
          onCommit={commit}
        />
      );
    if (r.type === 'polygon')
      return (
        <PolygonShape
          key={r.id}
          region={r}
          color={labelColor(c, r.value.labels[0])}
          {...common}
          onCommit={commit}
        />
      );
    if (r.type === 'keypoints') {
      return (
        <KeypointsShape
          key={r.id}
          region={r}
          color={labelColor(c, r.value.points[0]?.label)}
          colorOf={(l) => labelColor(c, l)}
          {...common}
          onCommit={commit}
        />
      );
    }
    return null;
  };
  return (
    <Group listening={interactive}>{items.map(({ r, suggestion }) => render(r, suggestion))}</Group>
  );
}
