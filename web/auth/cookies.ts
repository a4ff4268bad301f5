/** Reading the Cookie header and writing Set-Cookie values with safe flags. */
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'dlxh_sid';
export const LANG_COOKIE = 'dlxh_lang';

/** `parseCookies('a=1; b=x%20y')` → `{ a: '1', b: 'x y' }`; malformed pairs are skipped. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies[name] ??= decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      continue;
    }
  }
  return cookies;
}

export function readCookie(req: Request, name: string): string | undefined {
  return parseCookies(req.headers.cookie)[name];
}

/** HttpOnly, SameSite=Strict, path /, and Secure on https (or when `forceSecure`). */
export function setCookie(
  req: Request,
  res: Response,
  name: string,
  value: string,
  options: { forceSecure?: boolean; maxAgeMs?: number } = {},
): void {
  res.cookie(name, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: options.forceSecure || req.secure,
    path: '/',
    ...(options.maxAgeMs === undefined ? {} : { maxAge: options.maxAgeMs }),
  });
}

export function clearCookie(req: Request, res: Response, name: string, forceSecure = false): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'strict', secure: forceSecure || req.secure, path: '/' });
}
