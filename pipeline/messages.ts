/** A bounded list of error or warning lines: keeps the first `limit`, counts the rest. */
export class Messages {
  readonly lines: string[] = [];
  dropped = 0;
  constructor(private readonly limit = 1000) {}

  push(...messages: string[]): void {
    for (const message of messages) {
      if (this.lines.length < this.limit) this.lines.push(message);
      else this.dropped++;
    }
  }

  /** The kept lines, plus one saying how many more there were. */
  toArray(): string[] {
    return this.dropped ? [...this.lines, `… and ${this.dropped} more`] : [...this.lines];
  }
}
