/** A table of rows whose columns are not known in advance (capabilities whose schema is still settling). */
import { classificationBadge, html, type SafeHtml } from './html.ts';
import type { Lang } from './i18n.ts';
import { jsonValue } from './tabular.ts';

function cell(value: unknown): string {
  const plain = jsonValue(value);
  if (plain === null || plain === undefined) return '';
  const text = typeof plain === 'object' ? JSON.stringify(plain) : String(plain);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Every column of `rows` (at most `maxColumns`), with the classification column shown as a marking. */
export function genericTable(
  lang: Lang,
  rows: readonly Record<string, unknown>[],
  maxColumns = 10,
): SafeHtml {
  const columns = Object.keys(rows[0] ?? {}).slice(0, maxColumns);
  return html`<div class="scroll">
    <table>
      <thead>
        <tr>
          ${columns.map((c) => html`<th>${c}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              ${columns.map((c) =>
                c === 'classification' && typeof row[c] === 'number'
                  ? html`<td>${classificationBadge(lang, row[c])}</td>`
                  : html`<td>${cell(row[c])}</td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
