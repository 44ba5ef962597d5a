/**
 * A region's label tag drawn on the canvas (canvas text: label names are never markup), kept
 * the same on-screen size at any zoom by a counter-scale (see view-scale.ts), so zooming
 * never re-measures its text.
 *
 * @example
 * <ShapeLabel x={10} y={20} text="car" color="#2563eb" />
 */
import { Label, Tag, Text } from 'react-konva';
import { SCREEN_SIZE, useScreenScale } from './view-scale.ts';

/** Props of ShapeLabel. */
export interface ShapeLabelProps {
  x: number;
  y: number;
  text: string;
  color: string;
  /** Screen pixels from (x, y) to the tag's top-left corner (default: 20 px above). */
  dx?: number;
  dy?: number;
}

/** A label tag above a shape. */
export function ShapeLabel({ x, y, text, color, dx = 0, dy = -20 }: ShapeLabelProps) {
  const s = useScreenScale();
  if (!text) return null;
  return (
    <Label
      name={SCREEN_SIZE}
      x={x}
      y={y}
      offsetX={-dx}
      offsetY={-dy}
      scaleX={s}
      scaleY={s}
      listening={false}
    >
      <Tag fill={color} cornerRadius={3} />
      <Text
        text={text}
        fontSize={12}
        padding={4}
        fill="#ffffff"
        fontStyle="bold"
        fontFamily="system-ui, sans-serif"
        perfectDrawEnabled={false}
      />
    </Label>
  );
}
