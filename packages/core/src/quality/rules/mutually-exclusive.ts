import type { Region } from '../../format/index.ts';
import type { QcRuleOf } from './config.ts';
import type { RuleEnv } from './env.ts';
import { makeFinding, type Finding } from './finding.ts';
import { regionLabels } from './region-info.ts';

type Rule = QcRuleOf<'mutually_exclusive'>;
/** Where a label of the set was first used: region index, label index, the label. */
type Hit = { region: Region; index: number; labelIndex: number; label: string };

/**
 * For each label value, the entries of the set it may match, with the control each requires
 * (undefined: any control). Built once per rule object.
 */
const lookups = new WeakMap<
  Rule,
  Map<string, Array<{ ref: number; control: string | undefined }>>
>();

function lookup(rule: Rule): Map<string, Array<{ ref: number; control: string | undefined }>> {
  let map = lookups.get(rule);
  if (!map) {
    map = new Map();
    rule.labels.forEach((ref, k) => {
      const [label, control] =
        typeof ref === 'string' ? [ref, rule.control] : [ref.label, ref.control];
      const list = map?.get(label) ?? [];
      list.push({ ref: k, control });
      map?.set(label, list);
    });
    lookups.set(rule, map);
  }
  return map;
}

function listHits(hits: readonly Hit[]): string {
  const parts = hits.map((h) => `"${h.label}" (region "${h.region.id}")`);
  return parts.length <= 2
    ? parts.join(' and ')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * `mutually_exclusive`: at most one label of the set appears in an annotation. Plain label
 * values refer to the rule's `control` (or to any control when it has none);
 * `{ control, label }` entries pin a control, so a set can span controls. Choices,
 * region labels and relation labels all count. One finding per violated set, pointing at
 * the first label that conflicts with an earlier one.
 *
 * @example
 * checkMutuallyExclusive({ kind: 'mutually_exclusive', severity: 'block', control: 'flags',
 *   labels: ['no_person', 'child'] }, env);
 * // [{ message: 'Labels "no_person" (region "c1") and "child" (region "c1") cannot be used together ...', path: 'regions[0].value.choices[1]' }]
 */
export function checkMutuallyExclusive(rule: Rule, env: RuleEnv): Finding[] {
  const map = lookup(rule);
  const first: Array<Hit | undefined> = new Array(rule.labels.length);
  const hits: Hit[] = [];
  env.ctx.regions.forEach((region, index) => {
    regionLabels(region).forEach((label, labelIndex) => {
      for (const m of map.get(label) ?? []) {
        if (first[m.ref] || (m.control !== undefined && m.control !== region.control)) continue;
        first[m.ref] = { region, index, labelIndex, label };
        hits.push(first[m.ref] as Hit);
      }
    });
  });
  if (hits.length < 2) return [];
  const second = hits[1] as Hit;
  const key = second.region.type === 'choice' ? 'choices' : 'labels';
  const message = `Labels ${listHits(hits)} cannot be used together in one annotation: keep only the one that applies.`;
  return [
    makeFinding(rule, message, {
      path: `regions[${second.index}].value.${key}[${second.labelIndex}]`,
      region_id: second.region.id,
    }),
  ];
}
