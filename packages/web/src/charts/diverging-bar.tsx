/**
 * A small diverging bar: removals grow left (red) and additions right (green) from a centre
 * line, scaled to the largest change in the table, so label changes compare at a glance.
 *
 * @example
 * <DivergingBar added={12} removed={3} max={20} title="+12 / −3" />
 */

/** Props of DivergingBar. */
export interface DivergingBarProps {
  added: number;
  removed: number;
  /** The change that fills one half. */
  max: number;
  title: string;
  width?: number;
}

const H = 14;

/** Diverging bar. */
export function DivergingBar({ added, removed, max, title, width = 160 }: DivergingBarProps) {
  const half = width / 2;
  const len = (n: number) => (max > 0 ? Math.max(n > 0 ? 2 : 0, (n / max) * (half - 1)) : 0);
  return (
    <svg className="diverging-bar" width={width} height={H} role="img" aria-label={title}>
      <title>{title}</title>
      <rect
        className="diverging-removed"
        x={half - len(removed)}
        y={2}
        width={len(removed)}
        height={H - 4}
        rx={2}
      />
      <rect className="diverging-added" x={half} y={2} width={len(added)} height={H - 4} rx={2} />
      <line className="diverging-axis" x1={half} x2={half} y1={0} y2={H} />
    </svg>
  );
}
