/**
 * Gives the event loop a turn. A background job that reads a project page by page runs on the
 * API's thread, and on SQLite every query is synchronous: an `await` on it resumes as a
 * microtask, so without this a job over a million tasks holds every request until it ends
 * (the ledger job for a 1M-task import held the API for 32 s before it was called per page).
 * Costs a few microseconds; call it once per page.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));
