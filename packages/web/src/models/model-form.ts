/**
 * The model form, pure: which settings each kind's form shows, the form's state from a stored
 * model, the state → API body (create or patch), and the server's issues mapped back onto
 * form fields. The key (API key of an endpoint) is write-only: the form starts empty, sends a
 * key only when one was typed, and `null` only when "remove the key" was ticked.
 *
 * @example
 * const state = formOfModel(model);
 * const r = patchBody({ ...state, fields: { ...state.fields, url: 'https://ml.example.org' } });
 * if (r.ok) await mlApi.updateModel(1, model.id, r.body);
 */
import type { ApiIssue } from '../api/types.ts';
import type { Model, ModelPatchBody, NewModelBody } from '../api/ml-types.ts';

/** How one setting is entered. */
export type SettingInput =
  | { type: 'text' | 'url' | 'textarea'; required?: boolean }
  /** A JSON object (a label map). */
  | { type: 'json' }
  | { type: 'int' | 'number'; min: number; max: number }
  | { type: 'bool' }
  | { type: 'select'; options: readonly string[] }
  /** A name from the project's schema. */
  | { type: 'schema'; of: 'field' | 'control' | 'label' };

/** One setting of a kind's form; `key` may be dotted (`active_learning.strategy`). */
export type SettingSpec = SettingInput & { key: string; advanced?: boolean };

/** The kinds this form knows, in the order the picker shows them. */
export const FORM_KINDS = [
  'text-classifier',
  'span-tagger',
  'ls-ml-backend',
  'openai-chat',
  'text-image-alignment',
  'vision-objects',
  'vision-faces',
  'vision-ocr',
] as const;

/** Kinds that learn in the server from the project's labels (one control each). */
export const ONLINE_KINDS: readonly string[] = [
  'text-classifier',
  'span-tagger',
  'text-image-alignment',
];

/** Kinds whose endpoint may take an API key. */
export const KEYED_KINDS: readonly string[] = ['ls-ml-backend', 'openai-chat'];

/** Kinds that train (the "retrain now" button). */
export const TRAINABLE_KINDS: readonly string[] = [...ONLINE_KINDS, 'ls-ml-backend'];

const training: SettingSpec[] = [
  { key: 'retrain_every', type: 'int', min: 0, max: 1_000_000 },
  { key: 'train_on', type: 'select', options: ['accepted', 'accepted+submitted'] },
  { key: 'holdout', type: 'number', min: 0, max: 0.5, advanced: true },
];
const queue: SettingSpec[] = [
  {
    key: 'active_learning.strategy',
    type: 'select',
    options: ['entropy', 'margin', 'least-confidence', 'off'],
  },
  { key: 'active_learning.diversity', type: 'number', min: 0, max: 1 },
  { key: 'batch_size', type: 'int', min: 1, max: 1000, advanced: true },
];
const remote: SettingSpec[] = [
  { key: 'concurrency', type: 'int', min: 1, max: 16, advanced: true },
  { key: 'timeout_ms', type: 'int', min: 50, max: 300_000, advanced: true },
  { key: 'retries', type: 'int', min: 0, max: 5, advanced: true },
];

/**
 * The settings each kind's form shows (the rest keep the server's defaults, or go in the
 * "other settings" JSON box).
 *
 * @example
 * KIND_SETTINGS['openai-chat'].map((s) => s.key); // ['url', 'model', 'few_shot', …]
 */
export const KIND_SETTINGS: Record<(typeof FORM_KINDS)[number], SettingSpec[]> = {
  'text-classifier': [
    { key: 'tokenizer', type: 'select', options: ['jieba', 'default'] },
    ...training,
    ...queue,
  ],
  'span-tagger': [{ key: 'gazetteer', type: 'bool' }, ...training, ...queue],
  'ls-ml-backend': [
    { key: 'url', type: 'url', required: true },
    { key: 'tasks_per_call', type: 'int', min: 1, max: 100 },
    { key: 'train', type: 'bool' },
    ...training.filter((s) => s.key !== 'holdout'),
    ...queue,
    ...remote,
  ],
  'openai-chat': [
    { key: 'url', type: 'url', required: true },
    { key: 'model', type: 'text', required: true },
    { key: 'few_shot', type: 'int', min: 0, max: 20 },
    { key: 'temperature', type: 'number', min: 0, max: 2 },
    { key: 'max_tokens', type: 'int', min: 1, max: 32_000, advanced: true },
    { key: 'instructions', type: 'textarea' },
    ...queue,
    ...remote,
  ],
  'text-image-alignment': [
    { key: 'caption_field', type: 'schema', of: 'field' },
    { key: 'objects_control', type: 'schema', of: 'control' },
    { key: 'match_label', type: 'schema', of: 'label' },
    ...training,
    ...queue,
  ],
  'vision-objects': [
    { key: 'min_score', type: 'number', min: 0, max: 1 },
    { key: 'max_detected', type: 'int', min: 1, max: 100 },
    { key: 'label_map', type: 'json' },
    { key: 'batch_size', type: 'int', min: 1, max: 200, advanced: true },
  ],
  'vision-faces': [
    { key: 'min_score', type: 'number', min: 0, max: 1 },
    { key: 'label_map', type: 'json' },
    { key: 'batch_size', type: 'int', min: 1, max: 200, advanced: true },
  ],
  'vision-ocr': [
    { key: 'min_score', type: 'number', min: 0, max: 1 },
    { key: 'label_map', type: 'json' },
    { key: 'batch_size', type: 'int', min: 1, max: 200, advanced: true },
  ],
};

/** The settings of a kind (none for a kind this build does not know: JSON only). */
export function settingsOf(kind: string): SettingSpec[] {
  return (KIND_SETTINGS as Record<string, SettingSpec[] | undefined>)[kind] ?? [];
}

/** The form's state: every input as the text the user sees. */
export interface ModelFormState {
  name: string;
  kind: string;
  controls: string[];
  active: boolean;
  /** Setting values by (dotted) key, as typed; '' keeps the server's default. */
  fields: Record<string, string>;
  /** Settings the form has no input for, as a JSON object (may be empty). */
  extra: string;
  /** A new key; '' keeps the stored one. */
  secret: string;
  /** Remove the stored key. */
  clearSecret: boolean;
}

/** A form that could not become a request: which input and why. */
export interface FormIssue {
  /** A setting key, `name`, `controls`, `extra` or `secret`. */
  field: string;
  message: string;
}

function getPath(obj: Record<string, unknown>, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let o = obj;
  for (const k of parts.slice(0, -1)) {
    const next = o[k];
    if (!next || typeof next !== 'object' || Array.isArray(next)) o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[parts.at(-1)!] = value;
}

/**
 * An empty form for a new model of `kind`.
 *
 * @example
 * emptyForm('text-classifier', ['sentiment']);
 */
export function emptyForm(kind: string, controls: string[] = []): ModelFormState {
  return {
    name: '',
    kind,
    controls,
    active: true,
    fields: {},
    extra: '',
    secret: '',
    clearSecret: false,
  };
}

/**
 * The form of a stored model: its settings as text, those without an input in `extra`.
 *
 * @example
 * formOfModel(model).fields['active_learning.strategy']; // 'entropy'
 */
export function formOfModel(m: Model): ModelFormState {
  const specs = settingsOf(m.kind);
  const fields: Record<string, string> = {};
  const rest = structuredClone(m.settings);
  for (const s of specs) {
    const v = getPath(m.settings, s.key);
    if (v !== undefined && v !== null)
      fields[s.key] = s.type === 'json' ? JSON.stringify(v) : String(v);
    const parts = s.key.split('.');
    const parent = getPath(rest, parts.slice(0, -1).join('.'));
    if (parts.length === 1) delete rest[s.key];
    else if (parent && typeof parent === 'object') {
      delete (parent as Record<string, unknown>)[parts.at(-1)!];
      if (Object.keys(parent).length === 0) delete rest[parts[0]!];
    }
  }
  return {
    name: m.name,
    kind: m.kind,
    controls: [...m.controls],
    active: m.active,
    fields,
    extra: Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '',
    secret: '',
    clearSecret: false,
  };
}

function parseValue(s: SettingSpec, raw: string): { value?: unknown; error?: string } {
  const text = raw.trim();
  switch (s.type) {
    case 'int':
    case 'number': {
      const n = Number(text);
      if (!Number.isFinite(n)) return { error: 'not a number' };
      if (s.type === 'int' && !Number.isInteger(n)) return { error: 'must be a whole number' };
      if (n < s.min || n > s.max) return { error: `must be from ${s.min} to ${s.max}` };
      return { value: n };
    }
    case 'bool':
      return { value: text === 'true' };
    case 'url':
      if (!/^https?:\/\/\S+$/i.test(text)) return { error: 'must be an http(s) URL' };
      return { value: text };
    case 'textarea':
      return { value: raw };
    case 'json': {
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch {
        return { error: 'not JSON' };
      }
      if (!v || typeof v !== 'object' || Array.isArray(v))
        return { error: 'must be a JSON object' };
      return { value: v };
    }
    default:
      return { value: text };
  }
}

/** The settings object of a form, or the inputs that are wrong. */
export function settingsOfForm(
  f: ModelFormState,
): { ok: true; settings: Record<string, unknown> } | { ok: false; issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  let settings: Record<string, unknown> = {};
  if (f.extra.trim() !== '') {
    try {
      const extra = JSON.parse(f.extra) as unknown;
      if (!extra || typeof extra !== 'object' || Array.isArray(extra))
        issues.push({ field: 'extra', message: 'must be a JSON object' });
      else settings = extra as Record<string, unknown>;
    } catch (e) {
      issues.push({ field: 'extra', message: `not JSON: ${(e as Error).message}` });
    }
  }
  for (const s of settingsOf(f.kind)) {
    const raw = f.fields[s.key] ?? '';
    if (raw.trim() === '') {
      if ('required' in s && s.required) issues.push({ field: s.key, message: 'required' });
      continue;
    }
    const r = parseValue(s, raw);
    if (r.error) issues.push({ field: s.key, message: r.error });
    else setPath(settings, s.key, r.value);
  }
  return issues.length ? { ok: false, issues } : { ok: true, settings };
}

function controlIssues(f: ModelFormState): FormIssue[] {
  if (f.controls.length === 0) return [{ field: 'controls', message: 'choose a control' }];
  if (ONLINE_KINDS.includes(f.kind) && f.controls.length !== 1)
    return [{ field: 'controls', message: 'an online learner serves exactly one control' }];
  return [];
}

/**
 * The body of `POST …/models` for a new model.
 *
 * @example
 * createBody({ ...emptyForm('openai-chat', ['label']), name: 'gpt', fields: { url, model }, secret: 'sk-…' });
 */
export function createBody(
  f: ModelFormState,
): { ok: true; body: NewModelBody } | { ok: false; issues: FormIssue[] } {
  const issues: FormIssue[] = [];
  const name = f.name.trim();
  if (!/^[\p{L}\p{N}_.\- ]{1,64}$/u.test(name))
    issues.push({ field: 'name', message: '1–64 letters, digits, _ . - or spaces' });
  issues.push(...controlIssues(f));
  const s = settingsOfForm(f);
  if (!s.ok) issues.push(...s.issues);
  if (issues.length || !s.ok) return { ok: false, issues };
  const body: NewModelBody = { name, kind: f.kind, controls: f.controls, active: f.active };
  if (Object.keys(s.settings).length) body.settings = s.settings;
  if (KEYED_KINDS.includes(f.kind) && f.secret !== '') body.secret = f.secret;
  return { ok: true, body };
}

/**
 * The body of `PATCH …/models/:mid`: controls, settings (the server merges them key by key),
 * active, and the key only when it changes.
 *
 * @example
 * patchBody({ ...formOfModel(m), clearSecret: true }).body.secret; // null
 */
export function patchBody(
  f: ModelFormState,
): { ok: true; body: ModelPatchBody } | { ok: false; issues: FormIssue[] } {
  const issues = controlIssues(f);
  const s = settingsOfForm(f);
  if (!s.ok) issues.push(...s.issues);
  if (issues.length || !s.ok) return { ok: false, issues };
  const body: ModelPatchBody = { controls: f.controls, settings: s.settings, active: f.active };
  if (f.clearSecret) body.secret = null;
  else if (f.secret !== '') body.secret = f.secret;
  return { ok: true, body };
}

/**
 * The server's issues (`settings.url`, `body.name`, `controls`) mapped onto form inputs; a
 * refused URL (`fetch_refused`, no path) lands on `url`; anything else under `''`.
 *
 * @example
 * issuesByField('fetch_refused', 'The URL could not be fetched…', []); // { url: '…' }
 */
export function issuesByField(
  code: string,
  message: string,
  issues: readonly ApiIssue[],
): Record<string, string> {
  const out: Record<string, string> = {};
  if (code === 'fetch_refused') out.url = message;
  for (const i of issues) {
    const key = i.path.replace(/^body\./, '').replace(/^settings\./, '');
    out[key] ??= i.message;
  }
  if (Object.keys(out).length === 0) out[''] = message;
  return out;
}
