/**
 * Serving a self-contained HTML document (a stored briefing, a built notebook) under a Content-Security-Policy
 * of its own: no script, no request to anywhere, only the page's own inline styles, each allowed by its hash.
 */
import { createHash } from 'node:crypto';
import type { Response } from 'express';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (match, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

function hashes(texts: Iterable<string>): string[] {
  return [...new Set(texts)].map((text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`);
}

/**
 * The policy for `document`: its `<style>` elements and `style="…"` attributes by hash, images only inline
 * (`data:`), nothing else; sandboxed (no script, no form, no plugin) but same-origin, so links between such
 * pages keep the session.
 */
export function selfContainedPolicy(document: string): string {
  const elements = hashes([...document.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!));
  const attributes = hashes(
    [...document.matchAll(/\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) =>
      decodeAttribute(m[1] ?? m[2]!),
    ),
  );
  return [
    "default-src 'none'",
    `style-src ${elements.length ? elements.join(' ') : "'none'"}`,
    `style-src-attr ${attributes.length ? `'unsafe-hashes' ${attributes.join(' ')}` : "'none'"}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    'sandbox allow-same-origin',
  ].join('; ');
}

/** Send `document` as it is, under its own policy (replacing the app's). */
export function sendSelfContained(res: Response, document: string): void {
  res.set('Content-Security-Policy', selfContainedPolicy(document));
  res.type('html').send(document);
}
