/** Users: scrypt password hashes, creation with validation, look-ups, and the demo users (demo mode only). */
import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import type { Db } from './db.ts';
import type { Reads } from './readers.ts';
import { DlxhError, inputError } from './errors.ts';

export const ROLES = ['admin', 'analyst', 'leader', 'officer', 'contributor'] as const;
export type Role = (typeof ROLES)[number];

/** Clearance and classification levels: 0 Thường, 1 Mật, 2 Tối mật, 3 Tuyệt mật. */
export const CLASSIFICATION_LABELS = ['Thường', 'Mật', 'Tối mật', 'Tuyệt mật'] as const;
export const CLASSIFICATION_LABELS_EN = ['Unclassified', 'Confidential', 'Secret', 'Top secret'] as const;

export interface User {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_uid: string | null;
  clearance: number;
  disabled: boolean;
  created_at: Date;
}

interface UserRow extends User {
  password_hash: string | null;
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: string;
  unitUid?: string | null;
  clearance: number;
  password: string;
}

export const MIN_PASSWORD_LENGTH = 10;
const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 };
const USER_COLUMNS = 'id, username, display_name, role, unit_uid, clearance, disabled, created_at';

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, length: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, length, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `await hashPassword('s3cret-pass')` → `'scrypt$16384$8$1$<salt b64>$<key b64>'`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `password` matches a hash made by `hashPassword` (constant-time comparison). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (!N || !r || !p || expected.length === 0) return false;
  const actual = await scryptAsync(password, salt, N, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a unit or agency with this uid exists. */
export async function unitExists(db: Db, uid: string): Promise<boolean> {
  const row = await db.one<{ n: number }>(
    `SELECT (SELECT count(*) FROM units WHERE uid = $uid) + (SELECT count(*) FROM agencies WHERE uid = $uid) AS n`,
    { uid },
  );
  return (row?.n ?? 0) > 0;
}

async function validate(db: Db, user: NewUser): Promise<void> {
  const where = `user ${JSON.stringify(user.username)}`;
  if (!/^[a-z0-9][a-z0-9._-]{1,39}$/.test(user.username)) {
    throw inputError(where, null, 'username must be 2–40 characters: lowercase letters, digits, . _ -');
  }
  if (!isRole(user.role))
    throw inputError(where, null, `invalid role "${user.role}" (use ${ROLES.join(', ')})`);
  if (!Number.isInteger(user.clearance) || user.clearance < 0 || user.clearance > 3) {
    throw inputError(where, null, `invalid clearance ${user.clearance} (use 0–3)`);
  }
  if (user.password.length < MIN_PASSWORD_LENGTH) {
    throw inputError(where, null, `password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (user.unitUid && !(await unitExists(db, user.unitUid))) {
    throw inputError(where, null, `unknown unit "${user.unitUid}"`);
  }
  if (user.role !== 'admin' && user.role !== 'analyst' && !user.unitUid) {
    throw inputError(where, null, `a ${user.role} must belong to a unit`);
  }
}

/**
 * Create a user with a scrypt-hashed password; refuses a taken username.
 * `await createUser(db, { username: 'nva', role: 'officer', unitUid: '24133/2025', clearance: 1, password })`
 */
export async function createUser(db: Db, user: NewUser, now: Date): Promise<User> {
  await validate(db, user);
  if (await findUserByUsername(db, user.username)) {
    throw inputError(`user ${JSON.stringify(user.username)}`, null, 'username already exists');
  }
  const id = randomUUID();
  await db.run(
    `INSERT INTO users (id, username, display_name, role, unit_uid, clearance, password_hash, disabled, created_at)
     VALUES ($id, $username, $display_name, $role, $unit_uid, $clearance, $password_hash, false, $created_at)`,
    {
      id,
      username: user.username,
      display_name: user.displayName?.trim() || user.username,
      role: user.role,
      unit_uid: user.unitUid ?? null,
      clearance: user.clearance,
      password_hash: await hashPassword(user.password),
      created_at: now,
    },
  );
  return (await findUserById(db, id))!;
}

export async function findUserById(db: Reads, id: string): Promise<User | undefined> {
  return db.one<User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $id`, { id });
}

export async function findUserByUsername(db: Db, username: string): Promise<User | undefined> {
  return db.one<User>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $username`, { username });
}

export async function listUsers(db: Db): Promise<User[]> {
  return db.all<User>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
}

/** The user if the password is right and the account enabled; otherwise undefined (no hint which failed). */
export async function checkCredentials(
  db: Db,
  username: string,
  password: string,
): Promise<User | undefined> {
  const row = await db.one<UserRow>(
    `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE username = $username`,
    {
      username,
    },
  );
  if (!row?.password_hash || row.disabled) {
    await hashPassword(password); // same work either way, so timing does not reveal which usernames exist
    return undefined;
  }
  if (!(await verifyPassword(password, row.password_hash))) return undefined;
  return findUserById(db, row.id);
}

export interface UserChanges {
  displayName?: string;
  role?: string;
  unitUid?: string | null;
  clearance?: number;
  disabled?: boolean;
  password?: string;
}

/** Change a user's profile, role, unit, clearance, state or password; returns the updated user. */
export async function updateUser(db: Db, id: string, changes: UserChanges): Promise<User> {
  const current = await findUserById(db, id);
  if (!current) throw new DlxhError('NOT_FOUND', `user ${id}: not found`);
  const next = {
    username: current.username,
    displayName: changes.displayName ?? current.display_name,
    role: changes.role ?? current.role,
    unitUid: changes.unitUid === undefined ? current.unit_uid : changes.unitUid,
    clearance: changes.clearance ?? current.clearance,
    password: changes.password ?? 'x'.repeat(MIN_PASSWORD_LENGTH),
  };
  await validate(db, next);
  await db.run(
    `UPDATE users SET display_name = $display_name, role = $role, unit_uid = $unit_uid, clearance = $clearance,
       disabled = $disabled WHERE id = $id`,
    {
      id,
      display_name: next.displayName,
      role: next.role,
      unit_uid: next.unitUid,
      clearance: next.clearance,
      disabled: changes.disabled ?? current.disabled,
    },
  );
  if (changes.password !== undefined) {
    await db.run(`UPDATE users SET password_hash = $hash WHERE id = $id`, {
      id,
      hash: await hashPassword(changes.password),
    });
  }
  return (await findUserById(db, id))!;
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  unitUid: string;
  clearance: number;
  password: string;
}

/** One user per role for the demo; their passwords are published in the README, so demo mode only. */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'quantri',
    displayName: 'Quản trị hệ thống',
    role: 'admin',
    unitUid: 'ban-tuyen-giao',
    clearance: 3,
    password: 'demo-quantri-2026',
  },
  {
    username: 'phantich',
    displayName: 'Chuyên viên phân tích',
    role: 'analyst',
    unitUid: 'ban-tuyen-giao',
    clearance: 2,
    password: 'demo-phantich-2026',
  },
  {
    username: 'lanhdao',
    displayName: 'Lãnh đạo Ban',
    role: 'leader',
    unitUid: '66/2025',
    clearance: 3,
    password: 'demo-lanhdao-2026',
  },
  {
    username: 'canbo',
    displayName: 'Cán bộ Phường Buôn Ma Thuột',
    role: 'officer',
    unitUid: '24133/2025',
    clearance: 1,
    password: 'demo-canbo-2026',
  },
  {
    username: 'congtacvien',
    displayName: 'Cộng tác viên',
    role: 'contributor',
    unitUid: '24133/2025',
    clearance: 0,
    password: 'demo-congtacvien-2026',
  },
];

/** Create the demo users that do not exist yet (idempotent). Call only in demo mode. */
export async function ensureDemoUsers(db: Db, now: Date): Promise<User[]> {
  const created: User[] = [];
  for (const demo of DEMO_USERS) {
    if (await findUserByUsername(db, demo.username)) continue;
    created.push(await createUser(db, demo, now));
  }
  return created;
}
