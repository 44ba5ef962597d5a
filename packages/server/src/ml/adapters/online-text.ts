import type { LabelingSchema, Region } from '@tessera/core/format';
import {
  regionId,
  taskText,
  TextClassifier,
  TextClassifierAdapter,
  type AdapterExample,
  type AdapterTask,
  type SparseVector,
  type Tokenize,
} from '@tessera/core/learn';
import type { TextClassifierSettings } from '../model-settings.ts';
import type { FeatureCache } from '../feature-cache.ts';
import type { MlAdapter, MlPrediction } from '../types.ts';
import { jiebaTokenize } from './jieba-tokenize.ts';

interface SavedText {
  kind: 'text-classifier';
  tokenizer: 'jieba' | 'default';
  classifier: unknown;
}

/** Gives the feature cache for a featurizer signature (see FeatureCache). */
export type FeatureCacheProvider = (signature: string) => FeatureCache;

/**
 * The online text classifier of `@tessera/core/learn` as a server model. Training and
 * validation go through core's {@link TextClassifierAdapter}; prediction featurises each text
 * once and keeps the probabilities and feature vector, which active learning needs
 * (uncertainty and the diversity term) and would otherwise compute a second time. With a
 * feature cache (the registry keeps one per model), texts already featurised by a pre-label
 * job or an earlier retrain are not tokenised again: `fit` then trains on cached vectors.
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
  private readonly cache: FeatureCache | undefined;

  private constructor(
    readonly name: string,
    schema: LabelingSchema,
    control: string,
    private readonly tokenizer: 'jieba' | 'default',
    classifier?: TextClassifier,
    features?: FeatureCacheProvider,
  ) {
    const tokenize: Tokenize | undefined = tokenizer === 'jieba' ? jiebaTokenize : undefined;
    this.inner = new TextClassifierAdapter(schema, control, {
      name,
      ...(classifier ? { classifier } : tokenize ? { tokenize } : {}),
    });
    this.controls = this.inner.controls;
    const c = schema.controls.find((x) => x.name === control)!;
    this.field = 'field' in c ? c.field : '';
    const signature = `${tokenizer}|${JSON.stringify(this.inner.classifier.featurizer.config)}`;
    this.cache = features?.(signature);
  }

  /** Builds the adapter, restoring saved state when there is some. */
  static load(
    name: string,
    schema: LabelingSchema,
    control: string,
    settings: TextClassifierSettings,
    state: string | null,
    features?: FeatureCacheProvider,
  ): OnlineTextAdapter {
    if (!state)
      return new OnlineTextAdapter(name, schema, control, settings.tokenizer, undefined, features);
    const saved = JSON.parse(state) as SavedText;
    const tokenize = saved.tokenizer === 'jieba' ? jiebaTokenize : undefined;
    const clf = TextClassifier.fromJSON(saved.classifier, tokenize ? { tokenize } : {});
    return new OnlineTextAdapter(name, schema, control, saved.tokenizer, clf, features);
  }

  get version(): string {
    return this.inner.version;
  }

  /**
   * Continues the version numbering of a model whose saved state was not restored (a retrain
   * from scratch): the next `fit` makes version `version + 1`, as if the state had been loaded.
   */
  continueVersion(version: string): void {
    const g = Number(version);
    const clf = this.inner.classifier;
    if (Number.isSafeInteger(g) && g > clf.generation) clf.generation = g;
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
      const vector = this.featurize(task.id, text);
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

  /**
   * Retrains from scratch. Same checks as core's adapter (an example without a region of the
   * control is skipped; an unknown label or a missing text is a LearnInputError naming the
   * example), but the vectors come from the feature cache when there is one.
   */
  async fit(examples: readonly AdapterExample[]): Promise<void> {
    if (!this.cache) return this.inner.fit(examples);
    const clf = this.inner.classifier;
    const control = this.controls[0]!;
    const xs: SparseVector[] = [];
    const ys: number[] = [];
    examples.forEach((ex, i) => {
      const r = ex.regions.find((x) => x.control === control && x.type === 'choice');
      if (!r || r.type !== 'choice') return;
      ys.push(clf.labelIndex(r.value.choices[0]!, `examples[${i}].regions (control "${control}")`));
      xs.push(this.featurize(ex.task.id, taskText(ex.task, this.field, `examples[${i}].task`)));
    });
    clf.fitVectors(xs, Int32Array.from(ys));
  }

  private featurize(id: string | number, text: string): SparseVector {
    const clf = this.inner.classifier;
    return this.cache ? this.cache.vector(id, text, (t) => clf.featurize(t)) : clf.featurize(text);
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
