/** dlxh demo: generate the bundled demo stream and run it through the pipeline (idempotent). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEMO_ORIGIN,
  listSubscriptions,
  saveSubscription,
  type Subscription,
  type SubscriptionInput,
} from '../analytics/briefings/subscriptions.ts';
import { importStatements } from '../analytics/misinfo/statements.ts';
import { listWatchTopics, proposeWatchTopic } from '../analytics/hotspots/watch-topics.ts';
import {
  fileRequest,
  listRequests,
  transitionRequest,
  type RequestInput,
} from '../analytics/surveys/requests.ts';
import type { Db } from '../data/db.ts';
import { generateDemo, writeDemo } from '../data/demo/index.ts';
import { localDay } from '../data/time.ts';
import type { CommandContext } from './context.ts';
import { importDocuments, importReports, importSurvey } from './commands/ingest.ts';
import { scorePending } from './hooks.ts';
import { detectAndRoute } from './commands/hotspots.ts';

/** Official statements and fact-checks about the rumours the demo stream carries (written by us). */
const DEMO_STATEMENTS = fileURLToPath(new URL('../data/demo/official-statements.jsonl', import.meta.url));

/**
 * Units that receive the demo's periodic briefings, so that delivery shows in the demo: the demo officer's ward
 * every week, and every month the Department of Agriculture and Environment, which answers for the land, water
 * and environment topics of most demo hot spots. No e-mail address: a copy is e-mailed only to an address
 * configured for the unit.
 */
export const DEMO_SUBSCRIPTIONS: readonly SubscriptionInput[] = [
  { unit: '24133/2025', period: 'week', clearance: 1 },
  { unit: 'so-nong-nghiep-moi-truong', period: 'month', clearance: 1 },
];

/** Add the demo subscriptions that are missing; an existing one (an admin may have changed it) is left as it is. */
export async function ensureDemoSubscriptions(db: Db, now: Date): Promise<Subscription[]> {
  const existing = new Set((await listSubscriptions(db)).map((s) => `${s.unitUid}/${s.period}`));
  const added: Subscription[] = [];
  for (const sub of DEMO_SUBSCRIPTIONS) {
    if (existing.has(`${sub.unit}/${sub.period}`)) continue;
    added.push(await saveSubscription(db, sub, { now, by: DEMO_ORIGIN }));
  }
  return added;
}

/**
 * A year's plan of surveys for the demo, written by us: the land-clearance survey the demo imports answers the
 * agriculture department's request; the health department's is planned; a commune's waits; one is declined.
 * Added only when the database has no request yet.
 */
export async function ensureDemoSurveyPlan(
  db: Db,
  now: Date,
  answeredBy: string | undefined,
): Promise<number> {
  if ((await listRequests(db, { now })).length > 0) return 0;
  const year = localDay(now).slice(0, 4);
  const who = { actor: DEMO_ORIGIN, now };
  const file = (body: RequestInput) => fileRequest(db, 'demo', body, who);
  const land = await file({
    requester_uid: 'so-nong-nghiep-moi-truong',
    title: 'Ý kiến người dân về bồi thường, hỗ trợ và tái định cư',
    purpose:
      'Nắm mức độ đồng thuận với phương án bồi thường trước khi triển khai các dự án giải phóng mặt bằng.',
    population: 'Hộ gia đình có đất bị thu hồi',
    topics: ['dat-dai'],
    wanted_by: `${year}-09-30`,
  });
  await transitionRequest(db, land.id, 'plan', { ...who, note: 'Quý III, khảo sát trực tiếp tại hộ' });
  if (answeredBy) await transitionRequest(db, land.id, 'report', { ...who, survey: answeredBy });
  const health = await file({
    requester_uid: 'so-y-te',
    title: 'Mức độ hài lòng với trạm y tế xã sau sắp xếp đơn vị hành chính',
    purpose: 'Đề xuất bố trí lại trạm y tế và lịch khám ở các xã mới sáp nhập.',
    population: 'Người dân từ 18 tuổi',
    topics: ['y-te'],
    wanted_by: `${year}-12-15`,
  });
  await transitionRequest(db, health.id, 'plan', { ...who, note: 'Tháng 12, lồng vào khảo sát cuối năm' });
  await file({
    requester_uid: '24490/2025',
    locality_uid: '24490/2025',
    title: 'Dư luận về giá vật tư nông nghiệp và giá thu mua nông sản',
    purpose: 'Nắm tâm trạng nông dân trước vụ thu hoạch để báo cáo Đảng ủy xã.',
    topics: ['gia-ca', 'nong-nghiep'],
  });
  const fees = await file({
    requester_uid: 'so-giao-duc',
    title: 'Ý kiến phụ huynh về mức thu học phí năm học mới',
    purpose: 'Làm căn cứ trình mức thu học phí.',
    topics: ['giao-duc'],
  });
  await transitionRequest(db, fees.id, 'decline', {
    ...who,
    note: 'Đã có trong kế hoạch lấy ý kiến của Sở; dùng kết quả đó, không khảo sát trùng.',
  });
  return 4;
}

/**
 * A watch topic for the demo, written by us: the health department watches dengue province-wide, so collaborators
 * see its question on their report form. Added only when the database has no watch topic yet.
 */
export async function ensureDemoWatchTopic(db: Db, now: Date): Promise<boolean> {
  if ((await listWatchTopics(db)).length > 0) return false;
  await proposeWatchTopic(
    db,
    'demo',
    {
      name: 'Sốt xuất huyết',
      query: '"sốt xuất huyết" OR "muỗi vằn" OR "lăng quăng"',
      question:
        'Trên địa bàn có ca sốt xuất huyết hay lo ngại về dịch không? Bà con phản ánh gì về phun thuốc, diệt lăng quăng?',
    },
    { proposer: 'so-y-te', now },
  );
  return true;
}

/** Where the generated demo files go: beside the database, so a temp database gets temp files. */
export function demoDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'demo-data');
}

export async function loadDemo(ctx: CommandContext, options: { days?: number } = {}): Promise<void> {
  const started = Date.now();
  const dir = demoDir(ctx.dbPath);
  const data = generateDemo({ days: options.days });
  await writeDemo(dir, data);
  ctx.logger.info(
    `dlxh demo: ${data.documents.length} tài liệu, ${data.reports.length} báo cáo, ${data.surveys.length} khảo sát → ${dir}`,
  );
  await importStatements(ctx.db, DEMO_STATEMENTS, { logger: ctx.logger, now: ctx.now });
  await importDocuments(ctx, path.join(dir, 'documents.jsonl'), 'demo');
  await importReports(ctx, path.join(dir, 'reports.jsonl'), 'demo');
  for (const survey of data.surveys) {
    await importSurvey(ctx, path.join(dir, `survey-${survey.name}.csv`), {
      survey: survey.name,
      weight: survey.weightColumn,
      strata: survey.strataColumn,
      cluster: survey.clusterColumn,
    });
  }
  const scored = await scorePending(ctx);
  if (scored > 0) ctx.logger.info(`dlxh demo: chấm điểm thêm ${scored} tài liệu`);
  const { alerts } = await detectAndRoute(ctx);
  ctx.logger.info(`dlxh demo: ${alerts.length} điểm nóng`);
  if (await ensureDemoWatchTopic(ctx.db, ctx.now()))
    ctx.logger.info('dlxh demo: Sở Y tế theo dõi chủ đề "Sốt xuất huyết"');
  const requests = await ensureDemoSurveyPlan(ctx.db, ctx.now(), data.surveys[0]?.name);
  if (requests > 0) ctx.logger.info(`dlxh demo: ${requests} đề nghị khảo sát trong kế hoạch năm`);
  for (const sub of await ensureDemoSubscriptions(ctx.db, ctx.now())) {
    ctx.logger.info(`dlxh demo: ${sub.unitName} nhận báo cáo ${sub.period === 'week' ? 'tuần' : 'tháng'}`);
  }
  ctx.logger.info(`dlxh demo: xong sau ${((Date.now() - started) / 1000).toFixed(1)} giây`);
}
