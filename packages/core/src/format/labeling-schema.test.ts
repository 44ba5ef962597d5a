import { describe, expect, it } from 'vitest';
import { buildImageSchema, buildSchema } from './builders.ts';
import type { Control } from './control.ts';
import { controlFields } from './control.ts';
import type { Issue } from './issues.ts';
import { parseLabelingSchema } from './labeling-schema.ts';

function issuesOf(input: unknown): Issue[] {
  const r = parseLabelingSchema(input);
  return r.ok ? [] : r.issues;
}

/** A schema with text, image, audio, video and responses fields and the given controls. */
function withControls(...controls: unknown[]): unknown {
  return {
    fields: [
      { name: 'text', type: 'text' },
      { name: 'image', type: 'image' },
      { name: 'audio', type: 'audio' },
      { name: 'video', type: 'video' },
      { name: 'responses', type: 'responses' },
    ],
    controls,
  };
}

const spans = { name: 'ner', type: 'spans', field: 'text', labels: [{ value: 'PER' }] };
const boxes = { name: 'boxes', type: 'bbox', field: 'image', labels: [{ value: 'car' }] };

describe('parseLabelingSchema: structure', () => {
  it('accepts the builders and fills the default version', () => {
    const { version: _v, ...unversioned } = buildSchema();
    const r = parseLabelingSchema(unversioned);
    expect(r).toMatchObject({ ok: true, value: { version: 1 } });
    expect(parseLabelingSchema(buildImageSchema()).ok).toBe(true);
  });

  it('needs at least one field and one control', () => {
    expect(issuesOf({ fields: [], controls: [] }).map((i) => i.path)).toEqual([
      'fields',
      'controls',
    ]);
  });

  it('rejects unknown keys and unknown control types with their paths', () => {
    const issues = issuesOf(
      withControls({ ...spans, requried: true }, { name: 'x', type: 'rectangle', field: 'image' }),
    );
    expect(issues).toEqual([
      { path: 'controls[0].requried', message: 'unknown key "requried"' },
      {
        path: 'controls[1].type',
        message: expect.stringMatching(/must be one of: choices, spans/),
      },
    ]);
  });

  it('validates label values, colours and hotkeys', () => {
    const issues = issuesOf(
      withControls({
        ...spans,
        labels: [{ value: '' }, { value: 'A', color: 'red' }, { value: 'B', hotkey: 'ctrl+' }],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'controls[0].labels[0].value',
      'controls[0].labels[1].color',
      'controls[0].labels[2].hotkey',
    ]);
  });

  it('requires `field` on controls and `fields` on links', () => {
    const issues = issuesOf(
      withControls(
        { name: 'c', type: 'choices', labels: [{ value: 'a' }] },
        {
          name: 'l',
          type: 'link',
          field: 'text',
        },
      ),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'controls[0].field',
      'controls[1].fields',
      'controls[1].field',
    ]);
  });

  it('accepts names in Chinese and rejects names with spaces', () => {
    const ok = {
      fields: [{ name: '评论', type: 'text' }],
      controls: [{ ...spans, field: '评论' }],
    };
    expect(issuesOf(ok)).toEqual([]);
    const bad = { fields: [{ name: 'my text', type: 'text' }], controls: [spans] };
    // The control's field then names no field either: both are reported.
    expect(issuesOf(bad).map((i) => i.path)).toEqual(['fields[0].name', 'controls[0].field']);
  });
});

describe('parseLabelingSchema: cross-references', () => {
  it('requires control.field to name a field', () => {
    expect(issuesOf(withControls(spans, { ...boxes, field: 'img' }))).toEqual([
      {
        path: 'controls[1].field',
        message: 'no field "img" (fields are "text", "image", "audio", "video", "responses")',
      },
    ]);
  });

  it('rejects duplicate field and control names', () => {
    const input = {
      fields: [
        { name: 'text', type: 'text' },
        { name: 'text', type: 'html' },
      ],
      controls: [spans, { ...spans, labels: [{ value: 'ORG' }] }],
    };
    expect(issuesOf(input).map((i) => i.path)).toEqual(['fields[1].name', 'controls[1].name']);
  });

  it('rejects duplicate labels within a control but allows them across controls', () => {
    const dup = { ...spans, labels: [{ value: 'PER' }, { value: 'ORG' }, { value: 'PER' }] };
    expect(issuesOf(withControls(dup)).map((i) => i.path)).toEqual(['controls[0].labels[2].value']);
    const other = { ...boxes, labels: [{ value: 'PER' }] };
    expect(issuesOf(withControls(spans, other))).toEqual([]);
  });

  it('rejects a hotkey used twice anywhere in the schema, ignoring case and order', () => {
    const a = { ...spans, labels: [{ value: 'PER', hotkey: 'shift+ctrl+p' }] };
    const b = { ...boxes, labels: [{ value: 'car', hotkey: 'ctrl+shift+P' }] };
    const c = { name: 'q', type: 'rating', field: 'image', hotkey: '1' };
    const d = { name: 's', type: 'choices', field: 'text', labels: [{ value: 'x', hotkey: '1' }] };
    expect(issuesOf(withControls(a, b, c, d))).toEqual([
      {
        path: 'controls[1].labels[0].hotkey',
        message: 'hotkey "ctrl+shift+P" is already used by controls[0].labels[0].hotkey',
      },
      {
        path: 'controls[3].labels[0].hotkey',
        message: 'hotkey "1" is already used by controls[2].hotkey',
      },
    ]);
  });

  it.each([
    ['spans', 'image', 'image'],
    ['bbox', 'text', 'text'],
    ['polygon', 'video', 'video'],
    ['keypoints', 'video', 'video'],
    ['mask', 'audio', 'audio'],
    ['track', 'image', 'image'],
    ['segment', 'image', 'image'],
    ['ranking', 'image', 'image'],
    ['pairwise', 'audio', 'audio'],
    ['rating', 'number', 'number'],
  ])('rejects a %s control on a %s field', (type, field, fieldType) => {
    const needsLabels = type === 'spans' ? { labels: [{ value: 'X' }] } : {};
    const issues = issuesOf({
      fields: [{ name: field, type: fieldType }],
      controls: [{ name: 'c', type, field, ...needsLabels }],
    });
    expect(issues).toEqual([
      { path: 'controls[0].field', message: expect.stringMatching(`is a ${fieldType} field`) },
    ]);
  });

  it.each([
    ['spans', 'html'],
    ['spans', 'dialogue'],
    ['bbox', 'video'],
    ['segment', 'video'],
    ['rating', 'image'],
    ['ranking', 'dialogue'],
    ['choices', 'json'],
    ['textarea', 'audio'],
  ])('accepts a %s control on a %s field', (type, fieldType) => {
    const labels = ['spans', 'choices'].includes(type) ? { labels: [{ value: 'X' }] } : {};
    const input = {
      fields: [{ name: 'f', type: fieldType }],
      controls: [{ name: 'c', type, field: 'f', ...labels }],
    };
    expect(issuesOf(input)).toEqual([]);
  });

  it('needs labels on choices and spans, and forbids them where they mean nothing', () => {
    const issues = issuesOf(
      withControls(
        { name: 'c', type: 'choices', field: 'text' },
        { name: 'n', type: 'spans', field: 'text', labels: [] },
        { name: 'q', type: 'rating', field: 'responses', labels: [{ value: 'good' }] },
      ),
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['controls[0].labels', 'a choices control needs at least one label'],
      ['controls[1].labels', 'a spans control needs at least one label'],
      ['controls[2].labels', 'labels do not apply to a rating control'],
    ]);
  });

  it('allows options only on the control types they apply to', () => {
    const issues = issuesOf(
      withControls(
        { ...spans, multiple: true, max: 3 },
        { ...boxes, overlap: true, min_width: 4 },
        { name: 'rel', type: 'relations', field: 'text', attributes: [] },
      ),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'controls[0].multiple',
      'controls[0].max',
      'controls[1].overlap',
      'controls[2].attributes',
    ]);
  });

  it('needs a region control on the field of a relations control', () => {
    const rel = { name: 'rel', type: 'relations', field: 'audio', labels: [{ value: 'x' }] };
    expect(issuesOf(withControls(spans, rel))).toEqual([
      { path: 'controls[1].field', message: expect.stringMatching(/add a spans, bbox/) },
    ]);
  });

  it('checks both fields of a link', () => {
    const link = (fields: string[]): unknown => ({ name: 'l', type: 'link', fields });
    expect(issuesOf(withControls(spans, boxes, link(['text', 'image'])))).toEqual([]);
    expect(issuesOf(withControls(spans, boxes, link(['text', 'nope']))).map((i) => i.path)).toEqual(
      ['controls[2].fields[1]'],
    );
    expect(issuesOf(withControls(spans, link(['text', 'text'])))[0]?.path).toBe(
      'controls[1].fields[1]',
    );
    expect(issuesOf(withControls(spans, link(['text', 'audio'])))[0]).toEqual({
      path: 'controls[1].fields[1]',
      message: 'a link needs a region control (spans, bbox, ...) on field "audio"',
    });
  });

  it('checks attribute definitions', () => {
    const issues = issuesOf(
      withControls({
        ...boxes,
        attributes: [
          { name: 'colour', type: 'choice' },
          { name: 'occluded', type: 'boolean', options: ['yes'] },
          { name: 'tags', type: 'multichoice', options: ['a', 'a'] },
          { name: 'colour', type: 'text' },
        ],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'controls[0].attributes[3].name',
      'controls[0].attributes[0].options',
      'controls[0].attributes[1].options',
      'controls[0].attributes[2].options[1]',
    ]);
  });
});

describe('controlFields', () => {
  it('gives the field of a control and both fields of a link', () => {
    const [sentiment] = buildSchema().controls as [Control];
    expect(controlFields(sentiment)).toEqual(['text']);
    expect(controlFields({ name: 'l', type: 'link', fields: ['a', 'b'] })).toEqual(['a', 'b']);
  });
});
