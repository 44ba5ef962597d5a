/**
 * Label Studio: XML labeling config <-> Tessera labeling schema, and JSON tasks <-> Tessera
 * tasks (one task at a time, for streaming).
 */
export { parseLabelStudioConfig } from './ls-config.ts';
export type { LabelStudioConfig, LabelStudioConfigOptions } from './ls-config.ts';
export { cssColorToHex } from './ls-config-labels.ts';
export { schemaToLabelStudioConfig } from './ls-config-write.ts';
export { labelStudioMappingFromSchema, TAXONOMY_SEPARATOR } from './ls-mapping.ts';
export type {
  LabelStudioMapping,
  LsAttributeMap,
  LsControlMap,
  LsObjectKind,
  LsResultType,
} from './ls-mapping.ts';
export { DEFAULT_LS_MODEL, labelStudioTaskToTask, UNKNOWN_MODEL_VERSION } from './ls-import.ts';
export type { LabelStudioImportOptions } from './ls-import.ts';
export { taskToLabelStudioTask } from './ls-export.ts';
export type { LabelStudioExportOptions } from './ls-export.ts';
export { relationRegionId } from './ls-relations.ts';
export { spanFromLs, spanToLs } from './ls-text.ts';
export type { TextOffsets } from './ls-text.ts';
export type { LsExtras } from './ls-extras.ts';
export type { LsAnnotation, LsPrediction, LsResult, LsTask } from './ls-types.ts';
