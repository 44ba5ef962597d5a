import { codePointLength } from '../../format/index.ts';
import type { QcRuleOf } from './config.ts';
import type { RuleEnv } from './env.ts';
import { makeFinding, type Finding } from './finding.ts';
import { num } from './region-info.ts';

type Rule = QcRuleOf<'min_lead_time'>;

/** Field types whose text an annotator has to read. */
const READ_TYPES = new Set(['text', 'html', 'dialogue', 'responses']);

/** Code points of the text in a field value: a string, or the `text` of each item of a list. */
function textLength(value: unknown): number {
  if (typeof value === 'string') return codePointLength(value);
  if (!Array.isArray(value)) return 0;
  let n = 0;
  for (const item of value) {
    if (
      typeof item === 'object' &&
      item !== null &&
      'text' in item &&
      typeof item.text === 'string'
    ) {
      n += codePointLength(item.text);
    }
  }
  return n;
}

function seconds(ms: number): string {
  return `${num(Math.round(ms / 100) / 10)} s`;
}

/** The rule's fields, or every field an annotator reads. */
function readFields(rule: Rule, env: RuleEnv): readonly string[] {
  return (
    rule.fields ?? env.ctx.schema.fields.filter((f) => READ_TYPES.has(f.type)).map((f) => f.name)
  );
}

/** The threshold and how it was made, for the message. */
function threshold(rule: Rule, env: RuleEnv): { ms: number; why: string } {
  const parts = [seconds(rule.min_ms)];
  let ms = rule.min_ms;
  if (rule.per_char_ms) {
    let chars = 0;
    for (const f of readFields(rule, env)) chars += textLength(env.ctx.data[f]);
    ms += rule.per_char_ms * chars;
    parts.push(`${num(rule.per_char_ms)} ms × ${chars} characters`);
  }
  if (rule.per_region_ms) {
    const n = env.ctx.regions.length;
    ms += rule.per_region_ms * n;
    parts.push(`${num(rule.per_region_ms)} ms × ${n} regions`);
  }
  if (rule.max_ms !== undefined && ms > rule.max_ms) {
    return { ms: rule.max_ms, why: ` (capped at ${seconds(rule.max_ms)})` };
  }
  return { ms, why: parts.length > 1 ? ` (${parts.join(' + ')})` : '' };
}

/**
 * `min_lead_time`: the time spent on the annotation (`leadTimeMs`) is at least `min_ms`, plus
 * `per_char_ms` for each code point of the text fields (or `fields`) and `per_region_ms` for
 * each region, capped at `max_ms`. Faster than that is implausible for a careful pass. A missing lead time
 * is a warning (`when_unknown: 'warn'`, the default) or ignored (`'skip'`).
 *
 * @example
 * checkMinLeadTime({ kind: 'min_lead_time', severity: 'warn', min_ms: 3000, per_char_ms: 20 }, env);
 * // [{ message: 'This annotation took 1.2 s, less than the 7 s a careful read needs (3 s + 20 ms × 200 characters): ...', path: 'lead_time_ms' }]
 */
export function checkMinLeadTime(rule: Rule, env: RuleEnv): Finding[] {
  const lead = env.ctx.leadTimeMs;
  if (lead === undefined || !Number.isFinite(lead)) {
    if (rule.when_unknown === 'skip') return [];
    const message =
      'The time spent on this annotation was not recorded, so the minimum lead time could not be checked.';
    return [makeFinding(rule, message, { path: 'lead_time_ms' }, 'warn')];
  }
  const t = threshold(rule, env);
  if (lead >= t.ms) return [];
  // When both round to the same tenth of a second, milliseconds show the difference.
  const same = seconds(lead) === seconds(t.ms);
  const [took, needs] = same
    ? [`${Math.floor(lead)} ms`, `${Math.ceil(t.ms)} ms`]
    : [seconds(lead), seconds(t.ms)];
  const message = `This annotation took ${took}, less than the ${needs} a careful pass needs${t.why}: go over every label again before submitting.`;
  return [makeFinding(rule, message, { path: 'lead_time_ms' })];
}
