/** All error types of dlxh, with type guards. Messages are one line and name the input at fault. */

export type ErrorCode =
  | 'DB_LOCKED'
  | 'DB_INVALID'
  | 'DB_UNWRITABLE'
  | 'CONFIG'
  | 'INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'NOT_IMPLEMENTED';

export class DlxhError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DlxhError';
    this.code = code;
  }
}

export function isDlxhError(error: unknown, code?: ErrorCode): error is DlxhError {
  return error instanceof DlxhError && (code === undefined || error.code === code);
}

/** An input that cannot be used: `inputError('docs.jsonl', 'line 14', 'invalid published_at "abc"')`. */
export function inputError(input: string, position: string | null, problem: string): DlxhError {
  return new DlxhError('INPUT', position ? `${input}: ${position}: ${problem}` : `${input}: ${problem}`);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? String(error);
  return String(error);
}
