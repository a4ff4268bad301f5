import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../analytics/hotspots/detector-config.ts';
import type { GroundTruthEvent } from '../../../data/demo/index.ts';
import type { EventDoc, EventTruth, StreamRun } from '../../../scripts/eval-hotspots.ts';
import { eventFloors, evidenceFloorMs, scoreAlerts } from '../../../scripts/eval-hotspots.ts';
import { makeAlert } from '../alerts/fixtures.ts';

const event: EventTruth = {
  id: 'ev-1',
  topic: 'dat-dai',
  unit_uid: '24490/2025',
  district_uid: '654/pre2025',
  old_unit_uid: '24508/pre2025',
  start: '2026-08-30T00:00:00+07:00',
  end: '2026-09-05T23:59:59+07:00',
};
const firstDoc = new Map([['ev-1', Date.parse('2026-08-30T06:00:00+07:00')]]);
const successors = new Map([['24508/pre2025', ['24490/2025']]]);

describe('scoreAlerts (the evaluation’s matching rule)', () => {
  it('counts one commune and one district alert per event as correct, a second commune alert as false', () => {
    const commune = makeAlert({ id: 'a' });
    const district = makeAlert({ id: 'b', unitUid: '654/pre2025', seriesUid: '654/pre2025', unitLevel: 2 });
    const again = makeAlert({
      id: 'c',
      unitUid: '24490/2025',
      detectedAt: new Date('2026-08-31T10:00:00+07:00'),
    });
    const q = scoreAlerts([commune, district, again], [event], firstDoc, successors);
    expect(q.recall).toBe(1);
    expect(q.precision).toBeCloseTo(2 / 3, 10);
    expect(q.falseAlerts.map((a) => a.id)).toEqual(['c']);
    expect(q.medianDelayHours).toBe(9);
  });

  it('rejects the wrong topic, another place and a detection outside the window', () => {
    const alerts = [
      makeAlert({ id: 'x', topic: 'y-te' }),
      makeAlert({ id: 'y', unitUid: '24163/2025', currentUid: '24163/2025' }),
      makeAlert({ id: 'z', detectedAt: new Date('2026-09-07T10:00:00+07:00') }),
    ];
    const q = scoreAlerts(alerts, [event], firstDoc, successors);
    expect(q.recall).toBe(0);
    expect(q.precision).toBe(0);
  });
});

describe('evidenceFloorMs (the earliest instant an event’s documents could make a topic alert eligible)', () => {
  const at = (hours: number) => Date.parse('2026-08-30T06:00:00+07:00') + hours * 3_600_000;
  const doc = (hours: number, outlet: string, story: string, over: Partial<EventDoc> = {}): EventDoc => ({
    ms: at(hours),
    outlet,
    story,
    topics: ['dat-dai'],
    series: ['24490/2025', '654/pre2025'],
    ...over,
  });
  const commune = new Set(['24490/2025']);

  it('waits for the third distinct story from two outlets, skipping copies, other topics and other places', () => {
    const docs = [
      doc(0, 'A', 's1'),
      doc(1, 'B', 's1'),
      doc(2, 'A', 's2', { topics: ['y-te'] }),
      doc(3, 'A', 's3', { series: ['24163/2025'] }),
      doc(4, 'A', 's4'),
      doc(6, 'B', 's5'),
    ];
    expect(evidenceFloorMs(docs, 'dat-dai', commune, 3, 2)).toBe(at(6));
  });

  it('needs the second outlet even when one outlet has the stories', () => {
    const docs = [doc(0, 'A', 's1'), doc(1, 'A', 's2'), doc(2, 'A', 's3'), doc(9, 'B', 's4')];
    expect(evidenceFloorMs(docs, 'dat-dai', commune, 3, 2)).toBe(at(9));
    expect(evidenceFloorMs(docs.slice(0, 3), 'dat-dai', commune, 3, 2)).toBeNull();
  });

  it('takes whichever place reaches the stories first, in time order whatever the input order', () => {
    const docs = [
      doc(5, 'C', 's3', { series: ['654/pre2025'] }),
      doc(0, 'A', 's1'),
      doc(1, 'B', 's2', { series: ['654/pre2025'] }),
    ];
    expect(evidenceFloorMs(docs, 'dat-dai', new Set(['24490/2025', '654/pre2025']), 3, 2)).toBe(at(5));
    expect(evidenceFloorMs(docs, 'dat-dai', commune, 3, 2)).toBeNull();
  });
});

describe('eventFloors (the floor of the minimum each bucket size uses)', () => {
  const at = (hours: number) => Date.parse('2026-08-30T06:00:00+07:00') + hours * 3_600_000;
  const doc = (hours: number, outlet: string, story: string): EventDoc => ({
    ms: at(hours),
    outlet,
    story,
    topics: ['dat-dai'],
    series: ['24490/2025', '654/pre2025'],
  });
  const run = {
    events: [event as GroundTruthEvent],
    firstDocMs: firstDoc,
    eventDocs: new Map([
      [
        'ev-1',
        {
          docs: [doc(0, 'A', 's1'), doc(2, 'A', 's1'), doc(3, 'B', 's2'), doc(8, 'A', 's3')],
          communes: new Set(['24490/2025', '24508/pre2025']),
          districts: new Set(['654/pre2025']),
        },
      ],
    ]),
  } as unknown as StreamRun;

  it('daily buckets wait for minCount stories; hourly ones for the smaller hourMinCount of their short windows', () => {
    const three = { 1: 5, 2: 3, 3: 3 };
    const two = { 1: 5, 2: 2, 3: 2 };
    const floor = (granularity: 'day' | 'hour', hourMinCount: Record<number, number>) =>
      eventFloors(run, resolveConfig({ granularity, minCount: three, hourMinCount })).get('ev-1');
    expect(floor('day', two)).toBe(8);
    expect(floor('hour', three)).toBe(8);
    expect(floor('hour', two)).toBe(3);
  });
});
