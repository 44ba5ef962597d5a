import { preparePii } from '@tessera/core/compliance';
import { findPiiInLines, type ImagePiiFinding, type PixelBox } from './image-pii.ts';
import { VisionError } from './vision-errors.ts';
import { checkImage, DEFAULT_VISION_LIMITS, type VisionLimits } from './vision-limits.ts';
import { toBboxRegions, type BboxRegion } from './vision-regions.ts';
import type {
  AnalyzeResult,
  DetectedBox,
  ImageFacts,
  ModelId,
  NsfwClasses,
  OcrLine,
  RedactResult,
  VisionTimings,
} from './vision-types.ts';
import { VisionWorker, type VisionJob } from './vision-worker.ts';

/** Options of a {@link VisionService}. */
export interface VisionServiceOptions {
  /** Per-job limits; unset fields take {@link DEFAULT_VISION_LIMITS}. */
  limits?: Partial<VisionLimits>;
  /** Jobs that may wait behind the running one (default 64). */
  maxQueue?: number;
  /** Stop the idle worker (and free the models' memory) after this long; default 5 minutes. */
  idleMs?: number;
}

/** Options shared by the detectors. */
export interface DetectOptions {
  /** The labeling-schema control the regions are for (default `faces`, `objects`, `ocr`, `pii`). */
  control?: string;
  /** Drop boxes below this score. */
  minScore?: number;
}

/** Face detector options: `tiny` (default; TinyFaceDetector at 416) or `ssd` (SSD MobileNet v1). */
export interface FaceOptions extends DetectOptions {
  detector?: 'tiny' | 'ssd';
}

/** Object detector options. */
export interface ObjectOptions extends DetectOptions {
  maxDetected?: number;
}

/** Boxes found by one model, as regions of the interchange format. */
export interface DetectionResult extends ImageFacts {
  boxes: DetectedBox[];
  regions: BboxRegion[];
  model: ModelId;
  timings: VisionTimings;
}

/** OCR'd lines; each region carries its line's text in `attributes.text`. */
export interface OcrResult extends ImageFacts {
  lines: OcrLine[];
  regions: BboxRegion[];
  model: ModelId;
  timings: VisionTimings;
}

/** Content-safety classes of an image (nsfwjs), the most likely one first in `top`. */
export interface SafetyClassification extends ImageFacts {
  classes: NsfwClasses;
  top: keyof NsfwClasses;
  model: ModelId;
  timings: VisionTimings;
}

/** Options of {@link VisionService.findImagePii}. */
export interface ImagePiiOptions {
  control?: string;
  /** Look for faces too (default true). */
  faces?: boolean;
  /** Minimum score of text findings (default core's 0.3). */
  minScore?: number;
  entities?: readonly string[];
}

/**
 * Personal data in an image. `boxes` is what to blur; `regions` label each box with its
 * entity and carry only the masked value (never the original text) in their attributes.
 */
export interface ImagePiiResult extends ImageFacts {
  findings: ImagePiiFinding[];
  boxes: PixelBox[];
  regions: BboxRegion[];
  models: ModelId[];
  timings: VisionTimings;
}

/** A redacted image: blurred boxes, metadata (EXIF GPS included) stripped. */
export interface RedactedImage extends Omit<RedactResult, 'data'> {
  bytes: Uint8Array;
  timings: VisionTimings;
}

/**
 * Vision for pre-labeling and compliance: faces (face-api), COCO-80 objects (human's
 * CenterNet), OCR (PP-OCRv4), PII in images (faces + core's text detectors on the OCR) and
 * redaction (sharp). Every call checks the bytes first (type by magic bytes, declared size:
 * a 50,000×50,000 image is refused before decoding), then runs in one worker thread under a
 * time limit and a memory cap; models load there on first use and ship inside npm packages.
 * Boxes are in pixels of the upright original image.
 *
 * @example
 * ```ts
 * const vision = new VisionService();
 * const { regions } = await vision.detectFaces(bytes); // [{ type: 'bbox', value: { x, y, ... } }]
 * const pii = await vision.findImagePii(bytes);
 * const out = await vision.redactImage(bytes, pii.boxes);
 * await vision.close();
 * ```
 */
export class VisionService {
  readonly limits: VisionLimits;
  readonly worker: VisionWorker;

  constructor(opts: VisionServiceOptions = {}) {
    this.limits = { ...DEFAULT_VISION_LIMITS, ...opts.limits };
    this.worker = new VisionWorker({
      limits: this.limits,
      ...(opts.maxQueue !== undefined ? { maxQueue: opts.maxQueue } : {}),
      ...(opts.idleMs !== undefined ? { idleMs: opts.idleMs } : {}),
    });
  }

  /** Faces as `bbox` regions labelled `face`. */
  async detectFaces(bytes: Uint8Array, opts: FaceOptions = {}): Promise<DetectionResult> {
    const faces = { detector: opts.detector ?? 'tiny', minScore: opts.minScore ?? 0.5 };
    const { result, timings } = await this.analyze(bytes, { faces });
    return this.detection(result, result.faces!, opts.control ?? 'faces', timings);
  }

  /** COCO-80 objects (`person`, `cup`, `dog`, ...) as `bbox` regions. */
  async detectObjects(bytes: Uint8Array, opts: ObjectOptions = {}): Promise<DetectionResult> {
    const objects = { minScore: opts.minScore ?? 0.3, maxDetected: opts.maxDetected ?? 20 };
    const { result, timings } = await this.analyze(bytes, { objects });
    return this.detection(result, result.objects!, opts.control ?? 'objects', timings);
  }

  /** Text lines, top to bottom, with boxes; regions are labelled `text`. */
  async ocr(bytes: Uint8Array, opts: DetectOptions = {}): Promise<OcrResult> {
    const { result, timings } = await this.analyze(bytes, {
      ocr: { minScore: opts.minScore ?? 0.7 },
    });
    const { lines, model } = result.ocr!;
    const regions = toBboxRegions(
      opts.control ?? 'ocr',
      lines.map((l) => ({
        ...l.box,
        labels: ['text'],
        score: l.score,
        attributes: { text: l.text },
      })),
    );
    return { ...facts(result), lines, regions, model, timings };
  }

  /**
   * Content-safety classes (Drawing, Hentai, Neutral, Porn, Sexy) with nsfwjs's MobileNetV2,
   * whose weights ship in the npm package. What counts as unsafe is the caller's policy (see
   * `imageSafetyFlags` in compliance/safety-policy.ts).
   */
  async classifySafety(bytes: Uint8Array): Promise<SafetyClassification> {
    const { result, timings } = await this.analyze(bytes, { nsfw: {} });
    const { classes, model } = result.nsfw!;
    const top = (Object.keys(classes) as (keyof NsfwClasses)[]).reduce((a, b) =>
      classes[b] > classes[a] ? b : a,
    );
    return { ...facts(result), classes, top, model, timings };
  }

  /** Faces, PII in the OCR'd text (boxes mapped back to pixels) and EXIF GPS. */
  async findImagePii(bytes: Uint8Array, opts: ImagePiiOptions = {}): Promise<ImagePiiResult> {
    const wantFaces = opts.faces ?? true;
    const { result, timings } = await this.analyze(bytes, {
      ocr: { minScore: 0.7 },
      ...(wantFaces ? { faces: { detector: 'tiny', minScore: 0.5 } } : {}),
    });
    const findings: ImagePiiFinding[] = [];
    for (const f of result.faces?.boxes ?? []) {
      const { label: _label, score, ...box } = f;
      findings.push({ source: 'face', entity: 'FACE', score, box });
    }
    await preparePii(opts.entities); // compromise, on the first scan that wants English names
    const textOpts = {
      ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
      ...(opts.entities ? { entities: opts.entities } : {}),
    };
    for (const f of findPiiInLines(result.ocr!.lines, textOpts, result))
      findings.push({ source: 'ocr', ...f });
    if (result.gps.present) {
      findings.push({ source: 'exif', entity: 'EXIF_GPS', score: 1, tags: result.gps.tags });
    }
    const boxed = findings.filter((f) => f.source !== 'exif');
    const regions = toBboxRegions(
      opts.control ?? 'pii',
      boxed.map((f) => ({
        ...f.box,
        labels: [f.entity],
        score: f.score,
        attributes: {
          source: f.source,
          ...(f.source === 'ocr' ? { masked: f.masked } : {}),
          ...(f.source === 'ocr' && f.checksum ? { checksum: f.checksum } : {}),
        },
      })),
    );
    const models = [result.ocr!.model, ...(result.faces ? [result.faces.model] : [])];
    return { ...facts(result), findings, boxes: boxed.map((f) => f.box), regions, models, timings };
  }

  /**
   * Blurs (`mode: 'fill'` paints black) each box and re-encodes without any metadata, which
   * removes EXIF GPS. Boxes are in the upright image's pixels, as every method here returns
   * them. The output keeps the input's format (GIF becomes PNG).
   */
  async redactImage(
    bytes: Uint8Array,
    boxes: readonly PixelBox[],
    opts: { mode?: 'blur' | 'fill' } = {},
  ): Promise<RedactedImage> {
    if (!Array.isArray(boxes))
      throw new VisionError('bad_request', 'boxes must be a list of {x, y, width, height}.');
    boxes.forEach((b, i) => {
      const ok = [b?.x, b?.y, b?.width, b?.height].every(
        (v) => typeof v === 'number' && Number.isFinite(v),
      );
      if (!ok || b.width < 0 || b.height < 0) {
        throw new VisionError(
          'bad_request',
          `boxes[${i}]: x, y, width and height must be finite numbers, sides ≥ 0.`,
        );
      }
    });
    checkImage(bytes, this.limits);
    const { result, timings } = await this.worker.run<RedactResult>({
      op: 'redact',
      bytes,
      boxes: boxes.map(({ x, y, width, height }) => ({ x, y, width, height })),
      options: { mode: opts.mode ?? 'blur' },
    });
    const { data, ...rest } = result;
    return {
      ...rest,
      bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      timings,
    };
  }

  /** Loads models ahead of the first job (optional: every job loads what it needs). */
  async warmUp(kinds: readonly ('faces' | 'objects' | 'ocr' | 'nsfw')[]): Promise<VisionTimings> {
    return (await this.worker.run({ op: 'load', options: { kinds } })).timings;
  }

  /** Stops the worker; waiting jobs fail with `vision_closed`. */
  close(): Promise<void> {
    return this.worker.close();
  }

  private async analyze(bytes: Uint8Array, options: Record<string, unknown>) {
    checkImage(bytes, this.limits);
    const job: VisionJob = { op: 'analyze', bytes, options };
    return this.worker.run<AnalyzeResult>(job);
  }

  private detection(
    result: AnalyzeResult,
    found: { boxes: DetectedBox[]; model: ModelId },
    control: string,
    timings: VisionTimings,
  ): DetectionResult {
    const regions = toBboxRegions(
      control,
      found.boxes.map((b) => ({
        x: b.x,
        y: b.y,
        width: b.width,
        height: b.height,
        labels: [b.label],
        score: b.score,
      })),
    );
    return { ...facts(result), boxes: found.boxes, regions, model: found.model, timings };
  }
}

function facts(r: AnalyzeResult): ImageFacts {
  return {
    width: r.width,
    height: r.height,
    format: r.format,
    orientation: r.orientation,
    gps: r.gps,
  };
}
