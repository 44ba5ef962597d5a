import yazl from 'yazl';

/** One entry of a zip built for a test. */
export interface ZipEntry {
  name: string;
  data: Buffer;
  mode?: number;
  compress?: boolean;
}

/**
 * Builds a zip in memory, from entries or from a map of names to bytes.
 *
 * @example
 * const body = await zipBuffer({ 'tasks.jsonl': Buffer.from('{"text":"a"}\n') });
 */
export function zipBuffer(entries: ZipEntry[] | Record<string, Buffer>): Promise<Buffer> {
  const list = Array.isArray(entries)
    ? entries
    : Object.entries(entries).map(([name, data]) => ({ name, data }) as ZipEntry);
  const z = new yazl.ZipFile();
  for (const e of list) z.addBuffer(e.data, e.name, { mode: e.mode, compress: e.compress ?? true });
  z.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    z.outputStream
      .on('data', (c: Buffer) => parts.push(c))
      .on('end', () => resolve(Buffer.concat(parts)))
      .on('error', reject);
  });
}
