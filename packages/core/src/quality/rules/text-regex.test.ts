import { describe, expect, it } from 'vitest';
import type { Region } from '../../format/index.ts';
import { checkAnnotation } from './check-annotation.ts';
import { runRules, text, textSchema } from './test-builders.ts';

const data = { text: 'Alice met Bob.', chat: [] };
const phone = {
  kind: 'text_regex',
  severity: 'block',
  pattern: '1[3-9]\\d{9}',
  mode: 'must_not_match',
} as const;

describe('text_regex', () => {
  it('must_not_match: reports the forbidden text it found', () => {
    expect(
      runRules([phone], { schema: textSchema(), regions: [text('x1', '请联系张先生。')], data }),
    ).toEqual([]);
    const findings = runRules([phone], {
      schema: textSchema(),
      regions: [text('x1', '请拨打13800138000联系')],
      data,
    });
    expect(findings).toEqual([
      {
        rule: 'text_regex',
        kind: 'text_regex',
        severity: 'block',
        message:
          'Text region "x1" (control "summary") contains "13800138000", which /1[3-9]\\d{9}/ forbids: remove or rewrite it.',
        path: 'regions[0].value.text[0]',
        region_id: 'x1',
      },
    ]);
  });

  it('must_match: checks every entry and names the entry when there are several', () => {
    const rule = {
      id: 'ends-with-stop',
      kind: 'text_regex',
      severity: 'warn',
      pattern: '[。.!?！？]$',
      mode: 'must_match',
    };
    const findings = runRules([rule], {
      schema: textSchema(),
      regions: [text('x1', '第一句。', 'no stop')],
      data,
    });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'ends-with-stop',
        message:
          'Text region "x1" (control "summary"), entry 2, does not have the required form /[。.!?！？]$/: edit "no stop" to match it.',
        path: 'regions[0].value.text[1]',
      }),
    ]);
  });

  it('uses the custom message and the flags', () => {
    const rule = {
      ...phone,
      pattern: 'lorem ipsum',
      flags: 'i',
      message: 'Write a real summary, not placeholder text.',
    };
    const findings = runRules([rule], {
      schema: textSchema(),
      regions: [text('x1', 'LOREM IPSUM dolor')],
      data,
    });
    expect(findings[0]?.message).toBe(
      'Text region "x1" (control "summary"): Write a real summary, not placeholder text. (found "LOREM IPSUM")',
    );
  });

  it('does not run on entries over max_input_chars and warns instead, even for a blocking rule', () => {
    const rule = { ...phone, max_input_chars: 20 };
    const findings = runRules([rule], {
      schema: textSchema(),
      regions: [text('x1', `${'a'.repeat(25)}13800138000`)],
      data,
    });
    expect(findings.map((f) => [f.severity, f.path])).toEqual([
      ['warn', 'regions[0].value.text[0]'],
    ]);
    expect(findings[0]?.message).toContain(
      'is 36 characters long, more than the 20 this check reads',
    );
  });

  it('refuses a hand-built rule with an unsafe pattern instead of running it', () => {
    const rule = {
      kind: 'text_regex',
      severity: 'block',
      pattern: '(a+)+$',
      mode: 'must_match',
    } as const;
    expect(() =>
      checkAnnotation([rule], { schema: textSchema(), regions: [text('x1', 'aaaa!')], data }),
    ).toThrow(/pattern refused: it repeats a group/);
  });

  it('ignores regions of other controls and other types', () => {
    const rule = { ...phone, controls: ['summary'] };
    const other: Region = {
      id: 's1',
      control: 'entities',
      type: 'span',
      value: { start: 0, end: 5, labels: ['PER'] },
    };
    expect(runRules([rule], { schema: textSchema(), regions: [other], data })).toEqual([]);
  });
});
