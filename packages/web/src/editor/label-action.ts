/**
 * What a schema hotkey does in the current context, as a pure function (the heart of
 * keyboard-first labeling):
 * - a choice label toggles the choice;
 * - a span label labels the keyboard/mouse text selection, or relabels the selected span;
 * - a relation label labels the selected relation;
 * - a shape label becomes the active label of its tool (with the select tool, it relabels the
 *   selected shape);
 * - a control hotkey focuses the control.
 *
 * @example
 * applyLabelTarget(ctx, { control: 'entities', label: 'LOC' })
 * // { kind: 'regions', regions: [...new span...], select: 'x1y2', collapseCaret: true }
 */
import type { FieldControl, LabelingSchema, Region, SchemaControl } from '../schema/types.ts';
import type { TextCaret, ToolId } from './state/editor-reducer.ts';
import {
  addRegion,
  newRegionId,
  toggleChoice,
  toggleLabel,
  updateRegion,
} from './state/regions.ts';
import { caretRange } from './text/caret.ts';
import { sliceCodePoints } from './text/code-points.ts';
import type { LabelTarget } from './keymap/keymap.ts';

/** What the label handler needs to know. */
export interface LabelContext {
  schema: LabelingSchema;
  regions: Region[];
  selectedId: string | null;
  caret: TextCaret | null;
  data: Record<string, unknown>;
  /** The active tool: a shape label relabels the selected shape only with the select tool, so
   * "label, draw, label, draw" never changes the shape just drawn. */
  tool: ToolId;
}

/** The effect of a label hotkey. */
export type LabelOutcome =
  | { kind: 'regions'; regions: Region[]; select?: string | null; collapseCaret?: boolean }
  | { kind: 'active-label'; control: string; label: string; tool: ToolId; regions?: Region[] }
  | { kind: 'focus'; control: string }
  | { kind: 'error'; reason: 'select_text' | 'overlap' | 'select_relation' | 'unsupported' };

const TOOL_OF: Partial<Record<SchemaControl['type'], ToolId>> = {
  bbox: 'bbox',
  polygon: 'polygon',
  keypoints: 'keypoints',
};

function spanOutcome(ctx: LabelContext, c: FieldControl, label: string): LabelOutcome {
  const range = ctx.caret?.field === c.field ? caretRange(ctx.caret) : null;
  const selected = ctx.regions.find((r) => r.id === ctx.selectedId);
  if (!range) {
    if (selected?.type === 'span' && selected.control === c.name) {
      return {
        kind: 'regions',
        regions: updateRegion(ctx.regions, selected.id, (r) => toggleLabel(r, label, false)),
      };
    }
    return { kind: 'error', reason: 'select_text' };
  }
  const spans = ctx.regions.filter(
    (r): r is Extract<Region, { type: 'span' }> => r.type === 'span' && r.control === c.name,
  );
  const same = spans.find((s) => s.value.start === range.start && s.value.end === range.end);
  if (same) {
    return {
      kind: 'regions',
      regions: updateRegion(ctx.regions, same.id, (r) => toggleLabel(r, label, false)),
      select: same.id,
      collapseCaret: true,
    };
  }
  if (!c.overlap && spans.some((s) => s.value.start < range.end && range.start < s.value.end)) {
    return { kind: 'error', reason: 'overlap' };
  }
  const raw = ctx.data[c.field];
  const text = typeof raw === 'string' ? sliceCodePoints(raw, range.start, range.end) : undefined;
  const id = newRegionId();
  const span: Region = {
    id,
    control: c.name,
    type: 'span',
    value: {
      start: range.start,
      end: range.end,
      labels: [label],
      ...(text !== undefined ? { text } : {}),
    },
  };
  return {
    kind: 'regions',
    regions: addRegion(ctx.regions, span),
    select: id,
    collapseCaret: true,
  };
}

/** Applies a schema hotkey target. */
export function applyLabelTarget(ctx: LabelContext, target: LabelTarget): LabelOutcome {
  const c = ctx.schema.controls.find((x) => x.name === target.control);
  if (!c) return { kind: 'error', reason: 'unsupported' };
  if (target.label === undefined) return { kind: 'focus', control: c.name };
  const label = target.label;
  const selected = ctx.regions.find((r) => r.id === ctx.selectedId && r.control === c.name);
  switch (c.type) {
    case 'choices':
      return { kind: 'regions', regions: toggleChoice(ctx.regions, c, label) };
    case 'spans':
      return spanOutcome(ctx, c, label);
    case 'relations':
      if (selected?.type !== 'relation') return { kind: 'error', reason: 'select_relation' };
      return {
        kind: 'regions',
        regions: updateRegion(ctx.regions, selected.id, (r) => toggleLabel(r, label, false)),
      };
    case 'bbox':
    case 'polygon':
    case 'keypoints': {
      const relabel =
        ctx.tool === 'select' &&
        selected &&
        (selected.type === 'bbox' || selected.type === 'polygon');
      return {
        kind: 'active-label',
        control: c.name,
        label,
        tool: TOOL_OF[c.type]!,
        ...(relabel
          ? { regions: updateRegion(ctx.regions, selected.id, (r) => toggleLabel(r, label, false)) }
          : {}),
      };
    }
    default:
      return { kind: 'error', reason: 'unsupported' };
  }
}
