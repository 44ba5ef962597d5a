import { createHash } from 'node:crypto';
import type { AppContext } from '../context.ts';
import { AppError, tooLarge } from '../errors.ts';
import { now } from '../store/db.ts';
import { sniff } from './magic.ts';

export const MAX_MEDIA_BYTES = 50 * 1024 * 1024;
export const MAX_PIXELS = 100_000_000;

/**
 * Stores an uploaded image under a generated name (its sha256), typed by magic bytes. The file is
 * written to a temporary name first, so a refused or interrupted upload leaves nothing behind.
 */
export async function storeMedia(
  ctx: AppContext,
  projectId: number,
  bytes: Buffer,
  meta: { licence?: string | undefined; source?: string | undefined },
) {
  if (bytes.length > MAX_MEDIA_BYTES)
    throw tooLarge(`The file is larger than ${MAX_MEDIA_BYTES / 1024 / 1024} MiB.`);
  const kind = sniff(bytes);
  if (!kind)
    throw new AppError(
      415,
      'unsupported_media',
      'Only PNG, JPEG, GIF and WebP images are accepted (checked by content, not by file name).',
    );
  if (
    kind.width !== undefined &&
    kind.height !== undefined &&
    kind.width * kind.height > MAX_PIXELS
  ) {
    throw new AppError(
      422,
      'image_too_large',
      `The image declares ${kind.width}×${kind.height} pixels; the limit is ${MAX_PIXELS / 1e6} megapixels.`,
    );
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  // Generated names only: the content hash and the sniffed type, never the uploaded name.
  const key = `media/${sha.slice(0, 2)}/${sha}.${kind.ext}`;
  if (!(await ctx.storage.head(key))) await ctx.storage.put(key, bytes, kind.mime);
  const asset = await ctx.store.db
    .insertInto('assets')
    .values({
      project_id: projectId,
      sha256: sha,
      mime: kind.mime,
      size: bytes.length,
      storage_key: key,
      licence: meta.licence ?? null,
      source: meta.source ?? null,
      pii_flags: null,
      created_at: now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // The declared size goes with the asset so tasks can carry it (COCO, YOLO and VOC need it).
  return { ...asset, width: kind.width, height: kind.height };
}
