/** Server-side HTML: an escaping tagged template and the page layout shared by all pages. */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** `html\`<p>${userText}</p>\`` escapes every interpolated value unless it is already SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => (out += render(value) + strings[i + 1]!));
  return new SafeHtml(out);
}

const NUMBER_VI = new Intl.NumberFormat('vi-VN');
/** `formatNumberVi(1234.5)` → `'1.234,5'`. */
export function formatNumberVi(n: number): string {
  return NUMBER_VI.format(n);
}

export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · dlxh</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">dlxh</a><span class="sub">Phân tích dư luận xã hội</span>
        </header>
        <main>${body}</main>
      </body>
    </html>`.value;
}
