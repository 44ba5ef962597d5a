import type { LabelingSchema, Region } from '@tessera/core/format';
import {
  regionId,
  taskText,
  TextClassifier,
  TextClassifierAdapter,
  type AdapterExample,
  type AdapterTask,
  type Tokenize,
} from '@tessera/core/learn';
import type { TextClassifierSettings } from '../model-settings.ts';
import type { MlAdapter, MlPrediction } from '../types.ts';
import { jiebaTokenize } from './jieba-tokenize.ts';

interface SavedText {
  kind: 'text-classifier';
  tokenizer: 'jieba' | 'default';
  classifier: unknown;
}

/**
 * The online text classifier of `@tessera/core/learn` as a server model. Training and
 * validation go through core's {@link TextClassifierAdapter}; prediction featurises each text
 * once and keeps the probabilities and feature vector, which active learning needs
 * (uncertainty and the diversity term) and would otherwise compute a second time.
 *
 * @example
 * const a = OnlineTextAdapter.load(schema, 'sentiment', settings, row.state);
 * await a.fit(examples);
 * const [p] = await a.predict([{ id: 1, data: { text: 'great' } }]); // p.probs, p.vector
 */
export class OnlineTextAdapter implements MlAdapter {
  readonly inProcess = true;
  readonly controls: string[];
  private readonly inner: TextClassifierAdapter;
  private readonly field: string;

  private constructor(
    readonly name: string,
    schema: LabelingSchema,
    control: string,
    private readonly tokenizer: 'jieba' | 'default',
    classifier?: TextClassifier,
  ) {
    const tokenize: Tokenize | undefined = tokenizer === 'jieba' ? jiebaTokenize : undefined;
    this.inner = new TextClassifierAdapter(schema, control, {
      name,
      ...(classifier ? { classifier } : tokenize ? { tokenize } : {}),
    });
    this.controls = this.inner.controls;
    const c = schema.controls.find((x) => x.name === control)!;
    this.field = 'field' in c ? c.field : '';
  }

  /** Builds the adapter, restoring saved state when there is some. */
  static load(
    name: string,
    schema: LabelingSchema,
    control: string,
    settings: TextClassifierSettings,
    state: string | null,
  ): OnlineTextAdapter {
    if (!state) return new OnlineTextAdapter(name, schema, control, settings.tokenizer);
    const saved = JSON.parse(state) as SavedText;
    const tokenize = saved.tokenizer === 'jieba' ? jiebaTokenize : undefined;
    const clf = TextClassifier.fromJSON(saved.classifier, tokenize ? { tokenize } : {});
    return new OnlineTextAdapter(name, schema, control, saved.tokenizer, clf);
  }

  get version(): string {
    return this.inner.version;
  }

  /** The classifier (for evaluation and benchmarks). */
  get classifier(): TextClassifier {
    return this.inner.classifier;
  }

  async predict(tasks: readonly AdapterTask[]): Promise<MlPrediction[]> {
    const clf = this.inner.classifier;
    const control = this.controls[0]!;
    return tasks.map((task, i) => {
      const text = taskText(task, this.field, `tasks[${i}]`);
      if (clf.examplesSeen === 0) return { task_id: task.id, regions: [], score: 0 };
      const vector = clf.featurize(text);
      const probs = clf.predictProbaVector(vector);
      let best = 0;
      for (let k = 1; k < probs.length; k++) if (probs[k]! > probs[best]!) best = k;
      const score = probs[best]!;
      const region: Region = {
        id: regionId(control, 0),
        control,
        type: 'choice',
        value: { choices: [clf.labels[best]!] },
        score,
      };
      return { task_id: task.id, regions: [region], score, probs, vector };
    });
  }

  async fit(examples: readonly AdapterExample[]): Promise<void> {
    await this.inner.fit(examples);
  }

  saveState(): string {
    const saved: SavedText = {
      kind: 'text-classifier',
      tokenizer: this.tokenizer,
      classifier: this.inner.classifier.toJSON(),
    };
    return JSON.stringify(saved);
  }
}
