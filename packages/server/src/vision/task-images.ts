import { buffer } from 'node:stream/consumers';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { MAX_MEDIA_BYTES } from '../media/media.service.ts';
import { VisionService } from './vision.service.ts';

const services = new WeakMap<AppContext, VisionService>();

/**
 * The vision service of an app (one worker thread per context, created on first use and
 * stopped when idle), shared by pre-label jobs and content-safety scans.
 *
 * @example
 * const { regions } = await visionOf(ctx).detectObjects(bytes);
 */
export function visionOf(ctx: AppContext): VisionService {
  let v = services.get(ctx);
  if (!v) {
    v = new VisionService();
    services.set(ctx, v);
  }
  return v;
}

/**
 * Stops the app's vision worker, if one was started (on app close).
 *
 * @example
 * app.addHook('onClose', () => closeVision(ctx));
 */
export async function closeVision(ctx: AppContext): Promise<void> {
  const v = services.get(ctx);
  services.delete(ctx);
  await v?.close();
}

/** `/api/projects/<id>/media/<asset id>`, the form media uploads give (absolute or not). */
const MEDIA_PATH = /^(?:https?:\/\/[^/]+)?\/api\/projects\/(\d+)\/media\/(\d+)$/;

/**
 * The bytes of the image a task's field refers to: an asset of the same project
 * (`/api/projects/:id/media/:assetId`, read from storage) or an http(s) URL, fetched through
 * the SSRF-safe fetcher (private and metadata addresses refused unless allow-listed) with the
 * media size limit. An asset of another project is refused as if it did not exist.
 *
 * @example
 * const bytes = await loadTaskImage(ctx, 3, '/api/projects/3/media/12');
 */
export async function loadTaskImage(
  ctx: AppContext,
  projectId: number,
  ref: string,
): Promise<Uint8Array> {
  const m = MEDIA_PATH.exec(ref);
  if (m) {
    const asset =
      Number(m[1]) === projectId
        ? await ctx.store.db
            .selectFrom('assets')
            .select(['storage_key'])
            .where('project_id', '=', projectId)
            .where('id', '=', Number(m[2]))
            .executeTakeFirst()
        : undefined;
    if (!asset) throw new AppError(404, 'not_found', `The image ${ref} is not in this project.`);
    return buffer(await ctx.storage.get(asset.storage_key));
  }
  if (/^https?:\/\//i.test(ref)) {
    const res = await ctx.fetcher.fetch(ref, { timeoutMs: 30_000 });
    if (!res.ok) {
      await res.body?.cancel();
      throw new AppError(422, 'image_unavailable', `The image URL answered HTTP ${res.status}.`);
    }
    return ctx.fetcher.readBody(res, MAX_MEDIA_BYTES);
  }
  throw new AppError(
    422,
    'bad_image_reference',
    'An image reference must be a media URL of this project or an http(s) URL.',
  );
}
