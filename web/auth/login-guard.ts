/** Login throttling: attempts per client address in memory, and a lock-out per user name after repeated failures. */
import type { Db } from '../../data/db.ts';

export interface LoginGuardOptions {
  /** Attempts allowed per address within `windowMs` (default 20). */
  maxPerAddress?: number;
  windowMs?: number;
  /** Consecutive failures that lock a user name (default 5) and for how long (default 15 minutes). */
  maxFailures?: number;
  lockMs?: number;
}

export class LoginGuard {
  private readonly attempts = new Map<string, number[]>();
  private readonly maxPerAddress: number;
  private readonly windowMs: number;
  private readonly maxFailures: number;
  private readonly lockMs: number;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    options: LoginGuardOptions = {},
  ) {
    this.maxPerAddress = options.maxPerAddress ?? 20;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.maxFailures = options.maxFailures ?? 5;
    this.lockMs = options.lockMs ?? 15 * 60_000;
  }

  /** Count an attempt from `address`; false once it has made too many within the window. */
  allowAddress(address: string): boolean {
    const at = this.now().getTime();
    const recent = (this.attempts.get(address) ?? []).filter((t) => at - t < this.windowMs);
    recent.push(at);
    this.attempts.set(address, recent);
    if (this.attempts.size > 50_000) this.attempts.delete(this.attempts.keys().next().value!);
    return recent.length <= this.maxPerAddress;
  }

  /** When the user name is locked, until when; otherwise null. */
  async lockedUntil(username: string): Promise<Date | null> {
    const row = await this.db.one<{ locked_until: Date | null }>(
      'SELECT locked_until FROM login_failures WHERE username = $username',
      { username },
    );
    return row?.locked_until && row.locked_until > this.now() ? row.locked_until : null;
  }

  /** Record a failed sign-in; returns the lock's end when this failure locked the user name. */
  async recordFailure(username: string): Promise<Date | null> {
    const now = this.now();
    const row = await this.db.one<{ failures: number; last_failed_at: Date; locked_until: Date | null }>(
      'SELECT failures, last_failed_at, locked_until FROM login_failures WHERE username = $username',
      { username },
    );
    const stale =
      !row ||
      now.getTime() - row.last_failed_at.getTime() > this.windowMs ||
      (row.locked_until !== null && row.locked_until <= now);
    const failures = (stale ? 0 : row.failures) + 1;
    const locked = failures >= this.maxFailures ? new Date(now.getTime() + this.lockMs) : null;
    await this.db.run(
      `INSERT INTO login_failures (username, failures, last_failed_at, locked_until)
       VALUES ($username, $failures, $now, $locked)
       ON CONFLICT (username) DO UPDATE SET failures = excluded.failures,
         last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until`,
      { username, failures, now, locked },
    );
    return locked;
  }

  async recordSuccess(username: string): Promise<void> {
    await this.db.run('DELETE FROM login_failures WHERE username = $username', { username });
  }
}
