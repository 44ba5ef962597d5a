/**
 * A line chart in plain SVG: one series over evenly spaced categories (days), gaps where a
 * value is undefined (drawn as hollow markers on the axis, with the reason as a tooltip),
 * optional dashed reference lines, and every label as SVG text.
 *
 * @example
 * <LineChart
 *   points={[{ x: '2026-11-01', y: 0.62 }, { x: '2026-11-02', y: undefined, note: 'no overlap' }]}
 *   yDomain={[0, 1]}
 *   yFormat={(v) => v.toFixed(1)}
 *   ariaLabel="Agreement over time"
 * />
 */
import { linearScale, niceTicks } from './scale.ts';
import { fitText, textWidth } from './text-width.ts';
import { useWidth } from './use-width.ts';

/** One point of the series. */
export interface LinePoint {
  /** Category label (drawn under the axis, thinned to fit). */
  x: string;
  y: number | undefined;
  /** Tooltip text (the value and its context, or why it is undefined). */
  note?: string;
}

/** Props of LineChart. */
export interface LineChartProps {
  points: readonly LinePoint[];
  yDomain: readonly [number, number];
  yFormat: (v: number) => string;
  ariaLabel: string;
  height?: number;
  refLines?: readonly { y: number; label: string }[];
  testId?: string;
}

const FONT = 11;
const PAD = { top: 12, right: 16, bottom: 28 };

/** Splits the defined points into runs (a gap breaks the line). */
function runs(xs: readonly number[], ys: readonly (number | undefined)[]) {
  const out: { x: number; y: number }[][] = [];
  let cur: { x: number; y: number }[] = [];
  ys.forEach((y, i) => {
    if (y === undefined) {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push({ x: xs[i]!, y });
  });
  if (cur.length) out.push(cur);
  return out;
}

/** Line chart. */
export function LineChart(p: LineChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const height = p.height ?? 220;
  const ticks = niceTicks(p.yDomain[0], p.yDomain[1], 4);
  const left = 8 + Math.max(...ticks.map((t) => textWidth(p.yFormat(t), FONT)), 20);
  const right = width - PAD.right;
  const n = p.points.length;
  const xAt = (i: number) => (n <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1));
  const y = linearScale(p.yDomain, [height - PAD.bottom, PAD.top]);
  const xs = p.points.map((_, i) => xAt(i));
  const ys = p.points.map((pt) => (pt.y === undefined ? undefined : y(pt.y)));
  const labelW = Math.max(...p.points.map((pt) => textWidth(pt.x, FONT)), 1) + 12;
  const every = Math.max(1, Math.ceil((n * labelW) / Math.max(1, right - left)));
  return (
    <div ref={ref} className="chart" data-testid={p.testId}>
      <svg width={width} height={height} role="img" aria-label={p.ariaLabel}>
        {ticks.map((t) => (
          <g key={t}>
            <line className="chart-grid" x1={left} x2={right} y1={y(t)} y2={y(t)} />
            <text className="chart-tick" x={left - 6} y={y(t)} textAnchor="end" dy="0.32em">
              {p.yFormat(t)}
            </text>
          </g>
        ))}
        {(p.refLines ?? []).map((r) => (
          <g key={r.label}>
            <line className="chart-ref" x1={left} x2={right} y1={y(r.y)} y2={y(r.y)} />
            <text className="chart-ref-label" x={right} y={y(r.y) - 4} textAnchor="end">
              {r.label}
            </text>
          </g>
        ))}
        {runs(xs, ys).map((run, i) => (
          <polyline
            key={i}
            className="chart-line"
            points={run.map((q) => `${q.x},${q.y}`).join(' ')}
          />
        ))}
        {p.points.map((pt, i) => (
          <g key={`${pt.x}-${i}`}>
            {ys[i] === undefined ? (
              <circle className="chart-dot-missing" cx={xs[i]} cy={height - PAD.bottom} r={4}>
                <title>{pt.note ?? pt.x}</title>
              </circle>
            ) : (
              <circle className="chart-dot" cx={xs[i]} cy={ys[i]} r={n > 60 ? 2.5 : 3.5}>
                <title>{pt.note ?? `${pt.x}: ${p.yFormat(pt.y!)}`}</title>
              </circle>
            )}
            {(i % every === 0 || i === n - 1) && (i === n - 1 || n - 1 - i >= every) && (
              <text className="chart-tick" x={xs[i]} y={height - 8} textAnchor="middle">
                {fitText(pt.x, FONT, labelW)}
              </text>
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}
