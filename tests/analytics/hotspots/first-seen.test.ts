import { describe, expect, it } from 'vitest';
import { burstStartMs } from '../../../analytics/hotspots/assemble-alerts.ts';
import type { AlertDraft } from '../../../analytics/hotspots/assemble-alerts.ts';
import { dayNumber, dayStartMs } from '../../../analytics/hotspots/count-series.ts';
import type { ScanState } from '../../../analytics/hotspots/scan-series.ts';

const HOUR_MS = 3_600_000;
const DAY0 = dayNumber(Date.parse('2026-08-01T00:00:00+07:00'));
/** Local time `hour` on day `t` of the series. */
const at = (t: number, hour: number) => dayStartMs(DAY0 + t) + hour * HOUR_MS;

/** One series' daily story counts and expectations: all `burstStartMs` reads of the scan. */
function state(capped: number[], expected: number[]): ScanState {
  return {
    counts: { day0: DAY0, nDays: capped.length, series: [{ index: 0, capped: Int32Array.from(capped) }] },
    expected: { stories: [Float64Array.from(expected)] },
  } as unknown as ScanState;
}

function draft(startDay: number, detectedAtMs: number): AlertDraft {
  return { seriesIndex: 0, startMs: dayStartMs(DAY0 + startDay), detectedAtMs } as unknown as AlertDraft;
}

describe('burstStartMs (an alert’s first_seen)', () => {
  // A commune's land stories: about 0.43 a day expected; 2 on the eve of a dispute, 9 on its first day, 12 on the next.
  const counts = [0, 1, 0, 0, 2, 9, 12];
  const eve = [at(4, 19), at(4, 20)];
  const burst = [at(5, 7), at(5, 9), at(5, 11), at(5, 16)];

  it('is the first story of the days that stand out, not an ordinary one the window reaches back to', () => {
    const s = state(
      counts,
      counts.map(() => 0.43),
    );
    expect(burstStartMs(s, draft(3, at(5, 16)), [...eve, ...burst])).toBe(at(5, 7));
    // Detected a day later, the run of standing-out days still begins on the dispute's first day.
    expect(burstStartMs(s, draft(4, at(6, 10)), [...eve, ...burst, at(6, 8)])).toBe(at(5, 7));
  });

  it('keeps the eve when its stories alone are unusual for the series', () => {
    // At 0.05 a day, two stories on the eve have a tail probability of about 0.001.
    const s = state(
      counts,
      counts.map(() => 0.05),
    );
    expect(burstStartMs(s, draft(3, at(5, 16)), [...eve, ...burst])).toBe(at(4, 19));
  });

  it('is null when no day stands out alone, or the alert has no series', () => {
    const flat = [1, 1, 1, 1, 1, 1, 1];
    expect(
      burstStartMs(
        state(
          flat,
          flat.map(() => 1),
        ),
        draft(3, at(5, 16)),
        [at(4, 9)],
      ),
    ).toBeNull();
    const termsDraft = { ...draft(3, at(5, 16)), seriesIndex: null } as AlertDraft;
    expect(
      burstStartMs(
        state(
          counts,
          counts.map(() => 0.43),
        ),
        termsDraft,
        burst,
      ),
    ).toBeNull();
  });
});
