/**
 * A polygon on the canvas: drag the body to move it, drag a vertex to reshape it. Each drag
 * commits once at its end (one undo step).
 *
 * @example
 * <PolygonShape region={r} color="#64748b" selected editable size={size} onSelect={...} onCommit={...} />
 */
import { Circle, Line } from 'react-konva';
import { withAlpha } from '../../schema/label-colors.ts';
import { clampPoint, movePoints } from './geometry.ts';
import { ShapeLabel } from './shape-label.tsx';
import type { ShapeProps } from './bbox-shape.tsx';
import { SCREEN_SIZE, useScreenScale } from './view-scale.ts';
import { imagePoint } from './viewport.ts';

/** A polygon. */
export function PolygonShape({
  region,
  color,
  selected,
  suggestion,
  editable,
  size,
  onSelect,
  onCommit,
}: ShapeProps<'polygon'>) {
  const v = region.value;
  const canEdit = editable && selected && !suggestion;
  const s = useScreenScale();
  const top = v.points.reduce((best, p) => (p[1] < best[1] ? p : best), v.points[0] ?? [0, 0]);
  return (
    <>
      <Line
        points={v.points.flat()}
        closed
        stroke={color}
        strokeWidth={selected ? 2.5 : 1.5}
        strokeScaleEnabled={false}
        fill={withAlpha(color, selected ? 0.25 : suggestion ? 0.05 : 0.14)}
        dash={suggestion ? [6, 4] : undefined}
        draggable={canEdit}
        onMouseDown={(e) => {
          e.cancelBubble = true;
          onSelect();
        }}
        onDragEnd={(e) => {
          const dx = e.target.x();
          const dy = e.target.y();
          e.target.position({ x: 0, y: 0 });
          onCommit({ ...v, points: movePoints(v.points, dx, dy, size.w, size.h) });
        }}
      />
      {canEdit &&
        v.points.map(([x, y], i) => (
          <Circle
            key={i}
            x={x}
            y={y}
            name={SCREEN_SIZE}
            radius={5}
            scaleX={s}
            scaleY={s}
            fill="#ffffff"
            stroke={color}
            strokeWidth={2}
            strokeScaleEnabled={false}
            draggable
            onMouseDown={(e) => {
              e.cancelBubble = true;
            }}
            onDragEnd={(e) => {
              const p = clampPoint(imagePoint(e.target.x(), e.target.y()), size.w, size.h);
              onCommit({ ...v, points: v.points.map((q, j) => (j === i ? [p.x, p.y] : q)) });
            }}
          />
        ))}
      <ShapeLabel x={top[0]} y={top[1]} text={v.labels.join(', ')} color={color} />
    </>
  );
}
