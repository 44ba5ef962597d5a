/** One problem with a request field, addressed by a path such as `regions[0].value.labels[0]`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * An error a user can act on: a stable `code`, an HTTP status and a message. Routes throw these;
 * the error handler turns them into `{error: {code, message, issues?}}`. Anything else becomes a
 * generic 500 with no stack trace or SQL in the response.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** @example throw badRequest('limit must be between 1 and 500') */
export const badRequest = (message: string, issues?: FieldIssue[]) =>
  new AppError(400, 'bad_request', message, issues);
export const validationFailed = (message: string, issues: FieldIssue[]) =>
  new AppError(400, 'validation_failed', message, issues);
export const unauthorized = (message = 'Log in first: no valid session or API token was sent.') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new AppError(409, code, message, undefined, extra);
export const tooLarge = (message: string) => new AppError(413, 'payload_too_large', message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', message, undefined, { retry_after: retryAfterSeconds });
