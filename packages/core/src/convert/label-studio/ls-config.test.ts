import { describe, expect, it } from 'vitest';
import { buildImageSchema, buildSchema, parseLabelingSchema } from '../../format/index.ts';
import type { Loss } from '../errors.ts';
import { parseLabelStudioConfig } from './ls-config.ts';
import { schemaToLabelStudioConfig } from './ls-config-write.ts';
import { cssColorToHex } from './ls-config-labels.ts';

/** A realistic multi-purpose config in the style of Label Studio's templates. */
const REALISTIC = `<View>
  <Header value="Label the review"/>
  <Style>.htx-text { white-space: pre-wrap; }</Style>
  <View style="display: flex">
    <Text name="review" value="$text" granularity="word"/>
    <Image name="img" value="$image" zoom="true"/>
  </View>
  <!-- sentiment of the whole review -->
  <Choices name="sentiment" toName="review" choice="single" required="true" showInline="true">
    <Choice value="Positive" hotkey="1" background="green"/>
    <Choice value="Negative" hotkey="2" background="#d62728"/>
    <Choice value="Neutral" hotkey="3" background="#aaa"/>
  </Choices>
  <Choices name="topics" toName="review" choice="multiple">
    <Choice value="Price"/><Choice value="Service"/>
  </Choices>
  <Labels name="ner" toName="review">
    <Label value="PER" hotkey="p" background="rgba(255, 0, 0, 0.6)"/>
    <Label value="ORG" hotkey="o"/>
  </Labels>
  <Relations>
    <Relation value="works_for"/>
  </Relations>
  <RectangleLabels name="objects" toName="img" strokeWidth="3">
    <Label value="Car" hotkey="c"/>
    <Label value="Person" hotkey="shift+p"/>
  </RectangleLabels>
  <PolygonLabels name="areas" toName="img"><Label value="Road"/></PolygonLabels>
  <KeyPointLabels name="points" toName="img"><Label value="Nose"/></KeyPointLabels>
  <Choices name="occluded" toName="img" perRegion="true" choice="single">
    <Choice value="yes"/><Choice value="no"/>
  </Choices>
  <TextArea name="comment" toName="review" rows="3" maxSubmissions="1"/>
  <Rating name="quality" toName="img" maxRating="10" hotkey="ctrl+q"/>
  <Taxonomy name="media" toName="review" leafsOnly="false">
    <Choice value="Online"><Choice value="UGC"/><Choice value="Paywall"/></Choice>
    <Choice value="Offline"/>
  </Taxonomy>
</View>`;

describe('parseLabelStudioConfig', () => {
  it('converts a realistic config into a valid schema with hotkeys, colours, required and perRegion', () => {
    const { schema, mapping } = parseLabelStudioConfig(REALISTIC);
    expect(parseLabelingSchema(schema).ok).toBe(true);
    expect(schema.fields).toEqual([
      { name: 'text', type: 'text' },
      { name: 'image', type: 'image' },
    ]);
    const byName = Object.fromEntries(schema.controls.map((c) => [c.name, c]));
    expect(byName.sentiment).toEqual({
      name: 'sentiment',
      type: 'choices',
      field: 'text',
      required: true,
      labels: [
        { value: 'Positive', hotkey: '1', color: '#008000' },
        { value: 'Negative', hotkey: '2', color: '#d62728' },
        { value: 'Neutral', hotkey: '3', color: '#aaaaaa' },
      ],
    });
    expect(byName.topics).toMatchObject({ type: 'choices', multiple: true });
    expect(byName.ner).toMatchObject({
      type: 'spans',
      field: 'text',
      overlap: true,
      labels: [
        { value: 'PER', hotkey: 'p', color: '#ff0000' },
        { value: 'ORG', hotkey: 'o' },
      ],
    });
    // One <Relations> tag, two fields with regions: one relations control per field.
    expect(byName.relations_text).toEqual({
      name: 'relations_text',
      type: 'relations',
      field: 'text',
      labels: [{ value: 'works_for' }],
    });
    expect(byName.objects).toMatchObject({
      type: 'bbox',
      field: 'image',
      labels: [
        { value: 'Car', hotkey: 'c' },
        { value: 'Person', hotkey: 'shift+p' },
      ],
    });
    expect(byName.objects?.attributes).toEqual([
      { name: 'occluded', type: 'choice', options: ['yes', 'no'] },
    ]);
    expect(byName.areas?.attributes).toEqual([
      { name: 'occluded', type: 'choice', options: ['yes', 'no'] },
    ]);
    expect(byName.quality).toEqual({
      name: 'quality',
      type: 'rating',
      field: 'image',
      max: 10,
      hotkey: 'ctrl+q',
    });
    expect(byName.comment).toEqual({ name: 'comment', type: 'textarea', field: 'text' });
    expect(byName.media?.labels?.map((l) => l.value)).toEqual([
      'Online',
      'Online / UGC',
      'Online / Paywall',
      'Offline',
    ]);
    expect(mapping.controls.find((c) => c.fromName === 'ner')).toMatchObject({
      toName: 'review',
      field: 'text',
      resultType: 'labels',
    });
    expect(mapping.attributes).toEqual([
      {
        fromName: 'occluded',
        toName: 'img',
        field: 'image',
        attribute: 'occluded',
        resultType: 'choices',
        multiple: false,
      },
    ]);
    expect(mapping.relations).toEqual({ text: 'relations_text', image: 'relations_image' });
  });

  it('names an unsupported tag and its position', () => {
    const xml =
      '<View>\n  <Image name="img" value="$image"/>\n  <BrushLabels name="brush" toName="img">\n    <Label value="Sky"/>\n  </BrushLabels>\n</View>';
    expect(() => parseLabelStudioConfig(xml)).toThrow(
      /Label Studio config line 3, column 3: unsupported tag <BrushLabels>/,
    );
    expect(() =>
      parseLabelStudioConfig(
        '<View><Text name="t" value="$t"/><Labels name="l" toName="t"><Label value="A"/><Ellipse/></Labels></View>',
      ),
    ).toThrow(/line 1, column 80: unsupported tag <Ellipse> inside <Labels name="l">/);
  });

  it('reports bad references, hotkeys and values clearly', () => {
    expect(() =>
      parseLabelStudioConfig(
        '<View><Text name="t" value="$t"/><Choices name="c" toName="x"><Choice value="a"/></Choices></View>',
      ),
    ).toThrow(/toName "x" is not an object tag \(object tags: "t"\)/);
    expect(() => parseLabelStudioConfig('<View><Text name="t" value="static"/></View>')).toThrow(
      /value must name a task data field/,
    );
    expect(() =>
      parseLabelStudioConfig(
        '<View><Text name="t" value="$t"/><Choices name="c" toName="t"><Choice value="a" hotkey="ctrl+"/></Choices></View>',
      ),
    ).toThrow(/hotkey "ctrl\+" is not one Tessera supports/);
    expect(() =>
      parseLabelStudioConfig(
        '<View><Image name="i" value="$i"/><Labels name="l" toName="i"><Label value="a"/></Labels></View>',
      ),
    ).toThrow(/cannot label <Image> "i"/);
    expect(() => parseLabelStudioConfig('<Tasks/>')).toThrow(/must start with <View>/);
    expect(() =>
      parseLabelStudioConfig(
        '<View><Text name="t" value="$t"/><Choices name="c" toName="t"><Choice value="a" hotkey="1"/><Choice value="b" hotkey="1"/></Choices></View>',
      ),
    ).toThrow(
      /line 1, column 34 <Choices name="c">: controls\[0\]\.labels\[1\]\.hotkey: hotkey "1" is already used/,
    );
  });

  it('reports colours it cannot read as losses', () => {
    const losses: Loss[] = [];
    parseLabelStudioConfig(
      '<View><Text name="t" value="$t"/><Choices name="c" toName="t"><Choice value="a" background="hsl(1,2%,3%)"/></Choices></View>',
      { onLoss: (l) => losses.push(l) },
    );
    expect(losses).toHaveLength(1);
    expect(losses[0]?.what).toMatch(/colour "hsl/);
  });

  it('adds no relations control when implicitRelations is false', () => {
    const { schema } = parseLabelStudioConfig(
      '<View><Text name="t" value="$t"/><Labels name="l" toName="t"><Label value="A"/></Labels></View>',
      { implicitRelations: false },
    );
    expect(schema.controls.map((c) => c.type)).toEqual(['spans']);
  });

  it('reads Pairwise, Ranker with List, Audio labels and Number per region', () => {
    const { schema, mapping } = parseLabelStudioConfig(`<View>
      <Text name="a" value="$a"/><Text name="b" value="$b"/>
      <Pairwise name="pw" toName="a,b"/>
      <List name="results" value="$items" title="Results"/>
      <Ranker name="rank" toName="results"/>
      <Audio name="audio" value="$audio"/>
      <Labels name="speech" toName="audio"><Label value="Speech"/></Labels>
      <Number name="loudness" toName="audio" perRegion="true"/>
    </View>`);
    expect(schema.controls.find((c) => c.name === 'pw')).toEqual({
      name: 'pw',
      type: 'pairwise',
      field: 'a',
    });
    expect(mapping.controls.find((c) => c.fromName === 'pw')?.toName).toBe('a,b');
    expect(schema.fields.find((f) => f.name === 'items')?.type).toBe('responses');
    expect(schema.controls.find((c) => c.name === 'speech')).toMatchObject({
      type: 'segment',
      attributes: [{ name: 'loudness', type: 'number' }],
    });
  });
});

describe('schemaToLabelStudioConfig', () => {
  it('writes a config that reads back to the same schema', () => {
    const schema = buildSchema();
    const text = schemaToLabelStudioConfig(schema);
    const back = parseLabelStudioConfig(text).schema;
    const spans = schema.controls.map((c) => (c.type === 'spans' ? { ...c, overlap: true } : c));
    expect(back).toEqual({ ...schema, controls: spans });
  });

  it('writes image controls with per-region attributes', () => {
    const schema = buildImageSchema({
      controls: [
        {
          name: 'objects',
          type: 'bbox',
          field: 'image',
          labels: [{ value: 'car', color: '#ff0000', hotkey: 'c' }],
          attributes: [{ name: 'kind', type: 'multichoice', options: ['a', 'b'], required: true }],
        },
      ],
    });
    const back = parseLabelStudioConfig(schemaToLabelStudioConfig(schema), {
      implicitRelations: false,
    }).schema;
    expect(back).toEqual(schema);
  });
});

describe('cssColorToHex', () => {
  it('reads hex, rgb() and names', () => {
    expect(cssColorToHex('#F80')).toBe('#ff8800');
    expect(cssColorToHex('#12345678')).toBe('#123456');
    expect(cssColorToHex('rgb(0, 128, 255)')).toBe('#0080ff');
    expect(cssColorToHex('Orange')).toBe('#ffa500');
    expect(cssColorToHex('nope')).toBeUndefined();
  });
});
