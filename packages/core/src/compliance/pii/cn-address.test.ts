import { describe, expect, it } from 'vitest';
import { detectCnAddresses } from './cn-address.ts';

const found = (t: string) => detectCnAddresses(t).map((f) => [f.text, f.score]);

describe('detectCnAddresses', () => {
  it('finds a labelled address down to the room', () => {
    expect(found('地址：北京市朝阳区建国路88号院3号楼2单元501，电话…')).toEqual([
      ['北京市朝阳区建国路88号院3号楼2单元501', 0.85],
    ]);
  });

  it('starts at a province or at a street with a house number', () => {
    expect(found('寄到广东省深圳市南山区科技园路1号')).toEqual([
      ['广东省深圳市南山区科技园路1号', 0.85],
    ]);
    expect(found('浙江省杭州市西湖区文三路')[0]?.[0]).toBe('浙江省杭州市西湖区文三路');
    expect(found('公司在中关村大街27号附近')).toEqual([['中关村大街27号', 0.65]]);
  });

  it('counts code points after an emoji', () => {
    expect(detectCnAddresses('🏠家住上海市浦东新区世纪大道100号')[0]).toMatchObject({
      start: 3,
      end: 18,
    });
  });

  it('ignores city-level places and streets without a number or label', () => {
    expect(found('我在广东省深圳市工作')).toEqual([]);
    expect(found('沿着长安街走')).toEqual([]);
    expect(found('今天天气很好')).toEqual([]);
  });
});
