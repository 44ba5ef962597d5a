/**
 * A text field with spans: mouse selection and a keyboard caret (Shift+arrows) both produce a
 * code-point range that a label hotkey turns into a span. Spans render as tinted runs with
 * their labels as CSS chips (`::after { content: attr(data-chip) }`, so label text is never
 * markup and never part of the text offsets); relations draw as arcs above.
 *
 * @example
 * <TextSpanView field="text" text={task.data.text} spanControls={['entities']} />
 */
import { useMemo, useRef } from 'react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { labelColor, withAlpha } from '../../schema/label-colors.ts';
import type { Region, SchemaControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import { regionLabels } from '../state/regions.ts';
import { caretRange } from './caret.ts';
import { codePointLength, trimRange } from './code-points.ts';
import { RelationArrows } from './relation-arrows.tsx';
import { SegmentView } from './segment-view.tsx';
import { buildSegments, innermostSpanAt, type SpanMark } from './span-segments.ts';

/** Props of TextSpanView. */
export interface TextSpanViewProps {
  field: string;
  text: string;
  controls: SchemaControl[];
}

interface Mark extends SpanMark {
  color: string;
  labels: string[];
  suggestion: boolean;
}

/** Code-point offset of a DOM position inside `root` (label chips are pseudo-elements, not text). */
function offsetAt(root: Element, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  const range = document.createRange();
  range.setStart(root, 0);
  range.setEnd(node, offset);
  return codePointLength(range.toString());
}

function useMarks(field: string, controls: SchemaControl[]): Mark[] {
  const { regions, suggestions } = useEditor();
  return useMemo(() => {
    const names = new Set(controls.map((c) => c.name));
    const toMark = (r: Region, suggestion: boolean): Mark | null => {
      if (r.type !== 'span' || !names.has(r.control)) return null;
      const c = controls.find((x) => x.name === r.control);
      const labels = regionLabels(r);
      return {
        id: r.id,
        start: r.value.start,
        end: r.value.end,
        color: labelColor(c, labels[0]),
        labels,
        suggestion,
      };
    };
    return [
      ...regions.map((r) => toMark(r, false)),
      ...suggestions.map((s) => toMark(s.region, true)),
    ].filter((m): m is Mark => m !== null);
  }, [regions, suggestions, controls, field]);
}

/** Interactive text with spans. */
export function TextSpanView({ field, text, controls }: TextSpanViewProps) {
  const { t } = useTranslation();
  const { state, dispatch, commands } = useEditor();
  const contentRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<HTMLDivElement>(null);
  const marks = useMarks(field, controls);
  const caret = state.caret?.field === field ? state.caret : null;
  const selection = caretRange(caret);
  const segments = useMemo(
    () => buildSegments(text, marks, selection, caret?.focus ?? null),
    [text, marks, selection, caret?.focus],
  );
  const byId = useMemo(() => new Map(marks.map((m) => [m.id, m])), [marks]);

  const onMouseUp = (e: MouseEvent) => {
    const root = contentRef.current;
    const sel = window.getSelection();
    if (!root || !sel || sel.rangeCount === 0) return;
    const a = offsetAt(root, sel.anchorNode!, sel.anchorOffset);
    const b = offsetAt(root, sel.focusNode!, sel.focusOffset);
    viewRef.current?.focus({ preventScroll: true });
    if (a === null || b === null) return;
    if (a !== b) {
      const r = trimRange(text, a, b);
      sel.removeAllRanges();
      if (r) dispatch({ type: 'caret', caret: { field, anchor: r.start, focus: r.end } });
      return;
    }
    // A click: select the span under it (or finish a relation), else place the caret.
    // The clicked character: a click on the right half of a run's last character puts the
    // caret after it, but still means that character.
    const hit = e.target instanceof Element ? e.target.closest('[data-end]') : null;
    const charAt = hit ? Math.min(a, Number(hit.getAttribute('data-end')) - 1) : a;
    const id = innermostSpanAt(marks, Math.max(0, charAt));
    if (id && state.relationFrom && id !== state.relationFrom) commands.completeRelation(id);
    else if (id) commands.select(id);
    else commands.select(null);
    dispatch({ type: 'caret', caret: { field, anchor: a, focus: a } });
  };

  return (
    <div
      ref={viewRef}
      className={state.relationFrom ? 'text-view relation-mode' : 'text-view'}
      tabIndex={0}
      data-key-scope="text"
      data-field={field}
      data-testid={`text-${field}`}
      aria-label={t('editor.text_area')}
      onMouseUp={onMouseUp}
    >
      <div ref={contentRef} className="text-content">
        {segments.map((seg) => {
          const inner = seg.spanIds[seg.spanIds.length - 1];
          const m = inner ? byId.get(inner) : undefined;
          const chips = seg.endsSpans
            .map((id) => byId.get(id))
            .filter((x): x is Mark => x !== undefined);
          const cls = [
            'seg',
            m ? 'span' : '',
            m?.suggestion ? 'suggestion' : '',
            seg.spanIds.length > 1 ? 'nested' : '',
            seg.selected ? 'selected-text' : '',
            seg.spanIds.includes(state.selectedId ?? '') ? 'selected-span' : '',
            seg.spanIds.includes(state.relationFrom ?? '') ? 'relation-from' : '',
          ];
          return (
            <SegmentView
              key={seg.start}
              start={seg.start}
              end={seg.end}
              text={seg.text}
              className={cls.filter(Boolean).join(' ')}
              caret={caret !== null && caret.focus === seg.start}
              color={m?.color}
              bg={m ? withAlpha(m.color, m.suggestion ? 0.1 : 0.2) : undefined}
              chipColor={m ? (chips[0]?.color ?? m.color) : undefined}
              chip={chips.length ? chips.map((c) => c.labels.join(', ')).join(' | ') : undefined}
              starts={seg.startsSpans.join(' ') || undefined}
            />
          );
        })}
        {caret && caret.focus === codePointLength(text) && (
          <span className="caret" aria-hidden="true" />
        )}
      </div>
      <RelationArrows field={field} contentRef={contentRef} />
    </div>
  );
}
