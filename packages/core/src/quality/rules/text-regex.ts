import type { RegionOfType } from '../../format/index.ts';
import { DEFAULT_MAX_INPUT_CHARS, type QcRuleOf } from './config.ts';
import { inScope, type RuleEnv } from './env.ts';
import { makeFinding, type Finding } from './finding.ts';
import { unsafePatternReason } from './safe-regex.ts';

type Rule = QcRuleOf<'text_regex'>;

// A rule is parsed once and checked on every submit: compile its pattern once.
const compiled = new WeakMap<Rule, RegExp>();

/**
 * The rule's pattern, compiled once. Throws when the pattern is refused: rules are meant to
 * come from `parseQcRules`, which reports that at configuration time; this guards callers who
 * build rule objects by hand.
 */
function regexOf(rule: Rule): RegExp {
  let re = compiled.get(rule);
  if (!re) {
    const reason = unsafePatternReason(rule.pattern, rule.flags);
    if (reason)
      throw new RangeError(
        `text_regex rule "${rule.id ?? rule.pattern}": pattern refused: ${reason}`,
      );
    re = new RegExp(rule.pattern, rule.flags ?? '');
    compiled.set(rule, re);
  }
  return re;
}

function excerpt(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}

function checkEntry(
  rule: Rule,
  re: RegExp,
  r: RegionOfType<'text'>,
  i: number,
  j: number,
  out: Finding[],
): void {
  const entry = r.value.text[j] ?? '';
  const max = rule.max_input_chars ?? DEFAULT_MAX_INPUT_CHARS;
  const where = `Text region "${r.id}" (control "${r.control}")${r.value.text.length > 1 ? `, entry ${j + 1},` : ''}`;
  const site = { path: `regions[${i}].value.text[${j}]`, region_id: r.id };
  if (entry.length > max) {
    // Never block on it: the annotator did nothing wrong, the project's limit is the cause.
    const message = `${where} is ${entry.length} characters long, more than the ${max} this check reads, so it was not checked against /${rule.pattern}/; a reviewer should read it.`;
    out.push(makeFinding(rule, message, site, 'warn'));
    return;
  }
  if (rule.mode === 'must_match') {
    if (re.test(entry)) return;
    const message = rule.message
      ? `${where}: ${rule.message}`
      : `${where} does not have the required form /${rule.pattern}/: edit ${excerpt(entry)} to match it.`;
    out.push(makeFinding(rule, message, site));
    return;
  }
  const m = re.exec(entry);
  if (!m) return;
  const message = rule.message
    ? `${where}: ${rule.message} (found ${excerpt(m[0])})`
    : `${where} contains ${excerpt(m[0])}, which /${rule.pattern}/ forbids: remove or rewrite it.`;
  out.push(makeFinding(rule, message, site));
}

/**
 * `text_regex`: every entry of the text regions of the rule's textarea controls (default: all)
 * matches the pattern (`must_match`) or contains no match (`must_not_match`). Patterns were
 * screened for catastrophic backtracking when parsed (see safe-regex.ts); entries longer than
 * `max_input_chars` (default 10,000) are not run and get a warning instead, which bounds the
 * polynomial backtracking the static check lets through.
 *
 * @example
 * checkTextRegex({ kind: 'text_regex', severity: 'block', pattern: '1[3-9]\\d{9}', mode: 'must_not_match' }, env);
 * // [{ message: 'Text region "x1" (control "summary") contains "13800138000", which /1[3-9]\d{9}/ forbids: ...' }]
 */
export function checkTextRegex(rule: Rule, env: RuleEnv): Finding[] {
  const out: Finding[] = [];
  let re: RegExp | undefined;
  env.ctx.regions.forEach((r, i) => {
    if (r.type !== 'text' || !inScope(r, rule.controls)) return;
    re ??= regexOf(rule);
    for (let j = 0; j < r.value.text.length; j++) checkEntry(rule, re, r, i, j, out);
  });
  return out;
}
