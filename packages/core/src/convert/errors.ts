/**
 * Errors and loss reports shared by every converter.
 *
 * Import is strict: bad input throws a `ConvertError` saying where (file, line, id, path) and
 * what is wrong. Export never fails because the target format is narrower than Tessera's:
 * what it cannot hold is dropped and reported through `onLoss`, or thrown when `strict` is set.
 */

/**
 * Where a problem is: any of the source (file name or format), a 1-based line, a task,
 * annotation or region id, and a JSON-style path.
 *
 * @example
 * const where: Where = { source: 'instances.json', path: 'annotations[3]', id: 12 };
 */
export type Where = {
  source?: string;
  line?: number;
  column?: number;
  task?: string | number;
  id?: string | number;
  path?: string;
};

/**
 * Writes a `Where` as a short prefix: `instances.json line 4, task 7, region "b1", at annotations[3]`.
 *
 * @example
 * formatWhere({ source: 'a.xml', line: 3, column: 5 }); // 'a.xml line 3, column 5'
 */
export function formatWhere(where: Where): string {
  const parts: string[] = [];
  let head = where.source ?? '';
  if (where.line !== undefined) head += `${head ? ' ' : ''}line ${where.line}`;
  if (where.column !== undefined) head += `, column ${where.column}`;
  if (head) parts.push(head);
  if (where.task !== undefined) parts.push(`task ${JSON.stringify(where.task)}`);
  if (where.id !== undefined) parts.push(`id ${JSON.stringify(where.id)}`);
  if (where.path) parts.push(`at ${where.path}`);
  return parts.join(', ');
}

/**
 * A conversion failed on bad input. `message` starts with where (as `formatWhere` writes it)
 * and says what; `where` and `what` keep the two parts apart for callers that show them.
 *
 * @example
 * throw new ConvertError({ source: 'coco', id: 12 }, 'image_id 99 is not in images');
 * // message: 'coco, id 12: image_id 99 is not in images'
 */
export class ConvertError extends Error {
  override readonly name = 'ConvertError';
  readonly where: Where;
  readonly what: string;

  constructor(where: Where, what: string) {
    const prefix = formatWhere(where);
    super(prefix ? `${prefix}: ${what}` : what);
    this.where = where;
    this.what = what;
  }
}

/**
 * Something the target format cannot hold, dropped on export (or on import, when the source
 * holds something Tessera cannot).
 *
 * @example
 * const loss: Loss = { where: { task: 7, id: 'rel1' }, what: 'COCO has no relations' };
 */
export type Loss = { where: Where; what: string };

/**
 * Options every exporter (and some importers) accept about losses: `onLoss` hears each one;
 * `strict` turns the first one into a thrown `ConvertError`.
 *
 * @example
 * const losses: Loss[] = [];
 * const opts: LossOptions = { onLoss: (l) => losses.push(l) };
 */
export type LossOptions = {
  onLoss?: (loss: Loss) => void;
  strict?: boolean;
};

/**
 * Reports a loss as the options ask: throw when strict, else tell `onLoss` (if any).
 *
 * @example
 * reportLoss({ strict: true }, { id: 'x' }, 'no relations'); // throws ConvertError
 */
export function reportLoss(options: LossOptions, where: Where, what: string): void {
  if (options.strict) throw new ConvertError(where, what);
  options.onLoss?.({ where, what });
}
