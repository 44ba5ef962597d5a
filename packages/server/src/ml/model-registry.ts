import type { LabelingSchema, Region } from '@tessera/core/format';
import { LearnInputError, type AdapterExample } from '@tessera/core/learn';
import type { AppContext } from '../context.ts';
import type { ModelKind } from '../store/models.schema.ts';
import { AlignmentAdapter, type ObjectsLookup } from './adapters/alignment.ts';
import { LsBackendAdapter } from './adapters/ls-backend.ts';
import { OnlineSpanAdapter } from './adapters/online-spans.ts';
import { OnlineTextAdapter } from './adapters/online-text.ts';
import { OpenAiChatAdapter } from './adapters/openai-chat.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { featureCacheFor, type FeatureCache } from './feature-cache.ts';
import { MlRepository, type ModelRow } from './ml.repository.ts';
import {
  parseSettings,
  type AlignmentSettings,
  type AnySettings,
  type LsBackendSettings,
  type OpenAiSettings,
  SettingError,
  type SpanTaggerSettings,
  type TextClassifierSettings,
  VISION_KINDS,
  type VisionSettings,
} from './model-settings.ts';
import { openSecret } from './secret-box.ts';
import type { MlAdapter } from './types.ts';
import { loadTaskImage, visionOf } from '../vision/task-images.ts';
import { VisionModelAdapter, type VisionModelKind } from '../vision/vision-adapter.ts';

/** A model ready to use: its row, parsed settings and adapter. */
export interface LoadedModel {
  row: ModelRow;
  settings: AnySettings;
  adapter: MlAdapter;
}

/** LLM few-shot examples are re-read at most this often (new labels keep arriving). */
const FEW_SHOT_TTL_MS = 60_000;

/**
 * The model registry of one app: builds adapters from model rows, caches them (keyed by the
 * row's `state_version`, `updated_at` and the project's schema version, so a retrain or an
 * edit in any process is picked up), and keeps one circuit breaker per model for the life of
 * the process.
 *
 * @example
 * const { adapter } = await registryOf(ctx).load(row, schema, project.schema_version);
 * const preds = await adapter.predict(tasks);
 */
export class ModelRegistry {
  readonly repo: MlRepository;
  private readonly cache = new Map<number, { key: string; at: number; loaded: LoadedModel }>();
  private readonly breakers = new Map<number, { key: string; breaker: CircuitBreaker }>();
  /** Feature vectors of text classifiers, kept across retrains (see FeatureCache). */
  private readonly features = new Map<number, FeatureCache>();

  constructor(private readonly ctx: AppContext) {
    this.repo = new MlRepository(ctx.store.db);
  }

  /** The model's circuit breaker (recreated only when its breaker settings change). */
  breaker(row: ModelRow, settings: AnySettings): CircuitBreaker {
    const key = `${settings.breaker_failures}/${settings.breaker_cooldown_ms}`;
    const cur = this.breakers.get(row.id);
    if (cur?.key === key) return cur.breaker;
    const breaker = new CircuitBreaker({
      failureThreshold: settings.breaker_failures,
      coolDownMs: settings.breaker_cooldown_ms,
    });
    this.breakers.set(row.id, { key, breaker });
    return breaker;
  }

  /** The adapter of `row`, from the cache when nothing changed. */
  async load(row: ModelRow, schema: LabelingSchema, schemaVersion = 0): Promise<LoadedModel> {
    const key = `${row.state_version}|${row.updated_at}|${schemaVersion}`;
    const hit = this.cache.get(row.id);
    const fresh =
      hit?.key === key && (row.kind !== 'openai-chat' || Date.now() - hit.at < FEW_SHOT_TTL_MS);
    if (hit && fresh) return hit.loaded;
    const settings = parsedSettings(row);
    const adapter = await this.build(row, settings, schema);
    const loaded = { row, settings, adapter };
    this.cache.set(row.id, { key, at: Date.now(), loaded });
    return loaded;
  }

  /** Forgets a cached adapter (after a delete, or a training done elsewhere). */
  invalidate(modelId: number): void {
    this.cache.delete(modelId);
  }

  /** Forgets everything held for a deleted model (adapter, feature vectors, breaker). */
  forget(modelId: number): void {
    this.cache.delete(modelId);
    this.features.delete(modelId);
    this.breakers.delete(modelId);
  }

  /** Builds a fresh adapter, restoring saved state; a state that no longer fits is dropped. */
  async build(row: ModelRow, settings: AnySettings, schema: LabelingSchema): Promise<MlAdapter> {
    try {
      return await this.buildWith(row, settings, schema, row.state);
    } catch (err) {
      if (!row.state) throw err;
      this.ctx.log?.warn(
        { model: row.name, project: row.project_id, reason: (err as Error).message },
        'saved model state does not fit the schema any more; starting untrained',
      );
      return this.buildWith(row, settings, schema, null);
    }
  }

  private async buildWith(
    row: ModelRow,
    settings: AnySettings,
    schema: LabelingSchema,
    state: string | null,
  ): Promise<MlAdapter> {
    const controls = JSON.parse(row.controls) as string[];
    const control = controls[0] ?? '';
    const kind: ModelKind = row.kind;
    if (kind === 'text-classifier') {
      const features =
        row.id > 0 ? (sig: string) => featureCacheFor(this.features, row.id, sig) : undefined;
      return OnlineTextAdapter.load(
        row.name,
        schema,
        control,
        settings as TextClassifierSettings,
        state,
        features,
      );
    }
    if (kind === 'span-tagger')
      return OnlineSpanAdapter.load(
        row.name,
        schema,
        control,
        settings as SpanTaggerSettings,
        state,
      );
    if (kind === 'text-image-alignment') {
      const s = settings as AlignmentSettings;
      const lookup = objectsLookup(this.repo, row.project_id, s.objects_control);
      return AlignmentAdapter.load(row.name, schema, control, s, state, lookup);
    }
    if (VISION_KINDS.includes(kind)) return this.vision(row, settings as VisionSettings, schema);
    const apiKey = row.secret_sealed
      ? openSecret(row.secret_sealed, this.ctx.config.secret, row.id)
      : undefined;
    const breaker = this.breaker(row, settings);
    if (kind === 'ls-ml-backend')
      return new LsBackendAdapter(row.name, controls, settings as LsBackendSettings, {
        fetcher: this.ctx.fetcher,
        breaker,
        schema,
        project: `${row.project_id}.${Date.parse(row.created_at)}`,
        apiKey,
        version: row.version,
      });
    const s = settings as OpenAiSettings;
    const examples = s.few_shot > 0 ? await this.fewShot(row.project_id, schema, s.few_shot) : [];
    return new OpenAiChatAdapter(row.name, controls, s, {
      fetcher: this.ctx.fetcher,
      breaker,
      schema,
      apiKey,
      examples,
    });
  }

  /**
   * A shipped vision model on the app's vision worker, reading each task's image from the
   * project's media (or its URL, through the SSRF-safe fetcher). An image that fails marks its
   * task `failed` (logged by the job; the task stays usable) and the batch goes on.
   */
  private vision(row: ModelRow, s: VisionSettings, schema: LabelingSchema): MlAdapter {
    const control = (JSON.parse(row.controls) as string[])[0] ?? '';
    try {
      return new VisionModelAdapter(visionOf(this.ctx), schema, control, {
        kind: row.kind.slice('vision-'.length) as VisionModelKind,
        name: row.name,
        loadImage: (ref) => loadTaskImage(this.ctx, row.project_id, ref),
        labelMap: s.label_map,
        maxDetected: s.max_detected,
        ...(s.min_score !== undefined ? { minScore: s.min_score } : {}),
        onError: () => {},
      });
    } catch (err) {
      const bad = err instanceof LearnInputError && /^labelMap\.(.+?): (.*)$/s.exec(err.message);
      if (bad) throw new SettingError(`settings.label_map.${bad[1]}`, bad[2]!);
      throw err;
    }
  }

  /** The newest accepted annotations, as worked examples for an LLM. */
  private async fewShot(projectId: number, _schema: LabelingSchema, n: number) {
    const labeled = await this.repo.labeledTasks(projectId, false);
    return labeled.slice(-n).map((l): AdapterExample => ({
      task: { id: l.task_id, data: JSON.parse(l.data) as Record<string, unknown> },
      regions: JSON.parse(l.regions) as Region[],
    }));
  }
}

/** A model row's settings, parsed with defaults (rows are validated on write). */
export function parsedSettings(row: ModelRow): AnySettings {
  const r = parseSettings(row.kind, JSON.parse(row.settings));
  if (!r.ok) throw new Error(`model "${row.name}" has invalid settings: ${r.issues[0]?.path}`);
  return r.value;
}

/**
 * Box labels of `control` per task: from the newest human annotation that has some, else from
 * the newest prediction that has some (a detector's).
 *
 * @example
 * const lookup = objectsLookup(repo, projectId, 'objects');
 * (await lookup([7])).get('7'); // ['dog', 'person']
 */
export function objectsLookup(
  repo: MlRepository,
  projectId: number,
  control: string,
): ObjectsLookup {
  return async (taskIds) => {
    const ids = taskIds.map(Number).filter(Number.isInteger);
    const { human, predicted } = await repo.regionSources(projectId, ids);
    const out = new Map<string, string[]>();
    for (const src of [human, predicted]) {
      for (const r of src) {
        const key = String(r.task_id);
        if (out.has(key)) continue;
        const labels = (JSON.parse(r.regions) as Region[]).flatMap((x) =>
          x.control === control && x.type === 'bbox' ? x.value.labels : [],
        );
        if (labels.length) out.set(key, labels);
      }
    }
    return out;
  };
}

const registries = new WeakMap<AppContext, ModelRegistry>();

/**
 * The registry of an app (one per context, created on first use), so routes, jobs and the
 * label hook share adapters and circuit breakers without a new field on AppContext.
 *
 * @example
 * const reg = registryOf(ctx);
 */
export function registryOf(ctx: AppContext): ModelRegistry {
  let r = registries.get(ctx);
  if (!r) {
    r = new ModelRegistry(ctx);
    registries.set(ctx, r);
  }
  return r;
}
