// Monthly reports of opinion collaborators (cộng tác viên), some missing or late, echoing the injected events.

import { toLocalIso } from '../time.ts';
import { addDays } from '../time.ts';
import { localMidnight } from './calendar.ts';
import { expandSome } from './compose.ts';
import type { EventSpec } from './event-specs.ts';
import type { Place, PlaceModel } from './places.ts';
import { compareText, type Rng } from './prng.ts';
import { expand, tidySentences, type TemplateVars } from './template.ts';
import { TOPIC_TEMPLATES } from './templates/index.ts';
import type { DemoReport, GroundTruthEvent, Tone } from './types.ts';

/** Reports are due by this day of the month they cover. */
export const REPORT_DUE_DAY = 25;

const MOODS: readonly { mood: string; tone: Tone; weight: number }[] = [
  { mood: 'ổn định', tone: 'neu', weight: 48 },
  { mood: 'quan tâm', tone: 'neu', weight: 20 },
  { mood: 'phấn khởi', tone: 'pos', weight: 9 },
  { mood: 'lo lắng', tone: 'neg', weight: 16 },
  { mood: 'bức xúc', tone: 'neg', weight: 7 },
];

const OPENINGS: Record<Tone, readonly string[]> = {
  neu: [
    'Tình hình tư tưởng, dư luận xã hội trên địa bàn {noi} trong tháng {thang} [cơ bản ổn định|ổn định], nhân dân [tin tưởng vào sự lãnh đạo của Đảng|yên tâm lao động, sản xuất].',
    'Trong tháng {thang}, nhân dân {noi} [tập trung|chủ yếu] [chăm sóc cây trồng|lao động, sản xuất]; tình hình an ninh chính trị, trật tự an toàn xã hội [được giữ vững|ổn định].',
  ],
  pos: [
    'Trong tháng {thang}, tư tưởng nhân dân {noi} [phấn khởi|ổn định], [đồng tình với các chủ trương của địa phương|tin tưởng vào chính quyền].',
  ],
  neg: [
    'Dư luận xã hội tại {noi} tháng {thang} [có một số vấn đề đáng chú ý|tập trung vào một số vấn đề] như sau.',
    'Trong tháng {thang}, một bộ phận nhân dân {noi} [băn khoăn|lo lắng|bức xúc] trước một số vấn đề.',
  ],
};

/** Variables report templates may use besides topic words and event facts. */
export const REPORT_VARIABLES: readonly string[] = ['noi', 'thang', 'nam', 'noi_ngan', 'thon', 'cap'];

const QUIET_PROPOSALS = ['Không có đề xuất, kiến nghị.', 'Chưa có kiến nghị mới.'];

interface Collaborator {
  code: string;
  place: Place;
  missRate: number;
  lateRate: number;
}

function collaborators(model: PlaceModel, rng: Rng): Collaborator[] {
  const list: Collaborator[] = [];
  let next = 100 + rng.int(0, 20);
  for (const place of model.places) {
    const count = place.urban ? 2 : rng.chance(0.4) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      next += rng.int(1, 4);
      const reliability = rng.next();
      list.push({
        code: `CTV-${String(next).padStart(4, '0')}`,
        place,
        missRate: reliability < 0.7 ? 0.03 : reliability < 0.9 ? 0.15 : 0.4,
        lateRate: reliability < 0.6 ? 0.08 : 0.3,
      });
    }
  }
  return list;
}

function monthsCovering(startDate: string, endDate: string): string[] {
  const months: string[] = [];
  const last = endDate.slice(0, 7);
  for (let month = Number(startDate.slice(0, 4)) * 12 + Number(startDate.slice(5, 7)) - 1; ; month++) {
    const key = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
  }
}

function topicTemplates(id: string) {
  const t = TOPIC_TEMPLATES.find((x) => x.topic === id);
  if (!t) throw new Error(`unknown topic "${id}"`);
  return t;
}

/**
 * One report per collaborator and month of the stream, unless missed; reports submitted after the stream's
 * last day are left out (not yet in). A commune hit by an event reports it in the months it ran.
 */
export function generateReports(
  rng: Rng,
  model: PlaceModel,
  startDate: string,
  days: number,
  events: readonly { spec: EventSpec; truth: GroundTruthEvent }[],
): DemoReport[] {
  const endDate = addDays(startDate, days - 1);
  const endMs = localMidnight(addDays(endDate, 1)) - 1000;
  const team = collaborators(model, rng);
  const reports: DemoReport[] = [];
  const topicIds = TOPIC_TEMPLATES.map((t) => t.topic);
  for (const period of monthsCovering(startDate, endDate)) {
    for (const person of team) {
      if (rng.chance(person.missRate)) continue;
      const late = rng.chance(person.lateRate);
      const dueDate = `${period}-${REPORT_DUE_DAY}`;
      const submitDate = late ? addDays(dueDate, rng.int(1, 14)) : addDays(dueDate, -rng.int(0, 7));
      const submittedMs = localMidnight(submitDate) + rng.int(7 * 3600, 21 * 3600) * 1000;
      if (submittedMs > endMs) continue;

      const place = person.place;
      const noi = `${place.unit.type} ${place.unit.short_name}`;
      const vars: TemplateVars = {
        noi,
        thang: String(Number(period.slice(5, 7))),
        nam: period.slice(0, 4),
        noi_ngan: place.unit.short_name,
        thon: 'các thôn',
        cap: place.unit.type,
      };
      const submittedAt = toLocalIso(new Date(submittedMs));
      const event = events.find(
        (e) =>
          e.truth.unit_uid === place.unit.uid &&
          e.truth.start.slice(0, 7) <= period &&
          e.truth.end.slice(0, 7) >= period &&
          e.truth.start <= submittedAt,
      );
      const moodPick = MOODS[rng.weightedIndex(MOODS.map((m) => m.weight))]!;
      const mood = event ? rng.pick(['bức xúc', 'lo lắng', 'bức xúc']) : moodPick.mood;
      const tone: Tone = event ? 'neg' : moodPick.tone;
      const chosen = rng.shuffle([...topicIds]).slice(0, rng.int(1, 3));
      const topics = event
        ? [event.spec.templates.topic, ...chosen.filter((t) => t !== event.spec.templates.topic)].slice(0, 3)
        : chosen;

      const sentences = [expand(rng.pick(OPENINGS[tone]), rng, vars)];
      const proposals: string[] = [];
      if (event) {
        const e = event.spec.templates;
        const words = { ...topicTemplates(e.topic).words, ...e.words };
        const eventVars: TemplateVars = { ...words, ...event.truth.facts, ...vars };
        sentences.push(expand(rng.pick(e.report.summary), rng, eventVars));
        proposals.push(expand(rng.pick(e.report.proposal), rng, eventVars));
      }
      for (const [i, topic] of topics.entries()) {
        if (event && i === 0) continue;
        const t = topicTemplates(topic);
        const topicTone: Tone = i === 0 ? tone : rng.pick(['neu', 'neu', 'neg', 'pos']);
        const topicVars: TemplateVars = { ...t.words, ...vars };
        sentences.push(...expandSome(t.report[topicTone], 1, rng, topicVars));
        if (topicTone === 'neg' || rng.chance(0.3))
          proposals.push(...expandSome(t.report.proposal, 1, rng, topicVars));
      }
      reports.push({
        id: `BC-${period}-${person.code}`,
        reporter: person.code,
        unit_code: place.unit.code,
        period,
        submitted_at: submittedAt,
        topics,
        mood,
        summary: tidySentences(sentences.join(' ')),
        proposals: proposals.length > 0 ? tidySentences(proposals.join(' ')) : rng.pick(QUIET_PROPOSALS),
      });
    }
  }
  return reports.sort((a, b) => compareText(a.submitted_at, b.submitted_at) || compareText(a.id, b.id));
}
