import { z } from 'zod';
import { Control } from './control.ts';
import { Field } from './field.ts';
import { zodIssuesToIssues } from './issues.ts';
import type { Result } from './issues.ts';
import { LIMITS } from './primitives.ts';
import { checkSchemaRules } from './schema-rules.ts';

/**
 * A project's labeling schema: its data fields, its controls (what can be labeled on which
 * field), and optional guidelines. Versioned (`version`, default 1); the same object drives the
 * editor, validation, QC and export. Cross-references are checked too (see schema-rules.ts).
 *
 * @example
 * LabelingSchema.parse({
 *   fields: [{ name: 'text', type: 'text' }],
 *   controls: [{ name: 'sentiment', type: 'choices', field: 'text',
 *     labels: [{ value: 'positive' }, { value: 'negative' }] }],
 * }); // version defaults to 1
 */
export const LabelingSchema = z
  .strictObject({
    version: z.number().int().positive().default(1),
    fields: z.array(Field).min(1).max(LIMITS.fields),
    controls: z.array(Control).min(1).max(LIMITS.controls),
    guidelines: z.string().max(LIMITS.guidelines).optional(),
  })
  .superRefine((schema, ctx) => {
    for (const issue of checkSchemaRules(schema)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  });

/** A labeling schema (see the `LabelingSchema` schema); `version` is always set. */
export type LabelingSchema = z.infer<typeof LabelingSchema>;

/**
 * Parses and checks a labeling schema.
 *
 * @example
 * const r = parseLabelingSchema(JSON.parse(body));
 * if (!r.ok) throw new Error(formatIssues(r.issues)); // e.g. "controls[2].field: no field ..."
 */
export function parseLabelingSchema(input: unknown): Result<LabelingSchema> {
  const parsed = LabelingSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssuesToIssues(parsed.error) };
  return { ok: true, value: parsed.data };
}
