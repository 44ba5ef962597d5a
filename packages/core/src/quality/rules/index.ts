/**
 * Declarative per-project QC rules, checked on every submit: required controls, shapes inside
 * the image and above a minimum size, spans on token boundaries, mutually exclusive labels,
 * regex on free text, duplicate regions, implausibly short lead time. Pure; see the "Rules"
 * section of docs/quality.md.
 *
 * @example
 * const parsed = parseQcRules(project.qc_rules, { schema });
 * if (parsed.ok) summarize(checkAnnotation(parsed.value, { schema, regions, data }));
 */
export {
  BboxInsideImageRule,
  BboxMinSizeRule,
  DEFAULT_MAX_INPUT_CHARS,
  DuplicateRegionsRule,
  LabelRef,
  MAX_RULES,
  MinLeadTimeRule,
  MutuallyExclusiveRule,
  QC_RULE_KINDS,
  QcRule,
  QcRules,
  QcSeverity,
  RequiredRule,
  SpanTokenBoundaryRule,
  TextRegexRule,
  parseQcRules,
  type ParseQcRulesOptions,
  type QcRuleKind,
  type QcRuleOf,
} from './config.ts';
export { RULE_CONTROL_TYPES, checkRulesAgainstSchema } from './config-schema-checks.ts';
export { checkAnnotation } from './check-annotation.ts';
export { defaultRules } from './default-rules.ts';
export { summarize, type Finding } from './finding.ts';
export type { CheckContext, ImageDimensions } from './env.ts';
export { defaultTokenize, type Tokenizer } from './tokenize.ts';
export {
  MAX_PATTERN_LENGTH,
  MAX_UNBOUNDED_QUANTIFIERS,
  unsafePatternReason,
} from './safe-regex.ts';
export { DEFAULT_DUPLICATE_IOU } from './duplicate-regions.ts';
