// The one place a command's failure becomes a message and an exit code. Expected failures
// (UserError) print their message alone; anything else prints its message and causes,
// still without a stack unless NSLAB_DEBUG is set.
import { cliText } from './i18n/cli-text.js';

/** A failure the user can act on: its message says what happened and what to do. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

export function describeError(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(`\n  ${cliText().because}`);
}

export function reportAndExit(err: unknown): never {
  const code = err instanceof UserError ? err.exitCode : 1;
  const prefix = err instanceof UserError ? 'nslab: ' : `nslab: ${cliText().unexpectedError}`;
  process.stderr.write(prefix + describeError(err) + '\n');
  if (process.env.NSLAB_DEBUG && err instanceof Error) process.stderr.write(String(err.stack) + '\n');
  process.exit(code);
}
