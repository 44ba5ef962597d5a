/**
 * A box on the canvas: drag to move, handles to resize (Konva transformer). The region
 * changes once, when the drag or resize ends, so each is one undo step.
 *
 * @example
 * <BboxShape region={r} color="#2563eb" selected editable size={size} onSelect={...} onCommit={...} />
 */
import { useEffect, useRef } from 'react';
import { Rect, Transformer } from 'react-konva';
import type Konva from 'konva';
import { withAlpha } from '../../schema/label-colors.ts';
import type { RegionOf } from '../../schema/types.ts';
import { moveRect, type Rect as RectValue } from './geometry.ts';
import { ShapeLabel } from './shape-label.tsx';

/** Props shared by the canvas shapes. */
export interface ShapeProps<K extends 'bbox' | 'polygon' | 'keypoints'> {
  region: RegionOf<K>;
  color: string;
  selected: boolean;
  suggestion: boolean;
  editable: boolean;
  size: { w: number; h: number };
  onSelect: () => void;
  onCommit: (value: RegionOf<K>['value']) => void;
}

/** A bounding box. */
export function BboxShape({
  region,
  color,
  selected,
  suggestion,
  editable,
  size,
  onSelect,
  onCommit,
}: ShapeProps<'bbox'>) {
  const rect = useRef<Konva.Rect>(null);
  const tr = useRef<Konva.Transformer>(null);
  const v = region.value;
  const canEdit = editable && selected && !suggestion;
  useEffect(() => {
    if (canEdit && tr.current && rect.current) {
      tr.current.nodes([rect.current]);
      tr.current.getLayer()?.batchDraw();
    }
  }, [canEdit, v.x, v.y, v.width, v.height]);

  const commit = (r: RectValue) => onCommit({ ...v, ...moveRect(r, 0, 0, size.w, size.h) });
  return (
    <>
      <Rect
        ref={rect}
        x={v.x}
        y={v.y}
        width={v.width}
        height={v.height}
        stroke={color}
        strokeWidth={selected ? 2.5 : 1.5}
        strokeScaleEnabled={false}
        fill={withAlpha(color, selected ? 0.22 : suggestion ? 0.04 : 0.1)}
        dash={suggestion ? [6, 4] : undefined}
        draggable={canEdit}
        onMouseDown={(e) => {
          e.cancelBubble = true;
          onSelect();
        }}
        onDragEnd={(e) =>
          commit({ x: e.target.x(), y: e.target.y(), width: v.width, height: v.height })
        }
        onTransformEnd={() => {
          const n = rect.current;
          if (!n) return;
          const next = {
            x: n.x(),
            y: n.y(),
            width: Math.max(1, n.width() * n.scaleX()),
            height: Math.max(1, n.height() * n.scaleY()),
          };
          n.scaleX(1);
          n.scaleY(1);
          commit({
            x: next.x,
            y: next.y,
            width: Math.min(next.width, size.w),
            height: Math.min(next.height, size.h),
          });
        }}
      />
      <ShapeLabel x={v.x} y={v.y} text={v.labels.join(', ')} color={color} />
      {canEdit && (
        <Transformer
          ref={tr}
          rotateEnabled={false}
          keepRatio={false}
          ignoreStroke
          borderStroke={color}
          anchorStroke={color}
          anchorSize={8}
        />
      )}
    </>
  );
}
