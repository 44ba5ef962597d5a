import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from './code-points.ts';
import { detectPii, preparePii } from './pii/detect.ts';
import { applyOperators, DEFAULT_REDACTION_POLICY, maskValue } from './redact.ts';
import type { Operator, RedactableFinding } from './redact.ts';
import { sha256Hex } from './sha256.ts';

const KEY = 'k-project-7';

// detectPii with every entity needs the English-name model loaded once.
await preparePii();

describe('maskValue', () => {
  it('keeps head and tail, masking the middle', () => {
    expect(maskValue('110105194912311234', 3, 4)).toBe('110***********1234');
    expect(maskValue('13812345678', 3, 4, '•')).toBe('138••••5678');
  });

  it('keeps separators in place and counts code points', () => {
    expect(maskValue('138-1234-5678', 3, 4)).toBe('138-****-5678');
    expect(maskValue('张伟', 1, 0)).toBe('张*');
  });

  it('masks everything when head and tail would reveal it all', () => {
    expect(maskValue('1234', 2, 2)).toBe('****');
  });

  it('rejects bad settings', () => {
    expect(() => maskValue('1', -1)).toThrow(/non-negative/);
    expect(() => maskValue('1', 0, 0, '**')).toThrow(/one character/);
  });
});

describe('applyOperators', () => {
  const text = '😀联系人：张伟，手机138-1234-5678，邮箱zw@example.com';
  const findings = detectPii(text);

  it('applies the operator of each entity and maps spans back', () => {
    const policy = {
      CN_PERSON: { type: 'redact' },
      CN_MOBILE: { type: 'mask', head: 3, tail: 4 },
      EMAIL: { type: 'hash', length: 12 },
    } satisfies Record<string, Operator>;
    const { text: masked, offsetMap } = applyOperators(text, findings, policy, KEY);
    const emailHash = sha256Hex('EMAIL\u0000zw@example.com').slice(0, 12);
    expect(masked).toBe(`😀联系人：[REDACTED]，手机138-****-5678，邮箱${emailHash}`);
    // '[REDACTED]' annotated on the masked text lands on '张伟' in the original
    expect(offsetMap.toOriginal(5, 15)).toEqual({ start: 5, end: 7 });
    expect(offsetMap.toMasked(0, 5)).toEqual({ start: 0, end: 5 });
    // '手机138-****-56' ends inside the masked phone: it snaps out to the whole number
    expect(offsetMap.toOriginal(16, 29)).toEqual({ start: 8, end: 23 });
  });

  it('uses consistent pseudonyms, the "*" fallback, and leaves unlisted entities', () => {
    const once = applyOperators(text, findings, { CN_PERSON: { type: 'pseudonym' } }, KEY).text;
    expect(applyOperators(text, findings, { CN_PERSON: { type: 'pseudonym' } }, KEY).text).toBe(
      once,
    );
    expect(once).toContain('138-1234-5678');
    expect(once).not.toContain('张伟');
    const all = applyOperators(text, findings, { '*': { type: 'redact', replacement: '' } }, KEY);
    expect(all.text).toBe('😀联系人：，手机，邮箱');
  });

  it('has a default policy that masks IDs the way Chinese services print them', () => {
    const t = '身份证110105194912311234'.replace('110105194912311234', '11010519491231002X');
    const out = applyOperators(t, detectPii(t), DEFAULT_REDACTION_POLICY, KEY).text;
    expect(out).toBe('身份证110***********002X');
  });

  it('rejects overlapping, out-of-range or mismatched findings', () => {
    const f = (start: number, end: number, text?: string): RedactableFinding => ({
      entity: 'X',
      start,
      end,
      text,
    });
    const p = { X: { type: 'redact' } } as const;
    expect(() => applyOperators('abcdef', [f(0, 3), f(2, 4)], p, KEY)).toThrow(/findings overlap/);
    expect(() => applyOperators('abc', [f(1, 4)], p, KEY)).toThrow(/not a non-empty span/);
    expect(() => applyOperators('abc', [f(0, 1, 'z')], p, KEY)).toThrow(
      /says "z" but the text has "a"/,
    );
    expect(() => applyOperators('abc', [f(0, 1)], { X: { type: 'hash', length: 3 } }, KEY)).toThrow(
      /8..64/,
    );
    expect(() => applyOperators('abc', [f(0, 1)], { X: { type: 'pseudonym' } }, '')).toThrow(/key/);
  });
});

describe('applyOperators offset map (property)', () => {
  const char = fc.constantFrom('a', 'Z', '1', ' ', '张', '，', '😀', '𠀀', '-');
  const op = fc.constantFrom<Operator>(
    { type: 'mask', head: 1, tail: 1 },
    { type: 'pseudonym' },
    { type: 'pseudonym', style: 'tag' },
    { type: 'hash', length: 8 },
    { type: 'redact' },
    { type: 'redact', replacement: '' },
  );
  const entity = fc.constantFrom('CN_PERSON', 'EMAIL', 'CN_MOBILE', 'OTHER');
  const input = fc
    .record({
      chars: fc.array(char, { minLength: 1, maxLength: 40 }),
      cuts: fc.array(fc.record({ at: fc.nat(), len: fc.integer({ min: 1, max: 6 }), entity }), {
        maxLength: 6,
      }),
      policy: fc.record({ CN_PERSON: op, EMAIL: op, CN_MOBILE: op, OTHER: op }),
    })
    .map(({ chars, cuts, policy }) => {
      const findings: RedactableFinding[] = [];
      for (const c of cuts) {
        const start = c.at % chars.length;
        const end = Math.min(chars.length, start + c.len);
        if (findings.every((f) => end <= f.start || f.end <= start))
          findings.push({ entity: c.entity, start, end });
      }
      return { text: chars.join(''), findings, policy };
    });

  it('maps every replaced value onto its original span and keeps the rest one to one', () => {
    fc.assert(
      fc.property(input, fc.nat(), fc.nat(), ({ text, findings, policy }, a, b) => {
        const { text: masked, offsetMap: map } = applyOperators(text, findings, policy, KEY);
        const origLen = Array.from(text).length;
        const maskLen = Array.from(masked).length;
        if (map.originalLength !== origLen || map.maskedLength !== maskLen) return false;
        for (const seg of map.segments) {
          const [os, oe] = seg.original;
          const [ms, me] = seg.masked;
          const back = map.toMasked(os, oe);
          if (back.start !== ms || back.end !== me) return false;
          if (me > ms) {
            const fwd = map.toOriginal(ms, me);
            if (fwd.start !== os || fwd.end !== oe) return false;
          }
        }
        // A random span of the masked text maps to a valid original span that covers every
        // replaced value it touches, and is identical outside them.
        const s = a % (maskLen + 1);
        const e = s + (b % (maskLen - s + 1));
        const o = map.toOriginal(s, e);
        if (o.start < 0 || o.end > origLen || o.start > o.end) return false;
        const touched = map.segments.filter((g) => g.masked[0] < e && s < g.masked[1]);
        if (touched.some((g) => g.original[0] < o.start || g.original[1] > o.end)) return false;
        // Removed values (empty in the masked text) strictly inside the span come back with
        // it, and an empty span at a removal maps to the removed value.
        const removedIn = map.segments.some(
          (g) =>
            g.masked[0] === g.masked[1] &&
            ((s < g.masked[0] && g.masked[0] < e) || (s === e && s === g.masked[0])),
        );
        if (touched.length === 0 && !removedIn) {
          if (sliceCodePoints(masked, s, e) !== sliceCodePoints(text, o.start, o.end)) return false;
        }
        // Round trip for original spans that avoid every finding.
        const t = map.toMasked(o.start, o.end);
        const clean = findings.every((f) => o.end <= f.start || f.end <= o.start);
        if (clean && touched.length === 0) {
          const r = map.toOriginal(t.start, t.end);
          if (r.start !== o.start || r.end !== o.end) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
