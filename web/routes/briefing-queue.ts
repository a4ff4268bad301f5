/** Briefings asked for in the dashboard: made one at a time in the background, their state kept for the page. */
import { errorMessage } from '../../data/errors.ts';
import type { BriefingPeriod } from '../../analytics/briefings/types.ts';

export interface BriefingRequest {
  period: BriefingPeriod;
  /** First day, yyyy-mm-dd; null: the last complete period. */
  from: string | null;
  /** null: the whole province. */
  unitUid: string | null;
  unitName: string;
  lang: 'vi' | 'en';
  maxClassification: number;
  /** The user who asked: id and user name. */
  userId: string;
  username: string;
}

export type GenerationStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Generation extends BriefingRequest {
  key: string;
  status: GenerationStatus;
  requestedAt: Date;
  finishedAt: Date | null;
  briefingId: string | null;
  error: string | null;
}

/**
 * A queue of briefing requests run one after another by `make` (which returns the stored briefing's id). An
 * identical request already waiting or running is not queued twice. The last `keep` requests are remembered.
 */
export class BriefingQueue {
  private readonly items: Generation[] = [];
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly make: (request: BriefingRequest) => Promise<string>,
    private readonly now: () => Date,
    private readonly keep = 30,
  ) {}

  /** Queue a request; returns its entry (the waiting or running one, for a repeated request). */
  submit(request: BriefingRequest): Generation {
    const key = JSON.stringify([
      request.period,
      request.from,
      request.unitUid,
      request.lang,
      request.maxClassification,
    ]);
    const pending = this.items.find(
      (g) => g.key === key && (g.status === 'queued' || g.status === 'running'),
    );
    if (pending) return pending;
    const item: Generation = {
      ...request,
      key,
      status: 'queued',
      requestedAt: this.now(),
      finishedAt: null,
      briefingId: null,
      error: null,
    };
    this.items.unshift(item);
    this.items.splice(this.keep);
    this.tail = this.tail.then(() => this.run(item));
    return item;
  }

  private async run(item: Generation): Promise<void> {
    item.status = 'running';
    try {
      item.briefingId = await this.make(item);
      item.status = 'done';
    } catch (error) {
      item.error = errorMessage(error);
      item.status = 'failed';
    }
    item.finishedAt = this.now();
  }

  /** Requests, newest first. */
  list(): readonly Generation[] {
    return this.items;
  }

  /** Settles once everything queued so far has run. */
  idle(): Promise<void> {
    return this.tail;
  }
}
