import { seededRandom } from '../../quality/index.ts';
import type { SpanExample } from './span-tagger.ts';

/*
 * A small deterministic generator of Chinese NER sentences (PER, ORG, LOC), for tests,
 * benchmarks and demos: no Chinese NER corpus with a licence that allows shipping it is in
 * the shared datasets, and a generated set makes the figures reproducible anywhere. Person
 * names are surname + one or two given-name characters drawn at random, so most test names
 * were never seen in training; organisations combine a stem (a place or a brand-like pair of
 * characters), an optional industry and a suffix; locations come from a fixed list, so
 * they repeat as real place names do.
 */

const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤',
).concat(['欧阳', '司马', '诸葛', '上官']);
const GIVEN = Array.from(
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华建国文辉鹏宇浩然欣怡子轩梓涵俊晨雨思琪嘉颖志红玉兰英海波婷凯佳琳一鸣晓峰雪梅',
);
const LOCATIONS = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '成都',
  '武汉',
  '南京',
  '西安',
  '重庆',
  '天津',
  '苏州',
  '长沙',
  '郑州',
  '青岛',
  '厦门',
  '昆明',
  '大连',
  '沈阳',
  '哈尔滨',
  '济南',
  '合肥',
  '福州',
  '南昌',
  '贵阳',
  '兰州',
  '乌鲁木齐',
  '拉萨',
  '海口',
  '三亚',
  '广东省',
  '浙江省',
  '江苏省',
  '四川省',
  '湖北省',
  '云南省',
  '日本',
  '美国',
  '德国',
  '法国',
  '英国',
  '新加坡',
  '香港',
  '澳门',
  '长江',
  '泰山',
  '黄山',
  '西湖',
];
const BRAND = Array.from('华星光明东方新宏远嘉信达盛恒泰安中联创海天金龙腾飞美丰');
const INDUSTRY = [
  '科技',
  '电子',
  '网络',
  '医药',
  '能源',
  '汽车',
  '食品',
  '金融',
  '教育',
  '文化',
  '传媒',
];
const SUFFIX = ['公司', '集团', '银行', '大学', '研究院', '医院', '协会', '有限公司', '出版社'];
const LATIN_ORGS = ['IBM', 'Google', 'OpenAI', 'Tesla', 'Intel'];

/**
 * Clause patterns: entity slots {PER} {ORG} {LOC} and word slots {v:class} filled from the
 * word lists below. Sentences join one to three clauses, so contexts vary as in real text.
 */
const CLAUSES = [
  '{PER}{v:perLoc}{LOC}',
  '{PER}{v:perOrg}{ORG}',
  '{ORG}{v:orgLoc}{LOC}',
  '{PER}和{PER}{v:pair}',
  '{LOC}{v:locPred}',
  '{ORG}{v:orgPred}',
  '{PER}{v:say}',
  '在{LOC}，{PER}{v:intrans}',
  '{ORG}{v:orgPer}{PER}',
  '来自{LOC}的{PER}{v:intrans}',
  '{PER}用iPhone 15在{LOC}拍了200张照片',
  '{ORG}与{ORG}{v:pair}',
  '{LOC}市民{PER}{v:perOrg}{ORG}',
  '{v:filler}',
  '{v:filler}',
  '{PER}、{PER}和{PER}{v:pair}',
  '据{ORG}消息，{PER}{v:perLoc}{LOC}',
  '{ORG}研究人员{PER}{v:intrans}',
];

/** Word lists; every fourth word is kept for `contexts: 'unseen'`. */
const WORDS: Record<string, readonly string[]> = {
  perLoc: [
    '去了',
    '来到',
    '住在',
    '回到',
    '离开了',
    '访问了',
    '飞往',
    '搬到',
    '出差到',
    '路过',
    '考察了',
    '定居在',
  ],
  perOrg: [
    '加入了',
    '离开了',
    '就职于',
    '投资了',
    '起诉了',
    '参观了',
    '创办了',
    '毕业于',
    '收购了',
    '领导着',
    '实习于',
    '告别了',
  ],
  orgLoc: ['落户', '进军', '总部设在', '在当地开拓', '撤出了', '扎根于', '服务于', '布局了'],
  orgPer: ['任命', '聘请了', '解雇了', '表彰了', '起诉了', '邀请了', '资助了', '奖励了'],
  pair: [
    '见了面',
    '吵了一架',
    '合作多年',
    '是大学同学',
    '签署了协议',
    '一起吃饭',
    '打了电话',
    '互相认识',
  ],
  locPred: [
    '的天气很好',
    '发生了地震',
    '的房价上涨了',
    '开通了地铁',
    '举办了博览会',
    '下了大雪',
    '的经济增长明显',
    '修了新机场',
  ],
  orgPred: [
    '发布了新产品',
    '的股价上涨了百分之五',
    '宣布裁员',
    '召开了发布会',
    '公布了财报',
    '获得了融资',
    '推出了新服务',
    '更换了标志',
  ],
  say: [
    '表示同意',
    '说自己很满意',
    '拒绝回答',
    '笑了',
    '感到很意外',
    '提出了建议',
    '认为问题不大',
    '没有发表评论',
  ],
  intrans: [
    '获得了冠军',
    '发表了讲话',
    '发表了一篇论文',
    '退休了',
    '生病了',
    '表示感谢',
    '结婚了',
    '升职了',
  ],
  filler: [
    '大家都很高兴',
    '天气转凉了',
    '会议持续了三个小时',
    '价格上涨了百分之五',
    '很多人不同意这个看法',
    '记者了解到',
    '负责人表示',
    '情况正在好转',
    '事情已经解决',
    '大家都在休息',
    '没有人受伤',
    '活动十分成功',
  ],
};
const OPENERS = [
  '据悉，',
  '近日，',
  '今年三月，',
  '有消息称，',
  '另外，',
  '上周五，',
  '昨天，',
  '目前，',
];

type Pick = <T>(xs: readonly T[]) => T;

function person(pick: Pick, r: () => number): string {
  return pick(SURNAMES) + pick(GIVEN) + (r() < 0.6 ? pick(GIVEN) : '');
}

function org(pick: Pick, r: () => number): string {
  if (r() < 0.1) return pick(LATIN_ORGS);
  const stem = r() < 0.4 ? pick(LOCATIONS) : pick(BRAND) + pick(BRAND);
  return stem + (r() < 0.6 ? pick(INDUSTRY) : '') + pick(SUFFIX);
}

/**
 * `n` generated Chinese NER sentences with PER, ORG and LOC spans (code-point offsets);
 * the same seed gives the same sentences on every machine. `contexts: 'unseen'` fills the
 * clauses with verbs, predicates and filler clauses (a quarter of each list) that `'seen'`
 * (the default, for training) never uses: a test of generalisation to new contexts.
 *
 * @example
 * ```ts
 * const train = generateZhNer(2000, 1);
 * const test = generateZhNer(500, 2);
 * const hard = generateZhNer(500, 3, 'unseen');
 * train[0]; // { text: '...', spans: [{ start: 0, end: 3, label: 'PER' }, ...] }
 * ```
 */
export function generateZhNer(
  n: number,
  seed: number,
  contexts: 'seen' | 'unseen' = 'seen',
): SpanExample[] {
  const r = seededRandom(seed);
  const pick: Pick = (xs) => xs[Math.floor(r() * xs.length)]!;
  const keep = <T>(xs: readonly T[]) =>
    xs.filter((_, i) => (i % 4 === 3) === (contexts === 'unseen'));
  const words = Object.fromEntries(Object.entries(WORDS).map(([k, v]) => [k, keep(v)]));
  const out: SpanExample[] = [];
  for (let k = 0; k < n; k++) {
    const clauses = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(CLAUSES));
    const sentence = (r() < 0.3 ? pick(keep(OPENERS)) : '') + clauses.join('，') + '。';
    out.push(fill(sentence, pick, r, words));
  }
  return out;
}

/** Fills the slots of a sentence pattern, recording entity spans in code points. */
function fill(
  pattern: string,
  pick: Pick,
  r: () => number,
  words: Record<string, readonly string[]>,
): SpanExample {
  let text = '';
  let len = 0;
  const spans: { start: number; end: number; label: string }[] = [];
  for (const part of pattern.split(/(\{[^}]+\})/)) {
    const slot = /^\{(PER|ORG|LOC)\}$/.exec(part)?.[1];
    const word = /^\{v:(\w+)\}$/.exec(part)?.[1];
    const piece =
      slot === 'PER'
        ? person(pick, r)
        : slot === 'ORG'
          ? org(pick, r)
          : slot === 'LOC'
            ? pick(LOCATIONS)
            : word
              ? pick(words[word]!)
              : part;
    const cps = Array.from(piece).length;
    if (slot) spans.push({ start: len, end: len + cps, label: slot });
    text += piece;
    len += cps;
  }
  return { text, spans };
}
