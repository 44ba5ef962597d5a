/**
 * Project templates: a ready labeling schema for each common job, plus a few sample tasks so
 * a new project can be tried at once. Names and labels are data (they stay as written in any
 * UI language); the template titles and blurbs are i18n keys.
 *
 * @example
 * const t = TEMPLATES.find((t) => t.id === 'ner-relations')!;
 * api.createProject({ name: 'NER', schema: t.schema });
 */
import { SAMPLE_IMAGE_URL } from './sample-image.ts';
import type { LabelingSchema } from './types.ts';

/** One template. */
export interface ProjectTemplate {
  id: string;
  /** i18n key of the title; `${key}_desc` is the blurb. */
  titleKey: string;
  icon: string;
  schema: LabelingSchema;
  samples: Record<string, unknown>[];
}

const textClassification: ProjectTemplate = {
  id: 'text-classification',
  titleKey: 'templates.text_classification',
  icon: 'Aa',
  schema: {
    version: 1,
    fields: [{ name: 'text', type: 'text' }],
    controls: [
      {
        name: 'sentiment',
        type: 'choices',
        field: 'text',
        required: true,
        labels: [
          { value: 'positive', hotkey: '1', color: '#16a34a' },
          { value: 'negative', hotkey: '2', color: '#dc2626' },
          { value: 'neutral', hotkey: '3', color: '#64748b' },
        ],
      },
    ],
  },
  samples: [
    { text: 'The battery lasts two full days. Very happy with it!' },
    { text: '快递太慢了，包装也破了，非常失望。' },
    { text: 'It arrived on Tuesday.' },
  ],
};

const ner: ProjectTemplate = {
  id: 'ner-relations',
  titleKey: 'templates.ner_relations',
  icon: '⟨⟩',
  schema: {
    version: 1,
    fields: [{ name: 'text', type: 'text' }],
    controls: [
      {
        name: 'entities',
        type: 'spans',
        field: 'text',
        labels: [
          { value: 'PER', hotkey: '1', color: '#2563eb' },
          { value: 'ORG', hotkey: '2', color: '#d97706' },
          { value: 'LOC', hotkey: '3', color: '#16a34a' },
          { value: 'MISC', hotkey: '4', color: '#9333ea' },
        ],
      },
      {
        name: 'relations',
        type: 'relations',
        field: 'text',
        labels: [
          { value: 'works_for', hotkey: '5', color: '#0891b2' },
          { value: 'located_in', hotkey: '6', color: '#be123c' },
        ],
      },
    ],
  },
  samples: [
    { text: '张伟在北京的字节跳动工作。' },
    { text: 'Marie Curie worked at the University of Paris 🇫🇷.' },
    { text: '李娜 😀 去了上海，加入了阿里巴巴。' },
  ],
};

const imageDetection: ProjectTemplate = {
  id: 'image-detection',
  titleKey: 'templates.image_detection',
  icon: '▣',
  schema: {
    version: 1,
    fields: [{ name: 'image', type: 'image' }],
    controls: [
      {
        name: 'objects',
        type: 'bbox',
        field: 'image',
        labels: [
          { value: 'car', hotkey: '1', color: '#2563eb' },
          { value: 'person', hotkey: '2', color: '#dc2626' },
          { value: 'tree', hotkey: '3', color: '#16a34a' },
        ],
        attributes: [
          { name: 'occluded', type: 'boolean' },
          { name: 'color', type: 'choice', options: ['red', 'blue', 'white', 'other'] },
        ],
      },
      {
        name: 'areas',
        type: 'polygon',
        field: 'image',
        labels: [
          { value: 'road', hotkey: '4', color: '#64748b' },
          { value: 'building', hotkey: '5', color: '#d97706' },
        ],
      },
      {
        name: 'pose',
        type: 'keypoints',
        field: 'image',
        labels: [
          { value: 'head', hotkey: '6', color: '#e11d48' },
          { value: 'left_hand', hotkey: '7', color: '#7c3aed' },
          { value: 'right_hand', hotkey: '8', color: '#0891b2' },
        ],
      },
    ],
  },
  samples: [{ image: SAMPLE_IMAGE_URL }],
};

const llmRating: ProjectTemplate = {
  id: 'llm-rating',
  titleKey: 'templates.llm_rating',
  icon: '★',
  schema: {
    version: 1,
    fields: [
      { name: 'prompt', type: 'text', label: 'Prompt' },
      { name: 'response', type: 'text', label: 'Response' },
    ],
    controls: [
      { name: 'quality', type: 'rating', field: 'response', max: 5, required: true },
      {
        name: 'issues',
        type: 'choices',
        field: 'response',
        multiple: true,
        labels: [
          { value: 'hallucination', hotkey: 'q' },
          { value: 'unsafe', hotkey: 'w' },
          { value: 'off_topic', hotkey: 'e' },
          { value: 'incomplete', hotkey: 'r' },
        ],
      },
      { name: 'rationale', type: 'textarea', field: 'response' },
    ],
  },
  samples: [
    {
      prompt: '用一句话解释什么是光合作用。',
      response: '光合作用是植物利用光能把二氧化碳和水转化为有机物并释放氧气的过程。',
    },
    {
      prompt: 'What is the capital of Australia?',
      response: 'The capital of Australia is Sydney.',
    },
  ],
};

const pairwise: ProjectTemplate = {
  id: 'llm-pairwise',
  titleKey: 'templates.llm_pairwise',
  icon: 'A|B',
  schema: {
    version: 1,
    fields: [
      { name: 'dialogue', type: 'dialogue' },
      { name: 'responses', type: 'responses' },
    ],
    controls: [
      { name: 'preference', type: 'pairwise', field: 'responses', required: true },
      { name: 'reason', type: 'textarea', field: 'responses' },
    ],
  },
  samples: [
    {
      dialogue: [{ role: 'user', content: '帮我写一句生日祝福，送给妈妈。' }],
      responses: [
        {
          id: 'a',
          model: 'model-x',
          text: '妈妈，生日快乐！谢谢您一直以来的爱与陪伴，愿您健康美丽、天天开心。',
        },
        { id: 'b', model: 'model-y', text: '生日快乐。' },
      ],
    },
    {
      dialogue: [
        { role: 'system', content: 'You are a concise assistant.' },
        { role: 'user', content: 'How do I reverse a list in Python?' },
      ],
      responses: [
        {
          id: 'a',
          model: 'model-x',
          text: 'Use `my_list.reverse()` to reverse in place, or `my_list[::-1]` for a reversed copy.',
        },
        {
          id: 'b',
          model: 'model-y',
          text: 'You cannot reverse lists in Python; use a loop to build a new one.',
        },
      ],
    },
  ],
};

const ranking: ProjectTemplate = {
  id: 'llm-ranking',
  titleKey: 'templates.llm_ranking',
  icon: '1·2·3',
  schema: {
    version: 1,
    fields: [
      { name: 'prompt', type: 'text', label: 'Prompt' },
      { name: 'responses', type: 'responses' },
    ],
    controls: [{ name: 'rank', type: 'ranking', field: 'responses', required: true }],
  },
  samples: [
    {
      prompt: 'Suggest a name for a note-taking app.',
      responses: [
        { id: 'r1', text: 'Jotter' },
        { id: 'r2', text: 'NoteTakingApplication2025' },
        { id: 'r3', text: '墨记 (Inkwell)' },
      ],
    },
  ],
};

const dialogueQuality: ProjectTemplate = {
  id: 'dialogue-quality',
  titleKey: 'templates.dialogue_quality',
  icon: '💬',
  schema: {
    version: 1,
    fields: [{ name: 'dialogue', type: 'dialogue' }],
    controls: [
      { name: 'overall', type: 'rating', field: 'dialogue', max: 5, required: true },
      {
        name: 'problems',
        type: 'choices',
        field: 'dialogue',
        multiple: true,
        labels: [
          { value: 'unhelpful', hotkey: 'q' },
          { value: 'factual_error', hotkey: 'w' },
          { value: 'harmful', hotkey: 'e' },
          { value: 'lost_context', hotkey: 'r' },
        ],
      },
      { name: 'comment', type: 'textarea', field: 'dialogue' },
    ],
  },
  samples: [
    {
      dialogue: [
        { role: 'user', content: '明天北京天气怎么样？' },
        { role: 'assistant', content: '我无法获取实时天气，建议查看中国天气网或手机天气应用。' },
        { role: 'user', content: '那你能告诉我一般十月的北京天气吗？' },
        { role: 'assistant', content: '十月的北京秋高气爽，白天约 15–20°C，早晚较凉，注意添衣。' },
      ],
    },
  ],
};

/** All templates, in gallery order. */
export const TEMPLATES: readonly ProjectTemplate[] = [
  textClassification,
  ner,
  imageDetection,
  llmRating,
  pairwise,
  ranking,
  dialogueQuality,
];

/** An empty schema for "start from scratch". */
export function blankSchema(): LabelingSchema {
  return { version: 1, fields: [{ name: 'text', type: 'text' }], controls: [] };
}
