import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../errors.ts';

/** Limits that stop zip bombs and hostile archives before anything is stored. */
export interface ArchiveLimits {
  maxEntries: number;
  /** Total uncompressed bytes, counted as they are inflated (not trusted from headers). */
  maxTotalBytes: number;
  /** Largest single entry. */
  maxEntryBytes: number;
  /** Largest compression ratio allowed for entries over 1 MiB. */
  maxRatio: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxRatio: 200,
};

export interface ArchiveEntry {
  /** The entry's path inside the archive, checked to be relative and inside it. */
  name: string;
  size: number;
  /** Streams the entry; the stream errors if it inflates past its declared size. */
  open(): Promise<Readable>;
}

const refuse = (entry: string, why: string) =>
  new AppError(
    422,
    'archive_refused',
    `The archive was refused: entry "${entry.slice(0, 200)}" ${why}. Nothing was imported.`,
  );

/**
 * Opens a zip file and vets EVERY entry before handing any out: relative paths only (no
 * absolute, drive or `..` paths: zip-slip), regular files and folders only (no symlinks or
 * other special files), entry count, declared sizes and compression ratio; while reading,
 * yauzl checks the inflated size against the declared one, and the caller counts total bytes.
 */
export async function openArchive(
  file: string,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<{ entries: ArchiveEntry[]; close(): void }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true },
      (err, z) =>
        err
          ? reject(
              new AppError(
                422,
                'archive_invalid',
                `The upload is not a valid zip archive (${err.message}).`,
              ),
            )
          : resolve(z!),
    ),
  );
  const entries: ArchiveEntry[] = [];
  let declared = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) =>
        reject(
          // yauzl's own name checks (absolute paths, `..`) arrive here: they are refusals, not damage.
          /relative path|absolute path|fileName/.test(err.message)
            ? new AppError(
                422,
                'archive_refused',
                `The archive was refused: ${err.message} (zip-slip). Nothing was imported.`,
              )
            : new AppError(422, 'archive_invalid', `The zip archive is damaged (${err.message}).`),
        ),
      );
      zip.on('end', resolve);
      zip.on('entry', (e: yauzl.Entry) => {
        try {
          const name = e.fileName;
          if (entries.length >= limits.maxEntries)
            throw refuse(name, `is beyond the limit of ${limits.maxEntries} entries`);
          checkName(name);
          const mode = (e.externalFileAttributes >>> 16) & 0o170000;
          const isDir = name.endsWith('/');
          if (mode === 0o120000) throw refuse(name, 'is a symbolic link');
          if (mode !== 0 && mode !== 0o100000 && !(isDir && mode === 0o040000))
            throw refuse(name, 'is not a regular file');
          if (e.uncompressedSize > limits.maxEntryBytes)
            throw refuse(name, `declares ${e.uncompressedSize} bytes, over the limit`);
          if (
            e.uncompressedSize > 1024 * 1024 &&
            e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio
          ) {
            throw refuse(
              name,
              `inflates ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}× (a zip bomb?)`,
            );
          }
          declared += e.uncompressedSize;
          if (declared > limits.maxTotalBytes)
            throw refuse(name, 'takes the archive over its total size limit');
          if (!isDir) {
            entries.push({
              name,
              size: e.uncompressedSize,
              open: () =>
                new Promise((res, rej) =>
                  zip.openReadStream(e, (err, s) => (err ? rej(err) : res(s!))),
                ),
            });
          }
          zip.readEntry();
        } catch (err) {
          reject(err);
        }
      });
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    if (err instanceof AppError) throw err;
    throw new AppError(
      422,
      'archive_invalid',
      `The zip archive could not be read (${(err as Error).message}).`,
    );
  }
  return { entries, close: () => zip.close() };
}

/** Relative, normalised paths inside the archive only. */
function checkName(name: string): void {
  if (name.includes('\\')) throw refuse(name, 'uses backslashes in its path');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw refuse(name, 'has an absolute path');
  if (name.split('/').some((seg) => seg === '..'))
    throw refuse(name, 'points outside the archive (..)');
  if (name.includes('\0')) throw refuse(name, 'has a NUL byte in its name');
}

/** Counts bytes through a stream and fails it past `max` (the archive-wide budget). */
export function byteBudget(max: number) {
  let used = 0;
  return {
    take(n: number) {
      used += n;
      if (used > max)
        throw new AppError(
          422,
          'archive_refused',
          `The archive inflates past ${Math.round(max / 1024 / 1024)} MiB (a zip bomb?). Nothing more was imported.`,
        );
    },
    get used() {
      return used;
    },
  };
}
