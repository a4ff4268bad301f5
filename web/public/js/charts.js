/* Shared chart helpers for the dashboard: Observable Plot (served by the app), Vietnamese number and date formats. */
/* global Plot */
(function () {
  'use strict';
  const lang = document.documentElement.lang === 'en' ? 'en' : 'vi';
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const SENTIMENT = {
    domain: ['negative', 'neutral', 'positive', 'unscored'],
    range: ['#b3261e', '#9aa4ae', '#1b7f3b', '#d0d7de'],
  };
  const LABELS = {
    vi: {
      negative: 'Tiêu cực',
      neutral: 'Trung tính',
      positive: 'Tích cực',
      unscored: 'Chưa chấm',
      none: 'Chưa có dữ liệu',
    },
    en: {
      negative: 'Negative',
      neutral: 'Neutral',
      positive: 'Positive',
      unscored: 'Unscored',
      none: 'No data yet',
    },
  }[lang];

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  /** 'yyyy-mm-dd' (a local day) → a Date at local noon, so it never crosses a day boundary. */
  function parseDay(day) {
    return new Date(`${day.slice(0, 10)}T12:00:00+07:00`);
  }

  /** dd/mm for axis ticks, in Asia/Ho_Chi_Minh. */
  function dayTick(date) {
    const local = new Date(date.getTime() + 7 * 3600000);
    return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}`;
  }

  function dayFull(date) {
    const local = new Date(date.getTime() + 7 * 3600000);
    return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
  }

  /** A time x axis over local days: one tick a day for short spans, one a week beyond two weeks. */
  function dayAxis(dates) {
    const times = dates.map((d) => d.getTime());
    const days = times.length ? (Math.max(...times) - Math.min(...times)) / 86400000 : 0;
    return { type: 'utc', label: null, ticks: days > 14 ? 'week' : 'day', tickFormat: dayTick };
  }

  async function fetchJson(url) {
    const response = await fetch(url, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  }

  function empty(element) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = LABELS.none;
    element.replaceChildren(p);
  }

  /** Render a Plot chart into `element` at its width; every chart shares one class so the CSP can allow its style. */
  function mount(element, options) {
    const width = Math.max(280, element.clientWidth || 640);
    const figure = Plot.plot({ className: 'dlxh-plot', width, ...options });
    element.replaceChildren(figure);
    element.dataset.rendered = 'true';
    return figure;
  }

  function fail(element, error) {
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = String(error && error.message ? error.message : error);
    element.replaceChildren(p);
  }

  window.dlxhCharts = {
    lang,
    LABELS,
    SENTIMENT,
    number: (x) => (x === null || x === undefined ? '—' : numberFormat.format(x)),
    percent: (x) => (x === null || x === undefined ? '—' : percentFormat.format(x)),
    parseDay,
    dayTick,
    dayFull,
    dayAxis,
    fetchJson,
    empty,
    mount,
    fail,
  };
})();
