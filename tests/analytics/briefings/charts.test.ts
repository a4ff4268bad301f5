import { describe, it, expect } from 'vitest';
import * as Plot from '@observablehq/plot';
import { dailyVolumeChart, intervalChart } from '../../../analytics/briefings/charts/briefing-charts.ts';
import { renderPlot, renumberIds, roundAttributes } from '../../../analytics/briefings/charts/render-plot.ts';
import { dejaVuFontFiles, svgToPng } from '../../../analytics/briefings/charts/svg-to-png.ts';
import {
  VI_TIME_LOCALE,
  viTickFormat,
  viUtcFormat,
} from '../../../analytics/briefings/charts/vi-time-locale.ts';

const days = ['2026-11-16', '2026-11-17', '2026-11-18'].map((day, i) => ({
  day,
  documents: 10 + i,
  negative: i,
}));
const labels = { negative: 'Tiêu cực', other: 'Khác', x: 'Ngày', y: 'Số tin, bài' };

describe('Vietnamese dates on charts', () => {
  it('names days and months in Vietnamese, whatever the machine time zone', () => {
    expect(viUtcFormat('%a %d/%m')(new Date('2026-11-16T00:00:00Z'))).toBe('T2 16/11');
    expect(viUtcFormat('%A')(new Date('2026-11-22T00:00:00Z'))).toBe('Chủ nhật');
    expect(viUtcFormat('%B %Y')(new Date('2026-12-01T00:00:00Z'))).toBe('tháng 12 2026');
    expect(viTickFormat(new Date('2026-11-16T00:00:00Z'))).toBe('16/11');
    expect(viTickFormat(new Date('2026-12-01T00:00:00Z'))).toBe('tháng 12');
    expect(viTickFormat(new Date('2027-01-01T00:00:00Z'))).toBe('2027');
    expect(VI_TIME_LOCALE.shortMonths[10]).toBe('thg 11');
  });
});

describe('renderPlot', () => {
  it('renumbers Plot’s process-wide clip ids per chart, so a chart renders the same twice', () => {
    const options = { marks: [Plot.lineY([1, 3, 2], { clip: true })], width: 200, height: 100 };
    const first = renderPlot(options, { id: 'c' }).svg;
    const second = renderPlot(options, { id: 'c' }).svg;
    expect(first).toBe(second);
    expect(first).toContain('id="c-clip-1"');
    expect(first).toContain('clip-path="url(#c-clip-1)"');
  });

  it('rounds coordinates in attributes but leaves text alone', () => {
    expect(roundAttributes('<line x1="116.42857142857142" y1="-0.0001"/><text>1.23456</text>')).toBe(
      '<line x1="116.43" y1="0"/><text>1.23456</text>',
    );
    expect(renumberIds('<g id="plot-marker-7"/><path marker-end="url(#plot-marker-7)"/>', 'k')).toBe(
      '<g id="k-marker-1"/><path marker-end="url(#k-marker-1)"/>',
    );
  });

  it('fills bars with patterns defined in the chart, labels in Vietnamese', () => {
    const { svg } = dailyVolumeChart('c1', days, labels, 'vi');
    expect(svg).toContain('<pattern id="c1-hatch"');
    expect(svg).toContain('fill="url(#c1-hatch)"');
    expect(svg).toContain('fill="url(#c1-light)"');
    expect(svg).toContain('T2 16/11');
    expect(svg).toContain('Số tin, bài');
    expect(svg).not.toMatch(/\d\.\d{3,}/);
  });

  it('draws estimates with their intervals', () => {
    const { svg } = intervalChart(
      'c5',
      [{ label: 'Hài lòng', estimate: 3.25, low: 3.1, high: 3.4 }],
      { kind: 'mean', x: 'Điểm', estimate: 'Ước lượng', interval: 'Khoảng tin cậy 95%' },
      'vi',
    );
    expect(svg).toContain('3,3');
    expect(svg).toContain('Khoảng tin cậy 95%');
  });
});

describe('svgToPng', () => {
  it('renders a chart to PNG with the DejaVu fonts', () => {
    const png = svgToPng(dailyVolumeChart('c1', days, labels, 'vi').svg, { scale: 1 });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(640);
  });

  it.skipIf(dejaVuFontFiles().length === 0)('draws Vietnamese letters (text changes the image)', () => {
    const svg = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><text x="4" y="20" font-size="16">${text}</text></svg>`;
    expect(svgToPng(svg('Tiêu cực')).equals(svgToPng(svg('Tieu cuc')))).toBe(false);
    expect(svgToPng(svg('ườ')).equals(svgToPng(svg('')))).toBe(false);
  });
});
