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

/**
 * A text field of a form or JSON body, trimmed; null when absent or blank. Numbers are read as their text; an object
 * or array is refused naming the field: `textField('POST /api/x', 'title', body.title)`.
 */
export function textField(input: string, field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') throw inputError(input, field, 'expected text');
  const s = String(value).trim();
  return s === '' ? null : s;
}
