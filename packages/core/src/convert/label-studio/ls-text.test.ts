import { describe, expect, it } from 'vitest';
import type { Loss } from '../errors.ts';
import { parseLabelStudioConfig } from './ls-config.ts';
import { taskToLabelStudioTask } from './ls-export.ts';
import { labelStudioTaskToTask } from './ls-import.ts';
import { spanFromLs, spanToLs } from './ls-text.ts';

/*
 * Data and expected offsets from Label Studio's own editor test "NER - Emoji - Text"
 * (HumanSignal/label-studio, web/libs/editor/tests/integration/data/ner/emoji.ts and the
 * e2e test using it): labeling "test" gives start 21, end 25 (code points) for Text, and
 * globalOffsets 23..27 (code points) with startOffset 13 (UTF-16, within the <p>) for
 * HyperText.
 */
const TEXT = '🐱 Warning: This is a test text';
const HTML = '<article><h2>🐱 Warning:</h2> <p>🐱 This is a test text</p></article>';

const config = parseLabelStudioConfig(`<View>
  <Text name="text" value="$text"/>
  <HyperText name="html" value="$html"/>
  <Labels name="tag" toName="text"><Label value="region" background="green"/></Labels>
  <HyperTextLabels name="htag" toName="html"><Label value="region"/></HyperTextLabels>
</View>`);

describe('Label Studio text offsets', () => {
  it('reads current Label Studio offsets as code points', () => {
    const task = labelStudioTaskToTask(
      {
        data: { text: TEXT, html: HTML },
        annotations: [
          {
            result: [
              {
                id: 'a',
                from_name: 'tag',
                to_name: 'text',
                type: 'labels',
                value: { start: 21, end: 25, text: 'test', labels: ['region'] },
              },
            ],
          },
        ],
      },
      config,
    );
    expect(task.annotations?.[0]?.regions[0]?.value).toEqual({
      start: 21,
      end: 25,
      text: 'test',
      labels: ['region'],
    });
  });

  it('detects and converts UTF-16 offsets of old exports (auto), or on request', () => {
    expect(spanFromLs(22, 26, 'test', TEXT, 'auto', {}, {})).toEqual({
      start: 21,
      end: 25,
      text: 'test',
    });
    expect(spanFromLs(22, 26, undefined, TEXT, 'utf16', {}, {})).toEqual({ start: 21, end: 25 });
    expect(spanFromLs(22, 26, 'test', TEXT, 'code-points', {}, { strict: false })).toEqual({
      start: 22,
      end: 26,
    });
    expect(spanToLs(21, 25, TEXT, 'utf16')).toEqual({ start: 22, end: 26 });
    expect(spanToLs(21, 25, TEXT, 'code-points')).toEqual({ start: 21, end: 25 });
  });

  it("reads Label Studio's backslash-n in span text as a newline", () => {
    const text = '🐱 Warning:\n🐱 This is a test text';
    expect(spanFromLs(2, 27, 'Warning:\\n🐱 This is a test', text, 'auto', {}, {})).toEqual({
      start: 2,
      end: 27,
      text: 'Warning:\n🐱 This is a test',
    });
  });

  it('drops span text that matches neither reading, and says so', () => {
    const losses: Loss[] = [];
    expect(
      spanFromLs(0, 4, 'nope', TEXT, 'auto', { id: 'x' }, { onLoss: (l) => losses.push(l) }),
    ).toEqual({ start: 0, end: 4 });
    expect(losses[0]?.what).toMatch(/does not match the task text at 0..4/);
    expect(() => spanFromLs(0, 4, 'nope', TEXT, 'auto', { id: 'x' }, { strict: true })).toThrow(
      /id "x": span text "nope"/,
    );
  });

  it('keeps HyperText globalOffsets (code points) and its xpaths through a round trip', () => {
    const value = {
      start: '/article[1]/p[1]/text()[1]',
      end: '/article[1]/p[1]/text()[1]',
      text: 'test',
      globalOffsets: { start: 23, end: 27 },
      startOffset: 13,
      endOffset: 17,
      hypertextlabels: ['region'],
    };
    const ls = {
      data: { text: TEXT, html: HTML },
      annotations: [
        {
          result: [{ id: 'h', from_name: 'htag', to_name: 'html', type: 'hypertextlabels', value }],
        },
      ],
    };
    const task = labelStudioTaskToTask(ls, config);
    const region = task.annotations?.[0]?.regions[0];
    expect(region).toEqual({
      id: 'h',
      control: 'htag',
      type: 'span',
      value: { start: 23, end: 27, text: 'test', labels: ['region'] },
    });
    expect(taskToLabelStudioTask(task, config)).toEqual(ls);
    // An edited span keeps its new offsets and drops the stale xpaths.
    if (region?.type === 'span') region.value = { start: 24, end: 27, labels: ['region'] };
    const edited = taskToLabelStudioTask(task, config).annotations?.[0]?.result[0]?.value;
    expect(edited).toEqual({ globalOffsets: { start: 24, end: 27 }, hypertextlabels: ['region'] });
  });
});
