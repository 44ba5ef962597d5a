/**
 * A small inline interval bar: a 0–100 % track, the interval as a band and the value as a
 * tick. Used beside a rate in a table cell, so a reader sees at once how sure the number is.
 *
 * @example
 * <IntervalBar value={0.9} lower={0.79} upper={0.96} title="45 of 50 (79–96%)" />
 */

/** Props of IntervalBar. */
export interface IntervalBarProps {
  value: number;
  lower: number;
  upper: number;
  title: string;
  width?: number;
}

const H = 12;

/** Interval bar. */
export function IntervalBar({ value, lower, upper, title, width = 96 }: IntervalBarProps) {
  const x = (v: number) => 1 + Math.min(1, Math.max(0, v)) * (width - 2);
  return (
    <svg className="interval-bar" width={width} height={H} role="img" aria-label={title}>
      <title>{title}</title>
      <rect className="interval-track" x={0} y={3} width={width} height={H - 6} rx={3} />
      <rect
        className="interval-band"
        x={x(lower)}
        y={2}
        width={Math.max(2, x(upper) - x(lower))}
        height={H - 4}
        rx={2}
      />
      <line className="interval-value" x1={x(value)} x2={x(value)} y1={0} y2={H} />
    </svg>
  );
}
