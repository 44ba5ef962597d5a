import { formatIssues, validateRegions } from '@tessera/core/format';
import type { LabelingSchema, Region } from '@tessera/core/format';
import {
  checkAnnotation,
  parseQcRules,
  seededRandom,
  summarize,
  type CheckContext,
  type QcRules,
} from '@tessera/core/quality';

/** Annotations checked (after the warm-up) and regions in each, as the target states them. */
const ANNOTATIONS = 10_000;
const WARM_UP = 1_000;

const SCHEMA: LabelingSchema = {
  version: 1,
  fields: [
    { name: 'caption', type: 'text' },
    { name: 'image', type: 'image' },
  ],
  controls: [
    {
      name: 'sentiment',
      type: 'choices',
      field: 'caption',
      required: true,
      labels: [{ value: 'positive' }, { value: 'negative' }, { value: 'neutral' }],
    },
    {
      name: 'entities',
      type: 'spans',
      field: 'caption',
      labels: [{ value: 'PER' }, { value: 'LOC' }, { value: 'ORG' }],
    },
    {
      name: 'objects',
      type: 'bbox',
      field: 'image',
      labels: [{ value: 'dog' }, { value: 'person' }, { value: 'car' }],
    },
    { name: 'areas', type: 'polygon', field: 'image', labels: [{ value: 'road' }] },
    { name: 'summary', type: 'textarea', field: 'caption' },
  ],
};

/** Every rule kind, as a demanding project would configure them. */
const RULES_INPUT = [
  { kind: 'required', severity: 'block' },
  { kind: 'bbox_inside_image', severity: 'block', tolerance: 0.5 },
  { kind: 'bbox_min_size', severity: 'warn', labels: ['person'], min_width: 8, min_height: 8 },
  { kind: 'span_token_boundary', severity: 'warn' },
  {
    kind: 'mutually_exclusive',
    severity: 'warn',
    labels: [
      { control: 'sentiment', label: 'negative' },
      { control: 'objects', label: 'dog' },
    ],
  },
  { kind: 'text_regex', severity: 'block', pattern: '1[3-9]\\d{9}', mode: 'must_not_match' },
  { kind: 'text_regex', severity: 'warn', pattern: '[。.!?！？]$', mode: 'must_match' },
  { kind: 'duplicate_regions', severity: 'warn', iou: 0.9 },
  { kind: 'min_lead_time', severity: 'warn', min_ms: 2000, per_char_ms: 15, per_region_ms: 300 },
];

const WORDS = ['Rex', 'chases', 'Alice', 'through', 'Paris', 'near', 'the', 'river', '2025'];
const HAN = ['北京', '上海', '巴黎', '天安门', '长城', '黄河'];

/** A caption of about 300 code points mixing Latin words, Chinese and an emoji, and its words' offsets. */
function caption(rand: () => number): { text: string; words: Array<[number, number]> } {
  const words: Array<[number, number]> = [];
  let text = '🐕 ';
  let cp = 2;
  while (cp < 300) {
    const w =
      rand() < 0.3
        ? (HAN[Math.floor(rand() * HAN.length)] as string)
        : (WORDS[Math.floor(rand() * WORDS.length)] as string);
    const n = Array.from(w).length;
    words.push([cp, cp + n]);
    text += `${w} `;
    cp += n + 1;
  }
  return { text: `${text.trimEnd()}.`, words };
}

/** One annotation: a choice, 20 spans, 26 boxes, 2 polygons, a summary: 50 regions. */
function annotation(rand: () => number, i: number): CheckContext {
  const { text, words } = caption(rand);
  const regions: Region[] = [
    { id: 'c', control: 'sentiment', type: 'choice', value: { choices: ['positive'] } },
  ];
  const step = Math.floor(words.length / 20);
  for (let k = 0; k < 20; k++) {
    const [start, end] = words[k * step] as [number, number];
    // One span in ten starts one code point late: the token check has something to report.
    const s = k % 10 === 9 ? start + 1 : start;
    regions.push({
      id: `s${k}`,
      control: 'entities',
      type: 'span',
      value: { start: Math.min(s, end - 1), end, labels: ['PER'] },
    });
  }
  for (let k = 0; k < 26; k++) {
    const [x, y] = [rand() * 600, rand() * 440];
    const label = k % 3 === 0 ? 'person' : 'car';
    regions.push({
      id: `b${k}`,
      control: 'objects',
      type: 'bbox',
      value: { x, y, width: 4 + rand() * 60, height: 4 + rand() * 60, labels: [label] },
    });
  }
  for (let k = 0; k < 2; k++) {
    const [x, y] = [rand() * 500, rand() * 300];
    const points: Array<[number, number]> = [
      [x, y],
      [x + 80, y],
      [x + 90, y + 60],
      [x + 10, y + 70],
    ];
    regions.push({
      id: `p${k}`,
      control: 'areas',
      type: 'polygon',
      value: { points, labels: ['road'] },
    });
  }
  const summary = i % 50 === 0 ? '请拨打13800138000' : 'A dog chases a woman through Paris.';
  regions.push({ id: 'x', control: 'summary', type: 'text', value: { text: [summary] } });
  return {
    schema: SCHEMA,
    regions,
    data: { caption: text, image: `https://example.com/${i}.jpg` },
    meta: { width: 640, height: 480 },
    leadTimeMs: 5_000 + rand() * 60_000,
  };
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/**
 * QC rules benchmark: `checkAnnotation` with every rule kind over 10,000 annotations of 50
 * regions each (a choice, 20 spans on a 300-code-point mixed Latin/Chinese caption, 26
 * boxes, 2 polygons, a summary), timing each call after a warm-up. Prints the per-annotation
 * median, p99 and mean in microseconds, and the findings seen (so a silent no-op would show).
 *
 * @example
 * ```sh
 * npx tsx -e "import('./bench/src/rules.ts').then(m=>m.runRulesBench())"
 * ```
 */
export async function runRulesBench(): Promise<void> {
  const parsed = parseQcRules(RULES_INPUT, { schema: SCHEMA });
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  const rules: QcRules = parsed.value;
  const rand = seededRandom(20250115);
  const inputs = Array.from({ length: ANNOTATIONS + WARM_UP }, (_, i) => annotation(rand, i));
  const first = inputs[0] as CheckContext;
  const valid = validateRegions(SCHEMA, first.regions, { ...first.data });
  if (!valid.ok) throw new Error(`generated annotation is invalid:\n${formatIssues(valid.issues)}`);

  for (let i = 0; i < WARM_UP; i++) checkAnnotation(rules, inputs[i] as CheckContext);
  const micros = new Float64Array(ANNOTATIONS);
  let findings = 0;
  let blocked = 0;
  const t0 = performance.now();
  for (let i = 0; i < ANNOTATIONS; i++) {
    const start = performance.now();
    const f = checkAnnotation(rules, inputs[WARM_UP + i] as CheckContext);
    micros[i] = (performance.now() - start) * 1000;
    findings += f.length;
    if (summarize(f).blocked) blocked++;
  }
  const totalMs = performance.now() - t0;
  micros.sort();
  const mean = micros.reduce((a, b) => a + b, 0) / ANNOTATIONS;
  const regions = first.regions.length;
  process.stdout.write(
    [
      `QC rules: ${rules.length} rules (every kind), ${ANNOTATIONS} annotations × ${regions} regions (Node ${process.versions.node})`,
      `per annotation: median ${quantile(micros, 0.5).toFixed(1)} µs, p99 ${quantile(micros, 0.99).toFixed(1)} µs, mean ${mean.toFixed(1)} µs`,
      `total ${totalMs.toFixed(0)} ms; ${findings} findings, ${blocked} annotations blocked`,
      '',
    ].join('\n'),
  );
}
