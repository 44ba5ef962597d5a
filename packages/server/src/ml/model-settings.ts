import { z } from 'zod';
import type { ModelKind } from '../store/models.schema.ts';
import { VISION_MODEL_CLASSES } from '../vision/coco-classes.ts';

/**
 * The model kinds the registry knows.
 *
 * @example
 * MODEL_KINDS.includes('ls-ml-backend'); // true
 */
export const MODEL_KINDS = [
  'text-classifier',
  'span-tagger',
  'ls-ml-backend',
  'openai-chat',
  'text-image-alignment',
  'vision-objects',
  'vision-faces',
  'vision-ocr',
] as const satisfies readonly ModelKind[];

/** Shipped vision models (worker thread; they suggest boxes and never train here). */
export const VISION_KINDS: readonly ModelKind[] = ['vision-objects', 'vision-faces', 'vision-ocr'];

/** Kinds that learn in-process from the project's labels (their state lives in `models.state`). */
export const ONLINE_KINDS: readonly ModelKind[] = [
  'text-classifier',
  'span-tagger',
  'text-image-alignment',
];

/** Kinds that call out over HTTP (URL checked by the SSRF-safe fetcher). */
export const REMOTE_KINDS: readonly ModelKind[] = ['ls-ml-backend', 'openai-chat'];

const Url = z.string().min(1).max(2000);

/** Settings every kind shares: training, active learning, job pacing, external-call policy. */
const common = {
  /** Retrain automatically after this many new labels (0: only on request). */
  retrain_every: z.number().int().min(0).max(1_000_000).default(20),
  /** Which human annotations train the model. */
  train_on: z.enum(['accepted', 'accepted+submitted']).default('accepted'),
  /** Share of labeled tasks held out for the learning curve when the project has no gold. */
  holdout: z.number().min(0).max(0.5).default(0.1),
  /** How the queue is ordered after predictions: an uncertainty measure, or off. */
  active_learning: z
    .object({
      strategy: z.enum(['entropy', 'margin', 'least-confidence', 'off']).default('entropy'),
      diversity: z.number().min(0).max(1).default(0.3),
    })
    .strict()
    .default({ strategy: 'entropy', diversity: 0.3 }),
  /** Tasks per batch of a pre-label job. */
  batch_size: z.number().int().min(1).max(1000).default(50),
  /** External calls in flight at once per job (back-pressure on the model server). */
  concurrency: z.number().int().min(1).max(16).default(2),
  timeout_ms: z.number().int().min(50).max(300_000).default(30_000),
  retries: z.number().int().min(0).max(5).default(2),
  backoff_ms: z.number().int().min(0).max(10_000).default(200),
  breaker_failures: z.number().int().min(1).max(1000).default(5),
  breaker_cooldown_ms: z.number().int().min(100).max(3_600_000).default(30_000),
};

const TextClassifierSettings = z
  .object({
    ...common,
    /** `jieba`: Chinese words from jieba plus core's tokens elsewhere; `default`: core's tokenizer. */
    tokenizer: z.enum(['jieba', 'default']).default('jieba'),
  })
  .strict();

const SpanTaggerSettings = z.object({ ...common, gazetteer: z.boolean().default(true) }).strict();

const LsBackendSettings = z
  .object({
    ...common,
    url: Url,
    /** Tasks per /predict call. */
    tasks_per_call: z.number().int().min(1).max(100).default(8),
    /** Send accepted labels to /train when retraining. */
    train: z.boolean().default(true),
    extra_params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const OpenAiSettings = z
  .object({
    ...common,
    /** Base URL (`…/v1`) or the full `…/chat/completions` URL. */
    url: Url,
    model: z.string().min(1).max(200),
    few_shot: z.number().int().min(0).max(20).default(5),
    temperature: z.number().min(0).max(2).default(0),
    max_tokens: z.number().int().min(1).max(32_000).default(1024),
    instructions: z.string().max(8000).optional(),
    retrain_every: z.number().int().min(0).max(0).default(0),
  })
  .strict();

const AlignmentSettings = z
  .object({
    ...common,
    /** The text field holding the caption. */
    caption_field: z.string().min(1).max(64),
    /** The bbox control whose labels are the detected objects. */
    objects_control: z.string().min(1).max(64),
    /** The label of the choices control meaning "caption and image agree". */
    match_label: z.string().min(1).max(200),
  })
  .strict();

/**
 * A shipped vision model's settings: `label_map` sends the model's classes (COCO-80 names such
 * as `cup`, `face`, or `text` for OCR lines) to the control's labels (a class with no entry
 * keeps its name when the control has that label, case ignored, and is dropped otherwise);
 * `min_score` drops weaker boxes (defaults: objects 0.3, faces 0.5, OCR 0.7). Images are slow
 * next to text, so batches are small and there is no retraining.
 */
function visionSettings(classes: readonly string[]) {
  const known = new Set(classes);
  return z
    .object({
      ...common,
      retrain_every: z.number().int().min(0).max(0).default(0),
      batch_size: z.number().int().min(1).max(200).default(8),
      label_map: z
        .record(z.string().min(1).max(100), z.string().min(1).max(200))
        .default({})
        .superRefine((map, c) => {
          for (const k of Object.keys(map))
            if (!known.has(k.toLowerCase()))
              c.addIssue({
                code: 'custom',
                path: [k],
                message:
                  classes.length > 1
                    ? `"${k}" is not a class of this model (COCO-80 names, e.g. "cup", "person")`
                    : `"${k}" is not a class of this model (it has only "${classes[0]}")`,
              });
        }),
      min_score: z.number().min(0).max(1).optional(),
      /** Most boxes per image (objects only). */
      max_detected: z.number().int().min(1).max(100).default(20),
    })
    .strict();
}

const VisionObjectsSettings = visionSettings(VISION_MODEL_CLASSES.objects);
const VisionFacesSettings = visionSettings(VISION_MODEL_CLASSES.faces);
const VisionOcrSettings = visionSettings(VISION_MODEL_CLASSES.ocr);

/**
 * Settings schema per kind; unknown keys are refused so a typo is reported, not ignored.
 *
 * @example
 * SETTINGS_SCHEMAS['openai-chat'].parse({ url: 'https://api.example.org/v1', model: 'm' });
 */
export const SETTINGS_SCHEMAS = {
  'text-classifier': TextClassifierSettings,
  'span-tagger': SpanTaggerSettings,
  'ls-ml-backend': LsBackendSettings,
  'openai-chat': OpenAiSettings,
  'text-image-alignment': AlignmentSettings,
  'vision-objects': VisionObjectsSettings,
  'vision-faces': VisionFacesSettings,
  'vision-ocr': VisionOcrSettings,
} as const;

/** Parsed settings of each kind. */
export type TextClassifierSettings = z.infer<typeof TextClassifierSettings>;
export type SpanTaggerSettings = z.infer<typeof SpanTaggerSettings>;
export type LsBackendSettings = z.infer<typeof LsBackendSettings>;
export type OpenAiSettings = z.infer<typeof OpenAiSettings>;
export type AlignmentSettings = z.infer<typeof AlignmentSettings>;
export type VisionSettings = z.infer<typeof VisionObjectsSettings>;

/** Settings of any kind (the shared fields are always there). */
export type AnySettings =
  | TextClassifierSettings
  | SpanTaggerSettings
  | LsBackendSettings
  | OpenAiSettings
  | AlignmentSettings
  | VisionSettings;

/**
 * Parses settings of `kind`, filling defaults; returns zod's issues with paths under
 * `settings.` on failure.
 *
 * @example
 * const r = parseSettings('text-classifier', { retrain_every: 50 });
 * if (r.ok) r.value.batch_size; // 50 (default)
 */
export function parseSettings(
  kind: ModelKind,
  raw: unknown,
): { ok: true; value: AnySettings } | { ok: false; issues: { path: string; message: string }[] } {
  const r = SETTINGS_SCHEMAS[kind].safeParse(raw ?? {});
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({
      path: ['settings', ...i.path.map(String)].join('.'),
      message: i.message,
    })),
  };
}

/**
 * A setting that does not fit the project (found when the adapter is built), with the path
 * of the field, e.g. `settings.label_map.cup`, so the 400 names it.
 *
 * @example
 * throw new SettingError('settings.label_map.cup', 'control "objects" has no label "Mug"');
 */
export class SettingError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingError';
  }
}

/** The URL of a remote kind's settings, if any. */
export function settingsUrl(settings: AnySettings): string | undefined {
  return 'url' in settings ? settings.url : undefined;
}
