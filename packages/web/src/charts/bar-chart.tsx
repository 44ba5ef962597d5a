/**
 * Horizontal bars in plain SVG with an optional interval whisker on each bar (a Wilson
 * interval), the value as text at the end and a tooltip. Bars without a value show their
 * reason instead of a zero-length bar.
 *
 * @example
 * <BarChart
 *   bars={[{ label: 'positive', value: 0.12, lower: 0.05, upper: 0.24, text: '12.0%', title: '6 of 50' }]}
 *   max={1}
 *   ariaLabel="Error rate by label"
 * />
 */
import { linearScale } from './scale.ts';
import { fitText, textWidth } from './text-width.ts';
import { useWidth } from './use-width.ts';

/** One bar. */
export interface Bar {
  label: string;
  value: number | undefined;
  lower?: number;
  upper?: number;
  /** Drawn at the end of the bar (or in place of it when there is no value). */
  text: string;
  title: string;
}

/** Props of BarChart. */
export interface BarChartProps {
  bars: readonly Bar[];
  /** The value of a full-width bar. */
  max: number;
  ariaLabel: string;
  color?: string;
  testId?: string;
}

const FONT = 12;
const ROW = 28;
const TEXT_W = 64;

/** Bar chart. */
export function BarChart(p: BarChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>(360);
  const labelW = Math.min(140, Math.max(40, ...p.bars.map((b) => textWidth(b.label, FONT))) + 12);
  const x = linearScale([0, p.max || 1], [labelW, Math.max(labelW + 40, width - TEXT_W)]);
  const height = Math.max(ROW, p.bars.length * ROW) + 4;
  return (
    <div ref={ref} className="chart" data-testid={p.testId}>
      <svg width={width} height={height} role="img" aria-label={p.ariaLabel}>
        {p.bars.map((b, i) => {
          const y = 2 + i * ROW;
          const end = b.value === undefined ? labelW : x(Math.min(b.value, p.max));
          return (
            <g key={`${b.label}-${i}`}>
              <title>{b.title}</title>
              <text
                className="chart-label"
                x={labelW - 8}
                y={y + ROW / 2}
                dy="0.35em"
                textAnchor="end"
              >
                {fitText(b.label, FONT, labelW - 12)}
              </text>
              <rect
                className="chart-track"
                x={labelW}
                y={y + 7}
                width={x(p.max) - labelW}
                height={ROW - 14}
                rx={3}
              />
              {b.value !== undefined && (
                <rect
                  x={labelW}
                  y={y + 7}
                  width={Math.max(1, end - labelW)}
                  height={ROW - 14}
                  rx={3}
                  fill={p.color ?? '#4f46e5'}
                />
              )}
              {b.lower !== undefined && b.upper !== undefined && (
                <g className="chart-whisker">
                  <line
                    x1={x(b.lower)}
                    x2={x(Math.min(b.upper, p.max))}
                    y1={y + ROW / 2}
                    y2={y + ROW / 2}
                  />
                  <line x1={x(b.lower)} x2={x(b.lower)} y1={y + 9} y2={y + ROW - 9} />
                  <line
                    x1={x(Math.min(b.upper, p.max))}
                    x2={x(Math.min(b.upper, p.max))}
                    y1={y + 9}
                    y2={y + ROW - 9}
                  />
                </g>
              )}
              <text
                className={b.value === undefined ? 'chart-note' : 'chart-value'}
                x={x(p.max) + 8}
                y={y + ROW / 2}
                dy="0.35em"
              >
                {b.text}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
