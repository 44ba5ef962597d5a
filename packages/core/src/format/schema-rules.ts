import type { Control } from './control.ts';
import type { Field } from './field.ts';
import { normalizeHotkey } from './hotkey.ts';
import { formatPath } from './issues.ts';
import type { RawIssue } from './issues.ts';
import { REGION_MAKING_CONTROLS, fieldTypesForControl } from './kinds.ts';
import type { ControlType } from './kinds.ts';

/*
 * Cross-reference rules of a labeling schema, run after the structure parsed. Each rule is a
 * small function returning issues with paths such as `controls[2].field`, so a user editing
 * the schema is pointed at the exact key.
 */

type SchemaShape = { fields: readonly Field[]; controls: readonly Control[] };

/** Control types that must have labels, and those for which labels mean nothing. */
const NEEDS_LABELS: readonly ControlType[] = ['choices', 'spans'];
const NO_LABELS: readonly ControlType[] = ['link', 'rating', 'ranking', 'pairwise', 'textarea'];

/** Which control types each option applies to. */
const OPTION_TYPES = {
  multiple: ['choices'],
  overlap: ['spans'],
  max: ['rating'],
  min_width: ['bbox', 'track'],
  min_height: ['bbox', 'track'],
  attributes: REGION_MAKING_CONTROLS,
} as const satisfies Record<string, readonly ControlType[]>;

function list(items: readonly string[]): string {
  return items.map((s) => `"${s}"`).join(', ');
}

function duplicates<T>(
  items: readonly T[],
  key: (t: T) => string,
  at: (i: number) => RawIssue['path'],
  what: string,
): RawIssue[] {
  const seen = new Map<string, number>();
  const issues: RawIssue[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else issues.push({ path: at(i), message: `duplicate ${what} "${k}" (also at index ${first})` });
  });
  return issues;
}

function checkFieldRefs(schema: SchemaShape, c: Control, i: number): RawIssue[] {
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const known = `fields are ${list(schema.fields.map((f) => f.name))}`;
  if (c.type === 'link') {
    const issues: RawIssue[] = [];
    c.fields.forEach((name, j) => {
      if (!byName.has(name)) {
        issues.push({
          path: ['controls', i, 'fields', j],
          message: `no field "${name}" (${known})`,
        });
      } else if (!hasRegionControl(schema, name)) {
        issues.push({
          path: ['controls', i, 'fields', j],
          message: `a link needs a region control (spans, bbox, ...) on field "${name}"`,
        });
      }
    });
    if (c.fields[0] === c.fields[1]) {
      issues.push({
        path: ['controls', i, 'fields', 1],
        message: 'a link ties two different fields',
      });
    }
    return issues;
  }
  const field = byName.get(c.field);
  if (!field)
    return [{ path: ['controls', i, 'field'], message: `no field "${c.field}" (${known})` }];
  const allowed = fieldTypesForControl(c.type);
  if (!allowed.includes(field.type)) {
    return [
      {
        path: ['controls', i, 'field'],
        message: `a ${c.type} control labels ${allowed.join(', ')} fields; "${c.field}" is a ${field.type} field`,
      },
    ];
  }
  if (c.type === 'relations' && !hasRegionControl(schema, c.field)) {
    return [
      {
        path: ['controls', i, 'field'],
        message: `relations connect regions: add a spans, bbox or other region control on field "${c.field}"`,
      },
    ];
  }
  return [];
}

function hasRegionControl(schema: SchemaShape, field: string): boolean {
  return schema.controls.some(
    (c) => c.type !== 'link' && c.field === field && REGION_MAKING_CONTROLS.includes(c.type),
  );
}

function checkLabels(c: Control, i: number): RawIssue[] {
  const labels = c.labels ?? [];
  if (NEEDS_LABELS.includes(c.type) && labels.length === 0) {
    return [
      { path: ['controls', i, 'labels'], message: `a ${c.type} control needs at least one label` },
    ];
  }
  if (NO_LABELS.includes(c.type) && c.labels !== undefined) {
    return [
      { path: ['controls', i, 'labels'], message: `labels do not apply to a ${c.type} control` },
    ];
  }
  return duplicates(
    labels,
    (l) => l.value,
    (j) => ['controls', i, 'labels', j, 'value'],
    'label',
  );
}

function checkOptions(c: Control, i: number): RawIssue[] {
  const issues: RawIssue[] = [];
  for (const [option, types] of Object.entries(OPTION_TYPES)) {
    const key = option as keyof typeof OPTION_TYPES;
    if (c[key] !== undefined && !(types as readonly ControlType[]).includes(c.type)) {
      issues.push({
        path: ['controls', i, key],
        message: `${key} applies to ${types.join(', ')} controls, not ${c.type}`,
      });
    }
  }
  return issues;
}

function checkAttributes(c: Control, i: number): RawIssue[] {
  const attrs = c.attributes ?? [];
  const issues = duplicates(
    attrs,
    (a) => a.name,
    (j) => ['controls', i, 'attributes', j, 'name'],
    'attribute',
  );
  attrs.forEach((a, j) => {
    const path = ['controls', i, 'attributes', j, 'options'];
    const hasOptions = a.type === 'choice' || a.type === 'multichoice';
    if (hasOptions && (a.options ?? []).length === 0) {
      issues.push({ path, message: `a ${a.type} attribute needs at least one option` });
    } else if (!hasOptions && a.options !== undefined) {
      issues.push({ path, message: `options do not apply to a ${a.type} attribute` });
    }
    issues.push(
      ...duplicates(
        a.options ?? [],
        (o) => o,
        (k) => [...path, k],
        'option',
      ),
    );
  });
  return issues;
}

/** Hotkeys are unique across the whole schema, labels and controls together. */
function checkHotkeys(schema: SchemaShape): RawIssue[] {
  const seen = new Map<string, string>();
  const issues: RawIssue[] = [];
  const visit = (hotkey: string | undefined, path: RawIssue['path']): void => {
    if (hotkey === undefined) return;
    const key = normalizeHotkey(hotkey);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, formatPath(path));
    else issues.push({ path, message: `hotkey "${hotkey}" is already used by ${first}` });
  };
  schema.controls.forEach((c, i) => {
    visit(c.hotkey, ['controls', i, 'hotkey']);
    c.labels?.forEach((l, j) => visit(l.hotkey, ['controls', i, 'labels', j, 'hotkey']));
  });
  return issues;
}

/**
 * Every cross-reference rule of a labeling schema whose structure already parsed: unique field
 * and control names, controls on existing fields of a suitable type, labels where they belong
 * and unique per control, options only on the control types they apply to, attribute
 * definitions, hotkeys unique across the schema.
 *
 * @example
 * checkSchemaRules({ fields: [{ name: 'text', type: 'text' }],
 *   controls: [{ name: 'c', type: 'choices', field: 'txt', labels: [{ value: 'a' }] }] });
 * // [{ path: ['controls', 0, 'field'], message: 'no field "txt" (fields are "text")' }]
 */
export function checkSchemaRules(schema: SchemaShape): RawIssue[] {
  const issues = [
    ...duplicates(
      schema.fields,
      (f) => f.name,
      (i) => ['fields', i, 'name'],
      'field name',
    ),
    ...duplicates(
      schema.controls,
      (c) => c.name,
      (i) => ['controls', i, 'name'],
      'control name',
    ),
  ];
  schema.controls.forEach((c, i) => {
    issues.push(...checkFieldRefs(schema, c, i));
    issues.push(...checkLabels(c, i));
    issues.push(...checkOptions(c, i));
    issues.push(...checkAttributes(c, i));
  });
  issues.push(...checkHotkeys(schema));
  return issues;
}
