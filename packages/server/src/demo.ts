import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import type { AppContext } from './context.ts';
import { storeMedia } from './media/media.service.ts';
import { DEMO_IMAGES } from './paths.ts';
import { importTasks } from './services/import.service.ts';
import type { UserRow } from './store/users.repository.ts';

const TEXT_SCHEMA = {
  version: 1,
  fields: [{ name: 'text', type: 'text' }],
  controls: [
    {
      name: 'sentiment',
      type: 'choices',
      field: 'text',
      required: true,
      labels: [
        { value: 'positive', hotkey: '1' },
        { value: 'negative', hotkey: '2' },
        { value: 'neutral', hotkey: '3' },
      ],
    },
    {
      name: 'entities',
      type: 'spans',
      field: 'text',
      labels: [
        { value: 'PER', hotkey: 'p', color: '#e8590c' },
        { value: 'ORG', hotkey: 'o', color: '#1971c2' },
        { value: 'LOC', hotkey: 'l', color: '#2f9e44' },
      ],
    },
    {
      name: 'relations',
      type: 'relations',
      field: 'text',
      labels: [{ value: 'works_for' }, { value: 'located_in' }],
    },
  ],
};

const IMAGE_SCHEMA = {
  version: 1,
  fields: [{ name: 'image', type: 'image' }],
  controls: [
    {
      name: 'objects',
      type: 'bbox',
      field: 'image',
      labels: [
        { value: 'person', hotkey: '1', color: '#e03131' },
        { value: 'animal', hotkey: '2', color: '#2f9e44' },
        { value: 'object', hotkey: '3', color: '#1971c2' },
        { value: 'vehicle', hotkey: '4', color: '#f08c00' },
      ],
    },
    {
      name: 'outline',
      type: 'polygon',
      field: 'image',
      labels: [{ value: 'silhouette', hotkey: '5', color: '#9c36b5' }],
    },
    {
      name: 'points',
      type: 'keypoints',
      field: 'image',
      labels: [
        { value: 'eye', hotkey: '6', color: '#0c8599' },
        { value: 'nose', hotkey: '7', color: '#e64980' },
      ],
    },
  ],
};

/** Fictional sentences in Chinese and English (no real personal data). */
const TEXTS = [
  '张伟在北京的清华大学工作，他说这家新开的咖啡馆很不错。',
  '李娜昨天去了上海，觉得外滩的夜景太美了！🌃',
  '这款手机的电池续航很差，客服也不回复。',
  '王芳是华为公司的工程师，常驻深圳。',
  '天气预报说明天杭州有小雨。',
  'Maria Lopez joined Acme Robotics in Toronto last spring and loves the team.',
  'The delivery was late again and the box arrived damaged.',
  'Dr. Chen presented the results at the Berlin conference on Tuesday.',
  'The new update made the app noticeably faster. 👍',
  'Our office in Nairobi will be closed on Friday.',
];

const IMAGES: Array<[file: string, licence: string, caption: string]> = [
  ['astronaut.png', 'public-domain', 'NASA portrait of Eileen Collins'],
  ['chelsea.png', 'CC0-1.0', 'Chelsea the cat (Stefan van der Walt)'],
  ['coffee.png', 'CC0-1.0', 'A cup of coffee (Rachel Michetti)'],
  ['horse.png', 'CC0-1.0', 'Horse silhouette (Andreas Preuss)'],
  ['rocket.jpg', 'public-domain', 'Falcon 9 launch (SpaceX)'],
  ['camera.png', 'CC0-1.0', 'Cameraman (Lav Varshney)'],
];

/**
 * Loads the demo on a fresh store: a text project (Chinese and English, classification, entities,
 * relations) and an image project (boxes, polygons, keypoints) with CC0 / public-domain photos.
 * Everything goes through the same services a user's import does.
 */
export async function loadDemo(ctx: AppContext, admin: UserRow): Promise<void> {
  const text = await ctx.projects.create({
    name: '演示：文本标注 · Demo: text',
    description:
      'Sentiment, named entities and relations on Chinese and English text. 中英文情感分类、命名实体与关系标注。',
    schema: JSON.stringify(TEXT_SCHEMA),
    settings: '{}',
    created_by: admin.id,
  });
  const jsonl = TEXTS.map((t, i) =>
    JSON.stringify({
      data: { text: t },
      meta: { lang: i < 5 ? 'zh' : 'en' },
      provenance: { source: 'tessera-demo', licence: 'CC0-1.0' },
    }),
  ).join('\n');
  await importTasks({
    store: ctx.store,
    projectId: text.id,
    schema: TEXT_SCHEMA as never,
    userId: admin.id,
    input: Readable.from([Buffer.from(jsonl)]),
    format: 'jsonl',
    onError: 'abort',
    source: 'demo',
    maxRecordBytes: ctx.config.maxRecordBytes,
  });

  const image = await ctx.projects.create({
    name: '演示：图像标注 · Demo: images',
    description:
      'Boxes, polygons and keypoints on public-domain and CC0 photos. 矩形框、多边形与关键点标注。',
    schema: JSON.stringify(IMAGE_SCHEMA),
    settings: '{}',
    created_by: admin.id,
  });
  const tasks: string[] = [];
  for (const [file, licence, caption] of IMAGES) {
    const bytes = await readFile(join(DEMO_IMAGES, file));
    const asset = await storeMedia(ctx, image.id, bytes, {
      licence,
      source: `scikit-image sample data: ${file}`,
    });
    tasks.push(
      JSON.stringify({
        data: { image: `/api/projects/${image.id}/media/${asset.id}`, caption },
        ...(asset.width && asset.height
          ? { meta: { width: asset.width, height: asset.height } }
          : {}),
        provenance: { source: `scikit-image sample data: ${file}`, sha256: asset.sha256, licence },
      }),
    );
  }
  await importTasks({
    store: ctx.store,
    projectId: image.id,
    schema: IMAGE_SCHEMA as never,
    userId: admin.id,
    input: Readable.from([Buffer.from(tasks.join('\n'))]),
    format: 'jsonl',
    onError: 'abort',
    source: 'demo',
    maxRecordBytes: ctx.config.maxRecordBytes,
  });
}
