/* SQL explorer: a quick chart of the result when its first two columns make one (a category or day, then a number). */
/* global Plot */
(function () {
  'use strict';
  const C = window.dlxhCharts;
  const element = document.getElementById('sql-chart');
  const source = document.getElementById('sql-data');
  if (!element || !source) return;
  let data;
  try {
    data = JSON.parse(source.textContent || '{}');
  } catch {
    return;
  }
  const [first, second] = data.columns || [];
  const rows = data.rows || [];
  if (!first || !second || rows.length === 0 || !rows.every((r) => typeof r[second] === 'number')) return;
  const isDay = rows.every((r) => typeof r[first] === 'string' && /^\d{4}-\d{2}-\d{2}/.test(r[first]));
  if (isDay) {
    const points = rows.map((r) => ({ x: C.parseDay(r[first]), y: r[second] }));
    C.mount(element, {
      height: 220,
      marginLeft: 50,
      x: { ...C.dayAxis(points.map((p) => p.x)), label: first },
      y: { grid: true, label: second, tickFormat: C.number },
      marks: [Plot.lineY(points, { x: 'x', y: 'y', tip: true }), Plot.ruleY([0])],
    });
    return;
  }
  const bars = rows.slice(0, 30).map((r) => ({ x: r[second], y: String(r[first]) }));
  C.mount(element, {
    height: 24 * bars.length + 40,
    marginLeft: 160,
    x: { grid: true, label: second, tickFormat: C.number },
    y: { label: null, domain: bars.map((b) => b.y) },
    marks: [Plot.barX(bars, { x: 'x', y: 'y', fill: '#b3261e', tip: true }), Plot.ruleX([0])],
  });
})();
