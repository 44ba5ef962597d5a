import { isIP } from 'node:net';
import type { AppContext } from '../context.ts';
import { AppError, conflict, notFound, validationFailed } from '../errors.ts';
import { FetchRefused } from '../media/safe-fetch.ts';
import type { ProjectAccess } from '../services/access.service.ts';
import { isUniqueViolation } from '../store/db.ts';
import type { ModelKind } from '../store/models.schema.ts';
import type { ModelRow } from './ml.repository.ts';
import { parsedSettings, registryOf } from './model-registry.ts';
import {
  ONLINE_KINDS,
  parseSettings,
  SettingError,
  settingsUrl,
  VISION_KINDS,
  type AnySettings,
} from './model-settings.ts';
import { shippedModelVersion } from '../vision/vision-adapter.ts';
import { sealSecret } from './secret-box.ts';

/** What a manager sends to register a model. */
export interface NewModel {
  name: string;
  kind: ModelKind;
  controls: string[];
  settings?: Record<string, unknown> | undefined;
  /** API key for the endpoint; stored sealed, never returned. */
  secret?: string | undefined;
  active?: boolean | undefined;
}

/** A change to a model; `secret: null` removes the key. */
export interface ModelPatch {
  controls?: string[] | undefined;
  settings?: Record<string, unknown> | undefined;
  secret?: string | null | undefined;
  active?: boolean | undefined;
}

/**
 * A model as the API shows it: settings with defaults filled in, whether a key is set, never
 * the key itself (write-only), never the learned state (it can be megabytes).
 *
 * @example
 * presentModel(row); // { id, name, kind, version, controls, settings, has_secret: true, … }
 */
export function presentModel(row: ModelRow) {
  let settings: AnySettings | Record<string, unknown>;
  try {
    settings = parsedSettings(row);
  } catch {
    settings = JSON.parse(row.settings) as Record<string, unknown>;
  }
  return {
    id: row.id,
    project_id: row.project_id,
    name: row.name,
    kind: row.kind,
    version: row.version,
    controls: JSON.parse(row.controls) as string[],
    settings,
    has_secret: row.secret_sealed !== null,
    active: row.active === 1,
    trained: row.state !== null,
    labels_trained: row.labels_trained,
    trained_at: row.trained_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * Refuses a model or LLM URL that the fetcher would refuse (private, loopback, link-local,
 * metadata or unspecified addresses, in any spelling, and host names resolving to them)
 * unless an admin allow-listed it (TESSERA_FETCH_ALLOW): 422 `fetch_refused`, the fetcher's
 * generic message. Checked when the URL is saved; the fetcher checks again at every connect.
 *
 * @example
 * await checkModelUrl(ctx, 'http://169.254.169.254/latest'); // throws FetchRefused (422)
 */
export async function checkModelUrl(ctx: AppContext, url: string): Promise<void> {
  const u = ctx.fetcher.check(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return;
  await new Promise<void>((resolve, reject) => {
    ctx.fetcher.lookup(host, { all: true }, (err) => {
      if ((err as { code?: string } | null)?.code === 'EREFUSED_ADDRESS')
        reject(new FetchRefused(`address of ${host}`));
      // A name that does not resolve yet is no risk: the connect-time check still applies.
      else resolve();
    });
  });
}

function settingsOrThrow(kind: ModelKind, raw: unknown): AnySettings {
  const r = parseSettings(kind, raw);
  if (!r.ok)
    throw validationFailed(
      `Invalid model settings: ${r.issues[0]!.path}: ${r.issues[0]!.message}`,
      r.issues,
    );
  return r.value;
}

/** Builds the adapter once with no state, so a control that does not fit is a 400 now, not a failed job later. */
async function checkBuildable(
  ctx: AppContext,
  access: ProjectAccess,
  row: ModelRow,
  settings: AnySettings,
) {
  const single = ONLINE_KINDS.includes(row.kind) || VISION_KINDS.includes(row.kind);
  if (single && (JSON.parse(row.controls) as string[]).length !== 1)
    throw validationFailed(
      `${VISION_KINDS.includes(row.kind) ? 'A vision model' : 'An online learner'} serves exactly one control.`,
      [{ path: 'controls', message: 'give exactly one control name' }],
    );
  try {
    await registryOf(ctx).build(
      { ...row, state: null, secret_sealed: null },
      settings,
      access.schema,
    );
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof SettingError)
      throw validationFailed(`Invalid model settings: ${err.path}: ${message}`, [
        { path: err.path, message },
      ]);
    throw validationFailed(`This model cannot serve these controls: ${message}`, [
      { path: 'controls', message },
    ]);
  }
}

/** The version a new model starts with: the LLM's name, the shipped weights', or 0 (untrained). */
function initialVersion(kind: ModelKind, settings: AnySettings): string {
  if (kind === 'openai-chat' && 'model' in settings) return settings.model;
  if (VISION_KINDS.includes(kind))
    return shippedModelVersion(kind.slice('vision-'.length) as 'objects' | 'faces' | 'ocr');
  return '0';
}

/**
 * Registers a model in a project (manager only; the route checks). Validates settings for the
 * kind, the URL against the SSRF policy, and that the adapter can serve the controls; seals
 * the key.
 *
 * @example
 * const m = await createModel(ctx, access, { name: 'spam', kind: 'text-classifier', controls: ['label'] });
 */
export async function createModel(ctx: AppContext, access: ProjectAccess, body: NewModel) {
  const settings = settingsOrThrow(body.kind, body.settings);
  const url = settingsUrl(settings);
  if (url) await checkModelUrl(ctx, url);
  const draft: ModelRow = {
    id: 0,
    project_id: access.project.id,
    name: body.name,
    kind: body.kind,
    version: initialVersion(body.kind, settings),
    controls: JSON.stringify(body.controls),
    settings: JSON.stringify(body.settings ?? {}),
    secret_sealed: null,
    state: null,
    state_version: 0,
    labels_trained: 0,
    active: body.active === false ? 0 : 1,
    created_by: access.user.id,
    created_at: '',
    updated_at: '',
    trained_at: null,
  };
  await checkBuildable(ctx, access, draft, settings);
  const repo = registryOf(ctx).repo;
  let row: ModelRow;
  try {
    const { id: _id, created_at: _c, updated_at: _u, ...values } = draft;
    row = await repo.createModel(values);
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict('model_exists', `This project already has a model named "${body.name}".`);
    throw err;
  }
  if (body.secret)
    row = (await repo.updateModel(row.project_id, row.id, {
      secret_sealed: sealSecret(body.secret, ctx.config.secret, row.id),
    }))!;
  return row;
}

/**
 * Changes a model's controls, settings (merged key by key onto the stored ones), key or active
 * flag, with the same checks as {@link createModel}.
 *
 * @example
 * await updateModel(ctx, access, 3, { settings: { retrain_every: 50 }, secret: null });
 */
export async function updateModel(
  ctx: AppContext,
  access: ProjectAccess,
  id: number,
  patch: ModelPatch,
) {
  const repo = registryOf(ctx).repo;
  const row = await repo.model(access.project.id, id);
  if (!row) throw notFound('Model');
  const raw = {
    ...(JSON.parse(row.settings) as Record<string, unknown>),
    ...(patch.settings ?? {}),
  };
  const settings = settingsOrThrow(row.kind, raw);
  const url = settingsUrl(settings);
  if (url) await checkModelUrl(ctx, url);
  const next: ModelRow = {
    ...row,
    controls: patch.controls ? JSON.stringify(patch.controls) : row.controls,
    settings: JSON.stringify(raw),
  };
  await checkBuildable(ctx, access, next, settings);
  const updated = await repo.updateModel(access.project.id, id, {
    controls: next.controls,
    settings: next.settings,
    ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
    ...(patch.secret === null ? { secret_sealed: null } : {}),
    ...(patch.secret ? { secret_sealed: sealSecret(patch.secret, ctx.config.secret, id) } : {}),
  });
  registryOf(ctx).invalidate(id);
  if (!updated) throw new AppError(500, 'internal', 'The model could not be updated.');
  return updated;
}
