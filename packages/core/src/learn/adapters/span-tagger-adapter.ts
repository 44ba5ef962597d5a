import type { LabelingSchema, Region } from '../../format/index.ts';
import { LearnInputError } from '../errors.ts';
import { combineSpans } from '../spans/combine-spans.ts';
import { Gazetteer } from '../spans/gazetteer.ts';
import { SpanTagger, type SpanExample, type SpanTaggerOptions } from '../spans/span-tagger.ts';
import {
  regionId,
  taskText,
  textControl,
  type AdapterExample,
  type AdapterTask,
  type ModelAdapter,
  type PredictionOut,
} from './model-adapter.ts';

/**
 * Options of a {@link SpanTaggerAdapter}.
 *
 * @example
 * ```ts
 * const o: SpanTaggerAdapterOptions = { gazetteer: true, epochs: 5 };
 * ```
 */
export type SpanTaggerAdapterOptions = Omit<SpanTaggerOptions, 'labels'> & {
  name?: string;
  /** Add gazetteer matches where the tagger found nothing (default true). */
  gazetteer?: boolean;
};

/**
 * A {@link SpanTagger} (plus a {@link Gazetteer} of accepted spans, filling in where the tagger
 * found nothing) behind the {@link ModelAdapter} interface, predicting `span` regions for a
 * `spans` control on a text field. Offsets are code points and each region carries its text,
 * so the regions pass `validateRegions`. The prediction's score is the tagging confidence
 * (the least sure character, see `SpanTagger.analyze`) and no higher than any span's score.
 *
 * @example
 * ```ts
 * const adapter = new SpanTaggerAdapter(schema, 'entities');
 * await adapter.fit(accepted);
 * const [p] = await adapter.predict([{ id: 1, data: { text: '王小明在北京工作' } }]);
 * ```
 */
export class SpanTaggerAdapter implements ModelAdapter {
  readonly name: string;
  readonly controls: string[];
  readonly tagger: SpanTagger;
  gazetteer: Gazetteer | undefined;
  private readonly field: string;

  constructor(schema: LabelingSchema, control: string, opts: SpanTaggerAdapterOptions = {}) {
    const c = textControl(schema, control, 'spans');
    if (c.labels.length === 0) {
      throw new LearnInputError('bad_control', `control "${control}" has no labels to tag with`);
    }
    this.field = c.field;
    this.controls = [control];
    this.name = opts.name ?? 'online-span-tagger';
    const { gazetteer = true, name: _name, ...taggerOpts } = opts;
    this.tagger = new SpanTagger({ ...taggerOpts, labels: c.labels });
    this.gazetteer = gazetteer ? new Gazetteer() : undefined;
  }

  /** Changes with every fit and update. */
  get version(): string {
    return String(this.tagger.generation);
  }

  async predict(tasks: readonly AdapterTask[]): Promise<PredictionOut[]> {
    const control = this.controls[0]!;
    return tasks.map((task, i) => {
      const text = taskText(task, this.field, `tasks[${i}]`);
      if (this.tagger.examplesSeen === 0) return { task_id: task.id, regions: [], score: 0 };
      const { spans: tagged, confidence } = this.tagger.analyze(text);
      const spans = this.gazetteer ? combineSpans(tagged, this.gazetteer.match(text)) : tagged;
      const regions: Region[] = spans.map((s, k) => ({
        id: regionId(control, k),
        control,
        type: 'span',
        value: { start: s.start, end: s.end, labels: [s.label], text: s.text },
        score: s.score,
      }));
      const score = spans.reduce((m, s) => Math.min(m, s.score), confidence);
      return { task_id: task.id, regions, score };
    });
  }

  async fit(examples: readonly AdapterExample[]): Promise<void> {
    const data = this.examples(examples);
    this.tagger.fit(data);
    if (this.gazetteer) {
      this.gazetteer = new Gazetteer(this.gazetteer.options);
      this.gazetteer.addExamples(data);
    }
  }

  /** Learns one accepted annotation online. */
  update(example: AdapterExample): void {
    for (const ex of this.examples([example])) {
      this.tagger.partialFit(ex);
      this.gazetteer?.addExamples([ex]);
    }
  }

  /** Accepted annotations as span examples; a task with no region of this control has none. */
  private examples(examples: readonly AdapterExample[]): SpanExample[] {
    const control = this.controls[0]!;
    return examples.map((ex, i) => ({
      text: taskText(ex.task, this.field, `examples[${i}].task`),
      spans: ex.regions.flatMap((r) =>
        r.control === control && r.type === 'span'
          ? r.value.labels.map((label) => ({ start: r.value.start, end: r.value.end, label }))
          : [],
      ),
    }));
  }
}
