import { describe, expect, it } from 'vitest';
import { detectEmails } from './email.ts';

describe('detectEmails', () => {
  it('finds addresses glued to Chinese text and after an emoji', () => {
    expect(detectEmails('📧邮箱zhang.san+tag@mail.example.cn谢谢')[0]).toMatchObject({
      start: 3,
      end: 32,
      text: 'zhang.san+tag@mail.example.cn',
      score: 1,
    });
  });

  it('normalises full-width ＠ and ．', () => {
    expect(detectEmails('ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ')[0]?.text).toBe(
      'ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ',
    );
  });

  it('rejects incomplete addresses and URL userinfo', () => {
    expect(detectEmails('a@b')).toEqual([]);
    expect(detectEmails('x@example.')).toEqual([]);
    expect(detectEmails('.a@example.com')).toEqual([]); // a local part cannot start with '.'
    expect(detectEmails('https://user:pw@example.com/')).toEqual([]);
  });
});
