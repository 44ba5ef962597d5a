import { describe, expect, it } from 'vitest';
import type { Loss } from '../errors.ts';
import { parseLabelStudioConfig } from './ls-config.ts';
import { taskToLabelStudioTask } from './ls-export.ts';
import { labelStudioTaskToTask } from './ls-import.ts';

const config = parseLabelStudioConfig(`<View>
  <Image name="img" value="$image"/>
  <RectangleLabels name="box" toName="img"><Label value="Car"/></RectangleLabels>
  <TextArea name="note" toName="img" perRegion="true"/>
  <Rating name="q" toName="img"/>
</View>`);
const rect = {
  id: 'r1',
  from_name: 'box',
  to_name: 'img',
  type: 'rectanglelabels',
  original_width: 200,
  original_height: 100,
  value: { x: 10, y: 20, width: 50, height: 30, rectanglelabels: ['Car'] },
};

describe('Label Studio import', () => {
  it('converts percent to pixels and keeps the size in meta', () => {
    const task = labelStudioTaskToTask(
      { id: 5, data: { image: 'a.jpg' }, annotations: [{ result: [rect] }] },
      config,
    );
    expect(task.meta).toEqual({ width: 200, height: 100 });
    expect(task.annotations?.[0]?.regions[0]).toEqual({
      id: 'r1',
      control: 'box',
      type: 'bbox',
      value: { x: 20, y: 20, width: 100, height: 30, labels: ['Car'] },
    });
  });

  it('reads per-region results as attributes of the region they name', () => {
    const note = {
      id: 'r1',
      from_name: 'note',
      to_name: 'img',
      type: 'textarea',
      value: { x: 10, y: 20, width: 50, height: 30, text: ['dented'] },
    };
    const task = labelStudioTaskToTask(
      { data: { image: 'a.jpg' }, annotations: [{ result: [note, rect] }] },
      config,
    );
    expect(task.annotations?.[0]?.regions).toEqual([
      {
        id: 'r1',
        control: 'box',
        type: 'bbox',
        value: { x: 20, y: 20, width: 100, height: 30, labels: ['Car'] },
        attributes: { note: 'dented' },
      },
    ]);
    const back = taskToLabelStudioTask(task, config).annotations?.[0]?.result;
    expect(back?.[1]).toEqual({
      id: 'r1',
      from_name: 'note',
      to_name: 'img',
      type: 'textarea',
      original_width: 200,
      original_height: 100,
      value: { x: 10, y: 20, width: 50, height: 30, text: ['dented'] },
    });
  });

  it('says which result and why when it cannot read one', () => {
    const task = (result: unknown[]): unknown => ({
      id: 5,
      data: { image: 'a.jpg' },
      annotations: [{ result }],
    });
    expect(() => labelStudioTaskToTask(task([{ ...rect, from_name: 'nope' }]), config)).toThrow(
      'Label Studio, task 5, id "r1", at annotations[0].result[0]: from_name "nope" is not a control of the labeling config (controls: "box", "q", "note")',
    );
    expect(() =>
      labelStudioTaskToTask(task([{ ...rect, original_width: undefined }]), config),
    ).toThrow(/percent coordinates need the image size/);
    expect(() => labelStudioTaskToTask(task([{ ...rect, type: 'polygonlabels' }]), config)).toThrow(
      /type "polygonlabels" does not match control "box"/,
    );
    expect(() =>
      labelStudioTaskToTask(task([{ ...rect, value: { ...rect.value, x: 'left' } }]), config),
    ).toThrow(/value\.x must be a number, got "left"/);
    expect(() => labelStudioTaskToTask(task([rect, rect]), config)).toThrow(
      /two region results share id "r1"/,
    );
    expect(() =>
      labelStudioTaskToTask(
        task([
          { id: 'n', from_name: 'note', to_name: 'img', type: 'textarea', value: { text: ['x'] } },
        ]),
        config,
      ),
    ).toThrow(/per-region result "note" names no region of this annotation/);
    expect(() => labelStudioTaskToTask('nope', config)).toThrow(/a task must be a JSON object/);
  });

  it('imports bare tasks and reports what export cannot keep', () => {
    expect(labelStudioTaskToTask({ image: 'a.jpg' }, config)).toEqual({ data: { image: 'a.jpg' } });
    const losses: Loss[] = [];
    const task = labelStudioTaskToTask(
      { data: { image: 'a.jpg' }, annotations: [{ result: [rect] }] },
      config,
    );
    const annotation = task.annotations?.[0];
    if (annotation)
      Object.assign(annotation, { status: 'submitted', annotator: 'alice@example.com' });
    taskToLabelStudioTask({ ...task, provenance: { licence: 'CC0-1.0' } }, config, {
      onLoss: (l) => losses.push(l),
    });
    expect(losses.map((l) => l.what)).toEqual([
      'provenance is not kept by Label Studio',
      'annotator "alice@example.com" is not a Label Studio user id (a number); not kept',
      'Label Studio annotations do not keep status',
    ]);
  });
});
