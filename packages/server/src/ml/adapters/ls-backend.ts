import type { LabelingSchema, Region } from '@tessera/core/format';
import type { AdapterExample, AdapterTask } from '@tessera/core/learn';
import type { SafeFetcher } from '../../media/safe-fetch.ts';
import type { CircuitBreaker } from '../circuit-breaker.ts';
import { callJson, ModelCallError, type CallOptions } from '../model-http.ts';
import type { LsBackendSettings } from '../model-settings.ts';
import type { MlAdapter, MlPrediction } from '../types.ts';
import { labelConfigXml, lsResultsToRegions, regionsToLsResults } from './ls-mapping.ts';

/** What the adapter needs besides its settings. */
export interface LsBackendDeps {
  fetcher: SafeFetcher;
  breaker: CircuitBreaker;
  schema: LabelingSchema;
  /** `<project id>.<created ms>`, as Label Studio names a project to its backends. */
  project: string;
  apiKey: string | undefined;
  version: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An external model server speaking the Label Studio ML-backend protocol, so existing
 * backends (SAM, YOLO, GLiNER, …) plug in unchanged:
 * - `GET /health` → `{status: "UP"}`;
 * - `POST /setup {project, schema, hostname, access_token, model_version, extra_params}` →
 *   `{model_version}`;
 * - `POST /predict {tasks, project, label_config, model_version, params}` →
 *   `{results: [{result: [...], score, model_version}], model_version}`, one entry per task in
 *   order (a bare list of results per task is accepted too);
 * - `POST /train {annotations, project, label_config, params}` (200 or 201).
 * Results are mapped to regions by {@link lsResultsToRegions}; a task whose results do not map
 * is returned `rejected` with the reason, the others are kept.
 *
 * @example
 * const a = new LsBackendAdapter('yolo', ['objects'], settings, deps);
 * await a.setup();
 * const preds = await a.predict(tasks);
 */
export class LsBackendAdapter implements MlAdapter {
  readonly inProcess = false;
  private setupDone = false;

  constructor(
    readonly name: string,
    readonly controls: string[],
    private readonly settings: LsBackendSettings,
    private readonly deps: LsBackendDeps,
  ) {
    this.version = deps.version;
  }

  version: string;

  private url(path: string): string {
    return this.settings.url.replace(/\/+$/, '') + path;
  }

  private call(path: string, opts: CallOptions): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (this.deps.apiKey) headers.authorization = `Bearer ${this.deps.apiKey}`;
    return callJson(this.deps.fetcher, this.deps.breaker, this.url(path), {
      headers,
      timeoutMs: this.settings.timeout_ms,
      retries: this.settings.retries,
      backoffMs: this.settings.backoff_ms,
      ...opts,
    });
  }

  /** `GET /health`: true when the server says it is UP. */
  async health(): Promise<{ ok: boolean; status: string }> {
    const out = await this.call('/health', { method: 'GET' });
    const status = isObj(out) && typeof out.status === 'string' ? out.status : 'unknown';
    return { ok: status.toUpperCase() === 'UP', status };
  }

  /** `POST /setup`: hands the labeling config over; the answer's model_version is adopted. */
  async setup(): Promise<string> {
    const out = await this.call('/setup', {
      method: 'POST',
      body: {
        project: this.deps.project,
        schema: labelConfigXml(this.deps.schema),
        hostname: '',
        access_token: '',
        model_version: this.version,
        extra_params: this.settings.extra_params ?? {},
      },
    });
    if (isObj(out) && typeof out.model_version === 'string' && out.model_version)
      this.version = out.model_version.slice(0, 200);
    this.setupDone = true;
    return this.version;
  }

  async predict(tasks: readonly AdapterTask[]): Promise<MlPrediction[]> {
    if (!this.setupDone) await this.setup();
    const out = await this.call('/predict', {
      method: 'POST',
      body: {
        tasks: tasks.map((t) => ({ id: t.id, data: t.data })),
        project: this.deps.project,
        label_config: labelConfigXml(this.deps.schema),
        model_version: this.version,
        params: { context: null },
      },
    });
    const results = isObj(out) ? out.results : out;
    if (!Array.isArray(results) || results.length !== tasks.length)
      throw new ModelCallError(
        'malformed',
        `the model server answered ${Array.isArray(results) ? `${results.length} results` : 'no results list'} for ${tasks.length} tasks`,
      );
    if (isObj(out) && typeof out.model_version === 'string' && out.model_version)
      this.version = out.model_version.slice(0, 200);
    return tasks.map((t, i) => this.toPrediction(t, results[i]));
  }

  private toPrediction(task: AdapterTask, entry: unknown): MlPrediction {
    const items = Array.isArray(entry) ? entry : isObj(entry) ? entry.result : undefined;
    const mapped = lsResultsToRegions(items, this.deps.schema);
    if (!mapped.ok) return { task_id: task.id, regions: [], score: 0, rejected: mapped.reason };
    const top = isObj(entry) && typeof entry.score === 'number' ? entry.score : undefined;
    const scores = mapped.regions.flatMap((r) => (r.score === undefined ? [] : [r.score]));
    const score = top ?? (scores.length ? Math.min(...scores) : undefined);
    if (score !== undefined && !(score >= 0 && score <= 1))
      return {
        task_id: task.id,
        regions: [],
        score: 0,
        rejected: `score ${score} is not in [0, 1]`,
      };
    return {
      task_id: task.id,
      regions: mapped.regions,
      score: score ?? 0,
      ...(score === undefined ? { scoreUnknown: true } : { probs: [score, 1 - score] }),
    };
  }

  /** `POST /train` with the accepted annotations in Label Studio's result format. */
  async fit(examples: readonly AdapterExample[]): Promise<void> {
    if (!this.settings.train || examples.length === 0) return;
    const annotations = examples.map((ex, i) => ({
      id: i + 1,
      result: regionsToLsResults(ex.regions as Region[], this.deps.schema, ex.task.data),
      task: { id: ex.task.id, data: ex.task.data },
    }));
    await this.call('/train', {
      method: 'POST',
      body: {
        annotations,
        project: this.deps.project,
        label_config: labelConfigXml(this.deps.schema),
        params: {},
      },
    });
  }
}
