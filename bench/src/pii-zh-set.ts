/**
 * Generates the Chinese PII test set (packages/core/src/compliance/fixtures/zh-pii-set.json):
 * sentences in Chinese with every entity `detectPii` reports, in varied formats, their gold
 * spans in code points, and negative sentences whose numbers look like PII but are not.
 * Deterministic: @faker-js/faker's zh_CN and en locales with a fixed seed, and check digits
 * computed here. Regenerate with `node --import tsx bench/src/pii-zh-set.ts --write`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { base, en, Faker, zh_CN } from '@faker-js/faker';
import {
  cnIdCheckChar,
  luhnValid,
  type GoldSpan,
  type LabelledText,
} from '@tessera/core/compliance';

/** Fixed seed: the committed fixture is what this seed gives. */
export const SEED = 20261128;

const OUT = fileURLToPath(
  new URL('../../packages/core/src/compliance/fixtures/zh-pii-set.json', import.meta.url),
);

type Part = string | [entity: string, value: string];

/** Joins parts; each [entity, value] part becomes a gold span in code points. */
function sentence(parts: Part[]): LabelledText {
  let text = '';
  const spans: GoldSpan[] = [];
  for (const p of parts) {
    if (typeof p === 'string') text += p;
    else {
      const start = Array.from(text).length;
      text += p[1];
      spans.push({ entity: p[0], start, end: start + Array.from(p[1]).length });
    }
  }
  return { text, spans };
}

const FULL_WIDTH = (s: string) =>
  s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The value generators, all drawing on one seeded faker. */
function makers(f: Faker, enF: Faker) {
  const pick = <T>(xs: readonly T[]): T => f.helpers.arrayElement(xs);
  const digits = (n: number) => f.string.numeric({ length: n, allowLeadingZeros: true });
  const AREAS = ['110105', '310115', '440305', '510107', '330106', '420102', '320102', '370202'];
  const birth = () => {
    const d = f.date.between({ from: '1950-01-01', to: '2005-12-31' });
    return d.toISOString().slice(0, 10).replace(/-/g, '');
  };
  const id18 = () => {
    const first = pick(AREAS) + birth() + digits(3);
    return first + cnIdCheckChar(first)!;
  };
  const mobileDigits = () => `1${pick(['3', '5', '7', '8', '9'])}${digits(9)}`;
  const luhnCard = (prefix: string, len: number) => {
    for (;;) {
      const c = prefix + digits(len - prefix.length);
      if (luhnValid(c)) return c;
    }
  };
  const group4 = (s: string, sep: string) => s.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
  return {
    pick,
    digits,
    id18,
    id15: () => pick(AREAS) + birth().slice(2) + digits(3),
    mobile: () => {
      const m = mobileDigits();
      return pick([
        m,
        m,
        `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
        `+86-${m}`,
        `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`,
        `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
        `(+86)${m}`,
        FULL_WIDTH(m),
      ]);
    },
    landline: () => {
      const [area, len] = pick([
        ['010', 8],
        ['021', 8],
        ['020', 8],
        ['0755', 8],
        ['0571', 8],
        ['0532', 7],
      ] as const);
      const local = `${f.number.int({ min: 2, max: 8 })}${digits(len - 1)}`;
      return pick([
        `${area}-${local}`,
        `(${area})${local}`,
        `${area} ${local}`,
        `+86 ${area.slice(1)} ${local}`,
      ]);
    },
    card: () => {
      const c = pick([
        () => luhnCard('62', 19),
        () => luhnCard('6222', 16),
        () => luhnCard('4', 16),
        () => luhnCard('5', 16),
      ])();
      return c.length === 16 ? pick([c, group4(c, ' '), group4(c, '-')]) : c;
    },
    email: () => pick([f.internet.email(), enF.internet.email()]).toLowerCase(),
    ipv4: () =>
      `${f.number.int({ min: 11, max: 223 })}.${f.number.int(255)}.${f.number.int(255)}.${f.number.int({ min: 1, max: 254 })}`,
    ipv6: () =>
      `2001:db8:${f.string.hexadecimal({ length: 4, prefix: '' }).toLowerCase()}::${f.number.int({ min: 1, max: 99 })}`,
    cnPassport: () => pick(['E', 'G']) + digits(8),
    plate: () => {
      const prov = pick(Array.from('京津沪渝冀豫云辽黑湘皖鲁苏浙赣鄂桂甘晋陕吉闽贵粤川'));
      const letter = pick(Array.from('ABCDEFGHJKLMN'));
      return pick([
        `${prov}${letter}${digits(5)}`,
        `${prov}${letter}·${digits(5)}`,
        `${prov}${letter}D${digits(5)}`,
        `${prov}${letter}${pick(['A', 'B', 'C', 'K'])}${digits(4)}`,
      ]);
    },
    cnName: () => f.person.lastName() + f.person.firstName(),
    enName: () => `${enF.person.firstName()} ${enF.person.lastName()}`,
    address: () => {
      const city = f.location.city();
      const district = pick(['朝阳区', '海淀区', '南山区', '西湖区', '武侯区', '鼓楼区', '江汉区']);
      const street = `${f.location.street()}${pick(['路', '街', '大道'])}`;
      const number = `${f.number.int({ min: 1, max: 999 })}号`;
      const tail = pick([
        '',
        '',
        `${f.number.int({ min: 1, max: 20 })}栋${f.number.int({ min: 101, max: 2505 })}室`,
      ]);
      return `${f.location.state()}${city}${district}${street}${number}${tail}`;
    },
    intlPhone: () =>
      pick([
        `+1 ${f.number.int({ min: 201, max: 989 })} 555 ${digits(4)}`,
        `+44 20 ${digits(4)} ${digits(4)}`,
        `+81 90-${digits(4)}-${digits(4)}`,
        `(${f.number.int({ min: 201, max: 989 })}) 555-${digits(4)}`,
      ]),
    ssn: () =>
      `${f.number.int({ min: 100, max: 665 })}-${f.number.int({ min: 10, max: 99 })}-${f.number.int({ min: 1000, max: 9999 })}`,
  };
}

/** Builds the whole set: positive sentences from templates, then negatives. */
export function generateZhPiiSet(seed = SEED): LabelledText[] {
  const f = new Faker({ locale: [zh_CN, base] });
  const enF = new Faker({ locale: [en, base] });
  f.seed(seed);
  enF.seed(seed + 1);
  const m = makers(f, enF);
  const positive: Array<() => Part[]> = [
    () => ['客户', ['CN_PERSON', m.cnName()], '的身份证号是', ['CN_RESIDENT_ID', m.id18()], '。'],
    () => ['身份证：', ['CN_RESIDENT_ID', m.id18().replace(/X$/, 'x')], '，请核对。'],
    () => ['老身份证号码', ['CN_RESIDENT_ID', m.id15()], '已经停用。'],
    () => ['证件号码：', ['CN_RESIDENT_ID', FULL_WIDTH(m.id18())]],
    () => ['姓名：', ['CN_PERSON', m.cnName()], '，手机：', ['CN_MOBILE', m.mobile()]],
    () => ['有问题请拨打', ['CN_MOBILE', m.mobile()], '联系我们。'],
    () => ['联系电话', ['CN_LANDLINE', m.landline()], '，工作日9点到18点。'],
    () => ['公司座机：', ['CN_LANDLINE', m.landline()], '，传真同号。'],
    () => ['退款请打到银行卡', ['BANK_CARD', m.card()], '，谢谢。'],
    () => ['信用卡号', ['BANK_CARD', m.card()], '已绑定。'],
    () => ['邮箱：', ['EMAIL', m.email()], '，请尽快回复。'],
    () => ['把报告发到', ['EMAIL', m.email()], '就行。'],
    () => ['登录IP：', ['IP_ADDRESS', m.ipv4()], '，时间异常。'],
    () => ['服务器地址是', ['IP_ADDRESS', m.ipv6()], '，端口443。'],
    () => [
      '配置里写着 https://',
      ['URL_CREDENTIALS', `admin:${f.internet.password({ length: 10, pattern: /[A-Za-z0-9]/ })}`],
      '@db.example.cn/prod',
    ],
    () => ['护照号码：', ['CN_PASSPORT', m.cnPassport()], '，有效期十年。'],
    () => ['他的护照', ['CN_PASSPORT', m.cnPassport()], '下个月到期。'],
    () => ['车牌号', ['CN_LICENSE_PLATE', m.plate()], '的车停在门口。'],
    () => ['违章车辆：', ['CN_LICENSE_PLATE', m.plate()]],
    () => ['联系人', ['CN_PERSON', m.cnName()], '，电话', ['CN_MOBILE', m.mobile()], '。'],
    () => ['请转告', ['CN_PERSON', m.cnName()], '先生明天开会。'],
    () => ['我叫', ['CN_PERSON', m.cnName()], '，来自', f.location.city(), '。'],
    () => ['收件人：', ['CN_PERSON', m.cnName()], '，地址：', ['CN_ADDRESS', m.address()]],
    () => ['家住', ['CN_ADDRESS', m.address()], '，欢迎来玩。'],
    () => ['寄到', ['CN_ADDRESS', m.address()], '，谢谢。'],
    () => ['外方联系人 ', ['PERSON', m.enName()], '，邮箱 ', ['EMAIL', m.email()]],
    () => ['会议由 Dr. ', ['PERSON', m.enName()], ' 主持。'],
    () => ['美国同事的电话是', ['PHONE_NUMBER', m.intlPhone()], '。'],
    () => ['US SSN: ', ['US_SSN', m.ssn()], '，仅供核对。'],
    () => ['美国护照号', ['US_PASSPORT', m.digits(9).replace(/^0/, '5')], '。'],
    () => ['英国护照号码', ['UK_PASSPORT', `${m.pick(['AB', 'GB', 'KX'])}${m.digits(7)}`], '。'],
    () => [
      '印度客户的护照：',
      [
        'IN_PASSPORT',
        `${m.pick(['J', 'K', 'T'])}${f.number.int({ min: 1000001, max: 9999999 })}`.replace(
          /0$/,
          '7',
        ),
      ],
      '。',
    ],
    () => [
      '西班牙护照 ',
      ['ES_PASSPORT', `${m.pick(['AAB', 'PAC', 'XDF'])}${m.digits(6)}`],
      '，已登记。',
    ],
    // Names without a cue: a realistic case the detector is not expected to find.
    () => [['CN_PERSON', m.cnName()], '昨天去了', f.location.city(), '。'],
    () => ['今天和', ['CN_PERSON', m.cnName()], '一起吃饭。'],
  ];
  const negative: Array<() => string> = [
    () => `订单号${nonLuhn(m.digits, 16)}已发货。`,
    () => `运单号${badCheckId(m)}，请查收。`,
    () => `编号12${m.digits(9)}的商品缺货。`,
    () => `时间戳1${m.digits(12)}。`,
    () =>
      `会议定在2026-${f.number.int({ min: 10, max: 12 })}-${f.number.int({ min: 10, max: 28 })}。`,
    () => `价格是¥${f.number.int({ min: 100, max: 9999 })}.${m.digits(2)}元。`,
    () => `软件版本 v${f.number.int(9)}.${f.number.int(20)}.${f.number.int(99)} 已发布。`,
    () => `第${m.digits(5)}期开奖结果公布。`,
    () => `IP 格式错误：${f.number.int({ min: 256, max: 999 })}.1.1.1`,
    () => `号码1${pick2(m)}${m.digits(8)}位数不对。`,
    () => `产品型号A${m.digits(5)}，颜色白色。`,
    () => `ISBN 978-7-${m.digits(3)}-${m.digits(5)}-${m.digits(1)}`,
    () => `我们在${f.location.state()}${f.location.city()}工作。`,
    () => '张家界的风景很美，王者荣耀很好玩。',
    () =>
      `库存${f.number.int({ min: 1000, max: 99999 })}件，销量${f.number.int({ min: 100, max: 9999 })}件。`,
    () => `QQ群${m.digits(8)}欢迎加入。`,
  ];
  const out: LabelledText[] = [];
  for (let i = 0; i < 245; i++) out.push(sentence(positive[i % positive.length]!()));
  for (let i = 0; i < 80; i++) out.push({ text: negative[i % negative.length]!(), spans: [] });
  return out;
}

/** A number of `n` digits that fails the Luhn check (an order number, not a card). */
function nonLuhn(digits: (n: number) => string, n: number): string {
  for (;;) {
    const d = `2${digits(n - 1)}`;
    if (!luhnValid(d)) return d;
  }
}

/** An 18-digit number with a valid-looking date whose check character is wrong. */
function badCheckId(m: ReturnType<typeof makers>): string {
  const id = m.id18();
  const wrong = id.endsWith('0') ? '1' : '0';
  const candidate = id.slice(0, 17) + wrong;
  return luhnValid(candidate) ? badCheckId(m) : candidate;
}

/** A second digit that no mainland mobile number has (10, 11, 12). */
function pick2(m: ReturnType<typeof makers>): string {
  return m.pick(['0', '1', '2']);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const set = generateZhPiiSet();
  const body = {
    description:
      'Chinese PII test set: generated sentences with gold spans (code points) and negatives. Do not edit: regenerate.',
    generator: 'bench/src/pii-zh-set.ts',
    seed: SEED,
    sentences: set,
  };
  if (process.argv.includes('--write')) {
    writeFileSync(OUT, JSON.stringify(body, null, 1) + '\n');
    process.stdout.write(`wrote ${set.length} sentences to ${OUT}\n`);
  } else process.stdout.write(JSON.stringify(set.slice(0, 40), null, 1) + '\n');
}
