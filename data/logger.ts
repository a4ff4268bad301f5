/** A minimal logger interface passed into every stage; the CLI's writes one line per message to stderr. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function stderrLogger(options: { quiet?: boolean } = {}): Logger {
  return {
    info: (message) => {
      if (!options.quiet) process.stderr.write(`${message}\n`);
    },
    warn: (message) => process.stderr.write(`cảnh báo: ${message}\n`),
    error: (message) => process.stderr.write(`lỗi: ${message}\n`),
  };
}

/** Collects messages in memory, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}
