/**
 * One run of text in the span view. Memoised on plain values: a key press in a long text
 * with hundreds of spans changes a few runs, so React skips the rest instead of re-diffing a
 * thousand elements (and their style objects) each time.
 *
 * @example
 * <SegmentView start={0} end={3} text="张三在" className="seg" caret={false} />
 */
import { memo } from 'react';
import type { CSSProperties } from 'react';

/** Props of SegmentView (all plain values, so the memo compares cheaply). */
export interface SegmentViewProps {
  start: number;
  end: number;
  text: string;
  className: string;
  caret: boolean;
  /** Span colours (CSS custom properties), when the run is inside a span. */
  color?: string;
  bg?: string;
  chipColor?: string;
  /** Label chip after the run (CSS `attr()`), when spans end here. */
  chip?: string;
  /** Ids of the spans starting here (relation arrows attach to them). */
  starts?: string;
}

/** A text run. */
export const SegmentView = memo(function SegmentView(p: SegmentViewProps) {
  const style =
    p.color !== undefined
      ? ({
          '--span-color': p.color,
          '--span-bg': p.bg,
          '--chip-color': p.chipColor,
        } as CSSProperties)
      : undefined;
  return (
    <span
      className={p.className}
      data-start={p.start}
      data-end={p.end}
      data-starts={p.starts}
      data-chip={p.chip}
      style={style}
    >
      {p.caret && <span className="caret" aria-hidden="true" />}
      {p.text}
    </span>
  );
});
