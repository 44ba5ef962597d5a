import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Region, Task } from '../../format/index.ts';
import type { Loss } from '../errors.ts';
import { arbSize } from '../test-arbitraries.ts';
import { jsonDiff } from '../test-util.ts';
import { taskToVocXml, vocXmlToTask } from './voc.ts';

/** In the style of VOC2012 Annotations/2007_000027.xml (a person with part boxes). */
const VOC = `<annotation>
	<folder>VOC2012</folder>
	<filename>2007_000027.jpg</filename>
	<source>
		<database>The VOC2007 Database</database>
		<annotation>PASCAL VOC2007</annotation>
		<image>flickr</image>
	</source>
	<size>
		<width>486</width>
		<height>500</height>
		<depth>3</depth>
	</size>
	<segmented>0</segmented>
	<object>
		<name>person</name>
		<pose>Unspecified</pose>
		<truncated>0</truncated>
		<difficult>0</difficult>
		<bndbox>
			<xmin>174</xmin>
			<ymin>101</ymin>
			<xmax>349</xmax>
			<ymax>351</ymax>
		</bndbox>
		<part>
			<name>head</name>
			<bndbox><xmin>169</xmin><ymin>104</ymin><xmax>209</xmax><ymax>146</ymax></bndbox>
		</part>
	</object>
</annotation>`;

describe('Pascal VOC', () => {
  it('reads a VOC2012-style file (1-based pixel indexes to 0-based edges)', () => {
    const losses: Loss[] = [];
    const task = vocXmlToTask(VOC, { source: '2007_000027.xml', onLoss: (l) => losses.push(l) });
    expect(task).toEqual({
      data: { image: '2007_000027.jpg' },
      meta: {
        width: 486,
        height: 500,
        voc: { folder: 'VOC2012', database: 'The VOC2007 Database' },
      },
      annotations: [
        {
          regions: [
            {
              id: '1',
              control: 'bbox',
              type: 'bbox',
              value: { x: 173, y: 100, width: 176, height: 251, labels: ['person'] },
            },
          ],
        },
      ],
    });
    expect(losses.map((l) => `line ${l.where.line}: ${l.what}`)).toEqual([
      'line 26: <part> in <object> is not kept',
    ]);
  });

  it('writes it back with the same boxes and header', () => {
    const xml = taskToVocXml(vocXmlToTask(VOC));
    expect(xml).toContain('<folder>VOC2012</folder>');
    expect(xml).toContain(
      '<xmin>174</xmin>\n      <ymin>101</ymin>\n      <xmax>349</xmax>\n      <ymax>351</ymax>',
    );
    expect(xml).toContain('<database>The VOC2007 Database</database>');
    expect(xml).not.toContain('<path>');
  });

  it('keeps attributes and escapes names', () => {
    const task: Task = {
      data: { image: 'imgs/a&b.jpg' },
      meta: { width: 10, height: 10 },
      annotations: [
        {
          regions: [
            {
              id: '1',
              control: 'bbox',
              type: 'bbox',
              value: { x: 0, y: 0, width: 2, height: 3, labels: ['<dog>'] },
              attributes: { pose: 'Left', difficult: true, occluded: true },
            },
          ],
        },
      ],
    };
    const xml = taskToVocXml(task);
    expect(xml).toContain('<name>&lt;dog&gt;</name>');
    expect(xml).toContain('<path>imgs/a&amp;b.jpg</path>');
    expect(vocXmlToTask(xml)).toEqual(task);
  });

  it('names the line of what is wrong', () => {
    expect(() =>
      vocXmlToTask('<annotation><filename>a</filename></annotation>', { source: 'a.xml' }),
    ).toThrow('a.xml line 1: <annotation> needs a <size>');
    expect(() =>
      vocXmlToTask(
        '<annotation>\n<filename>a</filename><size><width>0</width><height>0</height></size></annotation>',
      ),
    ).toThrow(/line 2: image size 0×0 is not positive/);
    const bad = VOC.replace('<xmax>349</xmax>', '<xmax>oops</xmax>');
    expect(() => vocXmlToTask(bad)).toThrow(/line 23: <bndbox> needs a numeric <xmax>/);
    expect(() => vocXmlToTask(VOC.replace('<xmax>349</xmax>', '<xmax>100</xmax>'))).toThrow(
      /box 174,101,100,351 has no area/,
    );
  });
});

/*
 * Property: tasks restricted to what VOC holds (docs/formats.md, "Pascal VOC: cannot hold")
 * come back equal: the image in data.image and its size in meta; one annotation with regions
 * only; boxes (no rotation, no score) with exactly one label; region ids "1", "2", ... in
 * order; attributes only pose (not "Unspecified") and truncated/difficult/occluded set to
 * true.
 */
describe('Pascal VOC round trip (property)', () => {
  const arbLabel = fc.stringMatching(/^[A-Za-z<>&"'中][A-Za-z0-9 <>&"'中]{0,10}[A-Za-z0-9<>&中]$/);
  const arbAttrs = fc.record(
    {
      pose: fc.constantFrom('Left', 'Right', 'Frontal'),
      truncated: fc.constant(true),
      difficult: fc.constant(true),
      occluded: fc.constant(true),
    },
    { requiredKeys: [] },
  );
  const arbBox = fc.record({
    x: fc.integer({ min: -5, max: 500 }),
    y: fc.double({ min: 0, max: 500, noNaN: true }),
    width: fc.integer({ min: 1, max: 300 }),
    height: fc.double({ min: 0.5, max: 300, noNaN: true }),
    label: arbLabel,
    attributes: arbAttrs,
  });
  it('write -> read gives the task back', () => {
    fc.assert(
      fc.property(
        arbSize,
        fc.array(arbBox, { maxLength: 5 }),
        fc.stringMatching(/^[a-z0-9_/]{0,8}[a-z0-9]\.jpg$/),
        (size, boxes, image) => {
          const regions = boxes.map(({ label, attributes, ...v }, i): Region => ({
            id: String(i + 1),
            control: 'bbox',
            type: 'bbox',
            value: { ...v, labels: [label] },
            ...(Object.keys(attributes).length ? { attributes } : {}),
          }));
          const task: Task = { data: { image }, meta: { ...size }, annotations: [{ regions }] };
          expect(
            jsonDiff(vocXmlToTask(taskToVocXml(task, { strict: true })), task),
          ).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});
