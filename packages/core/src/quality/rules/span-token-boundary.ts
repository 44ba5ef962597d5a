import { codePointSlice } from '../../format/index.ts';
import type { RegionOfType } from '../../format/index.ts';
import type { QcRuleOf } from './config.ts';
import { inScope, TOKEN_END, TOKEN_START, type RuleEnv, type TokenBoundaries } from './env.ts';
import { makeFinding, type Finding } from './finding.ts';
import { describeRegionStart } from './region-info.ts';

type Rule = QcRuleOf<'span_token_boundary'>;
type Span = RegionOfType<'span'>;

function quote(text: string, token: readonly [number, number]): string {
  const s = codePointSlice(text, token[0], token[1]);
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s);
}

/** The token that strictly contains `offset` (offset inside it, not at an edge). */
function tokenAround(tb: TokenBoundaries, offset: number): readonly [number, number] | undefined {
  return tb.tokens.find(([s, e]) => s < offset && offset < e);
}

/** Advice for a start that is not a token start. */
function startAdvice(tb: TokenBoundaries, text: string, start: number, end: number): string {
  const inside = tokenAround(tb, start);
  if (inside) {
    return `starts inside the word ${quote(text, inside)} at offset ${start}: move the start to ${inside[0]} or ${inside[1]}`;
  }
  let next: number | undefined;
  for (const [s] of tb.tokens)
    if (s > start && s < end && (next === undefined || s < next)) next = s;
  const fix = next === undefined ? 'trim the white space' : `move the start to ${next}`;
  return `starts on white space at offset ${start}: ${fix}`;
}

/** Advice for an end that is not a token end. */
function endAdvice(tb: TokenBoundaries, text: string, start: number, end: number): string {
  const inside = tokenAround(tb, end);
  if (inside) {
    return `ends inside the word ${quote(text, inside)} at offset ${end}: move the end to ${inside[0]} or ${inside[1]}`;
  }
  let prev: number | undefined;
  for (const [, e] of tb.tokens)
    if (e < end && e > start && (prev === undefined || e > prev)) prev = e;
  const fix = prev === undefined ? 'trim the white space' : `move the end to ${prev}`;
  return `ends on white space at offset ${end}: ${fix}`;
}

function checkSpan(rule: Rule, env: RuleEnv, r: Span, i: number, out: Finding[]): void {
  const field = env.fieldOf(r);
  if (field === undefined) return;
  const tb = env.tokenBoundaries(field);
  const text = env.spanText(field);
  if (!tb || text === undefined) return;
  const { start, end } = r.value;
  const site = (key: string) => ({ path: `regions[${i}].value.${key}`, region_id: r.id });
  const tail = ' (offsets are code points; spans should cover whole words).';
  if (((tb.flags[start] ?? 0) & TOKEN_START) === 0) {
    out.push(
      makeFinding(
        rule,
        `${describeRegionStart(r)} ${startAdvice(tb, text, start, end)}${tail}`,
        site('start'),
      ),
    );
  }
  if (((tb.flags[end] ?? 0) & TOKEN_END) === 0) {
    out.push(
      makeFinding(
        rule,
        `${describeRegionStart(r)} ${endAdvice(tb, text, start, end)}${tail}`,
        site('end'),
      ),
    );
  }
}

/**
 * `span_token_boundary`: each span starts where a token starts and ends where a token ends,
 * so it neither cuts a word nor carries white space. Tokens come from the injected
 * `tokenize` (code-point offsets; the server passes a Chinese segmenter) or `defaultTokenize`.
 * Spans on text and dialogue fields are checked; html spans are skipped (their offsets count
 * the rendered text, which needs a DOM).
 *
 * @example
 * checkSpanTokenBoundary({ kind: 'span_token_boundary', severity: 'warn' }, env);
 * // [{ message: 'Span "s1" (control "entities", label "PER") starts inside the word "Alice" at offset 14: move the start to 13 or 18 ...', path: 'regions[0].value.start' }]
 */
export function checkSpanTokenBoundary(rule: Rule, env: RuleEnv): Finding[] {
  const out: Finding[] = [];
  env.ctx.regions.forEach((r, i) => {
    if (r.type === 'span' && inScope(r, rule.controls)) checkSpan(rule, env, r, i, out);
  });
  return out;
}
