import { describe, expect, it } from 'vitest';
import { validateRegions } from '../../format/index.ts';
import { jsonDiff } from '../test-util.ts';
import { parseLabelStudioConfig } from './ls-config.ts';
import { taskToLabelStudioTask } from './ls-export.ts';
import { labelStudioTaskToTask } from './ls-import.ts';
import type { LabelStudioImportOptions } from './ls-import.ts';
import type { LsResult } from './ls-types.ts';

/*
 * Examples reproduced from Label Studio's documentation, imported into Tessera and exported
 * back: the result must equal the original (up to key order, the order of results, and float
 * rounding of percent -> pixel -> percent).
 */

function sortResults(task: unknown): unknown {
  const t = structuredClone(task) as {
    annotations?: { result: LsResult[] }[];
    predictions?: { result: LsResult[] }[];
  };
  const key = (r: LsResult): string =>
    `${r.id ?? ''}|${r.from_name ?? ''}|${String(r.from_id ?? '')}`;
  for (const item of [...(t.annotations ?? []), ...(t.predictions ?? [])])
    item.result.sort((a, b) => key(a).localeCompare(key(b)));
  return t;
}

function roundTrip(config: string, lsTask: unknown, options: LabelStudioImportOptions = {}): void {
  const parsed = parseLabelStudioConfig(config);
  const task = labelStudioTaskToTask(lsTask, parsed, options);
  for (const a of [...(task.annotations ?? []), ...(task.predictions ?? [])]) {
    const r = validateRegions(parsed.schema, a.regions, task.data);
    expect(r.ok ? [] : r.issues).toEqual([]);
  }
  const back = taskToLabelStudioTask(task, parsed, { strict: false });
  expect(jsonDiff(sortResults(back), sortResults(lsTask))).toBeUndefined();
}

describe('Label Studio documentation examples: import -> export gives the same JSON', () => {
  it('rectangle: "Label Studio JSON format of annotated tasks" (https://labelstud.io/guide/task_format)', () => {
    const config = `<View>
      <Image name="img" value="$image"/>
      <RectangleLabels name="tag" toName="img"><Label value="Moonwalker"/></RectangleLabels>
    </View>`;
    const example = {
      id: 1,
      created_at: '2021-03-09T21:52:49.513742Z',
      updated_at: '2021-03-09T22:16:08.746926Z',
      project: 83,
      data: { image: 'https://example.com/opensource/label-studio/1.jpg' },
      annotations: [
        {
          id: '1001',
          result: [
            {
              from_name: 'tag',
              id: 'Dx_aB91ISN',
              source: '$image',
              to_name: 'img',
              type: 'rectanglelabels',
              value: {
                height: 10.458911419423693,
                rectanglelabels: ['Moonwalker'],
                rotation: 0,
                width: 12.4,
                x: 50.8,
                y: 5.869797225186766,
              },
            },
          ],
          was_cancelled: false,
          ground_truth: false,
          created_at: '2021-03-09T22:16:08.728353Z',
          updated_at: '2021-03-09T22:16:08.728378Z',
          lead_time: 4.288,
          result_count: 0,
          task: 1,
          completed_by: 10,
        },
      ],
      predictions: [
        {
          created_ago: '3 hours',
          model_version: 'model 1',
          result: [
            {
              from_name: 'tag',
              id: 't5sp3TyXPo',
              source: '$image',
              to_name: 'img',
              type: 'rectanglelabels',
              value: {
                height: 11.612284069097889,
                rectanglelabels: ['Moonwalker'],
                rotation: 0,
                width: 39.6,
                x: 13.2,
                y: 34.702495201535505,
              },
            },
          ],
        },
        {
          created_ago: '4 hours',
          model_version: 'model 2',
          result: [
            {
              from_name: 'tag',
              id: 't5sp3TyXPo',
              source: '$image',
              to_name: 'img',
              type: 'rectanglelabels',
              value: {
                height: 33.61228406909789,
                rectanglelabels: ['Moonwalker'],
                rotation: 0,
                width: 39.6,
                x: 13.2,
                y: 54.702495201535505,
              },
            },
          ],
        },
      ],
    };
    // The example gives no original_width/height: the size comes from the caller.
    roundTrip(config, example, { imageSize: () => ({ width: 1024, height: 768 }) });
    const task = labelStudioTaskToTask(example, parseLabelStudioConfig(config), {
      imageSize: () => ({ width: 1000, height: 500 }),
    });
    expect(task.annotations?.[0]).toMatchObject({
      id: '1001',
      annotator: '10',
      lead_time_ms: 4288,
      regions: [{ id: 'Dx_aB91ISN', type: 'bbox', value: { labels: ['Moonwalker'] } }],
    });
    const box = task.annotations?.[0]?.regions[0];
    expect(box?.type === 'bbox' && box.value.x).toBeCloseTo(508, 9);
    expect(task.predictions?.map((p) => p.model_version)).toEqual(['model 1', 'model 2']);
    expect(task.meta).toMatchObject({ width: 1000, height: 500 });
  });

  it('choices: "Example JSON format" (https://labelstud.io/guide/tasks#Example-JSON-format)', () => {
    const config = `<View>
      <Text name="message" value="$my_text"/>
      <Choices name="sentiment_class" toName="message">
        <Choice value="Positive"/><Choice value="Neutral"/><Choice value="Negative"/>
      </Choices>
    </View>`;
    const example = {
      data: {
        my_text: 'Opossums are great',
        ref_id: 456,
        meta_info: { timestamp: '2020-03-09 18:15:28.212882', location: 'North Pole' },
      },
      annotations: [
        {
          result: [
            {
              from_name: 'sentiment_class',
              to_name: 'message',
              type: 'choices',
              readonly: false,
              hidden: false,
              value: { choices: ['Positive'] },
            },
          ],
        },
      ],
      predictions: [
        {
          result: [
            {
              from_name: 'sentiment_class',
              to_name: 'message',
              type: 'choices',
              readonly: false,
              hidden: false,
              value: { choices: ['Neutral'] },
            },
          ],
          score: 0.95,
        },
      ],
    };
    roundTrip(config, example);
    const task = labelStudioTaskToTask(example, parseLabelStudioConfig(config));
    expect(task.annotations?.[0]?.regions).toEqual([
      {
        id: 'sentiment_class-0',
        control: 'sentiment_class',
        type: 'choice',
        value: { choices: ['Positive'] },
      },
    ]);
    expect(task.predictions?.[0]).toMatchObject({
      model: 'label-studio',
      model_version: 'unknown',
      score: 0.95,
    });
  });

  it('choices and rectangles with image size: "Import pre-annotated data" (https://labelstud.io/guide/predictions)', () => {
    const config = `<View>
      <Choices name="choice" toName="image" showInLine="true">
        <Choice value="Boeing" background="blue"/><Choice value="Airbus" background="green"/>
      </Choices>
      <RectangleLabels name="label" toName="image">
        <Label value="Airplane" background="green"/><Label value="Car" background="blue"/>
      </RectangleLabels>
      <Image name="image" value="$image"/>
    </View>`;
    const example = {
      data: { image: 'http://localhost:8080/static/samples/sample.jpg' },
      predictions: [
        {
          result: [
            {
              id: 'result1',
              type: 'rectanglelabels',
              from_name: 'label',
              to_name: 'image',
              original_width: 600,
              original_height: 403,
              image_rotation: 0,
              value: {
                rotation: 0,
                x: 4.98,
                y: 12.82,
                width: 32.52,
                height: 44.91,
                rectanglelabels: ['Airplane'],
              },
            },
            {
              id: 'result2',
              type: 'rectanglelabels',
              from_name: 'label',
              to_name: 'image',
              original_width: 600,
              original_height: 403,
              image_rotation: 0,
              value: {
                rotation: 0,
                x: 75.47,
                y: 82.33,
                width: 5.74,
                height: 7.4,
                rectanglelabels: ['Car'],
              },
            },
            {
              id: 'result3',
              type: 'choices',
              from_name: 'choice',
              to_name: 'image',
              value: { choices: ['Airbus'] },
            },
          ],
        },
      ],
    };
    roundTrip(config, example);
    const task = labelStudioTaskToTask(example, parseLabelStudioConfig(config));
    expect(task.meta).toMatchObject({ width: 600, height: 403 });
    const box = task.predictions?.[0]?.regions[0];
    expect(box?.type === 'bbox' && [box.value.x, box.value.width]).toEqual([
      expect.closeTo(29.88, 9),
      expect.closeTo(195.12, 9),
    ]);
  });

  it('text span: the Text tag "Example JSON" (https://labelstud.io/tags/text)', () => {
    const config = `<View>
      <Text name="text-1" value="$text" granularity="word" highlightColor="#ff0000"/>
      <Labels name="ner" toName="text-1"><Label value="Person"/><Label value="Location"/><Label value="Car"/></Labels>
    </View>`;
    const text = 'A Car parked outside. '.repeat(4);
    const example = {
      data: { text },
      annotations: [
        {
          result: [
            {
              id: 'span1',
              from_name: 'ner',
              to_name: 'text-1',
              type: 'labels',
              value: { start: 2, end: 81, labels: ['Car'] },
            },
          ],
        },
      ],
    };
    roundTrip(config, example);
  });

  it('relation: "How Label Studio saves results in annotations" (https://labelstud.io/guide/task_format)', () => {
    const config = `<View>
      <Image name="image" value="$image"/>
      <RectangleLabels name="kind" toName="image"><Label value="Car"/><Label value="Airplaine"/></RectangleLabels>
      <Relations><Relation value="similar"/></Relations>
    </View>`;
    const box = (id: string, x: number, label: string): LsResult => ({
      id,
      from_name: 'kind',
      to_name: 'image',
      type: 'rectanglelabels',
      original_width: 800,
      original_height: 600,
      value: { x, y: 10, width: 20, height: 30, rotation: 0, rectanglelabels: [label] },
    });
    // The documentation elides the boxes ("// ...") and its relation names "oid66" while the
    // box is "oid67" (a typo); the boxes are filled in and the relation points at oid67.
    const relation = {
      type: 'relation',
      to_id: 'RQbW3Sj_Zr',
      from_id: 'oid67',
      direction: 'right',
      labels: ['similar'],
      notes: 'Optional free text notes about this relationship',
    };
    const example = {
      data: { image: 'https://example.com/1.jpg' },
      annotations: [
        { result: [box('oid67', 5, 'Car'), box('RQbW3Sj_Zr', 50, 'Airplaine'), relation] },
      ],
    };
    roundTrip(config, example);
    const task = labelStudioTaskToTask(example, parseLabelStudioConfig(config));
    expect(task.annotations?.[0]?.regions[2]).toEqual({
      id: 'oid67>RQbW3Sj_Zr',
      control: 'relations',
      type: 'relation',
      value: { from: 'oid67', to: 'RQbW3Sj_Zr', labels: ['similar'], direction: 'right' },
    });
    const typo = {
      ...example,
      annotations: [
        {
          result: [
            box('oid67', 5, 'Car'),
            box('RQbW3Sj_Zr', 50, 'Airplaine'),
            { ...relation, from_id: 'oid66' },
          ],
        },
      ],
    };
    expect(() => labelStudioTaskToTask(typo, parseLabelStudioConfig(config))).toThrow(
      /annotations\[0\]\.result\[2\]: relation from_id "oid66" is not a region of this annotation/,
    );
  });
});
