import { checkRegionAttributes } from './attribute-checks.ts';
import type { Control } from './control.ts';
import type { PathSegment, RawIssue } from './issues.ts';
import { ANCHOR_REGION_TYPES, regionTypesForControl } from './kinds.ts';
import type { LabelingSchema } from './labeling-schema.ts';
import type { Region, RegionOfType } from './region.ts';
import { checkSpanText } from './span-checks.ts';

/** What the checks of one region need to know about the schema, the data and its siblings. */
export type RegionCheckContext = {
  schema: LabelingSchema;
  controls: ReadonlyMap<string, Control>;
  data: Record<string, unknown> | undefined;
  /** Parsed regions by id (the first one when ids repeat). */
  byId: ReadonlyMap<string, Region>;
};

/** A rating control without `max` uses a five-point scale, as Label Studio does. */
export const DEFAULT_RATING_MAX = 5;

function shortList(items: readonly string[]): string {
  const shown = items.slice(0, 10).join(', ');
  return items.length > 10 ? `${shown}, ... (${items.length} in all)` : shown;
}

/** Labels (or choices) of a region against the control's label set, with duplicates. */
function checkLabelSet(
  values: readonly string[],
  control: Control,
  path: PathSegment[],
): RawIssue[] {
  const allowed = (control.labels ?? []).map((l) => l.value);
  return values.flatMap((v, j): RawIssue[] => {
    if (values.indexOf(v) !== j) return [{ path: [...path, j], message: `duplicate label "${v}"` }];
    if (allowed.includes(v)) return [];
    const message =
      allowed.length === 0
        ? `control "${control.name}" defines no labels, so "${v}" cannot be used`
        : `unknown label "${v}" for control "${control.name}" (labels: ${shortList(allowed)})`;
    return [{ path: [...path, j], message }];
  });
}

function fieldOf(control: Control): string | undefined {
  return control.type === 'link' ? undefined : control.field;
}

/** A relation's or link's endpoint must be a span, box or other anchor on the expected field. */
function checkEndpoint(
  id: string,
  field: string | undefined,
  ctx: RegionCheckContext,
  path: PathSegment[],
): RawIssue[] {
  const target = ctx.byId.get(id);
  if (!target) return []; // a missing id is reported by checkRegionReferences
  if (!ANCHOR_REGION_TYPES.includes(target.type)) {
    return [
      {
        path,
        message: `region "${id}" is a ${target.type}; only spans, boxes and other regions that mark a place can be connected`,
      },
    ];
  }
  const targetControl = ctx.controls.get(target.control);
  const targetField = targetControl && fieldOf(targetControl);
  if (field !== undefined && targetField !== undefined && targetField !== field) {
    return [{ path, message: `region "${id}" is on field "${targetField}", not "${field}"` }];
  }
  return [];
}

function checkLink(
  r: RegionOfType<'link'>,
  control: Control,
  ctx: RegionCheckContext,
  base: PathSegment[],
): RawIssue[] {
  const fields: readonly string[] = control.type === 'link' ? control.fields : [];
  const issues: RawIssue[] = [];
  for (const end of ['from', 'to'] as const) {
    const { field, region } = r.value[end];
    if (!fields.includes(field)) {
      issues.push({
        path: [...base, 'value', end, 'field'],
        message: `control "${control.name}" links fields ${fields.join(' and ')}, not "${field}"`,
      });
    }
    issues.push(...checkEndpoint(region, field, ctx, [...base, 'value', end, 'region']));
  }
  if (r.value.from.field === r.value.to.field) {
    issues.push({
      path: [...base, 'value', 'to', 'field'],
      message: 'a link ties regions of two different fields',
    });
  }
  return issues;
}

/** Ids of the items of a responses or dialogue field, when every item has a string id. */
function itemIds(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids = value.map((item: unknown) =>
    typeof item === 'object' && item !== null && 'id' in item && typeof item.id === 'string'
      ? item.id
      : undefined,
  );
  return ids.every((id) => id !== undefined) ? (ids as string[]) : undefined;
}

/** The labels a region carries and where: `choices` for a choice, `labels` for the rest. */
function regionLabels(r: Region): { key: string; values: readonly string[] } | undefined {
  switch (r.type) {
    case 'choice':
      return { key: 'choices', values: r.value.choices };
    case 'relation':
      return { key: 'labels', values: r.value.labels ?? [] };
    case 'span':
    case 'bbox':
    case 'polygon':
    case 'keypoints':
    case 'mask':
    case 'segment':
    case 'track':
      return { key: 'labels', values: r.value.labels };
    default:
      return undefined;
  }
}

/** Where a region is checked: its control, its field and that field's data, its value path. */
type Site = {
  control: Control;
  ctx: RegionCheckContext;
  index: number;
  value: PathSegment[];
  field: string | undefined;
  data: unknown;
};

function issue(path: PathSegment[], message: string): RawIssue[] {
  return [{ path, message }];
}

function checkRating(rating: number, at: Site): RawIssue[] {
  const max = at.control.max ?? DEFAULT_RATING_MAX;
  if (Number.isInteger(rating) && rating >= 1 && rating <= max) return [];
  return issue([...at.value, 'rating'], `rating ${rating} is not a whole number from 1 to ${max}`);
}

function checkRanking(order: readonly string[], at: Site): RawIssue[] {
  const ids = itemIds(at.data);
  if (!ids) return [];
  return order.flatMap((id, j) =>
    ids.includes(id)
      ? []
      : issue(
          [...at.value, 'order', j],
          `no item with id "${id}" in field "${at.field}" (ids: ${shortList(ids)})`,
        ),
  );
}

/** Checks beyond the label set that depend on the region type. */
function checkByType(r: Region, at: Site): RawIssue[] {
  const { control, value } = at;
  switch (r.type) {
    case 'choice':
      return control.multiple !== true && r.value.choices.length > 1
        ? issue(
            [...value, 'choices'],
            `control "${control.name}" takes one choice (set multiple: true for more)`,
          )
        : [];
    case 'span':
      return typeof at.data === 'string' && at.field !== undefined
        ? checkSpanText(r, at.index, at.field, at.data)
        : [];
    case 'relation':
      return [
        ...checkEndpoint(r.value.from, at.field, at.ctx, [...value, 'from']),
        ...checkEndpoint(r.value.to, at.field, at.ctx, [...value, 'to']),
      ];
    case 'bbox':
      return checkMinSize(r.value, control, value);
    case 'track':
      return r.value.keyframes.flatMap((k, j) =>
        checkMinSize(k, control, [...value, 'keyframes', j]),
      );
    case 'link':
      return checkLink(r, control, at.ctx, ['regions', at.index]);
    case 'rating':
      return checkRating(r.value.rating, at);
    case 'ranking':
      return checkRanking(r.value.order, at);
    case 'pairwise':
      return Array.isArray(at.data) && at.data.length < 2
        ? issue(
            [...value, 'choice'],
            `field "${at.field}" has ${at.data.length} item(s); a pairwise choice compares two`,
          )
        : [];
    default:
      return [];
  }
}

function checkMinSize(
  box: { width: number; height: number },
  control: Control,
  path: PathSegment[],
): RawIssue[] {
  const issues: RawIssue[] = [];
  if (control.min_width !== undefined && box.width < control.min_width) {
    issues.push({
      path: [...path, 'width'],
      message: `width ${box.width} is below the minimum ${control.min_width} of control "${control.name}"`,
    });
  }
  if (control.min_height !== undefined && box.height < control.min_height) {
    issues.push({
      path: [...path, 'height'],
      message: `height ${box.height} is below the minimum ${control.min_height} of control "${control.name}"`,
    });
  }
  return issues;
}

/**
 * Checks one parsed region against the labeling schema (and the task data when given): its
 * control exists and makes this region type, labels come from the control's label set, the
 * value fits the control's options and the data, attributes match their definitions.
 *
 * @example
 * checkRegionAgainstSchema(region, 0, ctx);
 * // [{ path: ['regions', 0, 'value', 'labels', 0], message: 'unknown label "FOO" ...' }]
 */
export function checkRegionAgainstSchema(
  r: Region,
  index: number,
  ctx: RegionCheckContext,
): RawIssue[] {
  const base: PathSegment[] = ['regions', index];
  const control = ctx.controls.get(r.control);
  if (!control) {
    const names = ctx.schema.controls.map((c) => c.name);
    return [
      {
        path: [...base, 'control'],
        message: `no control named "${r.control}" (controls: ${shortList(names)})`,
      },
    ];
  }
  const types = regionTypesForControl(control.type);
  if (!types.includes(r.type)) {
    return [
      {
        path: [...base, 'type'],
        message: `control "${control.name}" is a ${control.type} control and makes ${types.join(', ')} regions, not ${r.type}`,
      },
    ];
  }
  const field = fieldOf(control);
  const data = field === undefined ? undefined : ctx.data?.[field];
  const at: Site = { control, ctx, index, value: [...base, 'value'], field, data };
  const labels = regionLabels(r);
  return [
    ...(labels ? checkLabelSet(labels.values, control, [...at.value, labels.key]) : []),
    ...checkByType(r, at),
    ...checkRegionAttributes(r, control, base),
  ];
}
