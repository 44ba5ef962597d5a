import { checkBboxInsideImage } from './bbox-inside-image.ts';
import { checkBboxMinSize } from './bbox-min-size.ts';
import type { QcRule } from './config.ts';
import { checkDuplicateRegions } from './duplicate-regions.ts';
import { RuleEnv, type CheckContext } from './env.ts';
import type { Finding } from './finding.ts';
import { checkMinLeadTime } from './min-lead-time.ts';
import { checkMutuallyExclusive } from './mutually-exclusive.ts';
import { checkRequired } from './required.ts';
import { checkSpanTokenBoundary } from './span-token-boundary.ts';
import { checkTextRegex } from './text-regex.ts';

/** One handler per rule kind; the switch is exhaustive, so a new kind fails to compile here. */
function checkRule(rule: QcRule, env: RuleEnv): Finding[] {
  switch (rule.kind) {
    case 'required':
      return checkRequired(rule, env);
    case 'bbox_inside_image':
      return checkBboxInsideImage(rule, env);
    case 'bbox_min_size':
      return checkBboxMinSize(rule, env);
    case 'span_token_boundary':
      return checkSpanTokenBoundary(rule, env);
    case 'mutually_exclusive':
      return checkMutuallyExclusive(rule, env);
    case 'text_regex':
      return checkTextRegex(rule, env);
    case 'duplicate_regions':
      return checkDuplicateRegions(rule, env);
    case 'min_lead_time':
      return checkMinLeadTime(rule, env);
  }
}

/**
 * Checks one annotation against a project's QC rules and returns every finding, in rule
 * order and, within a rule, region order. Pure and synchronous: it runs on every submit,
 * after `validateAnnotationForSubmit` has checked the regions' structure (regions of
 * controls the schema lacks are ignored here). Rules come from `parseQcRules`; compiled
 * regexes and lookup sets are cached on the rule objects, so reuse them across submits.
 *
 * @example
 * const findings = checkAnnotation(project.qcRules, {
 *   schema, regions: body.regions, data: task.data, meta: task.meta,
 *   leadTimeMs: body.lead_time_ms, tokenize: jiebaTokenize,
 * });
 * const { blocked, warnings } = summarize(findings);
 * if (blocked) return reply.code(422).send({ findings });
 */
export function checkAnnotation(rules: readonly QcRule[], ctx: CheckContext): Finding[] {
  const env = new RuleEnv(ctx);
  const out: Finding[] = [];
  for (const rule of rules) {
    for (const f of checkRule(rule, env)) out.push(f);
  }
  return out;
}
