import { describe, expect, it } from 'vitest';
import { detectCnPersons } from './cn-name.ts';

const names = (t: string) => detectCnPersons(t).map((f) => [f.text, f.score, f.context[0]]);

describe('detectCnPersons', () => {
  it('reads a name after a label and stops at the next field', () => {
    expect(names('姓名：张伟，性别：男')).toEqual([['张伟', 0.85, '姓名']]);
    expect(names('联系人李娜电话13812345678')).toEqual([['李娜', 0.85, '联系人']]);
    expect(names('收件人: 王小明')).toEqual([['王小明', 0.85, '收件人']]);
    expect(names('我叫陈一')).toEqual([['陈一', 0.75, '我叫']]);
  });

  it('knows compound surnames', () => {
    expect(names('联系人：欧阳娜娜')).toEqual([['欧阳娜娜', 0.85, '联系人']]);
    expect(names('感谢司马光先生')).toEqual([['司马光', 0.65, '先生']]);
  });

  it('reads a name before a title, a bare surname scoring lower', () => {
    expect(names('请转告张伟先生')).toEqual([['张伟', 0.65, '先生']]);
    expect(names('联系王女士')).toEqual([['王', 0.4, '女士']]);
  });

  it('reports code-point offsets after an emoji', () => {
    expect(detectCnPersons('🙂🙂姓名：刘洋')[0]).toMatchObject({ start: 5, end: 7 });
  });

  it('does not invent names without a cue or from non-surnames', () => {
    expect(names('今天天气很好，我们去公园。')).toEqual([]);
    expect(names('这位先生请坐')).toEqual([]);
    expect(names('姓名：')).toEqual([]);
  });
});
