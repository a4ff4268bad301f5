/* Báo cáo: while a requested briefing is queued or being made, check every few seconds and reload when it is done. */
(function () {
  'use strict';
  const table = document.querySelector('table.generations[data-pending="1"]');
  if (!table) return;
  const pending = (g) => g.status === 'queued' || g.status === 'running';
  let tries = 0;
  const check = () => {
    tries += 1;
    fetch('/api/briefings', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((response) =>
        response.ok ? response.json() : Promise.reject(new Error(String(response.status))),
      )
      .then((body) => {
        if (!(body.generations || []).some(pending)) window.location.reload();
        else if (tries < 150) window.setTimeout(check, 2000);
      })
      .catch(() => undefined);
  };
  window.setTimeout(check, 1500);
})();
