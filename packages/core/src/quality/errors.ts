/**
 * Error raised for quality-control input that cannot be used as given.
 *
 * `code` is stable (callers may branch on it); `message` says what was wrong and where
 * (line, column, item or index) so a user can fix the input.
 *
 * @example
 * ```ts
 * throw new QualityInputError('missing_column', 'answers.csv line 1: missing column "worker"');
 * ```
 */
export class QualityInputError extends Error {
  /** Stable machine-readable reason, e.g. `missing_column`, `bad_value`, `bad_shape`. */
  readonly code: QualityErrorCode;

  constructor(code: QualityErrorCode, message: string) {
    super(message);
    this.name = 'QualityInputError';
    this.code = code;
  }
}

/** Reasons a quality-control input is rejected. */
export type QualityErrorCode =
  | 'empty_input'
  | 'missing_column'
  | 'unknown_column'
  | 'bad_value'
  | 'bad_shape'
  | 'bad_csv'
  | 'bad_option';
