/**
 * Checks a schema the way the server will (the core zod schema and its cross-reference rules)
 * plus the web-only check of hotkeys against the editor's own keys, so the form shows every
 * problem before saving.
 *
 * @example
 * const problems = checkSchema(schema); // [{ path: 'controls[0].labels', message: '...' }]
 */
import { parseLabelingSchema } from '@tessera/core/format';
import { hotkeyConflicts, type HotkeyConflict } from './hotkey-conflicts.ts';
import type { LabelingSchema } from './types.ts';

/** A problem: a core issue (message in English from the server rules) or a hotkey clash. */
export type SchemaProblem =
  { path: string; message: string } | (HotkeyConflict & { message?: undefined });

/** Every problem of a schema; [] when it can be saved. */
export function checkSchema(schema: unknown): SchemaProblem[] {
  const parsed = parseLabelingSchema(schema);
  if (!parsed.ok) return parsed.issues;
  return hotkeyConflicts(parsed.value as LabelingSchema);
}
