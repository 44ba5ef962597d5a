/**
 * Relations between spans drawn as arcs above the text, with the relation's labels as SVG
 * text (never markup). Positions are measured from the rendered spans after layout and again
 * whenever the text box resizes.
 *
 * @example
 * <RelationArrows field="text" contentRef={ref} />
 */
import { useLayoutEffect, useState } from 'react';
import type { RefObject } from 'react';
import { labelColor } from '../../schema/label-colors.ts';
import type { Region } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';

interface Arc {
  id: string;
  d: string;
  lx: number;
  ly: number;
  label: string;
  color: string;
  suggestion: boolean;
}

function anchor(root: HTMLElement, id: string): { x: number; y: number } | null {
  const el = root.querySelector<HTMLElement>(`[data-starts~="${CSS.escape(id)}"]`);
  if (!el) return null;
  const box = root.getBoundingClientRect();
  const r = el.getClientRects()[0] ?? el.getBoundingClientRect();
  return { x: r.left - box.left + Math.min(r.width / 2, 24), y: r.top - box.top };
}

function arcFor(
  root: HTMLElement,
  r: Extract<Region, { type: 'relation' }>,
  color: string,
  suggestion: boolean,
): Arc | null {
  const a = anchor(root, r.value.from);
  const b = anchor(root, r.value.to);
  if (!a || !b) return null;
  const lift = 12 + Math.min(26, Math.abs(b.x - a.x) / 10);
  const top = Math.min(a.y, b.y) - lift;
  const d = `M ${a.x} ${a.y} C ${a.x} ${top}, ${b.x} ${top}, ${b.x} ${b.y - 2}`;
  return {
    id: r.id,
    d,
    lx: (a.x + b.x) / 2,
    ly: top + lift * 0.25 - 2,
    label: (r.value.labels ?? []).join(', '),
    color,
    suggestion,
  };
}

/** Relation arcs over a text field. */
export function RelationArrows({
  contentRef,
}: {
  field: string;
  contentRef: RefObject<HTMLDivElement | null>;
}) {
  const { regions, suggestions, schema, state, commands } = useEditor();
  const [arcs, setArcs] = useState<Arc[]>([]);
  const [size, setSize] = useState({ w: 0, h: 0 });

  useLayoutEffect(() => {
    const root = contentRef.current;
    if (!root) return;
    const measure = () => {
      const rels = [
        ...regions.map((r) => ({ r, suggestion: false })),
        ...suggestions.map((s) => ({ r: s.region, suggestion: true })),
      ].filter(
        (x): x is { r: Extract<Region, { type: 'relation' }>; suggestion: boolean } =>
          x.r.type === 'relation',
      );
      const next = rels
        .map(({ r, suggestion }) => {
          const c = schema.controls.find((x) => x.name === r.control);
          return arcFor(root, r, labelColor(c, r.value.labels?.[0]), suggestion);
        })
        .filter((x): x is Arc => x !== null);
      setArcs(next);
      setSize({ w: root.scrollWidth, h: root.scrollHeight });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(root);
    return () => ro.disconnect();
  }, [regions, suggestions, schema, contentRef]);

  if (arcs.length === 0) return null;
  return (
    <svg className="relation-layer" width={size.w} height={size.h} aria-hidden="true">
      <defs>
        {arcs.map((a) => (
          <marker
            key={a.id}
            id={`arrow-${a.id}`}
            viewBox="0 0 10 10"
            refX="8"
            refY="5"
            markerWidth="8"
            markerHeight="8"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill={a.color} />
          </marker>
        ))}
      </defs>
      {arcs.map((a) => (
        <g
          key={a.id}
          className={
            state.selectedId === a.id
              ? 'relation selected'
              : a.suggestion
                ? 'relation suggestion'
                : 'relation'
          }
          onMouseDown={(e) => e.stopPropagation()}
          onMouseUp={(e) => e.stopPropagation()}
          onClick={() => commands.select(a.id)}
        >
          <path d={a.d} className="relation-hit" />
          <path
            d={a.d}
            className="relation-line"
            stroke={a.color}
            markerEnd={`url(#arrow-${a.id})`}
          />
          {a.label && (
            <text x={a.lx} y={a.ly} textAnchor="middle" className="relation-label" fill={a.color}>
              {a.label}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
