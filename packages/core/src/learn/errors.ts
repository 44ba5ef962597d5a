/**
 * Error raised for learner input that cannot be used as given: an unknown label, a span past
 * the end of its text, a task field that is not text, a corrupt saved model.
 *
 * `code` is stable (callers may branch on it); `message` says what was wrong and where
 * (`examples[3].label`, `tasks[0].data.text`) so a user can fix the input.
 *
 * @example
 * ```ts
 * throw new LearnInputError('unknown_label', 'examples[3].label: unknown label "sapm"');
 * ```
 */
export class LearnInputError extends Error {
  /** Stable machine-readable reason. */
  readonly code: LearnErrorCode;

  constructor(code: LearnErrorCode, message: string) {
    super(message);
    this.name = 'LearnInputError';
    this.code = code;
  }
}

/**
 * Reasons a learner input is rejected.
 *
 * @example
 * ```ts
 * if (err instanceof LearnInputError && err.code === 'bad_state') retrainFromLabels();
 * ```
 */
export type LearnErrorCode =
  'unknown_label' | 'bad_option' | 'bad_example' | 'bad_task' | 'bad_state' | 'bad_control';
