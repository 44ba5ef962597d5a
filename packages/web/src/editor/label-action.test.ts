import { describe, it, expect } from 'vitest';
import type { LabelingSchema, Region } from '../schema/types.ts';
import { TEMPLATES } from '../schema/templates.ts';
import { applyLabelTarget, type LabelContext } from './label-action.ts';

const ner = TEMPLATES.find((t) => t.id === 'ner-relations')!.schema;
const det = TEMPLATES.find((t) => t.id === 'image-detection')!.schema;
const text = '张伟在北京😀工作';

function ctx(over: Partial<LabelContext> = {}, schema: LabelingSchema = ner): LabelContext {
  return {
    schema,
    regions: [],
    selectedId: null,
    caret: null,
    data: { text },
    tool: 'select',
    ...over,
  };
}

describe('applyLabelTarget', () => {
  it('labels a keyboard selection as a span with code-point offsets and its text', () => {
    const out = applyLabelTarget(ctx({ caret: { field: 'text', anchor: 5, focus: 3 } }), {
      control: 'entities',
      label: 'LOC',
    });
    expect(out.kind).toBe('regions');
    if (out.kind !== 'regions') return;
    expect(out.regions[0]).toMatchObject({
      control: 'entities',
      type: 'span',
      value: { start: 3, end: 5, labels: ['LOC'], text: '北京' },
    });
    expect(out.select).toBe(out.regions[0]!.id);
  });

  it('counts an emoji as one code point inside a span', () => {
    const out = applyLabelTarget(ctx({ caret: { field: 'text', anchor: 3, focus: 7 } }), {
      control: 'entities',
      label: 'MISC',
    });
    expect(out.kind === 'regions' && out.regions[0]!.value).toMatchObject({
      start: 3,
      end: 7,
      text: '北京😀工',
    });
  });

  it('refuses overlapping spans unless the control allows overlap', () => {
    const existing: Region = {
      id: 's',
      control: 'entities',
      type: 'span',
      value: { start: 0, end: 4, labels: ['PER'] },
    };
    const out = applyLabelTarget(
      ctx({ regions: [existing], caret: { field: 'text', anchor: 3, focus: 5 } }),
      { control: 'entities', label: 'LOC' },
    );
    expect(out).toEqual({ kind: 'error', reason: 'overlap' });
  });

  it('relabels the selected span when nothing is selected in the text', () => {
    const existing: Region = {
      id: 's',
      control: 'entities',
      type: 'span',
      value: { start: 0, end: 2, labels: ['PER'] },
    };
    const out = applyLabelTarget(ctx({ regions: [existing], selectedId: 's' }), {
      control: 'entities',
      label: 'ORG',
    });
    expect(out.kind === 'regions' && out.regions[0]!.value).toMatchObject({ labels: ['ORG'] });
    expect(applyLabelTarget(ctx(), { control: 'entities', label: 'ORG' })).toEqual({
      kind: 'error',
      reason: 'select_text',
    });
  });

  it('labels the selected relation', () => {
    const rel: Region = {
      id: 'r',
      control: 'relations',
      type: 'relation',
      value: { from: 'a', to: 'b' },
    };
    const out = applyLabelTarget(ctx({ regions: [rel], selectedId: 'r' }), {
      control: 'relations',
      label: 'works_for',
    });
    expect(out.kind === 'regions' && out.regions[0]!.value).toMatchObject({
      labels: ['works_for'],
    });
  });

  it('makes a shape label the active label of its tool and relabels the selected box', () => {
    const box: Region = {
      id: 'b',
      control: 'objects',
      type: 'bbox',
      value: { x: 0, y: 0, width: 9, height: 9, labels: ['car'] },
    };
    const out = applyLabelTarget(ctx({ regions: [box], selectedId: 'b', data: {} }, det), {
      control: 'objects',
      label: 'person',
    });
    expect(out).toMatchObject({
      kind: 'active-label',
      control: 'objects',
      label: 'person',
      tool: 'bbox',
    });
    expect(out.kind === 'active-label' && out.regions?.[0]!.value).toMatchObject({
      labels: ['person'],
    });
    expect(
      applyLabelTarget(ctx({ data: {} }, det), { control: 'areas', label: 'road' }),
    ).toMatchObject({ tool: 'polygon', label: 'road' });
    // With a drawing tool active the label only arms the next shape.
    const armed = applyLabelTarget(
      ctx({ regions: [box], selectedId: 'b', data: {}, tool: 'bbox' }, det),
      { control: 'objects', label: 'person' },
    );
    expect(armed.kind === 'active-label' && armed.regions).toBeUndefined();
  });

  it('a control hotkey focuses the control', () => {
    expect(applyLabelTarget(ctx(), { control: 'entities' })).toEqual({
      kind: 'focus',
      control: 'entities',
    });
  });
});
