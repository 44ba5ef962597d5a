import type { ControlType, Region } from '../../format/index.ts';
import type { QcRuleOf } from './config.ts';
import type { RuleEnv } from './env.ts';
import { makeFinding, type Finding } from './finding.ts';

/** What the annotator has to do to give a control of each type a region. */
const ACTION: Record<ControlType, string> = {
  choices: 'pick a choice',
  spans: 'mark at least one span',
  relations: 'draw at least one relation',
  bbox: 'draw at least one box',
  polygon: 'draw at least one polygon',
  keypoints: 'place the keypoints',
  mask: 'paint a mask',
  segment: 'mark at least one segment',
  track: 'add at least one track',
  link: 'link at least one pair of regions',
  rating: 'give a rating',
  ranking: 'rank the responses',
  pairwise: 'choose the better response (or a tie)',
  textarea: 'write the text',
};

/** A text region whose entries are all blank says nothing, so it does not count. */
function isBlankText(r: Region): boolean {
  return r.type === 'text' && r.value.text.every((t) => t.trim() === '');
}

/**
 * `required`: every listed control (default: the schema's controls with `required: true`)
 * has at least one region; a text region with only blank entries does not count. Controls
 * the schema does not have are skipped (`parseQcRules` with the schema reports them).
 *
 * @example
 * checkRequired({ kind: 'required', severity: 'block' }, env);
 * // [{ rule: 'required', message: 'Control "sentiment" is required: pick a choice before submitting.', path: 'regions', ... }]
 */
export function checkRequired(rule: QcRuleOf<'required'>, env: RuleEnv): Finding[] {
  const names =
    rule.controls ?? env.ctx.schema.controls.filter((c) => c.required === true).map((c) => c.name);
  if (names.length === 0) return [];
  const present = new Set<string>();
  for (const r of env.ctx.regions) if (!isBlankText(r)) present.add(r.control);
  const out: Finding[] = [];
  for (const name of names) {
    const control = env.controls.get(name);
    if (!control || present.has(name)) continue;
    const message = `Control "${name}" is required: ${ACTION[control.type]} before submitting.`;
    out.push(makeFinding(rule, message, { path: 'regions' }));
  }
  return out;
}
