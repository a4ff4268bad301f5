/* Overview charts: documents per day by sentiment, net sentiment per day, documents per topic. */
/* global Plot */
(function () {
  'use strict';
  const C = window.dlxhCharts;
  const section = document.getElementById('overview-charts');
  if (!section) return;

  function volume(element, series) {
    if (series.length === 0) return C.empty(element);
    const data = series.map((d) => ({ day: C.parseDay(d.day), sentiment: d.sentiment, n: d.n }));
    C.mount(element, {
      height: 260,
      marginLeft: 48,
      x: C.dayAxis(data.map((d) => d.day)),
      y: { grid: true, label: C.lang === 'vi' ? 'Số tài liệu' : 'Documents', tickFormat: C.number },
      color: { ...C.SENTIMENT, legend: true, tickFormat: (s) => C.LABELS[s] || s },
      marks: [
        Plot.rectY(
          data,
          Plot.stackY({
            x: 'day',
            interval: 'day',
            y: 'n',
            fill: 'sentiment',
            order: C.SENTIMENT.domain,
            tip: true,
          }),
        ),
        Plot.ruleY([0]),
      ],
    });
  }

  function sentiment(element, series) {
    const byDay = new Map();
    for (const d of series) {
      const row = byDay.get(d.day) || { day: C.parseDay(d.day), positive: 0, negative: 0, total: 0 };
      row.total += d.n;
      if (d.sentiment === 'positive') row.positive += d.n;
      if (d.sentiment === 'negative') row.negative += d.n;
      byDay.set(d.day, row);
    }
    const data = [...byDay.values()].map((r) => ({
      day: r.day,
      net: r.total ? (r.positive - r.negative) / r.total : 0,
    }));
    if (data.length === 0) return C.empty(element);
    C.mount(element, {
      height: 200,
      marginLeft: 48,
      x: C.dayAxis(data.map((d) => d.day)),
      y: { grid: true, label: null, domain: [-1, 1], tickFormat: C.percent },
      marks: [
        Plot.ruleY([0]),
        Plot.areaY(data, { x: 'day', y: 'net', fill: '#d0d7de', fillOpacity: 0.5 }),
        Plot.lineY(data, { x: 'day', y: 'net', stroke: '#1f2328', tip: true }),
      ],
    });
  }

  function topics(element, rows) {
    if (rows.length === 0) return C.empty(element);
    const data = rows
      .slice(0, 15)
      .map((r) => ({ topic: C.lang === 'en' ? r.name_en : r.name_vi, n: r.n, neg: r.negative_share }));
    C.mount(element, {
      height: 28 * data.length + 40,
      marginLeft: 230,
      x: { grid: true, label: C.lang === 'vi' ? 'Số tài liệu' : 'Documents', tickFormat: C.number },
      // Long topic names are cut to fit the margin; the tip shows them whole.
      y: {
        label: null,
        domain: data.map((d) => d.topic),
        tickFormat: (name) => (name.length > 34 ? `${name.slice(0, 33)}…` : name),
      },
      color: { type: 'linear', domain: [0, 1], range: ['#d0d7de', '#b3261e'], legend: false },
      marks: [Plot.barX(data, { x: 'n', y: 'topic', fill: 'neg', tip: true }), Plot.ruleX([0])],
    });
  }

  C.fetchJson(section.dataset.api)
    .then((data) => {
      const charts = {
        volume: () => volume(document.getElementById('chart-volume'), data.series),
        sentiment: () => sentiment(document.getElementById('chart-sentiment'), data.series),
        topics: () => topics(document.getElementById('chart-topics'), data.topics),
      };
      for (const draw of Object.values(charts)) draw();
    })
    .catch((error) => {
      for (const element of section.querySelectorAll('.chart')) C.fail(element, error);
    });
})();
