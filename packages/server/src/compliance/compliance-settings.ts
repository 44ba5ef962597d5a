/**
 * A project's compliance settings, kept in `projects.settings` beside the workflow settings:
 * `licences` (which licences imports may carry) and `pii` (who sees personal data unmasked
 * and how it is masked for everyone else).
 */

import { PII_ENTITIES, type Operator, type RedactionPolicy } from '@tessera/core/compliance';
import { z } from 'zod';

const Entity = z.enum([...PII_ENTITIES, '*'] as [string, ...string[]]);

/**
 * One desensitisation operator (see core's `applyOperators`).
 * @example OperatorSchema.parse({ type: 'mask', head: 3, tail: 4 })
 */
export const OperatorSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('mask'),
      head: z.number().int().min(0).max(64).optional(),
      tail: z.number().int().min(0).max(64).optional(),
      char: z
        .string()
        .refine((c) => Array.from(c).length === 1, 'must be one character')
        .optional(),
    })
    .strict(),
  z
    .object({ type: z.literal('pseudonym'), style: z.enum(['realistic', 'tag']).optional() })
    .strict(),
  z
    .object({
      type: z.literal('hash'),
      length: z.number().int().min(8).max(64).optional(),
      keyed: z.boolean().optional(),
    })
    .strict(),
  z.object({ type: z.literal('redact'), replacement: z.string().max(100).optional() }).strict(),
]);

/**
 * Licence policy: SPDX-style ids allowed on import, and what happens to the others.
 * @example LicencePolicySchema.parse({ allowed: ['CC0-1.0'], mode: 'block' })
 */
export const LicencePolicySchema = z
  .object({
    allowed: z.array(z.string().trim().min(1).max(100)).max(500),
    mode: z.enum(['flag', 'block']),
    /** A record with no licence at all counts as not allowed (default true). */
    require: z.boolean().optional(),
  })
  .strict();
/** A licence policy (see LicencePolicySchema). */
export type LicencePolicy = z.infer<typeof LicencePolicySchema>;

/**
 * PII view policy. `operators[entity] = null` turns a default operator off.
 * @example PiiPolicySchema.parse({ visible_to: ['manager'], operators: { EMAIL: null } })
 */
export const PiiPolicySchema = z
  .object({
    visible_to: z.array(z.enum(['manager', 'reviewer', 'annotator'])).max(3),
    operators: z.partialRecord(Entity, OperatorSchema.nullable()).optional(),
    min_score: z.number().min(0).max(1).optional(),
  })
  .strict();
/** A PII view policy (see PiiPolicySchema). */
export type PiiPolicy = z.infer<typeof PiiPolicySchema>;

/**
 * Body of `PUT /api/projects/:id/compliance`; `null` removes a policy.
 * @example ComplianceSettingsSchema.parse({ pii: null })
 */
export const ComplianceSettingsSchema = z
  .object({
    licences: LicencePolicySchema.nullable().optional(),
    pii: PiiPolicySchema.nullable().optional(),
  })
  .strict();
/** A compliance settings update (see ComplianceSettingsSchema). */
export type ComplianceSettings = z.infer<typeof ComplianceSettingsSchema>;

/**
 * What annotators see by default: identifiers masked with `mask`, which keeps the text length,
 * so span offsets drawn on the masked text are offsets into the original. Names and addresses
 * are left alone by default because they are often what a project labels (NER); add
 * `CN_PERSON`, `PERSON` or `CN_ADDRESS` to the operators to mask them.
 * @example DEFAULT_VIEW_OPERATORS.CN_MOBILE // { type: 'mask', head: 3, tail: 4 }
 */
export const DEFAULT_VIEW_OPERATORS: Readonly<Record<string, Operator>> = {
  CN_RESIDENT_ID: { type: 'mask', head: 3, tail: 4 },
  CN_MOBILE: { type: 'mask', head: 3, tail: 4 },
  CN_LANDLINE: { type: 'mask', head: 3, tail: 2 },
  PHONE_NUMBER: { type: 'mask', head: 3, tail: 2 },
  BANK_CARD: { type: 'mask', head: 6, tail: 4 },
  EMAIL: { type: 'mask', head: 1 },
  IP_ADDRESS: { type: 'mask' },
  URL_CREDENTIALS: { type: 'mask' },
  CN_PASSPORT: { type: 'mask', head: 1, tail: 2 },
  US_PASSPORT: { type: 'mask', head: 1, tail: 2 },
  UK_PASSPORT: { type: 'mask', head: 1, tail: 2 },
  IN_PASSPORT: { type: 'mask', head: 1, tail: 2 },
  ES_PASSPORT: { type: 'mask', head: 1, tail: 2 },
  US_SSN: { type: 'mask', tail: 4 },
  CN_LICENSE_PLATE: { type: 'mask', head: 2 },
};

/**
 * The PII policy of a project that set none: managers see originals, others masked data.
 * @example complianceOf('{}').pii === DEFAULT_PII_POLICY
 */
export const DEFAULT_PII_POLICY: PiiPolicy = { visible_to: ['manager'] };

/**
 * The compliance part of a project's settings JSON; malformed parts fall back to defaults.
 * @example complianceOf(project.settings).licences // undefined when no policy is set
 */
export function complianceOf(settingsJson: string): {
  licences: LicencePolicy | undefined;
  pii: PiiPolicy;
} {
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(settingsJson) as Record<string, unknown>;
  } catch {
    /* a project with unreadable settings gets the defaults */
  }
  const lic = LicencePolicySchema.safeParse(raw.licences);
  const pii = PiiPolicySchema.safeParse(raw.pii);
  return {
    licences: lic.success ? lic.data : undefined,
    pii: pii.success ? pii.data : DEFAULT_PII_POLICY,
  };
}

/**
 * The operators a PII policy applies: the defaults overlaid with the project's, nulls removed.
 * @example viewOperators({ visible_to: ['manager'], operators: { EMAIL: null } }).EMAIL // undefined
 */
export function viewOperators(policy: PiiPolicy): RedactionPolicy {
  const merged: Record<string, Operator | null | undefined> = {
    ...DEFAULT_VIEW_OPERATORS,
    ...policy.operators,
  };
  return Object.fromEntries(
    Object.entries(merged).filter((e): e is [string, Operator] => e[1] != null),
  );
}

/**
 * Entities whose operator changes the text length, so span offsets on the masked text no
 * longer match the original (a warning for managers).
 * @example lengthChangingEntities({ EMAIL: { type: 'pseudonym' } }) // ['EMAIL']
 */
export function lengthChangingEntities(policy: RedactionPolicy): string[] {
  return Object.entries(policy)
    .filter(([, op]) => op.type !== 'mask')
    .map(([e]) => e);
}

/**
 * Merges a compliance update into a project's settings JSON: a given policy replaces the old
 * one, `null` removes it, an absent key keeps it.
 * @example mergeCompliance('{"overlap":3}', { licences: { allowed: ['MIT'], mode: 'flag' } })
 */
export function mergeCompliance(settingsJson: string, update: ComplianceSettings): string {
  const raw = JSON.parse(settingsJson) as Record<string, unknown>;
  for (const k of ['licences', 'pii'] as const) {
    const v = update[k];
    if (v === null) delete raw[k];
    else if (v !== undefined) raw[k] = v;
  }
  return JSON.stringify(raw);
}

const PolicyFile = z
  .object({
    operators: z.record(z.string(), OperatorSchema),
    min_score: z.number().min(0).max(1).optional(),
  })
  .strict();

/**
 * Reads a redaction policy document, `{"operators": {...}, "min_score": 0.5}` or the operators
 * map alone; says which entry is wrong. `keyed` lists what needs a secret key.
 * @example parseRedactionPolicy({ CN_MOBILE: { type: 'mask', head: 3, tail: 4 } })
 * // { ok: true, operators: {...}, keyed: [] }
 */
export function parseRedactionPolicy(
  raw: unknown,
):
  | { ok: true; operators: RedactionPolicy; min_score?: number; keyed: string[] }
  | { ok: false; message: string } {
  const wrapped = raw !== null && typeof raw === 'object' && 'operators' in raw;
  const p = PolicyFile.safeParse(wrapped ? raw : { operators: raw });
  if (!p.success) {
    const i = p.error.issues[0]!;
    return {
      ok: false,
      message: `${(wrapped ? i.path : i.path.slice(1)).join('.') || '(root)'}: ${i.message}`,
    };
  }
  const operators: RedactionPolicy = p.data.operators;
  const unknown = Object.keys(operators).filter(
    (e) => e !== '*' && !(PII_ENTITIES as readonly string[]).includes(e),
  );
  if (unknown.length) return { ok: false, message: `unknown entity ${unknown.join(', ')}` };
  const keyed = Object.entries(operators)
    .filter(([, o]) => o.type === 'pseudonym' || (o.type === 'hash' && o.keyed))
    .map(([e, o]) => `${o.type} for ${e}`);
  return {
    ok: true,
    operators,
    keyed,
    ...(p.data.min_score === undefined ? {} : { min_score: p.data.min_score }),
  };
}
