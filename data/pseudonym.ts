/** Informant protection: keyed pseudonyms, a sealed pseudonym map only an admin can open, personal-data scrubbing. */
import fs from 'node:fs';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import { DlxhError, errorMessage } from './errors.ts';

export const SECRET_ENV = 'DLXH_SECRET';

/**
 * Keyed pseudonym: `P-` + the first 16 hex digits of HMAC-SHA256(secret, id).
 * `pseudonym(secret, 'ctv:0905123456')` → `'P-3f9a…'` (the same for the same secret and id).
 */
export function pseudonym(secret: string, id: string, prefix = 'P'): string {
  return `${prefix}-${createHmac('sha256', secret).update(id, 'utf8').digest('hex').slice(0, 16)}`;
}

const derivedKeys = new Map<string, Buffer>();

function deriveKey(secret: string, purpose: string): Buffer {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    key = Buffer.from(
      hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `dlxh ${purpose} v1`, 32),
    );
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * AES-256-GCM seal of `id` under a key derived from the secret. The IV is derived from the id, so sealing is
 * deterministic: it reveals only that two rows hold the same id, which the pseudonym already shows.
 */
export function sealId(secret: string, id: string): string {
  const iv = createHmac('sha256', deriveKey(secret, 'pseudonym-iv'))
    .update(id, 'utf8')
    .digest()
    .subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, 'pseudonym-map'), iv);
  const body = Buffer.concat([cipher.update(id, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** Opens what `sealId` sealed; throws when the secret is not the one that sealed it. */
export function unsealId(secret: string, sealed: string): string {
  if (!sealed.startsWith('v1:')) throw new DlxhError('CONFIG', 'pseudonym map entry has an unknown format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, 'pseudonym-map'), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  } catch (error) {
    throw new DlxhError(
      'CONFIG',
      'pseudonym map entry cannot be opened with this secret (was the secret changed?)',
      {
        cause: error,
      },
    );
  }
}

export type PseudonymKind = 'respondent' | 'collaborator' | 'enumerator';

export interface PseudonymEntry {
  pseudonym: string;
  kind: PseudonymKind;
  sealed: string;
}

/** The pseudonym of `id` and the pseudonym_map row that lets an admin resolve it. */
export function pseudonymEntry(secret: string, kind: PseudonymKind, id: string): PseudonymEntry {
  return { pseudonym: pseudonym(secret, `${kind}:${id}`), kind, sealed: sealId(secret, id) };
}

/** Stores entries not yet in pseudonym_map (run it inside the caller's transaction). */
export async function recordPseudonyms(db: Db, entries: Iterable<PseudonymEntry>, now: Date): Promise<void> {
  const unique = new Map<string, PseudonymEntry>();
  for (const entry of entries) unique.set(entry.pseudonym, entry);
  if (unique.size === 0) return;
  const known = await db.all<{ pseudonym: string }>(
    `SELECT m.pseudonym FROM (SELECT unnest(CAST($1::JSON AS VARCHAR[])) AS pseudonym) AS given
     JOIN pseudonym_map AS m USING (pseudonym)`,
    [JSON.stringify([...unique.keys()])],
  );
  for (const row of known) unique.delete(row.pseudonym);
  await db.append(
    'pseudonym_map',
    [...unique.values()].map((e) => [e.pseudonym, e.kind, e.sealed, now]),
  );
}

export type AuditFn = (
  action: string,
  object: string,
  details: Record<string, unknown>,
) => Promise<void> | void;

export interface ResolveContext {
  secret: string;
  actor: { id: string; role: string };
  audit: AuditFn;
}

/**
 * The original id behind a pseudonym. Only an admin may resolve; the act (and any refusal) is written
 * to the audit log through `ctx.audit` before anything is revealed.
 * `await resolvePseudonym(db, 'P-3f9a…', { secret, actor: { id: 'u1', role: 'admin' }, audit })` → `{ kind, id }`.
 */
export async function resolvePseudonym(
  db: Db,
  value: string,
  ctx: ResolveContext,
): Promise<{ kind: PseudonymKind; id: string }> {
  if (ctx.actor.role !== 'admin') {
    await ctx.audit('pseudonym.resolve.denied', value, { actor: ctx.actor.id, role: ctx.actor.role });
    throw new DlxhError('FORBIDDEN', `only an admin can resolve pseudonym ${value}`);
  }
  const row = await db.one<{ kind: PseudonymKind; sealed: string }>(
    'SELECT kind, sealed FROM pseudonym_map WHERE pseudonym = $1',
    [value],
  );
  if (!row) throw new DlxhError('NOT_FOUND', `unknown pseudonym ${value}`);
  const id = unsealId(ctx.secret, row.sealed);
  await ctx.audit('pseudonym.resolve', value, { actor: ctx.actor.id, kind: row.kind });
  return { kind: row.kind, id };
}

interface SecretOptions {
  env?: Record<string, string | undefined>;
  logger?: { warn(message: string): void };
}

/**
 * The pseudonym secret: env `DLXH_SECRET` if set, else `<db>.secret`, generated once (32 random bytes,
 * mode 0600) with a warning when missing. `loadOrCreateSecret('data/dlxh.duckdb')`.
 */
export function loadOrCreateSecret(dbPath: string, options: SecretOptions = {}): string {
  const env = options.env ?? process.env;
  const warn = (message: string) => options.logger?.warn(message);
  const fromEnv = env[SECRET_ENV]?.trim();
  if (fromEnv) {
    if (fromEnv.length < 16)
      warn(`${SECRET_ENV} is shorter than 16 characters; pseudonyms are easier to guess`);
    return fromEnv;
  }
  if (dbPath === ':memory:') {
    warn('in-memory database: using a throw-away pseudonym secret; pseudonyms will not be reproducible');
    return randomBytes(32).toString('hex');
  }
  const file = `${dbPath}.secret`;
  try {
    const stat = fs.statSync(file);
    if ((stat.mode & 0o077) !== 0) warn(`${file} is readable by other users; run chmod 600 ${file}`);
    const secret = fs.readFileSync(file, 'utf8').trim();
    if (!secret) throw new DlxhError('CONFIG', `${file} is empty; restore the secret or set ${SECRET_ENV}`);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (error instanceof DlxhError) throw error;
      throw new DlxhError('CONFIG', `${file}: cannot read the pseudonym secret (${errorMessage(error)})`, {
        cause: error,
      });
    }
  }
  const secret = randomBytes(32).toString('hex');
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSecret(dbPath, options);
    throw new DlxhError('CONFIG', `${file}: cannot store the pseudonym secret (${errorMessage(error)})`, {
      cause: error,
    });
  }
  fs.chmodSync(file, 0o600);
  warn(
    `generated a new pseudonym secret in ${file} (mode 0600); back it up: without it pseudonyms cannot be resolved`,
  );
  return secret;
}

const NOT_ALNUM_BEFORE = '(?<![\\p{L}\\p{N}@._+-])';
const NOT_ALNUM_AFTER = '(?![\\p{L}\\p{N}])';
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const PHONE = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:\\(\\+?84\\)|\\+84|84|\\(0|0)(?:[ .)-]{0,2}\\d){8,11}${NOT_ALNUM_AFTER}`,
  'gu',
);
const CCCD = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:0\\d{2}(?:[ .]?\\d{3}){3}|0\\d{3}[ .]\\d{4}[ .]\\d{4})${NOT_ALNUM_AFTER}`,
  'gu',
);
const UNIT_AFTER = String.raw`(?!\s?(?:đồng|đ(?!\p{L})|vnđ|vnd|triệu|nghìn|ngàn|tỷ|%|người|hộ|kg|tấn|ha\b|m2|m²))`;
const CMND = new RegExp(`${NOT_ALNUM_BEFORE}\\d{9}${NOT_ALNUM_AFTER}${UNIT_AFTER}`, 'giu');
/** `anyCase('đường')` → `'[Đđ]ường'`: the address pattern must stay case-sensitive for capitalised street names. */
function anyCase(words: string): string {
  return words
    .split('|')
    .map((w) => `[${w[0]!.toUpperCase()}${w[0]!.toLowerCase()}]${w.slice(1)}`)
    .join('|');
}
const CAPITAL_WORD = String.raw`\p{Lu}[\p{Ll}\p{M}]*`;
const STREET_NAME = String.raw`${CAPITAL_WORD}(?:\s+(?:${CAPITAL_WORD}|\d+))*`;
const STREET_KIND = `(?:${anyCase('đường|phố|hẻm|kiệt|ngõ|ngách|quốc lộ|tỉnh lộ')}|QL|TL)`;
const STREET = String.raw`(?:${STREET_KIND}\s+(?:${STREET_NAME}|\d+)|${STREET_NAME})`;
const HOUSE_NO = String.raw`\d{1,4}[A-Za-z]?(?:\/\d{1,4}[A-Za-z]?){0,4}(?!\/)`;
const NOT_A_DATE = `(?<!(?:${anyCase('ngày|tháng|năm|từ|đến')})\\s+)`;
const ADDRESSES = [
  // "số nhà 45", "SN 7/2 Hùng Vương"
  String.raw`(?:${anyCase('số nhà|nhà số')}|SN)\s*${HOUSE_NO}(?:,?\s*${STREET})?`,
  // "số 12 đường Lê Duẩn", "số 12 Lê Duẩn"; not "Nghị định số 15/2020/NĐ-CP" nor "số 14 hộ"
  String.raw`${anyCase('số')}\s+${HOUSE_NO},?\s+${STREET}`,
  // "123/4 Nguyễn Tất Thành", "12 đường Lê Duẩn"; not "ngày 12/3 …"
  String.raw`(?=\d)${NOT_A_DATE}\d{1,4}[A-Za-z]?(?:\/\d{1,4}[A-Za-z]?){1,4}(?!\/)\s+${STREET}`,
  String.raw`(?=\d)${NOT_A_DATE}${HOUSE_NO}\s+${STREET_KIND}\s+(?:${STREET_NAME}|\d+)`,
  // "hẻm 45/2 Y Jút", "kiệt 12"
  String.raw`(?:${anyCase('hẻm|kiệt|ngõ|ngách')})\s+${HOUSE_NO}(?:\s+${STREET_NAME})?`,
  // "ở 12 Lê Duẩn", "địa chỉ: 12 Lê Duẩn"
  String.raw`(?=\d)(?<=(?:${anyCase('ở|tại|nhà|địa chỉ:?|đ/c:?')})\s+)${HOUSE_NO}\s+${STREET_NAME}`,
];
const ADDRESS = new RegExp(`${NOT_ALNUM_BEFORE}(?:${ADDRESSES.join('|')})${NOT_ALNUM_AFTER}`, 'gu');

export const SCRUB_MARKS = {
  email: '[email]',
  phone: '[số điện thoại]',
  cccd: '[số CCCD]',
  cmnd: '[số CMND]',
  address: '[địa chỉ]',
} as const;

function isVietnamesePhone(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  const national = /^\(?\+?84/.test(match.trim()) ? `0${digits.slice(2)}` : digits;
  return (
    (national.length === 10 && /^0[35789]/.test(national)) || (national.length === 11 && /^02/.test(national))
  );
}

/** A phone number's mark; an opening parenthesis the number does not close ("(0905 123 456, …") stays. */
function scrubPhone(match: string): string {
  if (!isVietnamesePhone(match)) return match;
  return match.startsWith('(') && !match.includes(')') ? `(${SCRUB_MARKS.phone}` : SCRUB_MARKS.phone;
}

/**
 * Replaces personal data in free text before it is stored: e-mails, Vietnamese phone numbers (09x…, +84,
 * spaced or dotted), 12-digit CCCD and 9-digit CMND numbers, exact house addresses.
 * `scrubPersonalData('gọi 0905.123.456, nhà số 12 đường Lê Duẩn')` → `'gọi [số điện thoại], nhà [địa chỉ]'`.
 */
export function scrubPersonalData(text: string): string {
  return text
    .normalize('NFC')
    .replace(EMAIL, SCRUB_MARKS.email)
    .replace(PHONE, scrubPhone)
    .replace(CCCD, SCRUB_MARKS.cccd)
    .replace(CMND, SCRUB_MARKS.cmnd)
    .replace(ADDRESS, SCRUB_MARKS.address);
}
