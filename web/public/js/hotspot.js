/* Hot-spot detail: the flagged series against its expected baseline. */
/* global Plot */
(function () {
  'use strict';
  const C = window.dlxhCharts;
  const element = document.getElementById('chart-series');
  if (!element) return;
  C.fetchJson(element.dataset.api)
    .then((data) => {
      const series = (data.series || []).map((p) => ({
        t: C.parseDay(p.t),
        observed: p.observed,
        expected: p.expected,
      }));
      if (series.length === 0) return C.empty(element);
      const observed = C.lang === 'vi' ? 'Quan sát' : 'Observed';
      const expected = C.lang === 'vi' ? 'Kỳ vọng' : 'Expected';
      C.mount(element, {
        height: 220,
        marginLeft: 44,
        x: C.dayAxis(series.map((d) => d.t)),
        y: { grid: true, label: null, tickFormat: C.number },
        marks: [
          Plot.ruleY([0]),
          Plot.rectY(series, {
            x: 't',
            interval: 'day',
            y: 'observed',
            fill: '#b3261e',
            fillOpacity: 0.7,
            title: (d) => `${observed}: ${d.observed}`,
          }),
          Plot.lineY(
            series.filter((d) => d.expected !== null),
            {
              x: 't',
              y: 'expected',
              stroke: '#1f2328',
              strokeDasharray: '4 3',
              title: (d) => `${expected}: ${C.number(d.expected)}`,
            },
          ),
        ],
      });
    })
    .catch((error) => C.fail(element, error));
})();
