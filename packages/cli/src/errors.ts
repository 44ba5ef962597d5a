/** An error whose message is shown to the user as is (no stack): what went wrong and what to do. */
export class CliError extends Error {}

/** Commander drops an action's return value: an action that wants a non-zero exit sets this. */
export const actionExit = { code: 0 };
