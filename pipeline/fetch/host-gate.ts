/** Per-host politeness: at most `concurrency` requests at once and request starts at least `intervalMs` apart. */

interface HostState {
  active: number;
  nextStartAt: number;
  waiting: Array<() => void>;
}

export interface HostGateClock {
  /** Milliseconds on any monotonic scale. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export class HostGate {
  private readonly hosts = new Map<string, HostState>();
  constructor(private readonly clock: HostGateClock) {}

  /** Wait for a slot on `host`; call the returned function when the request is done. */
  async acquire(host: string, concurrency: number, intervalMs: number): Promise<() => void> {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStartAt: -Infinity, waiting: [] };
      this.hosts.set(host, state);
    }
    while (state.active >= Math.max(1, concurrency)) {
      await new Promise<void>((resolve) => state!.waiting.push(resolve));
    }
    state.active++;
    const now = this.clock.now();
    const startAt = Math.max(now, state.nextStartAt);
    state.nextStartAt = startAt + intervalMs;
    if (startAt > now) await this.clock.sleep(startAt - now);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      state!.active--;
      state!.waiting.shift()?.();
    };
  }
}
