import type { LabelingSchema } from '@tessera/core/format';
import {
  Gazetteer,
  SpanTagger,
  SpanTaggerAdapter,
  type AdapterExample,
  type AdapterTask,
} from '@tessera/core/learn';
import type { SpanTaggerSettings } from '../model-settings.ts';
import type { MlAdapter, MlPrediction } from '../types.ts';

interface SavedSpans {
  kind: 'span-tagger';
  tagger: unknown;
  gazetteer: unknown;
}

/**
 * Core's span tagger (plus gazetteer) as a server model, with its state saved in
 * `models.state`. Predictions carry two-class "probabilities" `[score, 1 − score]` from the
 * tagging confidence, so active learning ranks the least sure texts first.
 *
 * @example
 * const a = OnlineSpanAdapter.load('ner', schema, 'entities', settings, row.state);
 * await a.fit(examples);
 */
export class OnlineSpanAdapter implements MlAdapter {
  readonly inProcess = true;
  readonly controls: string[];

  private constructor(
    readonly name: string,
    private readonly inner: SpanTaggerAdapter,
  ) {
    this.controls = inner.controls;
  }

  /** Builds the adapter, restoring saved state when there is some. */
  static load(
    name: string,
    schema: LabelingSchema,
    control: string,
    settings: SpanTaggerSettings,
    state: string | null,
  ): OnlineSpanAdapter {
    const inner = new SpanTaggerAdapter(schema, control, { name, gazetteer: settings.gazetteer });
    if (state) {
      const saved = JSON.parse(state) as SavedSpans;
      const tagger = SpanTagger.fromJSON(saved.tagger);
      const wanted = inner.tagger.options.labels.join('\u0000');
      if (tagger.options.labels.join('\u0000') !== wanted)
        throw new Error(`the saved tagger's labels are not those of control "${control}"`);
      // Core's adapter builds its own tagger; a restored one replaces it (same labels, checked).
      (inner as unknown as { tagger: SpanTagger }).tagger = tagger;
      inner.gazetteer =
        settings.gazetteer && saved.gazetteer ? Gazetteer.fromJSON(saved.gazetteer) : undefined;
    }
    return new OnlineSpanAdapter(name, inner);
  }

  get version(): string {
    return this.inner.version;
  }

  async predict(tasks: readonly AdapterTask[]): Promise<MlPrediction[]> {
    const out = await this.inner.predict(tasks);
    return out.map((p) => ({ ...p, probs: [p.score, 1 - p.score] }));
  }

  async fit(examples: readonly AdapterExample[]): Promise<void> {
    await this.inner.fit(examples);
  }

  saveState(): string {
    const saved: SavedSpans = {
      kind: 'span-tagger',
      tagger: this.inner.tagger.toJSON(),
      gazetteer: this.inner.gazetteer?.toJSON() ?? null,
    };
    return JSON.stringify(saved);
  }
}
