/**
 * Converters between the Tessera interchange format and other formats: Label Studio (JSON
 * tasks and XML labeling configs), COCO, YOLO, Pascal VOC, CoNLL/BIO, CSV and Hugging
 * Face-style JSONL. Pure: they take and return strings and plain objects, one task at a time
 * where an export can be large (the COCO writer streams). Import errors are `ConvertError`s
 * saying where and what; what a format cannot hold is reported through `onLoss`. Mappings
 * and limits: docs/formats.md.
 *
 * @example
 * import { parseLabelStudioConfig, labelStudioTaskToTask } from '@tessera/core/convert';
 */
export { ConvertError, formatWhere, reportLoss } from './errors.ts';
export type { Loss, LossOptions, Where } from './errors.ts';
export { imageSizeOf, requireImageSize } from './image-size.ts';
export type { ImageSize, ImageSizeOptions } from './image-size.ts';
export { pickRegions } from './pick-regions.ts';
export type { PickOptions } from './pick-regions.ts';
export { childElements, parseXml, textContent } from './xml/xml-parse.ts';
export type { XmlElement, XmlNode, XmlText } from './xml/xml-parse.ts';
export { escapeXml } from './xml/xml-write.ts';
export * from './label-studio/index.ts';
export { cocoToTasks } from './coco/coco-import.ts';
export type { CocoImport, CocoImportOptions } from './coco/coco-import.ts';
export { CocoWriter, tasksToCoco } from './coco/coco-writer.ts';
export type { CocoWriterOptions } from './coco/coco-writer.ts';
export { pointsBounds, polygonArea, rleArea, rleBounds } from './coco/coco-geometry.ts';
export type {
  CocoAnnotation,
  CocoCategory,
  CocoDataset,
  CocoImage,
  CocoRle,
} from './coco/coco-types.ts';
export { parseYoloDataYaml, writeYoloDataYaml } from './yolo/data-yaml.ts';
export type { YoloData } from './yolo/data-yaml.ts';
export { taskToYoloLabels, yoloLabelPath, yoloLabelsToRegions, yoloToTask } from './yolo/yolo.ts';
export type { YoloExportOptions, YoloImportOptions } from './yolo/yolo.ts';
export { taskToVocXml, vocXmlToTask } from './voc/voc.ts';
export type { VocExportOptions, VocImportOptions } from './voc/voc.ts';
export { detokenize, detokenizeWithOffsets, isCjkToken, tokenize } from './conll/tokenize.ts';
export type { Token } from './conll/tokenize.ts';
export { spansToTags, tagsToSpans, toTokenSpan } from './conll/bio.ts';
export type { BioScheme, TokenSpan } from './conll/bio.ts';
export { conllToTasks, taskToConll, taskToTaggedSentences } from './conll/conll.ts';
export type {
  BioExportOptions,
  ConllExportOptions,
  ConllImportOptions,
  TaggedSentence,
} from './conll/conll.ts';
export { csvLine, guardCell, parseCsvRecords, unguardCell } from './csv/csv-text.ts';
export type { CsvRecord } from './csv/csv-text.ts';
export { csvHeader, csvToTasks, taskToCsvRow, tasksToCsv } from './csv/csv.ts';
export type { CsvExportOptions, CsvImportOptions } from './csv/csv.ts';
export { controlValue, flatColumns, isListControl, valueRegions } from './flat/flat-values.ts';
export {
  flatJsonToTask,
  hfClassificationToTask,
  hfNerTagNames,
  hfTokensToTask,
  taskToFlatJson,
  taskToHfClassification,
  taskToHfTokens,
} from './hf/hf-jsonl.ts';
export type { HfClassificationOptions, HfTokensOptions } from './hf/hf-jsonl.ts';
