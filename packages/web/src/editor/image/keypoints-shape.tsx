/**
 * A set of keypoints: dots in the label colour of each point, named when selected; dragging a
 * point commits once at the end.
 *
 * @example
 * <KeypointsShape region={r} color="#e11d48" colorOf={(l) => ...} selected editable size={size} ... />
 */
import { Circle, Group, Line } from 'react-konva';
import { clampPoint } from './geometry.ts';
import { ShapeLabel } from './shape-label.tsx';
import type { ShapeProps } from './bbox-shape.tsx';
import { SCREEN_SIZE, useScreenScale } from './view-scale.ts';
import { imagePoint } from './viewport.ts';

/** A keypoints region. */
export function KeypointsShape({
  region,
  color,
  colorOf,
  selected,
  suggestion,
  editable,
  size,
  onSelect,
  onCommit,
}: ShapeProps<'keypoints'> & { colorOf: (label: string | undefined) => string }) {
  const v = region.value;
  const canEdit = editable && selected && !suggestion;
  const s = useScreenScale();
  return (
    <Group>
      {selected && v.points.length > 1 && (
        <Line
          points={v.points.flatMap((p) => [p.x, p.y])}
          stroke={color}
          strokeWidth={1}
          dash={[4, 4]}
          strokeScaleEnabled={false}
          listening={false}
        />
      )}
      {v.points.map((p, i) => (
        <Group key={i}>
          <Circle
            x={p.x}
            y={p.y}
            name={SCREEN_SIZE}
            radius={selected ? 6 : 5}
            scaleX={s}
            scaleY={s}
            fill={colorOf(p.label)}
            opacity={suggestion ? 0.5 : 1}
            stroke="#ffffff"
            strokeWidth={selected ? 2 : 1.5}
            strokeScaleEnabled={false}
            draggable={canEdit}
            onMouseDown={(e) => {
              e.cancelBubble = true;
              onSelect();
            }}
            onDragEnd={(e) => {
              const q = clampPoint(imagePoint(e.target.x(), e.target.y()), size.w, size.h);
              onCommit({
                ...v,
                points: v.points.map((x, j) => (j === i ? { ...x, x: q.x, y: q.y } : x)),
              });
            }}
          />
          {selected && p.label && (
            <ShapeLabel x={p.x} y={p.y} dx={8} dy={8} text={p.label} color={colorOf(p.label)} />
          )}
        </Group>
      ))}
    </Group>
  );
}
