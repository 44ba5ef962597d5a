import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../quality/index.ts';
import { LearnInputError } from '../errors.ts';
import { TextClassifier, type TextExample } from './text-classifier.ts';

const TOPICS_EN: Record<string, string[]> = {
  sports: [
    'match',
    'goal',
    'team',
    'coach',
    'league',
    'score',
    'player',
    'season',
    'stadium',
    'football',
  ],
  finance: [
    'stock',
    'market',
    'bank',
    'loan',
    'interest',
    'price',
    'investor',
    'shares',
    'profit',
    'fund',
  ],
  weather: [
    'rain',
    'sunny',
    'storm',
    'temperature',
    'wind',
    'forecast',
    'cloudy',
    'snow',
    'humid',
    'cold',
  ],
};
const FILLER_EN = [
  'the',
  'a',
  'today',
  'we',
  'they',
  'said',
  'about',
  'with',
  'in',
  'very',
  'this',
  'new',
  'report',
  'after',
];
const TOPICS_ZH: Record<string, string[]> = {
  体育: ['比赛', '进球', '球队', '教练', '联赛', '比分', '球员', '赛季', '体育场', '冠军'],
  财经: ['股票', '市场', '银行', '贷款', '利率', '价格', '投资者', '股份', '利润', '基金'],
  天气: ['下雨', '晴天', '暴雨', '气温', '大风', '预报', '多云', '下雪', '潮湿', '寒冷'],
};
const FILLER_ZH = ['今天', '我们', '他们', '表示', '关于', '非常', '这个', '新的', '报道', '之后'];

/** Sentences of 6 filler words and 3 topic words in random order. */
function topicData(
  topics: Record<string, string[]>,
  filler: string[],
  perClass: number,
  seed: number,
  sep: string,
): TextExample[] {
  const r = seededRandom(seed);
  const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)]!;
  const out: TextExample[] = [];
  for (let i = 0; i < perClass; i++) {
    for (const [label, words] of Object.entries(topics)) {
      const ws = [
        ...Array.from({ length: 6 }, () => pick(filler)),
        pick(words),
        pick(words),
        pick(words),
      ];
      ws.sort(() => r() - 0.5);
      out.push({ text: ws.join(sep), label });
    }
  }
  return out;
}

const accuracy = (clf: TextClassifier, test: TextExample[]) =>
  test.filter((e) => clf.predict(e.text).label === e.label).length / test.length;

function smsSample(): TextExample[] {
  const text = readFileSync(new URL('./fixtures/sms-spam-sample.tsv', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      return { label: line.slice(0, tab), text: line.slice(tab + 1) };
    });
}

describe('TextClassifier few-shot (5 examples per class)', () => {
  /** Mean test accuracy over 5 draws of the 5-per-class training set (chance: 1/3). */
  const fewShot = (topics: Record<string, string[]>, filler: string[], sep: string) => {
    let sum = 0;
    for (let seed = 1; seed <= 9; seed += 2) {
      const clf = new TextClassifier({ labels: Object.keys(topics) });
      clf.fit(topicData(topics, filler, 5, seed, sep));
      sum += accuracy(clf, topicData(topics, filler, 100, seed + 1, sep));
    }
    return sum / 5;
  };

  it('classifies English topics', () => {
    expect(fewShot(TOPICS_EN, FILLER_EN, ' ')).toBeGreaterThanOrEqual(0.9);
  });

  it('classifies unsegmented Chinese topics with the default tokenizer', () => {
    expect(fewShot(TOPICS_ZH, FILLER_ZH, '')).toBeGreaterThanOrEqual(0.9);
  });

  it('separates SMS spam from ham far above the majority baseline', () => {
    const rows = smsSample();
    const train = [
      ...rows.filter((r) => r.label === 'spam').slice(0, 5),
      ...rows.filter((r) => r.label === 'ham').slice(0, 5),
    ];
    const test = rows.filter((r) => !train.includes(r));
    const clf = new TextClassifier({ labels: ['ham', 'spam'] });
    clf.fit(train);
    const recall = (label: string) => {
      const of = test.filter((r) => r.label === label);
      return of.filter((r) => clf.predict(r.text).label === label).length / of.length;
    };
    // Balanced accuracy (mean per-class recall); chance is 0.5 whatever the class balance.
    expect((recall('spam') + recall('ham')) / 2).toBeGreaterThanOrEqual(0.75);
  });
});

describe('TextClassifier learning and state', () => {
  it('learns online with partialFit and calibrates from prequential scores', () => {
    const clf = new TextClassifier({ labels: Object.keys(TOPICS_EN) });
    expect(Array.from(clf.predictProba('rain'))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    for (const ex of topicData(TOPICS_EN, FILLER_EN, 40, 5, ' ')) clf.partialFit(ex);
    expect(clf.examplesSeen).toBe(120);
    expect(clf.blend.source).toBe('prequential');
    expect(accuracy(clf, topicData(TOPICS_EN, FILLER_EN, 50, 6, ' '))).toBeGreaterThanOrEqual(0.95);
    const p = clf.predict('storm and snow forecast');
    expect(p.label).toBe('weather');
    expect(p.probs.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
  });

  it('retrains reproducibly: same data and seed, same model', () => {
    const data = topicData(TOPICS_EN, FILLER_EN, 20, 7, ' ');
    const a = new TextClassifier({ labels: Object.keys(TOPICS_EN) });
    const b = new TextClassifier({ labels: Object.keys(TOPICS_EN) });
    a.fit(data);
    b.fit(data);
    expect(Array.from(a.predictProba('bank loan today'))).toEqual(
      Array.from(b.predictProba('bank loan today')),
    );
    expect(a.blend.source).toBe('cross-fit');
  });

  it('round-trips through JSON with identical predictions', () => {
    const clf = new TextClassifier({ labels: ['ham', 'spam'], buckets: 2 ** 14 });
    clf.fit(smsSample());
    const saved = JSON.parse(JSON.stringify(clf.toJSON())) as unknown;
    const back = TextClassifier.fromJSON(saved);
    for (const t of ['WINNER!! claim your prize now', 'ok see you at 7', '']) {
      expect(Array.from(back.predictProba(t))).toEqual(Array.from(clf.predictProba(t)));
    }
    expect(back.generation).toBe(clf.generation);
    back.partialFit({ text: 'free ringtone txt STOP', label: 'spam' });
    expect(back.examplesSeen).toBe(clf.examplesSeen + 1);
  });

  it('asks for the custom tokenizer again and reports corrupt state by path', () => {
    const tokenize = (t: string) => t.split(' ');
    const clf = new TextClassifier({ labels: ['a', 'b'], tokenize, buckets: 2 ** 12 });
    clf.fit([
      { text: 'x y', label: 'a' },
      { text: 'z w', label: 'b' },
    ]);
    const state = clf.toJSON();
    expect(() => TextClassifier.fromJSON(state)).toThrow(/custom tokenizer/);
    expect(TextClassifier.fromJSON(state, { tokenize }).predict('x').label).toBe('a');
    expect(() => TextClassifier.fromJSON({ ...state, labels: 'ab' })).toThrow(/labels/);
    const bad = { ...state, lr: { ...state.lr, weights: { ...state.lr.weights, n: 3 } } };
    expect(() => TextClassifier.fromJSON(bad, { tokenize })).toThrow(/lr\.weights/);
  });

  it('rejects unknown labels and bad options with the place of the problem', () => {
    const clf = new TextClassifier({ labels: ['ham', 'spam'] });
    expect(() =>
      clf.fit([
        { text: 'x', label: 'ham' },
        { text: 'y', label: 'sapm' },
      ]),
    ).toThrow(/examples\[1\]\.label: unknown label "sapm" \(labels: ham, spam\)/);
    expect(() => clf.partialFit({ text: 3 as unknown as string, label: 'ham' })).toThrow(
      LearnInputError,
    );
    expect(() => new TextClassifier({ labels: ['only'] })).toThrow(/at least two labels/);
    expect(() => new TextClassifier({ labels: ['a', 'a'] })).toThrow(/labels\[1\]: duplicate/);
    expect(() => new TextClassifier({ labels: ['a', 'b'], alpha: 0 })).toThrow(/alpha/);
    expect(() => new TextClassifier({ labels: ['a', 'b'], calibrationFolds: 1 })).toThrow(
      /calibrationFolds/,
    );
  });
});
