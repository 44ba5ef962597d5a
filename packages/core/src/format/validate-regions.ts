import { missingRequiredAttributes } from './attribute-checks.ts';
import type { Control } from './control.ts';
import { toIssues, zodIssuesToIssues } from './issues.ts';
import type { Issue, RawIssue, Result } from './issues.ts';
import type { RegionType } from './kinds.ts';
import type { LabelingSchema } from './labeling-schema.ts';
import { LIMITS } from './primitives.ts';
import { Region } from './region.ts';
import type { RegionOfType } from './region.ts';
import { checkRegionAgainstSchema } from './region-checks.ts';
import { checkRegionReferences } from './region-references.ts';
import { checkSpanOverlaps } from './span-checks.ts';

/** Region types of which a control holds at most one per annotation (a whole-task answer). */
const ONE_PER_CONTROL: readonly RegionType[] = ['choice', 'rating', 'ranking', 'pairwise'];

/** Parses each region on its own so that one bad region does not hide the others' issues. */
function parseEach(input: readonly unknown[]): {
  regions: (Region | undefined)[];
  issues: Issue[];
} {
  const issues: Issue[] = [];
  const regions = input.map((raw, i) => {
    const r = Region.safeParse(raw);
    if (r.success) return r.data;
    issues.push(...zodIssuesToIssues(r.error, `regions[${i}]`));
    return undefined;
  });
  return { regions, issues };
}

/** Ids of regions that failed to parse but still carry a string id. */
function idsOfUnparsed(
  input: readonly unknown[],
  regions: readonly (Region | undefined)[],
): Set<string> {
  const ids = new Set<string>();
  input.forEach((raw, i) => {
    if (regions[i] === undefined && typeof raw === 'object' && raw !== null && 'id' in raw) {
      if (typeof raw.id === 'string') ids.add(raw.id);
    }
  });
  return ids;
}

/** Orders issues by region (stable), issues about the whole list last: easier to read. */
function byRegion(issues: Issue[]): Issue[] {
  const index = (issue: Issue): number =>
    Number(/^regions\[(\d+)\]/.exec(issue.path)?.[1] ?? Number.MAX_SAFE_INTEGER);
  return issues.sort((a, b) => index(a) - index(b));
}

function checkOnePerControl(regions: readonly (Region | undefined)[]): RawIssue[] {
  const first = new Map<string, number>();
  const issues: RawIssue[] = [];
  regions.forEach((r, i) => {
    if (!r || !ONE_PER_CONTROL.includes(r.type)) return;
    const seen = first.get(r.control);
    if (seen === undefined) first.set(r.control, i);
    else {
      issues.push({
        path: ['regions', i],
        message: `control "${r.control}" takes one ${r.type} region per annotation; regions[${seen}] already has it`,
      });
    }
  });
  return issues;
}

function semanticIssues(
  schema: LabelingSchema,
  regions: readonly (Region | undefined)[],
  otherIds: ReadonlySet<string>,
  data: Record<string, unknown> | undefined,
): RawIssue[] {
  const controls = new Map<string, Control>(schema.controls.map((c) => [c.name, c]));
  const byId = new Map<string, Region>();
  for (const r of regions) if (r && !byId.has(r.id)) byId.set(r.id, r);
  const ctx = { schema, controls, data, byId };
  const spans = regions.flatMap((r, i) =>
    r?.type === 'span' ? [[i, r] as const satisfies readonly [number, RegionOfType<'span'>]] : [],
  );
  return [
    ...checkRegionReferences(regions, otherIds),
    ...regions.flatMap((r, i) => (r ? checkRegionAgainstSchema(r, i, ctx) : [])),
    ...checkSpanOverlaps(spans, controls),
    ...checkOnePerControl(regions),
  ];
}

/**
 * Validates the regions of an annotation: their structure, then against the labeling schema
 * (control exists and makes this type, labels from its label set, one choice unless
 * `multiple`, rating within 1..max, span offsets within `data[field]` in code points, relation
 * and link endpoints exist, unique ids, attributes as defined). Every issue is reported, with
 * paths under `regions`.
 *
 * @example
 * const r = validateRegions(schema, body.regions, task.data);
 * if (!r.ok) reply.code(422).send({ issues: r.issues });
 * // e.g. { path: 'regions[0].value.labels[0]', message: 'unknown label "FOO" for control ...' }
 */
export function validateRegions(
  schema: LabelingSchema,
  regions: unknown,
  data?: Record<string, unknown>,
): Result<Region[]> {
  if (!Array.isArray(regions)) {
    return { ok: false, issues: [{ path: 'regions', message: 'expected an array of regions' }] };
  }
  if (regions.length > LIMITS.regionsPerAnnotation) {
    const message = `at most ${LIMITS.regionsPerAnnotation} regions per annotation`;
    return { ok: false, issues: [{ path: 'regions', message }] };
  }
  const parsed = parseEach(regions);
  const raw = semanticIssues(schema, parsed.regions, idsOfUnparsed(regions, parsed.regions), data);
  const issues = byRegion([...parsed.issues, ...toIssues(raw)]);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: parsed.regions as Region[] };
}

/** Control names the input's regions point at, read leniently (a broken region still counts). */
function controlsUsed(input: readonly unknown[]): Set<string> {
  const names = new Set<string>();
  for (const raw of input) {
    if (typeof raw === 'object' && raw !== null && 'control' in raw) {
      if (typeof raw.control === 'string') names.add(raw.control);
    }
  }
  return names;
}

function requiredIssues(
  schema: LabelingSchema,
  input: readonly unknown[],
  regions: readonly (Region | undefined)[],
): RawIssue[] {
  const used = controlsUsed(input);
  const issues: RawIssue[] = schema.controls
    .filter((c) => c.required === true && !used.has(c.name))
    .map((c) => ({
      path: ['regions'],
      message: `control "${c.name}" is required: add at least one region for it`,
    }));
  const controls = new Map(schema.controls.map((c) => [c.name, c]));
  regions.forEach((r, i) => {
    const control = r && controls.get(r.control);
    if (r && control) issues.push(...missingRequiredAttributes(r, control, ['regions', i]));
  });
  return issues;
}

/**
 * `validateRegions` plus what a submitted (not draft) annotation needs: every `required`
 * control has at least one region (issue at path `regions`), and every required attribute is
 * set.
 *
 * @example
 * validateAnnotationForSubmit(schema, []);
 * // { ok: false, issues: [{ path: 'regions', message: 'control "sentiment" is required: ...' }] }
 */
export function validateAnnotationForSubmit(
  schema: LabelingSchema,
  regions: unknown,
  data?: Record<string, unknown>,
): Result<Region[]> {
  const result = validateRegions(schema, regions, data);
  if (!Array.isArray(regions)) return result;
  // On failure, still report missing required controls, so one round trip shows everything.
  const parsed = result.ok ? result.value : parseEach(regions).regions;
  const issues = [
    ...(result.ok ? [] : result.issues),
    ...toIssues(requiredIssues(schema, regions, parsed)),
  ];
  return issues.length > 0 ? { ok: false, issues } : result;
}
