/*
 * A small zh/en dictionary of object concepts (the COCO-80 classes people caption most, with
 * common synonyms), for the text–image alignment score: caption nouns and box labels both map
 * to concept ids, and the score compares the two sets. Hand-written; extend per project by
 * naming box labels as the concepts below.
 */

const CONCEPTS: Record<string, [en: string[], zh: string[]]> = {
  person: [
    [
      'person',
      'people',
      'man',
      'men',
      'woman',
      'women',
      'boy',
      'girl',
      'child',
      'children',
      'kid',
      'player',
      'astronaut',
      'human',
      'lady',
      'guy',
    ],
    [
      '人',
      '男人',
      '女人',
      '男孩',
      '女孩',
      '孩子',
      '儿童',
      '小孩',
      '宇航员',
      '行人',
      '人们',
      '运动员',
      '女士',
      '先生',
    ],
  ],
  bicycle: [
    ['bicycle', 'bike', 'cyclist'],
    ['自行车', '单车'],
  ],
  car: [
    ['car', 'automobile', 'taxi', 'vehicle'],
    ['汽车', '车', '轿车', '出租车', '小汽车'],
  ],
  motorcycle: [
    ['motorcycle', 'motorbike', 'scooter'],
    ['摩托车', '摩托', '电动车'],
  ],
  airplane: [
    ['airplane', 'plane', 'aircraft', 'jet'],
    ['飞机', '客机'],
  ],
  bus: [['bus'], ['公交车', '巴士', '公共汽车', '大巴']],
  train: [
    ['train', 'locomotive'],
    ['火车', '列车', '高铁'],
  ],
  truck: [
    ['truck', 'lorry'],
    ['卡车', '货车'],
  ],
  boat: [
    ['boat', 'ship', 'yacht'],
    ['船', '小船', '轮船', '帆船'],
  ],
  'traffic light': [['traffic light'], ['红绿灯', '交通灯']],
  bird: [
    ['bird', 'pigeon', 'seagull'],
    ['鸟', '小鸟', '鸽子', '海鸥'],
  ],
  cat: [
    ['cat', 'kitten', 'kitty'],
    ['猫', '小猫', '猫咪'],
  ],
  dog: [
    ['dog', 'puppy'],
    ['狗', '小狗', '狗狗'],
  ],
  horse: [
    ['horse', 'pony'],
    ['马', '小马'],
  ],
  sheep: [
    ['sheep', 'lamb'],
    ['羊', '绵羊', '小羊'],
  ],
  cow: [
    ['cow', 'cattle', 'ox'],
    ['牛', '奶牛', '黄牛'],
  ],
  elephant: [['elephant'], ['大象', '象']],
  bear: [['bear'], ['熊', '狗熊']],
  zebra: [['zebra'], ['斑马']],
  giraffe: [['giraffe'], ['长颈鹿']],
  backpack: [
    ['backpack', 'rucksack'],
    ['背包', '双肩包'],
  ],
  umbrella: [
    ['umbrella', 'parasol'],
    ['伞', '雨伞'],
  ],
  handbag: [
    ['handbag', 'purse'],
    ['手提包', '手袋'],
  ],
  tie: [['tie', 'necktie'], ['领带']],
  suitcase: [
    ['suitcase', 'luggage'],
    ['行李箱', '手提箱'],
  ],
  ball: [
    ['ball', 'football', 'soccer ball', 'basketball'],
    ['球', '足球', '篮球'],
  ],
  kite: [['kite'], ['风筝']],
  skateboard: [['skateboard'], ['滑板']],
  surfboard: [['surfboard'], ['冲浪板']],
  bottle: [['bottle'], ['瓶子', '瓶']],
  cup: [
    ['cup', 'mug', 'coffee', 'tea'],
    ['杯子', '杯', '咖啡', '茶杯', '马克杯'],
  ],
  'wine glass': [
    ['wine glass', 'glass'],
    ['酒杯', '玻璃杯'],
  ],
  fork: [['fork'], ['叉子']],
  knife: [['knife'], ['刀', '刀子']],
  spoon: [['spoon'], ['勺子', '汤匙']],
  bowl: [['bowl'], ['碗']],
  banana: [['banana'], ['香蕉']],
  apple: [['apple'], ['苹果']],
  sandwich: [['sandwich'], ['三明治']],
  orange: [['orange'], ['橙子', '橘子']],
  pizza: [['pizza'], ['披萨', '比萨']],
  cake: [['cake'], ['蛋糕']],
  chair: [['chair', 'seat'], ['椅子']],
  couch: [['couch', 'sofa'], ['沙发']],
  'potted plant': [
    ['plant', 'potted plant', 'flower'],
    ['植物', '盆栽', '花'],
  ],
  bed: [['bed'], ['床']],
  'dining table': [
    ['table', 'desk'],
    ['桌子', '餐桌', '桌'],
  ],
  tv: [
    ['tv', 'television', 'monitor', 'screen'],
    ['电视', '显示器', '屏幕'],
  ],
  laptop: [
    ['laptop', 'computer', 'notebook'],
    ['笔记本电脑', '电脑'],
  ],
  'cell phone': [
    ['phone', 'cell phone', 'smartphone', 'mobile'],
    ['手机', '电话'],
  ],
  book: [['book'], ['书', '书本']],
  clock: [
    ['clock', 'watch'],
    ['时钟', '钟', '手表'],
  ],
  'teddy bear': [
    ['teddy bear', 'teddy'],
    ['泰迪熊', '玩具熊'],
  ],
};

const EN = new Map<string, string>();
const ZH: [string, string][] = [];
for (const [concept, [en, zh]] of Object.entries(CONCEPTS)) {
  for (const w of [concept, ...en]) EN.set(w, concept);
  for (const w of zh) ZH.push([w, concept]);
}
// Longest first, so 小汽车 wins over 车 and 笔记本电脑 over 电脑.
ZH.sort((a, b) => b[0].length - a[0].length);

/** Plural → singular for the regular and a few irregular English forms. */
function singular(w: string): string {
  if (EN.has(w)) return w;
  if (w.endsWith('ies') && EN.has(w.slice(0, -3) + 'y')) return w.slice(0, -3) + 'y';
  if (w.endsWith('es') && EN.has(w.slice(0, -2))) return w.slice(0, -2);
  if (w.endsWith('s') && EN.has(w.slice(0, -1))) return w.slice(0, -1);
  return w;
}

/**
 * The object concepts a caption mentions: English words and two-word phrases (plurals folded),
 * and Chinese dictionary words by longest match.
 *
 * @example
 * captionConcepts('Two dogs and a man on a bike'); // Set { 'dog', 'person', 'bicycle' }
 * captionConcepts('一只小狗在草地上'); // Set { 'dog' }
 */
export function captionConcepts(caption: string): Set<string> {
  const out = new Set<string>();
  const words = (caption.toLowerCase().match(/[a-z]+/g) ?? []).map(singular);
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : '';
    const hit = (two && EN.get(two)) || EN.get(words[i]!);
    if (hit) out.add(hit);
  }
  let rest = caption;
  for (const [w, concept] of ZH) {
    if (rest.includes(w)) {
      out.add(concept);
      rest = rest.split(w).join('\u0000');
    }
  }
  return out;
}

/**
 * The concept of a box label (`car`, `汽车`, `Person`), or the lower-cased label itself when
 * the dictionary does not know it (so project-specific labels still match captions using them).
 *
 * @example
 * labelConcept('汽车'); // 'car'
 */
export function labelConcept(label: string): string {
  const l = label.trim().toLowerCase();
  const en = EN.get(singular(l));
  if (en) return en;
  return ZH.find(([w]) => w === l)?.[1] ?? l;
}
