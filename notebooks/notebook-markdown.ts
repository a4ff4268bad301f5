/** Notebook files: Markdown with front matter and fenced ```sql / ```js cells; and a small Markdown-to-HTML renderer. */
import { parse as parseYaml } from 'yaml';

export interface MarkdownBlock {
  kind: 'markdown';
  text: string;
}

export interface CodeCell {
  kind: 'sql' | 'js';
  code: string;
  /** `id=name`: the result is bound to `name` for later cells. */
  id: string | null;
  /** `display=false`: run but do not show the result. */
  display: boolean;
  /** Line of the opening fence (1-based), for error messages. */
  line: number;
}

export type NotebookBlock = MarkdownBlock | CodeCell;

export interface ParsedNotebook {
  title: string | null;
  meta: Record<string, unknown>;
  blocks: NotebookBlock[];
}

const FENCE = /^```(sql|js)\b(.*)$/;

/**
 * Split a notebook into Markdown and code cells. Other fenced blocks (```text …) stay Markdown.
 * `parseNotebook('# T\n```sql id=n\nSELECT 1 AS x\n```\n')` → blocks [markdown "# T", sql cell "n"].
 */
export function parseNotebook(source: string, file = 'notebook'): ParsedNotebook {
  let text = source.replace(/\r\n?/g, '\n');
  let meta: Record<string, unknown> = {};
  let offset = 0;
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (front) {
    const parsed: unknown = parseYaml(front[1]!);
    if (parsed && typeof parsed === 'object') meta = parsed as Record<string, unknown>;
    offset = front[0].split('\n').length - 1;
    text = text.slice(front[0].length);
  }
  const lines = text.split('\n');
  const blocks: NotebookBlock[] = [];
  let markdown: string[] = [];
  const flush = () => {
    const joined = markdown.join('\n').trim();
    if (joined) blocks.push({ kind: 'markdown', text: joined });
    markdown = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) {
      markdown.push(lines[i]!);
      continue;
    }
    flush();
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    if (i >= lines.length)
      throw new Error(`${file}: line ${offset + start + 1}: code cell is not closed with \`\`\``);
    const attrs = Object.fromEntries(
      [...open[2]!.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, '')]),
    );
    if (attrs.id !== undefined && !/^[A-Za-z_$][\w$]*$/.test(attrs.id)) {
      throw new Error(`${file}: line ${offset + start + 1}: invalid cell id "${attrs.id}"`);
    }
    blocks.push({
      kind: open[1] as 'sql' | 'js',
      code: body.join('\n'),
      id: attrs.id ?? null,
      display: attrs.display !== 'false',
      line: offset + start + 1,
    });
  }
  flush();
  const firstHeading = blocks
    .find((b): b is MarkdownBlock => b.kind === 'markdown')
    ?.text.match(/^#\s+(.+)$/m)?.[1];
  const title = typeof meta.title === 'string' ? meta.title : (firstHeading ?? null);
  return { title, meta, blocks };
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function inline(text: string): string {
  const codes: string[] = [];
  let out = escapeHtml(text).replace(/`([^`]+)`/g, (_m, code: string) => {
    codes.push(`<code>${code}</code>`);
    return `\uE000${codes.length - 1}\uE000`;
  });
  out = out
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) =>
      /^(https?:|#|\.{0,2}\/|[\w-]+\.html)/.test(href) ? `<a href="${href}">${label}</a>` : label,
    );
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => codes[Number(i)]!);
}

function tableHtml(rows: string[]): string {
  const cells = (row: string) =>
    row
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  const head = cells(rows[0]!);
  const body = rows.slice(2).map(cells);
  return (
    `<table><thead><tr>${head.map((h) => `<th>${inline(h)}</th>`).join('')}</tr></thead><tbody>` +
    body.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

/** Markdown as notebooks use it: headings, paragraphs, lists, quotes, tables, code blocks, emphasis, links. */
export function markdownToHtml(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`);
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
      i++;
      out.push(`<pre><code>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    if (/^(-{3,}|\*{3,})$/.test(line.trim())) {
      out.push('<hr>');
      i++;
      continue;
    }
    if (line.trimStart().startsWith('|') && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1] ?? '')) {
      const rows: string[] = [];
      for (; i < lines.length && lines[i]!.trimStart().startsWith('|'); i++) rows.push(lines[i]!);
      out.push(tableHtml(rows));
      continue;
    }
    const list = /^\s*([-*]|\d+\.)\s+/.exec(line);
    if (list) {
      const ordered = /\d/.test(list[1]!);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i]!); i++) {
        let item = lines[i]!.replace(/^\s*([-*]|\d+\.)\s+/, '');
        while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]!)) item += ` ${lines[++i]!.trim()}`;
        items.push(`<li>${inline(item)}</li>`);
      }
      out.push(ordered ? `<ol>${items.join('')}</ol>` : `<ul>${items.join('')}</ul>`);
      continue;
    }
    if (line.startsWith('>')) {
      const quote: string[] = [];
      for (; i < lines.length && lines[i]!.startsWith('>'); i++) quote.push(lines[i]!.replace(/^>\s?/, ''));
      out.push(`<blockquote>${markdownToHtml(quote.join('\n'))}</blockquote>`);
      continue;
    }
    const para: string[] = [];
    for (
      ;
      i < lines.length && lines[i]!.trim() && !/^(#{1,6}\s|```|>|\s*([-*]|\d+\.)\s|\s*\|)/.test(lines[i]!);
      i++
    ) {
      para.push(lines[i]!.trim());
    }
    if (para.length === 0) {
      out.push(`<p>${inline(line.trim())}</p>`);
      i++;
      continue;
    }
    out.push(`<p>${inline(para.join(' '))}</p>`);
  }
  return out.join('\n');
}
