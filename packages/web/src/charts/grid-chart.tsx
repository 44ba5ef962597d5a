/**
 * A labelled grid of coloured cells in plain SVG: the base of the error heat map and the
 * confusion matrix. Row and column names are SVG text (cut with an ellipsis when long, the
 * full name in a tooltip); each cell shows a short text and has a tooltip.
 *
 * @example
 * <GridChart
 *   rows={['alice', 'bob']}
 *   cols={['positive', 'negative']}
 *   cells={[[{ fill: '#fff', text: '2%', title: 'alice × positive: 1 of 50' }, ...], ...]}
 *   ariaLabel="Errors by label and annotator"
 * />
 */
import { textOn } from './scale.ts';
import { fitText, textWidth } from './text-width.ts';
import { useWidth } from './use-width.ts';

/** One cell. */
export interface GridCell {
  fill: string;
  text: string;
  title: string;
  /** Draws the cell hatched (no data) instead of filled. */
  empty?: boolean;
}

/** Props of GridChart. */
export interface GridChartProps {
  rows: readonly string[];
  cols: readonly string[];
  cells: readonly (readonly GridCell[])[];
  ariaLabel: string;
  /** Axis captions: rows (left, above the names) and columns (top). */
  rowTitle?: string;
  colTitle?: string;
  cellHeight?: number;
  testId?: string;
}

const FONT = 12;
const MIN_CELL = 48;
const MAX_CELL = 120;
const MAX_LABEL = 160;

/** Grid chart. */
export function GridChart(p: GridChartProps) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const labelW = Math.min(
    MAX_LABEL,
    Math.max(48, ...p.rows.map((r) => textWidth(r, FONT)), textWidth(p.rowTitle ?? '', 11)) + 12,
  );
  const cols = Math.max(1, p.cols.length);
  const cellW = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor((width - labelW - 2) / cols)));
  const cellH = p.cellHeight ?? 30;
  const top = p.colTitle ? 44 : 26;
  const w = labelW + cellW * cols + 2;
  const h = top + cellH * p.rows.length + 2;
  return (
    <div ref={ref} className="chart chart-scroll" data-testid={p.testId}>
      <svg width={w} height={h} role="img" aria-label={p.ariaLabel}>
        {p.colTitle && (
          <text
            className="chart-axis-title"
            x={labelW + (cellW * cols) / 2}
            y={12}
            textAnchor="middle"
          >
            {p.colTitle}
          </text>
        )}
        {p.rowTitle && (
          <text className="chart-axis-title" x={4} y={top - 8}>
            {p.rowTitle}
          </text>
        )}
        {p.cols.map((c, j) => (
          <text
            key={`c${j}`}
            className="chart-label"
            x={labelW + cellW * j + cellW / 2}
            y={top - 8}
            textAnchor="middle"
          >
            <title>{c}</title>
            {fitText(c, FONT, cellW - 6)}
          </text>
        ))}
        {p.rows.map((r, i) => (
          <g key={`r${i}`} transform={`translate(0, ${top + cellH * i})`}>
            <text className="chart-label" x={labelW - 8} y={cellH / 2} dy="0.35em" textAnchor="end">
              <title>{r}</title>
              {fitText(r, FONT, labelW - 14)}
            </text>
            {p.cols.map((_, j) => {
              const cell = p.cells[i]?.[j];
              if (!cell) return null;
              const x = labelW + cellW * j;
              return (
                <g key={j} className="chart-cell">
                  <title>{cell.title}</title>
                  <rect
                    x={x + 1}
                    y={1}
                    width={cellW - 2}
                    height={cellH - 2}
                    rx={3}
                    fill={cell.empty ? undefined : cell.fill}
                    className={cell.empty ? 'chart-cell-empty' : undefined}
                  />
                  <text
                    x={x + cellW / 2}
                    y={cellH / 2}
                    dy="0.35em"
                    textAnchor="middle"
                    className="chart-cell-text"
                    fill={cell.empty ? '#6b7485' : textOn(cell.fill)}
                  >
                    {cell.text}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </div>
  );
}
