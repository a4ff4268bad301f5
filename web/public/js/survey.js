/* Survey results: each estimate (or open-answer topic share) with its 95% interval, by group when asked. */
/* global Plot */
(function () {
  'use strict';
  const C = window.dlxhCharts;
  const element = document.getElementById('chart-survey');
  if (!element) return;
  C.fetchJson(element.dataset.api)
    .then((data) => {
      // Open-ended answers: each topic's share of the answers, like a choice of a multiple-choice question.
      const rows = data.open
        ? data.open.groups.flatMap((g) =>
            g.topics.map((t) => ({ ...t, category_label: t.topic_name, group_label: g.group_label })),
          )
        : data.estimates || [];
      const shown = rows.filter((r) => !r.suppressed && r.estimate !== null);
      if (shown.length === 0) return C.empty(element);
      const proportion = data.disclosure && data.disclosure.estimate_kind === 'proportion';
      const shaped = shown.map((r) => ({
        category: r.category_label || r.category || '—',
        group: r.group_label || r.group || '',
        estimate: r.estimate,
        low: r.ci_low,
        high: r.ci_high,
      }));
      const categories = [...new Set(shaped.map((r) => r.category))];
      C.mount(element, {
        height: Math.max(120, 26 * shaped.length + 50),
        marginLeft: data.open ? 260 : 180,
        x: {
          grid: true,
          label: null,
          tickFormat: proportion ? C.percent : C.number,
          domain: proportion ? [0, 1] : undefined,
        },
        y: { label: null, domain: categories },
        fy: data.by ? { label: null } : undefined,
        marks: [
          Plot.ruleY(shaped, {
            y: 'category',
            x1: 'low',
            x2: 'high',
            fy: data.by ? 'group' : undefined,
            stroke: '#59636e',
          }),
          Plot.dot(shaped, {
            y: 'category',
            x: 'estimate',
            fy: data.by ? 'group' : undefined,
            fill: '#b3261e',
            r: 4,
            tip: true,
          }),
        ],
      });
    })
    .catch((error) => C.fail(element, error));
})();
