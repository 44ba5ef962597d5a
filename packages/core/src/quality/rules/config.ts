import { z } from 'zod';
import { LIMITS, LabelValue, Name, zodIssuesToIssues } from '../../format/index.ts';
import type { Issue, LabelingSchema, Result } from '../../format/index.ts';
import { checkRulesAgainstSchema } from './config-schema-checks.ts';
import { MAX_PATTERN_LENGTH, unsafePatternReason } from './safe-regex.ts';

/*
 * The declarative QC rules of a project: a list of rules, each `{ id?, kind, severity,
 * ...params }`. Objects are strict (a typo such as `min_widht` is an error, as in the
 * interchange format) and every issue comes back with its path, e.g. `rules[2].pattern`.
 */

/**
 * Rule kinds, in the order docs/quality.md describes them.
 *
 * @example
 * QC_RULE_KINDS.includes('text_regex'); // true
 */
export const QC_RULE_KINDS = [
  'required',
  'bbox_inside_image',
  'bbox_min_size',
  'span_token_boundary',
  'mutually_exclusive',
  'text_regex',
  'duplicate_regions',
  'min_lead_time',
] as const;

/**
 * A rule kind.
 *
 * @example
 * const kind: QcRuleKind = 'bbox_min_size';
 */
export type QcRuleKind = (typeof QC_RULE_KINDS)[number];

/**
 * What a finding does on submit: `block` refuses the submit, `warn` lets it through with a
 * warning the annotator and reviewer see.
 *
 * @example
 * QcSeverity.parse('warn');
 */
export const QcSeverity = z.enum(['block', 'warn'], {
  error: (issue) =>
    issue.input === undefined
      ? 'required: "block" (refuse the submit) or "warn"'
      : 'severity is "block" (refuse the submit) or "warn"',
});
/** `'block' | 'warn'`. */
export type QcSeverity = z.infer<typeof QcSeverity>;

/**
 * Most rules in one project's list.
 *
 * @example
 * rules.length <= MAX_RULES;
 */
export const MAX_RULES = 200;
/**
 * Longest text a `text_regex` rule runs on by default, in UTF-16 units (`max_input_chars`).
 *
 * @example
 * entry.length > (rule.max_input_chars ?? DEFAULT_MAX_INPUT_CHARS); // not run, warned
 */
export const DEFAULT_MAX_INPUT_CHARS = 10_000;

const RuleId = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/, {
  error: 'a rule id is 1-64 letters, digits, "_", ".", ":" or "-"',
});
const Controls = z.array(Name).min(1).max(LIMITS.controls);
const LabelList = z.array(LabelValue).min(1).max(LIMITS.labelsPerControl);
const WhenUnknown = z.enum(['skip', 'warn']);
const Millis = z.number().nonnegative().max(86_400_000);
const common = { id: RuleId.optional(), severity: QcSeverity };

/**
 * `required`: each control listed (default: those with `required: true`) has a region.
 *
 * @example
 * RequiredRule.parse({ kind: 'required', severity: 'block', controls: ['sentiment'] });
 */
export const RequiredRule = z.strictObject({
  ...common,
  kind: z.literal('required'),
  controls: Controls.optional(),
});

/**
 * `bbox_inside_image`: boxes, polygons, keypoints and track boxes lie inside the image.
 *
 * @example
 * BboxInsideImageRule.parse({ kind: 'bbox_inside_image', severity: 'block', tolerance: 1 });
 */
export const BboxInsideImageRule = z.strictObject({
  ...common,
  kind: z.literal('bbox_inside_image'),
  controls: Controls.optional(),
  /** Pixels a shape may stick out (rounding in the editor); default 0. */
  tolerance: z.number().nonnegative().max(LIMITS.imageSide).optional(),
  /** When the image size is unknown: `warn` (default) reports it, `skip` stays silent. */
  when_unknown: WhenUnknown.optional(),
});

/**
 * `bbox_min_size`: boxes (and track boxes, polygon extents) of the controls/labels are big
 * enough; at least one of `min_width`, `min_height`.
 *
 * @example
 * BboxMinSizeRule.parse({ kind: 'bbox_min_size', severity: 'warn', labels: ['face'], min_width: 16 });
 */
export const BboxMinSizeRule = z
  .strictObject({
    ...common,
    kind: z.literal('bbox_min_size'),
    controls: Controls.optional(),
    labels: LabelList.optional(),
    min_width: z.number().positive().max(LIMITS.imageSide).optional(),
    min_height: z.number().positive().max(LIMITS.imageSide).optional(),
  })
  .refine((r) => r.min_width !== undefined || r.min_height !== undefined, {
    path: ['min_width'],
    error: 'set min_width, min_height or both (pixels)',
  });

/**
 * `span_token_boundary`: span starts and ends fall on token boundaries.
 *
 * @example
 * SpanTokenBoundaryRule.parse({ kind: 'span_token_boundary', severity: 'warn' });
 */
export const SpanTokenBoundaryRule = z.strictObject({
  ...common,
  kind: z.literal('span_token_boundary'),
  controls: Controls.optional(),
});

/**
 * A label in a `mutually_exclusive` set: a label value, or a label of one control.
 *
 * @example
 * LabelRef.parse({ control: 'sentiment', label: 'positive' });
 */
export const LabelRef = z.union([LabelValue, z.strictObject({ control: Name, label: LabelValue })]);
/** `'PER'` or `{ control: 'sentiment', label: 'positive' }`. */
export type LabelRef = z.infer<typeof LabelRef>;

/**
 * `mutually_exclusive`: no two labels of the set in one annotation; entries are unique.
 *
 * @example
 * MutuallyExclusiveRule.parse({ kind: 'mutually_exclusive', severity: 'block', control: 'flags', labels: ['none', 'violence'] });
 */
export const MutuallyExclusiveRule = z
  .strictObject({
    ...common,
    kind: z.literal('mutually_exclusive'),
    /** Plain label values in `labels` refer to this control; without it, to any control. */
    control: Name.optional(),
    labels: z.array(LabelRef).min(2).max(LIMITS.listItems),
  })
  .superRefine((r, ctx) => {
    const keys = r.labels.map((l) =>
      typeof l === 'string' ? `\u0000${l}` : `${l.control}\u0000${l.label}`,
    );
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) {
        ctx.addIssue({ code: 'custom', path: ['labels', i], message: 'listed twice' });
      }
    });
  });

/**
 * `text_regex`: free-text entries of textarea controls must (not) match a pattern. Patterns
 * that risk catastrophic backtracking are refused at `pattern` (see safe-regex.ts).
 *
 * @example
 * TextRegexRule.parse({ kind: 'text_regex', severity: 'block', pattern: '1[3-9]\\d{9}', mode: 'must_not_match' });
 */
export const TextRegexRule = z
  .strictObject({
    ...common,
    kind: z.literal('text_regex'),
    controls: Controls.optional(),
    pattern: z.string().min(1).max(MAX_PATTERN_LENGTH),
    flags: z
      .string()
      .max(4, { abort: true })
      .regex(/^(?!.*(.).*\1)[imsu]*$/, { error: 'flags are any of i, m, s, u, each at most once' })
      .optional(),
    mode: z.enum(['must_match', 'must_not_match']),
    /** Replaces the default message; say what to fix. */
    message: z.string().min(1).max(LIMITS.description).optional(),
    max_input_chars: z.number().int().min(1).max(LIMITS.text).optional(),
  })
  .superRefine((r, ctx) => {
    // zod runs this even when other keys failed: skip what is already reported.
    if (r.pattern.length > MAX_PATTERN_LENGTH || !/^[imsu]{0,4}$/.test(r.flags ?? '')) return;
    if (new Set(r.flags).size !== (r.flags ?? '').length) return;
    const reason = unsafePatternReason(r.pattern, r.flags);
    if (reason) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `pattern refused: ${reason}` });
    }
  });

/**
 * `duplicate_regions`: two regions of a control with the same labels and the same place.
 *
 * @example
 * DuplicateRegionsRule.parse({ kind: 'duplicate_regions', severity: 'warn', iou: 0.95 });
 */
export const DuplicateRegionsRule = z.strictObject({
  ...common,
  kind: z.literal('duplicate_regions'),
  controls: Controls.optional(),
  /** IoU at or above which two shapes count as the same; default 0.9. */
  iou: z.number().gt(0).max(1).optional(),
});

/**
 * `min_lead_time`: lead time below `min_ms` (+ per character, + per region) is implausible.
 *
 * @example
 * MinLeadTimeRule.parse({ kind: 'min_lead_time', severity: 'warn', min_ms: 3000, per_char_ms: 20 });
 */
export const MinLeadTimeRule = z.strictObject({
  ...common,
  kind: z.literal('min_lead_time'),
  min_ms: Millis,
  per_char_ms: z.number().nonnegative().max(60_000).optional(),
  per_region_ms: z.number().nonnegative().max(3_600_000).optional(),
  /** Fields whose text length counts (default: every text, html, dialogue, responses field). */
  fields: z.array(Name).min(1).max(LIMITS.fields).optional(),
  /** Ceiling on the scaled threshold, so a long text does not demand hours. */
  max_ms: Millis.optional(),
  when_unknown: WhenUnknown.optional(),
});

const kindError = (issue: { code?: string; note?: string | undefined }): string | undefined =>
  issue.code === 'invalid_union' && issue.note === 'No matching discriminator'
    ? `a rule kind must be one of: ${QC_RULE_KINDS.join(', ')}`
    : undefined;

/**
 * One QC rule, discriminated on `kind`.
 *
 * @example
 * QcRule.parse({ kind: 'bbox_min_size', severity: 'warn', labels: ['person'], min_width: 8, min_height: 8 });
 */
export const QcRule = z.discriminatedUnion(
  'kind',
  [
    RequiredRule,
    BboxInsideImageRule,
    BboxMinSizeRule,
    SpanTokenBoundaryRule,
    MutuallyExclusiveRule,
    TextRegexRule,
    DuplicateRegionsRule,
    MinLeadTimeRule,
  ],
  { error: kindError },
);
/** One QC rule (see the `QcRule` schema). */
export type QcRule = z.infer<typeof QcRule>;
/**
 * The rule of one kind.
 *
 * @example
 * const rule: QcRuleOf<'required'> = { kind: 'required', severity: 'block' };
 */
export type QcRuleOf<K extends QcRuleKind> = Extract<QcRule, { kind: K }>;

/**
 * A project's QC rules: a list of at most 200 rules with unique ids.
 *
 * @example
 * QcRules.parse([{ kind: 'required', severity: 'block' }]);
 */
export const QcRules = z
  .array(QcRule)
  .max(MAX_RULES)
  .superRefine((rules, ctx) => {
    const seen = new Map<string, number>();
    rules.forEach((r, i) => {
      if (r.id === undefined) return;
      const first = seen.get(r.id);
      if (first === undefined) seen.set(r.id, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `id "${r.id}" is already used by rules[${first}]`,
        });
    });
  });
/** A project's QC rules (see the `QcRules` schema). */
export type QcRules = z.infer<typeof QcRules>;

/**
 * Options of `parseQcRules`.
 *
 * @example
 * parseQcRules(input, { schema, prefix: 'qc_rules' });
 */
export type ParseQcRulesOptions = {
  /** When given, controls, fields and labels the rules name are checked against it. */
  schema?: LabelingSchema;
  /** Path prefix of issues (default `rules`: `rules[2].pattern`). */
  prefix?: string;
};

/**
 * Parses a project's QC rules, reporting every issue with its path; with a labeling schema,
 * also checks that the controls, fields and labels the rules name exist and suit the rule.
 *
 * @example
 * const r = parseQcRules(JSON.parse(body), { schema });
 * if (!r.ok) return reply.code(422).send({ issues: r.issues });
 * // e.g. { path: 'rules[1].pattern', message: 'pattern refused: it repeats a group ...' }
 */
export function parseQcRules(input: unknown, options: ParseQcRulesOptions = {}): Result<QcRules> {
  const prefix = options.prefix ?? 'rules';
  const parsed = QcRules.safeParse(input);
  if (!parsed.success) {
    const issues = zodIssuesToIssues(parsed.error, prefix).map(rootPath(prefix));
    return { ok: false, issues: byRule(issues, prefix) };
  }
  if (options.schema) {
    const issues = checkRulesAgainstSchema(parsed.data, options.schema, prefix);
    if (issues.length > 0) return { ok: false, issues };
  }
  return { ok: true, value: parsed.data };
}

/** zod says "expected array" at the root; name the list so the user knows what was meant. */
function rootPath(prefix: string): (issue: Issue) => Issue {
  return (issue) =>
    issue.path === prefix && /^expected array/.test(issue.message)
      ? { path: prefix, message: 'expected a list of rules ([{ "kind": ..., "severity": ... }])' }
      : issue;
}

/** Orders issues by rule (stable): zod reports list-level checks after the items'. */
function byRule(issues: Issue[], prefix: string): Issue[] {
  const at = (i: Issue) => Number(i.path.slice(prefix.length).match(/^\[(\d+)\]/)?.[1] ?? -1);
  return issues
    .map((issue, k) => ({ issue, k }))
    .sort((a, b) => at(a.issue) - at(b.issue) || a.k - b.k)
    .map((x) => x.issue);
}
