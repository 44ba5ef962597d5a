import { formatPath } from '../../format/index.ts';
import type {
  Control,
  ControlType,
  Issue,
  LabelingSchema,
  PathSegment,
} from '../../format/index.ts';
import type { LabelRef, QcRule, QcRuleKind } from './config.ts';

/**
 * Control types each rule kind can look at. A rule naming a control of another type would
 * never fire, so saying so at configuration time saves a silent misconfiguration.
 *
 * @example
 * RULE_CONTROL_TYPES.span_token_boundary; // ['spans']
 */
export const RULE_CONTROL_TYPES: Readonly<Record<QcRuleKind, readonly ControlType[] | 'any'>> = {
  required: 'any',
  bbox_inside_image: ['bbox', 'polygon', 'keypoints', 'track'],
  bbox_min_size: ['bbox', 'polygon', 'track'],
  span_token_boundary: ['spans'],
  mutually_exclusive: 'any',
  text_regex: ['textarea'],
  duplicate_regions: ['bbox', 'polygon', 'spans', 'segment', 'relations', 'mask'],
  min_lead_time: 'any',
};

type Raw = { path: PathSegment[]; message: string };

function shortList(items: readonly string[]): string {
  const shown = items.slice(0, 10).join(', ');
  return items.length > 10 ? `${shown}, ... (${items.length} in all)` : shown;
}

function labelsOf(control: Control): string[] {
  return (control.labels ?? []).map((l) => l.value);
}

/** A named control exists and has a type the rule kind applies to. */
function checkControl(
  name: string,
  kind: QcRuleKind,
  controls: ReadonlyMap<string, Control>,
  path: PathSegment[],
): Raw[] {
  const control = controls.get(name);
  if (!control) {
    const names = shortList([...controls.keys()]);
    return [{ path, message: `no control named "${name}" (controls: ${names})` }];
  }
  const types = RULE_CONTROL_TYPES[kind];
  if (types === 'any' || types.includes(control.type)) return [];
  return [
    {
      path,
      message: `control "${name}" is a ${control.type} control; ${kind} applies to ${types.join(', ')} controls`,
    },
  ];
}

/** A label exists in the named control, or (no control) in any control of the schema. */
function checkLabel(
  label: string,
  controlName: string | undefined,
  controls: ReadonlyMap<string, Control>,
  path: PathSegment[],
): Raw[] {
  if (controlName !== undefined) {
    const control = controls.get(controlName);
    if (!control || labelsOf(control).includes(label)) return [];
    const message = `control "${controlName}" has no label "${label}" (labels: ${shortList(labelsOf(control))})`;
    return [{ path, message }];
  }
  for (const c of controls.values()) if (labelsOf(c).includes(label)) return [];
  return [{ path, message: `no control of the schema has the label "${label}"` }];
}

function checkExclusive(
  rule: Extract<QcRule, { kind: 'mutually_exclusive' }>,
  controls: ReadonlyMap<string, Control>,
): Raw[] {
  const out: Raw[] = [];
  if (rule.control !== undefined)
    out.push(...checkControl(rule.control, rule.kind, controls, ['control']));
  rule.labels.forEach((ref: LabelRef, j) => {
    if (typeof ref === 'string') {
      out.push(...checkLabel(ref, rule.control, controls, ['labels', j]));
      return;
    }
    const missing = checkControl(ref.control, rule.kind, controls, ['labels', j, 'control']);
    out.push(
      ...(missing.length > 0
        ? missing
        : checkLabel(ref.label, ref.control, controls, ['labels', j, 'label'])),
    );
  });
  return out;
}

function checkFields(fields: readonly string[], schema: LabelingSchema): Raw[] {
  const names = schema.fields.map((f) => f.name);
  return fields.flatMap((f, j) =>
    names.includes(f)
      ? []
      : [{ path: ['fields', j], message: `no field named "${f}" (fields: ${shortList(names)})` }],
  );
}

function checkOne(
  rule: QcRule,
  schema: LabelingSchema,
  controls: ReadonlyMap<string, Control>,
): Raw[] {
  const out: Raw[] = [];
  if ('controls' in rule && rule.controls) {
    rule.controls.forEach((name, j) =>
      out.push(...checkControl(name, rule.kind, controls, ['controls', j])),
    );
  }
  if (rule.kind === 'mutually_exclusive') out.push(...checkExclusive(rule, controls));
  if (rule.kind === 'bbox_min_size' && rule.labels) {
    const scope = (rule.controls ?? [...controls.keys()]).map((n) => controls.get(n));
    const allowed = new Set(scope.flatMap((c) => (c && c.type !== 'link' ? labelsOf(c) : [])));
    rule.labels.forEach((label, j) => {
      if (!allowed.has(label)) {
        out.push({
          path: ['labels', j],
          message: `no box, polygon or track control in scope has the label "${label}"`,
        });
      }
    });
  }
  if (rule.kind === 'min_lead_time' && rule.fields) out.push(...checkFields(rule.fields, schema));
  return out;
}

/**
 * Checks parsed rules against a labeling schema: every control, field and label a rule names
 * exists, and each control has a type the rule applies to. Paths are under `prefix`.
 *
 * @example
 * checkRulesAgainstSchema([{ kind: 'text_regex', severity: 'warn', controls: ['entities'],
 *   pattern: 'x', mode: 'must_match' }], schema);
 * // [{ path: 'rules[0].controls[0]', message: 'control "entities" is a spans control; text_regex applies to textarea controls' }]
 */
export function checkRulesAgainstSchema(
  rules: readonly QcRule[],
  schema: LabelingSchema,
  prefix = 'rules',
): Issue[] {
  const controls = new Map(schema.controls.map((c) => [c.name, c] as const));
  return rules.flatMap((rule, i) =>
    checkOne(rule, schema, controls).map((r) => ({
      path: formatPath([i, ...r.path], prefix),
      message: r.message,
    })),
  );
}
