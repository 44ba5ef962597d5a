import { codePointLength } from '../../format/index.ts';
import type { Control, FieldType, LabelingSchema, Region } from '../../format/index.ts';
import { defaultTokenize, type Tokenizer } from './tokenize.ts';

/**
 * Width and height of an image (or video frame) in pixels.
 *
 * @example
 * const size: ImageDimensions = { width: 640, height: 480 };
 */
export type ImageDimensions = { width: number; height: number };

/**
 * What `checkAnnotation` looks at: the project's labeling schema, the submitted regions
 * (already validated with `validateAnnotationForSubmit`), the task's `data` and `meta`, the
 * lead time, and two things the caller may inject: a tokenizer (the server passes a Chinese
 * segmenter) and the image size (`{ width, height }` for every image field, or one per field
 * name). Without `dimensions`, the size comes from `meta.width` / `meta.height`.
 *
 * @example
 * const ctx: CheckContext = { schema, regions: body.regions, data: task.data,
 *   meta: task.meta, leadTimeMs: body.lead_time_ms, tokenize: jiebaTokenize };
 */
export type CheckContext = {
  schema: LabelingSchema;
  regions: readonly Region[];
  data: Readonly<Record<string, unknown>>;
  meta?: Readonly<Record<string, unknown>>;
  leadTimeMs?: number;
  tokenize?: Tokenizer;
  dimensions?: ImageDimensions | Readonly<Record<string, ImageDimensions>>;
};

/**
 * Token boundaries of one field's text: a flag per code-point offset (bit 1: a token starts
 * there, bit 2: one ends there) rather than sets, so the check allocates little per submit.
 *
 * @example
 * const startsHere = ((tb.flags[offset] ?? 0) & TOKEN_START) !== 0;
 */
export type TokenBoundaries = {
  flags: Uint8Array;
  tokens: ReadonlyArray<readonly [number, number]>;
};

/**
 * Bit of `TokenBoundaries.flags` set where a token starts.
 *
 * @example
 * (tb.flags[3] ?? 0) & TOKEN_START; // non-zero: a token starts at 3
 */
export const TOKEN_START = 1;
/**
 * Bit of `TokenBoundaries.flags` set where a token ends.
 *
 * @example
 * (tb.flags[5] ?? 0) & TOKEN_END; // non-zero: a token ends at 5
 */
export const TOKEN_END = 2;

type SchemaIndex = { controls: Map<string, Control>; fieldTypes: Map<string, FieldType> };

// Schemas change rarely and are checked against on every submit: index each once.
const schemaIndexes = new WeakMap<LabelingSchema, SchemaIndex>();

function indexSchema(schema: LabelingSchema): SchemaIndex {
  let index = schemaIndexes.get(schema);
  if (!index) {
    index = {
      controls: new Map(schema.controls.map((c) => [c.name, c] as const)),
      fieldTypes: new Map(schema.fields.map((f) => [f.name, f.type] as const)),
    };
    schemaIndexes.set(schema, index);
  }
  return index;
}

function positive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function isDimensions(v: unknown): v is ImageDimensions {
  return (
    typeof v === 'object' &&
    v !== null &&
    'width' in v &&
    'height' in v &&
    positive(v.width) &&
    positive(v.height)
  );
}

/** The text a dialogue's span offsets count: the turns' `text` joined with one "\n". */
function dialogueText(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const parts: string[] = [];
  for (const turn of value) {
    if (typeof turn !== 'object' || turn === null || !('text' in turn)) return undefined;
    if (typeof turn.text !== 'string') return undefined;
    parts.push(turn.text);
  }
  return parts.join('\n');
}

/**
 * The per-call view the rules share: schema lookups and, computed at most once per call, each
 * field's text and token boundaries.
 *
 * @example
 * const env = new RuleEnv(ctx);
 * env.fieldOf(region); // 'caption'
 */
export class RuleEnv {
  readonly controls: ReadonlyMap<string, Control>;
  private readonly fieldTypes: ReadonlyMap<string, FieldType>;
  private readonly texts = new Map<string, string | undefined>();
  private readonly boundaries = new Map<string, TokenBoundaries | undefined>();

  constructor(readonly ctx: CheckContext) {
    const index = indexSchema(ctx.schema);
    this.controls = index.controls;
    this.fieldTypes = index.fieldTypes;
  }

  /** The data field a region's control labels (undefined for links and unknown controls). */
  fieldOf(r: Region): string | undefined {
    const c = this.controls.get(r.control);
    return c && c.type !== 'link' ? c.field : undefined;
  }

  /** The type of a data field, from the schema. */
  fieldType(field: string): FieldType | undefined {
    return this.fieldTypes.get(field);
  }

  /**
   * The text span offsets of `field` count: a text field's string, a dialogue's turns joined
   * with "\n". Undefined for html (its offsets count the rendered text content, which needs
   * a DOM) and for anything else.
   */
  spanText(field: string): string | undefined {
    if (this.texts.has(field)) return this.texts.get(field);
    const value = this.ctx.data[field];
    const type = this.fieldTypes.get(field);
    let text: string | undefined;
    if (type === 'text' && typeof value === 'string') text = value;
    else if (type === 'dialogue') text = dialogueText(value);
    this.texts.set(field, text);
    return text;
  }

  /** Token boundaries of `field`'s span text, with the injected or the default tokenizer. */
  tokenBoundaries(field: string): TokenBoundaries | undefined {
    if (this.boundaries.has(field)) return this.boundaries.get(field);
    const text = this.spanText(field);
    let result: TokenBoundaries | undefined;
    if (text !== undefined) {
      const tokens = (this.ctx.tokenize ?? defaultTokenize)(text);
      const flags = new Uint8Array(codePointLength(text) + 1);
      for (const [s, e] of tokens) {
        // Offsets outside the text (a faulty injected tokenizer) mark nothing.
        if (s >= 0 && s < flags.length) flags[s] = (flags[s] as number) | TOKEN_START;
        if (e >= 0 && e < flags.length) flags[e] = (flags[e] as number) | TOKEN_END;
      }
      result = { flags, tokens };
    }
    this.boundaries.set(field, result);
    return result;
  }

  /** The size of the image in `field`: from `dimensions` (per field or for all), else `meta`. */
  imageSize(field: string | undefined): ImageDimensions | undefined {
    const dims = this.ctx.dimensions;
    if (dims !== undefined) {
      if (isDimensions(dims)) return dims;
      const own = field === undefined ? undefined : (dims as Record<string, unknown>)[field];
      if (isDimensions(own)) return own;
    }
    const meta = this.ctx.meta;
    if (meta && positive(meta.width) && positive(meta.height)) {
      return { width: meta.width, height: meta.height };
    }
    return undefined;
  }
}

// Rule objects are parsed once and reused for every submit: build their lookup sets once.
const sets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * A set of the list's items, built once per list object (rules are reused across submits).
 *
 * @example
 * cachedSet(rule.labels).has('person');
 */
export function cachedSet(list: readonly string[]): ReadonlySet<string> {
  let set = sets.get(list);
  if (!set) {
    set = new Set(list);
    sets.set(list, set);
  }
  return set;
}

/**
 * True when the rule's `controls` list (if any) includes the region's control.
 *
 * @example
 * inScope(region, rule.controls); // true when rule.controls is undefined
 */
export function inScope(r: Region, controls: readonly string[] | undefined): boolean {
  return controls === undefined || cachedSet(controls).has(r.control);
}
