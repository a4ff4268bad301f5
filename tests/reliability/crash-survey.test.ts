import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.ts';
import { runCrashTrials } from './crash-harness.ts';

const ROWS = 3000;
const OPINIONS = [
  'Thủ tục cấp sổ đỏ còn chậm, đi lại nhiều lần.',
  'Giá phân bón tăng cao nên đời sống khó khăn.',
  'Đường liên thôn lầy lội mùa mưa.',
  '',
  'Cán bộ một cửa nhiệt tình.',
];

/** A KoboToolbox-style export: submission uuids, a weight, single and multiple choices, numbers and free text. */
function writeExport(file: string): void {
  const lines = ['_uuid,_submission_time,gioi_tinh,tuoi,hai_long,van_de,y_kien,trong_so'];
  for (let i = 0; i < ROWS; i++) {
    const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const issues = ['gia_ca', 'dat_dai', 'y_te', 'giao_duc'].filter((_, k) => (i >> k) & 1).join(' ');
    lines.push(
      [
        uuid,
        `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:00:00`,
        i % 2 ? 'nam' : 'nu',
        18 + (i % 60),
        ['hai_long', 'binh_thuong', 'khong_hai_long'][i % 3],
        issues,
        `"${OPINIONS[i % OPINIONS.length]}${i % 5 === 4 ? '' : ` (phiếu ${i})`}"`,
        (0.5 + (i % 7) * 0.25).toFixed(2),
      ].join(','),
    );
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('crash safety: dlxh ingest survey killed at random points', () => {
  it('ends equal to one clean run after every crash and restart; the file is stored whole or not at all', async () => {
    const dir = tempDir('dlxh-crash-survey-');
    const input = path.join(dir, 'kobo.csv');
    writeExport(input);
    const report = await runCrashTrials({
      dir,
      args: ['ingest', 'survey', input, '--survey', 'crash', '--weight', 'trong_so'],
      job: 'survey:crash',
      kills: 6,
      perChain: 3,
      seed: 2025,
      span: [0.5, 1],
      check: (_db, current) => {
        const respondents = current.survey_respondents!.length;
        const answers = current.survey_responses!.length;
        if (respondents !== 0 && respondents !== ROWS) return `HALF BATCH: ${respondents} respondents`;
        if ((respondents === 0) !== (answers === 0))
          return `HALF BATCH: ${respondents} respondents, ${answers} answers`;
        return `${respondents} respondents, ${answers} answers`;
      },
    });
    console.log(
      `survey: ${report.kills} kills in ${report.chains} chains, ${report.interrupted} runs interrupted`,
    );
    for (const landing of report.landings) console.log(`  ${landing}`);
    expect(report.reference.survey_respondents).toHaveLength(ROWS);
    expect(report.reference.survey_responses!.length).toBeGreaterThan(ROWS * 4);
    expect(report.kills).toBe(6);
    expect(report.landings.filter((l) => l.startsWith('HALF'))).toEqual([]);
    expect(report.problems).toEqual([]);
  }, 400_000);
});
