/**
 * A region's label tag drawn on the canvas (canvas text: label names are never markup), kept
 * the same on-screen size at any zoom.
 *
 * @example
 * <ShapeLabel x={10} y={20} text="car" color="#2563eb" scale={vp.scale} />
 */
import { Label, Tag, Text } from 'react-konva';

/** Props of ShapeLabel. */
export interface ShapeLabelProps {
  x: number;
  y: number;
  text: string;
  color: string;
  scale: number;
}

/** A label tag above a shape. */
export function ShapeLabel({ x, y, text, color, scale }: ShapeLabelProps) {
  if (!text) return null;
  const s = 1 / scale;
  return (
    <Label x={x} y={y - 20 * s} listening={false}>
      <Tag fill={color} cornerRadius={3 * s} />
      <Text
        text={text}
        fontSize={12 * s}
        padding={4 * s}
        fill="#ffffff"
        fontStyle="bold"
        fontFamily="system-ui, sans-serif"
      />
    </Label>
  );
}
