/** Fetch a text document (feed or page) and decode it, turning every failure into a one-line reason. */
import { decodeBody } from '../charset/decode-body.ts';
import type { Fetcher, FetchPolicy, Validators } from './fetcher.ts';

export type PageResult =
  | {
      kind: 'page';
      url: string;
      finalUrl: string;
      text: string;
      charset: string;
      contentType: string | null;
      /** Declared UTF-8 with some invalid byte sequences (replaced by U+FFFD). */
      invalidUtf8: boolean;
      headers: Record<string, string>;
      validators: Validators | null;
    }
  | { kind: 'not_modified'; url: string }
  | { kind: 'failed'; url: string; problem: string };

const BINARY_TYPES = /^(?:image|audio|video|font)\/|^application\/(?:octet-stream|pdf|zip|gzip|x-|vnd\.)/i;

/** Share of characters that no text document contains (controls, U+FFFD). */
function binaryShare(text: string): number {
  const sample = text.slice(0, 4096);
  if (!sample) return 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return odd / sample.length;
}

/**
 * GET `url` as text. Not modified, HTTP errors, refusals, empty bodies, binary content and undecodable bytes
 * come back as results, never as exceptions.
 */
export async function fetchPage(
  fetcher: Fetcher,
  url: string,
  options: { source: string; accept: string; policy?: Partial<FetchPolicy>; conditional?: boolean },
): Promise<PageResult> {
  const result = await fetcher.fetch({
    url,
    source: options.source,
    accept: options.accept,
    policy: options.policy,
    conditional: options.conditional,
  });
  if (result.outcome === 'not_modified') return { kind: 'not_modified', url };
  if (result.outcome !== 'ok') {
    const status = result.status ? ` (HTTP ${result.status})` : '';
    const problem = result.error.startsWith('HTTP')
      ? result.error
      : `${result.outcome}${status}: ${result.error}`;
    return { kind: 'failed', url, problem };
  }
  const contentType = result.headers['content-type'] ?? null;
  if (result.body.length === 0) return { kind: 'failed', url, problem: 'empty response (0 bytes)' };
  if (contentType && BINARY_TYPES.test(contentType)) {
    return { kind: 'failed', url, problem: `not a text document (content-type ${contentType})` };
  }
  const decoded = decodeBody(result.body, contentType);
  if (binaryShare(decoded.text) > 0.05) {
    return { kind: 'failed', url, problem: `binary or undecodable content (charset ${decoded.charset})` };
  }
  return {
    kind: 'page',
    url,
    finalUrl: result.finalUrl,
    text: decoded.text,
    charset: decoded.charset,
    contentType,
    invalidUtf8: decoded.invalidUtf8 ?? false,
    headers: result.headers,
    validators: result.validators,
  };
}
