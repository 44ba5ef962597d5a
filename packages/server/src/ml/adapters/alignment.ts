import type { LabelingSchema, Region } from '@tessera/core/format';
import {
  regionId,
  TextClassifier,
  type AdapterExample,
  type AdapterTask,
  type Tokenize,
} from '@tessera/core/learn';
import type { AlignmentSettings } from '../model-settings.ts';
import type { MlAdapter, MlPrediction } from '../types.ts';
import { captionConcepts, labelConcept } from './alignment-lexicon.ts';

/** Box labels per task id (as a string), from annotations or a detector's predictions. */
export type ObjectsLookup = (
  taskIds: readonly (string | number)[],
) => Promise<Map<string, string[]>>;

/** Below this many human decisions the dictionary overlap alone gives the score. */
const MIN_TRAINED = 10;
const spaceTokenize: Tokenize = (t) => t.split(' ').filter(Boolean);

/**
 * The features of one caption/image pair, and the dictionary score: the share of the
 * caption's object nouns that some box shows (0.5 when the caption names none).
 *
 * @example
 * alignmentFeatures('a dog on a sofa', ['dog', 'couch']).overlap; // 1
 */
export function alignmentFeatures(caption: string, boxLabels: readonly string[]) {
  const C = captionConcepts(caption);
  const O = new Set(boxLabels.map(labelConcept));
  const both = [...C].filter((c) => O.has(c));
  const capOnly = [...C].filter((c) => !O.has(c));
  const objOnly = [...O].filter((o) => !C.has(o));
  const overlap = C.size === 0 ? 0.5 : both.length / C.size;
  const key = (s: string) => s.replace(/\s+/g, '_');
  const tokens = [
    ...both.map((c) => `both:${key(c)}`),
    ...capOnly.map((c) => `caponly:${key(c)}`),
    ...objOnly.map((c) => `objonly:${key(c)}`),
    `nboth:${Math.min(both.length, 3)}`,
    `ncaponly:${Math.min(capOnly.length, 3)}`,
    `nobjonly:${Math.min(objOnly.length, 3)}`,
    `overlap:${Math.round(overlap * 4)}`,
    C.size === 0 ? 'caption:no_objects' : 'caption:objects',
    O.size === 0 ? 'image:no_boxes' : 'image:boxes',
  ];
  return { overlap, text: tokens.join(' ') };
}

/**
 * A text–image alignment score for caption/image pairs behind the model interface: the
 * overlap between the objects boxed in the image (a bbox control's labels, from annotations or
 * a detector's predictions) and the nouns of the caption (a small zh/en dictionary), refined
 * by a {@link TextClassifier} over the joined features once people have accepted or rejected
 * enough pairs (the labels of a two-label choices control). It predicts that control. A real
 * CLIP-style model served externally replaces it by registering an `ls-ml-backend` model that
 * answers the same control.
 *
 * @example
 * const a = AlignmentAdapter.load('align', schema, 'alignment', settings, null, lookup);
 * const [p] = await a.predict([{ id: 7, data: { image: '…', caption: 'a cup of coffee' } }]);
 */
export class AlignmentAdapter implements MlAdapter {
  readonly inProcess = true;
  readonly controls: string[];
  readonly classifier: TextClassifier;

  private constructor(
    readonly name: string,
    control: string,
    private readonly settings: AlignmentSettings,
    classifier: TextClassifier,
    private readonly lookup: ObjectsLookup,
  ) {
    this.controls = [control];
    this.classifier = classifier;
  }

  /** Builds the adapter, checking the controls and restoring saved state when there is some. */
  static load(
    name: string,
    schema: LabelingSchema,
    control: string,
    settings: AlignmentSettings,
    state: string | null,
    lookup: ObjectsLookup,
  ): AlignmentAdapter {
    const c = schema.controls.find((x) => x.name === control);
    if (!c || c.type !== 'choices')
      throw new Error(`control "${control}" must be a choices control`);
    const labels = (c.labels ?? []).map((l) => l.value);
    if (labels.length !== 2 || !labels.includes(settings.match_label))
      throw new Error(
        `control "${control}" needs exactly two labels, one of them settings.match_label ("${settings.match_label}")`,
      );
    const boxes = schema.controls.find((x) => x.name === settings.objects_control);
    if (!boxes || boxes.type !== 'bbox')
      throw new Error(
        `settings.objects_control: "${settings.objects_control}" is not a bbox control`,
      );
    const caption = schema.fields.find((f) => f.name === settings.caption_field);
    if (!caption || caption.type !== 'text')
      throw new Error(`settings.caption_field: "${settings.caption_field}" is not a text field`);
    const clf = state
      ? TextClassifier.fromJSON(JSON.parse(state), { tokenize: spaceTokenize })
      : new TextClassifier({
          labels,
          tokenize: spaceTokenize,
          charNgrams: false,
          buckets: 2 ** 14,
        });
    return new AlignmentAdapter(name, control, settings, clf, lookup);
  }

  get version(): string {
    return `dict+${this.classifier.generation}`;
  }

  private caption(task: AdapterTask, where: string): string {
    const v = task.data[this.settings.caption_field];
    if (typeof v !== 'string')
      throw new Error(`${where}.data.${this.settings.caption_field}: expected the caption text`);
    return v;
  }

  async predict(tasks: readonly AdapterTask[]): Promise<MlPrediction[]> {
    const objects = await this.lookup(tasks.map((t) => t.id));
    const labels = this.classifier.labels;
    const m = labels.indexOf(this.settings.match_label);
    const trained = this.classifier.examplesSeen >= MIN_TRAINED;
    return tasks.map((t, i) => {
      const f = alignmentFeatures(this.caption(t, `tasks[${i}]`), objects.get(String(t.id)) ?? []);
      let probs: number[];
      if (trained) probs = Array.from(this.classifier.predictProba(f.text));
      else {
        const pm = 0.05 + 0.9 * f.overlap;
        probs = m === 0 ? [pm, 1 - pm] : [1 - pm, pm];
      }
      const best = probs[0]! >= probs[1]! ? 0 : 1;
      const region: Region = {
        id: regionId(this.controls[0]!, 0),
        control: this.controls[0]!,
        type: 'choice',
        value: { choices: [labels[best]!] },
        score: probs[best]!,
      };
      return { task_id: t.id, regions: [region], score: probs[best]!, probs };
    });
  }

  /** Learns from people's accept/reject decisions: the accepted label of the choices control. */
  async fit(examples: readonly AdapterExample[]): Promise<void> {
    const objects = await this.lookup(examples.map((e) => e.task.id));
    const data = examples.flatMap((ex, i) => {
      const r = ex.regions.find((x) => x.control === this.controls[0] && x.type === 'choice');
      if (!r || r.type !== 'choice') return [];
      const f = alignmentFeatures(
        this.caption(ex.task, `examples[${i}].task`),
        objects.get(String(ex.task.id)) ?? [],
      );
      return [{ text: f.text, label: r.value.choices[0]! }];
    });
    if (data.length > 0) this.classifier.fit(data);
  }

  saveState(): string {
    return JSON.stringify(this.classifier.toJSON());
  }
}
