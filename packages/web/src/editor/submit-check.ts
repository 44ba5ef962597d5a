/**
 * What stops a submit, checked in the browser before sending: required controls without a
 * region (reported by control name so the UI can translate the message) and any other issue
 * the core validator finds (its own message).
 *
 * @example
 * submitProblems(schema, regions, task.data) // [{ kind: 'required', control: 'sentiment' }]
 */
import { validateRegions } from '@tessera/core/format';
import type { LabelingSchema, Region } from '../schema/types.ts';

/** One reason a submit cannot go out yet. */
export type SubmitProblem =
  { kind: 'required'; control: string } | { kind: 'invalid'; path: string; message: string };

/** Problems of a submit; [] when it may be sent. */
export function submitProblems(
  schema: LabelingSchema,
  regions: readonly Region[],
  data: Record<string, unknown>,
): SubmitProblem[] {
  const used = new Set(regions.map((r) => r.control));
  const required: SubmitProblem[] = schema.controls
    .filter((c) => c.required && !used.has(c.name))
    .map((c) => ({ kind: 'required', control: c.name }));
  const v = validateRegions(schema, regions, data);
  const invalid: SubmitProblem[] = v.ok
    ? []
    : v.issues.map((i) => ({ kind: 'invalid', path: i.path, message: i.message }));
  return [...required, ...invalid];
}
