/**
 * Vision: shipped models (face-api faces, human's CenterNet COCO-80 objects, PP-OCRv4 text,
 * nsfwjs content-safety classes) run lazily in one worker thread under a time limit and a
 * memory cap; PII in images (faces and core's text detectors on OCR'd lines); redaction with
 * sharp (blur, EXIF GPS stripped); a ModelAdapter so pre-labeling can suggest boxes (the
 * `vision-*` registry kinds); and the task-image loader. Guide: docs/compliance.md, "Vision".
 *
 * @example
 * ```ts
 * import { VisionService } from './vision/index.ts';
 * const vision = new VisionService({ limits: { timeoutMs: 30_000 } });
 * const { regions } = await vision.detectObjects(bytes);
 * ```
 */
export { VisionService } from './vision.service.ts';
export type {
  DetectionResult,
  DetectOptions,
  FaceOptions,
  ImagePiiOptions,
  ImagePiiResult,
  ObjectOptions,
  OcrResult,
  RedactedImage,
  SafetyClassification,
  VisionServiceOptions,
} from './vision.service.ts';
export { VisionModelAdapter, shippedModelVersion } from './vision-adapter.ts';
export type { VisionAdapterOptions, VisionModelKind } from './vision-adapter.ts';
export { VisionError, VISION_ERROR_STATUS, isVisionErrorCode } from './vision-errors.ts';
export type { VisionErrorCode } from './vision-errors.ts';
export { checkImage, DEFAULT_VISION_LIMITS } from './vision-limits.ts';
export type { VisionLimits } from './vision-limits.ts';
export { VisionWorker, VISION_WORKER } from './vision-worker.ts';
export type { VisionJob, VisionJobResult, VisionOp, VisionWorkerOptions } from './vision-worker.ts';
export { findPiiInLines, maskedForDisplay, spanBox } from './image-pii.ts';
export type { ImagePiiFinding, ImageTextFinding, LinePiiOptions, PixelBox } from './image-pii.ts';
export { detectIdLikeNumbers } from './id-like.ts';
export type { IdLikeFinding } from './id-like.ts';
export { iou, toBboxRegions } from './vision-regions.ts';
export type { BboxRegion, RegionBox } from './vision-regions.ts';
export type * from './vision-types.ts';
export { closeVision, loadTaskImage, visionOf } from './task-images.ts';
export { COCO_80_CLASSES, VISION_MODEL_CLASSES } from './coco-classes.ts';
