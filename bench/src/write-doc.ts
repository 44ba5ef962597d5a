import { writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

/**
 * Writes a doc that a bench updated, formatted as `npm test`'s prettier check expects (a table
 * a bench prints is not aligned the way prettier aligns it).
 *
 * @example await writeDoc('/repo/docs/prelabel.md', text);
 */
export async function writeDoc(path: string, text: string): Promise<void> {
  const options = (await prettier.resolveConfig(path)) ?? {};
  writeFileSync(path, await prettier.format(text, { ...options, filepath: path }));
}
