import type { LabelingSchema, Region } from '../../format/index.ts';
import { LearnInputError } from '../errors.ts';
import { TextClassifier, type TextClassifierOptions } from '../text/text-classifier.ts';
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
 * A {@link TextClassifier} behind the {@link ModelAdapter} interface, predicting one `choice`
 * region for a single-choice `choices` control on a text field. An untrained model predicts
 * no region (score 0) rather than a guess. `update` learns one accepted annotation online;
 * `fit` retrains on all of them.
 *
 * @example
 * ```ts
 * const adapter = new TextClassifierAdapter(schema, 'sentiment');
 * await adapter.fit(accepted);
 * const [p] = await adapter.predict([{ id: 't-1', data: { text: 'Great product!' } }]);
 * p.regions; // [{ id: 'sentiment-1', control: 'sentiment', type: 'choice', value: { choices: ['positive'] }, score: 0.93 }]
 * ```
 */
export class TextClassifierAdapter implements ModelAdapter {
  readonly name: string;
  readonly controls: string[];
  readonly classifier: TextClassifier;
  private readonly field: string;

  constructor(
    schema: LabelingSchema,
    control: string,
    opts: Omit<TextClassifierOptions, 'labels'> & {
      name?: string;
      classifier?: TextClassifier;
    } = {},
  ) {
    const c = textControl(schema, control, 'choices');
    if (c.control.type === 'choices' && c.control.multiple) {
      throw new LearnInputError(
        'bad_control',
        `control "${control}" allows several choices; the text classifier predicts one`,
      );
    }
    this.field = c.field;
    this.controls = [control];
    const { name, classifier, ...clfOpts } = opts;
    this.name = name ?? 'online-text-classifier';
    this.classifier = classifier ?? new TextClassifier({ ...clfOpts, labels: c.labels });
    const same = this.classifier.labels.join('\u0000') === c.labels.join('\u0000');
    if (!same) {
      throw new LearnInputError(
        'bad_control',
        `the classifier's labels (${this.classifier.labels.join(', ')}) are not those of control "${control}" (${c.labels.join(', ')})`,
      );
    }
  }

  /** Changes with every fit and update. */
  get version(): string {
    return String(this.classifier.generation);
  }

  async predict(tasks: readonly AdapterTask[]): Promise<PredictionOut[]> {
    const control = this.controls[0]!;
    return tasks.map((task, i) => {
      const text = taskText(task, this.field, `tasks[${i}]`);
      if (this.classifier.examplesSeen === 0) return { task_id: task.id, regions: [], score: 0 };
      const p = this.classifier.predict(text);
      const region: Region = {
        id: regionId(control, 0),
        control,
        type: 'choice',
        value: { choices: [p.label] },
        score: p.score,
      };
      return { task_id: task.id, regions: [region], score: p.score };
    });
  }

  async fit(examples: readonly AdapterExample[]): Promise<void> {
    this.classifier.fit(this.examples(examples));
  }

  /** Learns one accepted annotation online (ignored if it has no region of this control). */
  update(example: AdapterExample): void {
    for (const ex of this.examples([example])) this.classifier.partialFit(ex);
  }

  private examples(examples: readonly AdapterExample[]) {
    const control = this.controls[0]!;
    return examples.flatMap((ex, i) => {
      const r = ex.regions.find((x) => x.control === control && x.type === 'choice');
      if (!r || r.type !== 'choice') return [];
      const label = r.value.choices[0]!;
      this.classifier.labelIndex(label, `examples[${i}].regions (control "${control}")`);
      return [{ text: taskText(ex.task, this.field, `examples[${i}].task`), label }];
    });
  }
}
