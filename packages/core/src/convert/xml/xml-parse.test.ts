import { describe, expect, it } from 'vitest';
import { ConvertError } from '../errors.ts';
import { childElements, parseXml, textContent } from './xml-parse.ts';
import { escapeXml } from './xml-write.ts';

describe('parseXml', () => {
  it('reads elements, attributes, self-closing tags, text, comments and CDATA', () => {
    const root = parseXml(
      `<?xml version="1.0"?>\n<!-- top -->\n<View a="1" b='two'>\n  <Text name="t" value="$text"/>\n  <Header>Hi &amp; bye &#x1F600;&#65;</Header><![CDATA[<raw>]]>\n</View>`,
    );
    expect(root.name).toBe('View');
    expect(root.attributes).toEqual({ a: '1', b: 'two' });
    const [text, header] = childElements(root);
    expect(text).toMatchObject({
      name: 'Text',
      attributes: { name: 't', value: '$text' },
      line: 4,
      column: 3,
    });
    expect(header && textContent(header)).toBe('Hi & bye 😀A');
    expect(textContent(root)).toContain('<raw>');
  });

  it('refuses DOCTYPE and ENTITY declarations (no XXE, no entity expansion)', () => {
    const xxe =
      '<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<View>&xxe;</View>';
    expect(() => parseXml(xxe, 'config')).toThrow(
      /config line 2, column 1: DOCTYPE and ENTITY declarations are not allowed/,
    );
    expect(() => parseXml('<View><!ENTITY a "b"></View>')).toThrow(ConvertError);
  });

  it('refuses unknown entities instead of expanding them', () => {
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/unknown entity &nbsp;/);
    expect(() => parseXml('<a b="x & y"/>')).toThrow(/must start an entity/);
  });

  it('names line and column of structural errors', () => {
    expect(() => parseXml('<View>\n  <Text>\n</View>')).toThrow(
      /line 3, column 1: <\/View> does not match <Text> opened at line 2, column 3/,
    );
    expect(() => parseXml('<a b=1/>')).toThrow(/must be quoted/);
    expect(() => parseXml('<a b="1" b="2"/>')).toThrow(/appears twice/);
    expect(() => parseXml('<a/><b/>')).toThrow(/only one root element/);
    expect(() => parseXml('<a>')).toThrow(/never closed/);
    expect(() => parseXml('')).toThrow(/no element/);
  });

  it('caps nesting depth', () => {
    const deep = '<a>'.repeat(300) + '</a>'.repeat(300);
    expect(() => parseXml(deep)).toThrow(/nested deeper than 256/);
  });

  it('round-trips escaped attribute values', () => {
    const value = 'a < b & "c" \'d\'\nnext\ttab 😀';
    const root = parseXml(`<x v="${escapeXml(value)}">${escapeXml(value)}</x>`);
    expect(root.attributes.v).toBe(value);
    expect(textContent(root)).toBe(value);
  });

  it('refuses characters XML cannot hold when writing', () => {
    expect(() => escapeXml('a\u0001b')).toThrow(/U\+0001/);
    expect(() => escapeXml('\uD800')).toThrow(/U\+D800/);
  });
});
