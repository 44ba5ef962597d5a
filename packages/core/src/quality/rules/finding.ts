import type { QcRule, QcRuleKind, QcSeverity } from './config.ts';

/**
 * One thing a rule found in an annotation. `message` is a sentence the annotator can act on,
 * naming the control, label and region; `path` points into the submitted annotation
 * (`regions[3].value.x`, `regions`, `lead_time_ms`); `rule` is the rule's id, or its kind when
 * it has none.
 *
 * @example
 * const f: Finding = { rule: 'min-box', kind: 'bbox_min_size', severity: 'warn',
 *   message: 'Box "b2" (control "objects", label "person") is 3×40 px; ...',
 *   path: 'regions[1].value.width', region_id: 'b2' };
 */
export type Finding = {
  rule: string;
  kind: QcRuleKind;
  severity: QcSeverity;
  message: string;
  path?: string;
  region_id?: string;
};

/**
 * Where a finding points: a path into the annotation and, for one region, its id.
 *
 * @example
 * const site: FindingSite = { path: 'regions[3].value.x', region_id: 'b1' };
 */
export type FindingSite = { path?: string; region_id?: string };

/**
 * Builds a finding of `rule` (severity from the rule unless `severity` overrides it, as for
 * "cannot check" notices that must never block).
 *
 * @example
 * makeFinding(rule, 'Add a sentiment.', { path: 'regions' });
 */
export function makeFinding(
  rule: QcRule,
  message: string,
  site: FindingSite = {},
  severity: QcSeverity = rule.severity,
): Finding {
  const f: Finding = { rule: rule.id ?? rule.kind, kind: rule.kind, severity, message };
  if (site.path !== undefined) f.path = site.path;
  if (site.region_id !== undefined) f.region_id = site.region_id;
  return f;
}

/**
 * What the findings mean for a submit: `blocked` when any finding has severity `block`, and
 * how many warnings there are.
 *
 * @example
 * const { blocked, warnings } = summarize(checkAnnotation(rules, ctx));
 * if (blocked) return reply.code(422).send({ findings });
 */
export function summarize(findings: readonly Finding[]): { blocked: boolean; warnings: number } {
  let blocked = false;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'block') blocked = true;
    else warnings++;
  }
  return { blocked, warnings };
}
