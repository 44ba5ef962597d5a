import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

const WORDS = [
  'data',
  'label',
  'model',
  'train',
  'review',
  'quality',
  'image',
  'text',
  'span',
  'entity',
  '标注',
  '数据',
  '质量',
  '模型',
  'agreement',
  'export',
];

/**
 * Writes N tasks as JSONL (about 200 bytes of data each) once, and reuses the file afterwards.
 * Deterministic, so every run imports the same bytes.
 */
export async function generateTasks(dir: string, n: number, prefix = 'tasks'): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${prefix}-${n}.jsonl`);
  if (existsSync(file)) return file;
  const tmp = `${file}.partial`;
  const out = createWriteStream(tmp);
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let buf = '';
  for (let i = 0; i < n; i++) {
    let text = '';
    while (text.length < 140) text += WORDS[Math.floor(rnd() * WORDS.length)] + ' ';
    buf +=
      JSON.stringify({
        text: `${prefix} ${i}: ${text.trim()}`,
        source: 'bench',
        lang: i % 3 === 0 ? 'zh' : 'en',
        n: i,
      }) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  renameSync(tmp, file);
  return file;
}
