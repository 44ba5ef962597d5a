import { z } from 'zod';
import { Annotation, Prediction } from './annotation.ts';
import { zodIssuesToIssues } from './issues.ts';
import type { Result } from './issues.ts';
import { ExternalId, IsoDateTime, LIMITS, Sha256 } from './primitives.ts';

/**
 * Where a task's data came from: source URI, content hash, licence, collection time. The
 * provenance ledger records these for every ingested asset.
 *
 * @example
 * Provenance.parse({ source: 's3://bucket/a.jpg', licence: 'CC-BY-4.0' });
 */
export const Provenance = z.strictObject({
  source: z.string().min(1).max(2_000).optional(),
  sha256: Sha256.optional(),
  licence: z.string().min(1).max(LIMITS.shortString).optional(),
  collected_at: z
    .union([IsoDateTime, z.iso.date()], {
      error: 'expected an ISO 8601 date (2025-01-31) or date-time with a time zone',
    })
    .optional(),
});

/** Provenance of a task (see the `Provenance` schema). */
export type Provenance = z.infer<typeof Provenance>;

/**
 * A task: one item to label. `data` holds the fields by name (text, media references,
 * dialogue, responses, ...) and is kept as given, unknown fields included; `meta` is free-form.
 *
 * @example
 * Task.parse({ id: 1, data: { text: 'Alice works for Acme.' } });
 */
export const Task = z.strictObject({
  id: ExternalId.optional(),
  data: z
    .record(z.string(), z.unknown())
    .refine((d) => Object.keys(d).length > 0, { error: 'data needs at least one field' }),
  meta: z.record(z.string(), z.unknown()).optional(),
  provenance: Provenance.optional(),
  annotations: z.array(Annotation).optional(),
  predictions: z.array(Prediction).optional(),
  consensus: Annotation.optional(),
});

/** A task (see the `Task` schema). */
export type Task = z.infer<typeof Task>;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Parses one task. An object without a `data` key is a bare task (Label Studio style): the
 * whole object becomes `data`.
 *
 * @example
 * parseTask({ text: 'hi' }); // { ok: true, value: { data: { text: 'hi' } } }
 * parseTask({ data: 5 }); // { ok: false, issues: [{ path: 'data', message: ... }] }
 */
export function parseTask(input: unknown): Result<Task> {
  if (!isPlainObject(input)) {
    return { ok: false, issues: [{ path: '', message: 'a task must be a JSON object' }] };
  }
  const candidate = Object.hasOwn(input, 'data') ? input : { data: input };
  const parsed = Task.safeParse(candidate);
  if (!parsed.success) return { ok: false, issues: zodIssuesToIssues(parsed.error) };
  return { ok: true, value: parsed.data };
}
