/** VIII. What the numbers rest on: sources and their volume, silent sources, empty days, failed jobs and fetches. */
import { toLocalIso } from '../../../data/time.ts';
import type { DailyPoint } from '../charts/briefing-charts.ts';
import { formatDay, formatLocalTime, formatNumber, formatShare } from '../format.ts';
import {
  emptySection,
  hasTables,
  type SectionContext,
  type SectionResult,
  SECTION_TITLES,
} from './section-context.ts';

interface SourceRow {
  source: string;
  documents: number;
  previous: number;
  outlets: number;
  last_document: Date | null;
}

interface QualityRow {
  documents: number;
  unscored: number;
  unplaced: number;
  commune: number;
  district_or_province: number;
}

interface JobsRow {
  runs: number;
  ok: number;
  failed: number;
  items_failed: number;
}

interface FailedJobRow {
  job: string;
  started_at: Date;
  status: string;
  items_failed: number;
  error: string | null;
}

const JOB_STATUS: Record<string, [string, string]> = {
  failed: ['lỗi', 'failed'],
  partial: ['chưa trọn vẹn', 'partial'],
  interrupted: ['bị ngắt', 'interrupted'],
};
const FETCH_OUTCOME: Record<string, [string, string]> = {
  http_error: ['lỗi HTTP', 'HTTP error'],
  timeout: ['quá thời gian chờ', 'timeout'],
  refused: ['bị từ chối', 'refused'],
  too_large: ['quá dung lượng', 'too large'],
  error: ['lỗi khác', 'other error'],
};

function label(table: Record<string, [string, string]>, key: string, lang: 'vi' | 'en'): string {
  return table[key]?.[lang === 'vi' ? 0 : 1] ?? key;
}

function clip(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export async function buildCoverageSection(
  ctx: SectionContext,
  daily: readonly DailyPoint[],
): Promise<SectionResult> {
  const { tr, lang } = ctx;
  const section = emptySection('coverage', tr(...SECTION_TITLES.coverage));
  const n = (x: number) => formatNumber(x, lang);
  const keyPoints: string[] = [];

  const sources = await ctx.log.all<SourceRow>(
    'coverage_sources',
    tr('Tin, bài theo nguồn nhập', 'Documents per import source'),
    ctx.params,
  );
  section.queryIds.push(sources.queryId);
  const active = sources.rows.filter((s) => s.documents > 0);
  const silent = sources.rows.filter((s) => s.documents === 0 && s.previous > 0);
  section.paragraphs.push(
    tr(
      `Số liệu dựa trên ${n(active.reduce((a, s) => a + s.documents, 0))} tin, bài từ ${n(active.length)} nguồn nhập dữ liệu` +
        (silent.length
          ? `; ${n(silent.length)} nguồn có dữ liệu ${ctx.previousPeriod} nhưng không có dữ liệu ${ctx.thisPeriod}: ${silent.map((s) => s.source).join(', ')}.`
          : '.'),
      `The figures rest on ${n(active.reduce((a, s) => a + s.documents, 0))} documents from ${n(active.length)} import sources` +
        (silent.length
          ? `; ${n(silent.length)} sources delivered ${ctx.previousPeriod} but nothing ${ctx.thisPeriod}: ${silent.map((s) => s.source).join(', ')}.`
          : '.'),
    ),
  );
  if (silent.length) {
    keyPoints.push(
      tr(
        `Lưu ý: ${n(silent.length)} nguồn dữ liệu không cập nhật trong kỳ.`,
        `Note: ${n(silent.length)} sources delivered nothing this period.`,
      ),
    );
  }
  if (sources.rows.length) {
    section.tables.push({
      caption: tr('Nguồn nhập dữ liệu', 'Import sources'),
      columns: [
        { label: tr('Nguồn', 'Source'), align: 'left' },
        { label: tr('Tin, bài', 'Documents'), align: 'right' },
        { label: tr('Kỳ trước', 'Previous'), align: 'right' },
        { label: tr('Số trang, kênh', 'Outlets'), align: 'right' },
        { label: tr('Tin, bài mới nhất', 'Latest document'), align: 'left' },
      ],
      rows: sources.rows.map((s) => [
        s.source,
        n(s.documents),
        n(s.previous),
        n(s.outlets),
        s.last_document ? formatLocalTime(toLocalIso(s.last_document), lang) : '—',
      ]),
      queryId: sources.queryId,
    });
  }

  const today = String(ctx.params.now).slice(0, 10);
  const emptyDays = daily
    .filter((d) => d.documents === 0 && d.day < today)
    .map((d) => formatDay(d.day, lang));
  if (emptyDays.length) {
    section.paragraphs.push(
      tr(`Ngày không có dữ liệu: ${emptyDays.join(', ')}.`, `Days without data: ${emptyDays.join(', ')}.`),
    );
  }

  const quality = await ctx.log.all<QualityRow>(
    'coverage_quality',
    tr('Tin, bài đã phân tích và xác định địa bàn', 'Documents scored and placed'),
    ctx.params,
  );
  section.queryIds.push(quality.queryId);
  const q = quality.rows[0]!;
  if (q.documents > 0) {
    section.paragraphs.push(
      tr(
        `${formatShare(q.commune / q.documents, lang)} tin, bài xác định được xã, phường; ${formatShare(q.district_or_province / q.documents, lang)} chỉ nêu cấp huyện (cũ) hoặc tỉnh; ` +
          `${formatShare(q.unplaced / q.documents, lang)} chưa xác định được địa bàn. ${n(q.unscored)} tin, bài chưa được phân tích.`,
        `${formatShare(q.commune / q.documents, lang)} of documents were placed in a commune or ward; ${formatShare(q.district_or_province / q.documents, lang)} name only a (former) district or the province; ` +
          `${formatShare(q.unplaced / q.documents, lang)} could not be placed. ${n(q.unscored)} documents are not scored yet.`,
      ),
    );
  }

  if (hasTables(ctx, 'job_runs')) {
    const jobs = await ctx.log.all<JobsRow>(
      'coverage_jobs',
      tr('Tác vụ thu thập, xử lý dữ liệu', 'Collection and processing jobs'),
      ctx.params,
      { base: true },
    );
    section.queryIds.push(jobs.queryId);
    const j = jobs.rows[0]!;
    section.paragraphs.push(
      tr(
        `Từ đầu kỳ đến khi lập báo cáo có ${n(j.runs)} lượt chạy tác vụ, ${n(j.ok)} thành công, ${n(j.failed)} lỗi hoặc chưa trọn vẹn; ${n(j.items_failed)} mục dữ liệu bị lỗi.`,
        `From the start of the period until this briefing, ${n(j.runs)} job runs: ${n(j.ok)} succeeded, ${n(j.failed)} failed or partial; ${n(j.items_failed)} items failed.`,
      ),
    );
    if (j.failed > 0) {
      const failed = await ctx.log.all<FailedJobRow>(
        'coverage_failed_jobs',
        tr('Tác vụ lỗi', 'Failed jobs'),
        ctx.params,
        { base: true },
      );
      section.queryIds.push(failed.queryId);
      section.tables.push({
        caption: tr('Tác vụ lỗi', 'Failed jobs'),
        columns: [
          { label: tr('Tác vụ', 'Job'), align: 'left' },
          { label: tr('Thời điểm', 'Started'), align: 'left' },
          { label: tr('Kết quả', 'Status'), align: 'center' },
          { label: tr('Lỗi', 'Error'), align: 'left' },
        ],
        rows: failed.rows.map((r) => [
          r.job,
          formatLocalTime(toLocalIso(r.started_at), lang),
          label(JOB_STATUS, r.status, lang),
          r.error
            ? clip(r.error)
            : r.items_failed
              ? tr(`${n(r.items_failed)} mục lỗi`, `${n(r.items_failed)} items`)
              : '—',
        ]),
        queryId: failed.queryId,
      });
      keyPoints.push(
        tr(
          `Lưu ý: ${n(j.failed)} lượt tác vụ thu thập, xử lý dữ liệu bị lỗi; các số liệu dựa vào đó có thể thiếu.`,
          `Note: ${n(j.failed)} job runs failed; related figures may be incomplete.`,
        ),
      );
    }
  }

  if (hasTables(ctx, 'fetch_log')) {
    const fetches = await ctx.log.all<{ outcome: string; fetches: number }>(
      'coverage_fetch',
      tr('Kết quả truy cập nguồn tin', 'Fetch outcomes'),
      ctx.params,
      { base: true },
    );
    section.queryIds.push(fetches.queryId);
    const total = fetches.rows.reduce((a, r) => a + r.fetches, 0);
    const bad = fetches.rows.filter((r) => r.outcome !== 'ok' && r.outcome !== 'not_modified');
    if (total > 0) {
      section.paragraphs.push(
        tr(
          `Truy cập nguồn tin: ${n(total)} lượt` +
            (bad.length
              ? `, lỗi: ${bad.map((r) => `${label(FETCH_OUTCOME, r.outcome, lang)} ${n(r.fetches)}`).join(', ')}.`
              : ', không có lỗi.'),
          `Fetches: ${n(total)}` +
            (bad.length
              ? `, failures: ${bad.map((r) => `${label(FETCH_OUTCOME, r.outcome, lang)} ${n(r.fetches)}`).join(', ')}.`
              : ', none failed.'),
        ),
      );
    }
  }
  if (hasTables(ctx, 'sources')) {
    const health = await ctx.log.all<{ name: string; failures: number; last_error: string | null }>(
      'coverage_source_health',
      tr('Nguồn đang gặp lỗi', 'Sources failing'),
      ctx.params,
      { base: true },
    );
    section.queryIds.push(health.queryId);
    if (health.rows.length) {
      section.paragraphs.push(
        tr(
          `Nguồn đang gặp lỗi: ${health.rows.map((h) => `${h.name} (${n(h.failures)} lần)`).join('; ')}.`,
          `Sources failing: ${health.rows.map((h) => `${h.name} (${n(h.failures)} times)`).join('; ')}.`,
        ),
      );
    }
  }
  return { section, keyPoints };
}
