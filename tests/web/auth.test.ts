import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../data/db.ts';
import { isDlxhError } from '../../data/errors.ts';
import { migrate } from '../../data/migrate.ts';
import { seedReference } from '../../data/seed-reference.ts';
import {
  DEMO_USERS,
  checkCredentials,
  createUser,
  ensureDemoUsers,
  hashPassword,
  updateUser,
  verifyPassword,
} from '../../data/users.ts';
import { SessionStore } from '../../web/auth/sessions.ts';
import { safeNext } from '../../web/routes/auth.ts';
import { NOW, PASSWORD, csrfFrom, login, makeFixture, type Fixture } from './fixtures.ts';

const MINUTE = 60_000;

describe('passwords and users', () => {
  it('hash with scrypt and a fresh salt, and verify only the right password', async () => {
    const a = await hashPassword('mật-khẩu-dài-42');
    const b = await hashPassword('mật-khẩu-dài-42');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật-khẩu-dài-42', a)).toBe(true);
    expect(await verifyPassword('mật-khẩu-dài-43', a)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('refuse bad users with a message naming the problem', async () => {
    const db = await openDb(':memory:');
    await migrate(db);
    await seedReference(db);
    const base = {
      username: 'nva',
      role: 'officer',
      unitUid: '24133/2025',
      clearance: 1,
      password: 'long-enough-1',
    };
    await expect(createUser(db, { ...base, role: 'boss' }, NOW)).rejects.toThrow(/invalid role "boss"/);
    await expect(createUser(db, { ...base, clearance: 4 }, NOW)).rejects.toThrow(/invalid clearance 4/);
    await expect(createUser(db, { ...base, password: 'short' }, NOW)).rejects.toThrow(/at least 10/);
    await expect(createUser(db, { ...base, unitUid: 'nowhere' }, NOW)).rejects.toThrow(
      /unknown unit "nowhere"/,
    );
    await expect(createUser(db, { ...base, username: 'Bad Name' }, NOW)).rejects.toThrow(/username must be/);
    const user = await createUser(db, base, NOW);
    expect(user).toMatchObject({ username: 'nva', role: 'officer', clearance: 1, disabled: false });
    await expect(createUser(db, base, NOW)).rejects.toThrow(/already exists/);
    expect(await checkCredentials(db, 'nva', 'long-enough-1')).toMatchObject({ id: user.id });
    expect(await checkCredentials(db, 'nva', 'wrong-password')).toBeUndefined();
    await updateUser(db, user.id, { disabled: true });
    expect(await checkCredentials(db, 'nva', 'long-enough-1')).toBeUndefined();
    const created = await ensureDemoUsers(db, NOW);
    expect(created.map((u) => u.role).sort()).toEqual([
      'admin',
      'analyst',
      'contributor',
      'leader',
      'officer',
    ]);
    expect(await ensureDemoUsers(db, NOW)).toEqual([]);
    for (const demo of DEMO_USERS)
      expect(await checkCredentials(db, demo.username, demo.password)).toBeDefined();
    db.close();
  });

  it('keep redirects after sign-in on this site', () => {
    expect(safeNext('/hotspots?x=1')).toBe('/hotspots?x=1');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });
});

describe('sessions and sign-in', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture({ loginGuard: { maxPerAddress: 50, maxFailures: 3, lockMs: 15 * MINUTE } });
  });
  afterAll(() => f.db.close());

  it('send anyone not signed in to the sign-in page, and the API answers 401', async () => {
    const page = await request(f.app).get('/hotspots?status=open');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fhotspots%3Fstatus%3Dopen');
    expect((await request(f.app).get('/api/overview')).status).toBe(401);
    const health = await request(f.app).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+/),
      db: 'reachable',
    });
    expect(JSON.stringify(health.body)).not.toMatch(/documents|counts|duckdb|memory/);
    expect((await request(f.app).get('/api/status')).status).toBe(401);
    const { agent } = await login(f.app, 'admin');
    const status = await agent.get('/api/status');
    expect(status.status).toBe(200);
    expect((status.body as { counts: Record<string, number> }).counts.documents).toBeGreaterThan(0);
    expect((await (await login(f.app, 'officer0')).agent.get('/api/status')).status).toBe(403);
  });

  it('set an HttpOnly SameSite=Strict cookie and rotate the session id at sign-in', async () => {
    const agent = request.agent(f.app);
    const form = await agent.get('/login');
    const before = String(form.headers['set-cookie']);
    expect(before).toMatch(/dlxh_sid=[\w-]+; Path=\/; HttpOnly; SameSite=Strict/);
    expect(before).not.toMatch(/Secure/);
    const signedIn = await agent
      .post('/login')
      .type('form')
      .send({ username: 'officer0', password: PASSWORD, _csrf: csrfFrom(form.text), next: '/inbox' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/inbox');
    const after = String(signedIn.headers['set-cookie']);
    expect(after.match(/dlxh_sid=([\w-]+)/)![1]).not.toBe(before.match(/dlxh_sid=([\w-]+)/)![1]);
    expect((await agent.get('/api/me')).body.user.username).toBe('officer0');
  });

  it('mark cookies Secure behind https', async () => {
    const secure = await makeFixture({ secureCookies: true });
    const form = await request(secure.app).get('/login');
    expect(String(form.headers['set-cookie'])).toMatch(/; Secure/);
    expect(form.headers['strict-transport-security']).toBeDefined();
    secure.db.close();
  });

  it('lock a user name after repeated failures, even for the right password, until the lock ends', async () => {
    const agent = request.agent(f.app);
    const csrf = csrfFrom((await agent.get('/login')).text);
    const attempt = (password: string) =>
      agent.post('/login').type('form').send({ username: 'health1', password, _csrf: csrf });
    expect((await attempt('wrong-1')).status).toBe(401);
    expect((await attempt('wrong-2')).status).toBe(401);
    const locked = await attempt('wrong-3');
    expect(locked.status).toBe(423);
    expect(locked.text).toContain('Tài khoản tạm khóa');
    expect((await attempt(PASSWORD)).status).toBe(423);
    f.clock.now = new Date(NOW.getTime() + 16 * MINUTE);
    try {
      expect((await attempt(PASSWORD)).status).toBe(303);
    } finally {
      f.clock.now = NOW;
    }
    const actions = (
      await f.db.all<{ action: string }>(
        `SELECT action FROM dlxh_audit.audit_log WHERE object = 'health1' ORDER BY seq`,
      )
    ).map((r) => r.action);
    expect(actions).toEqual([
      'login.failure',
      'login.failure',
      'login.locked',
      'login.refused_locked',
      'login',
    ]);
  });

  it('throttle sign-in attempts from one address', async () => {
    const limited = await makeFixture({ loginGuard: { maxPerAddress: 3 } });
    const agent = request.agent(limited.app);
    const csrf = csrfFrom((await agent.get('/login')).text);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (
          await agent
            .post('/login')
            .type('form')
            .send({ username: `nobody${i}`, password: 'x', _csrf: csrf })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    limited.db.close();
  });

  it('refuse every state-changing request without the session’s CSRF token', async () => {
    const { agent, csrf } = await login(f.app, 'analyst1');
    expect((await agent.post('/api/sql').send({ sql: 'SELECT 1' })).status).toBe(403);
    expect(
      (await agent.post('/api/sql').set('x-csrf-token', 'forged').send({ sql: 'SELECT 1' })).status,
    ).toBe(403);
    const other = await login(f.app, 'admin');
    expect(
      (await agent.post('/api/sql').set('x-csrf-token', other.csrf).send({ sql: 'SELECT 1' })).status,
    ).toBe(403);
    expect((await agent.post('/logout').type('form').send({})).status).toBe(403);
    expect(
      (await agent.post('/api/sql').set('x-csrf-token', csrf).send({ sql: 'SELECT 1 AS x' })).status,
    ).toBe(200);
    expect(
      (await request(f.app).post('/login').type('form').send({ username: 'admin', password: PASSWORD }))
        .status,
    ).toBe(403);
    const anonymous = request.agent(f.app);
    await anonymous.get('/login');
    expect(
      (
        await anonymous
          .post('/login')
          .type('form')
          .send({ username: 'admin', password: PASSWORD, _csrf: csrf })
      ).status,
    ).toBe(403);
  });

  it('end a session after 30 idle minutes, 12 hours after sign-in, and at sign-out', async () => {
    const { agent, csrf } = await login(f.app, 'leader');
    f.clock.now = new Date(NOW.getTime() + 29 * MINUTE);
    expect((await agent.get('/api/me')).status).toBe(200);
    f.clock.now = new Date(NOW.getTime() + 58 * MINUTE);
    expect((await agent.get('/api/me')).status).toBe(200);
    f.clock.now = new Date(NOW.getTime() + 89 * MINUTE);
    expect((await agent.get('/api/me')).status).toBe(401);
    f.clock.now = NOW;
    const busy = await login(f.app, 'leader');
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      f.clock.now = new Date(NOW.getTime() + minutes * MINUTE);
      expect((await busy.agent.get('/api/me')).status).toBe(200);
    }
    f.clock.now = new Date(NOW.getTime() + 12 * 60 * MINUTE + MINUTE);
    expect((await busy.agent.get('/api/me')).status).toBe(401);
    f.clock.now = NOW;
    const second = await login(f.app, 'leader');
    expect((await second.agent.post('/logout').type('form').send({ _csrf: second.csrf })).status).toBe(303);
    expect((await second.agent.get('/api/me')).status).toBe(401);
    expect(csrf).not.toBe(second.csrf);
  });

  it('end the sessions of a user an admin changes or disables', async () => {
    const target = await login(f.app, 'officer2');
    const admin = await login(f.app, 'admin');
    const changed = await admin.agent
      .post(`/api/admin/users/${f.users.officer2.id}`)
      .set('x-csrf-token', admin.csrf)
      .send({ role: 'officer', unit_uid: '24133/2025', clearance: '2', disabled: true });
    expect(changed.status).toBe(200);
    expect((await target.agent.get('/api/me')).status).toBe(401);
    await expect(login(f.app, 'officer2')).rejects.toThrow(/status 401/);
    await updateUser(f.db, f.users.officer2.id, { disabled: false });
  });

  it('read the signed-in user once a minute, not per request, and see a change made behind its back', async () => {
    const target = await login(f.app, 'officer2');
    expect((await target.agent.get('/api/me')).status).toBe(200);
    // A change that bypasses the admin page (which ends the user's sessions at once) shows within a minute.
    await updateUser(f.db, f.users.officer2.id, { disabled: true });
    try {
      expect((await target.agent.get('/api/me')).status).toBe(200);
      f.clock.now = new Date(NOW.getTime() + MINUTE + 1000);
      expect((await target.agent.get('/api/me')).status).toBe(401);
    } finally {
      f.clock.now = NOW;
      await updateUser(f.db, f.users.officer2.id, { disabled: false });
    }
  });

  it('send strict security headers: CSP without inline code, no framing, no caching of pages', async () => {
    const response = await request(f.app).get('/login');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("style-src-attr 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.text).not.toMatch(/<script>(?!<\/script>)|<style>|style="/);
  });

  it('list the demo accounts on the sign-in page only in demo mode', async () => {
    expect((await request(f.app).get('/login')).text).not.toContain('demo-quantri-2026');
    const demo = await makeFixture({ demoMode: true });
    expect((await request(demo.app).get('/login')).text).toContain('demo-quantri-2026');
    demo.db.close();
  });

  it('rejects a user created with an unknown role at the data layer', async () => {
    const error = await createUser(
      f.db,
      { username: 'x1', role: 'king', clearance: 0, password: 'long-enough-1' },
      NOW,
    ).catch((e: unknown) => e);
    expect(isDlxhError(error, 'INPUT')).toBe(true);
  });
});

describe('session store', () => {
  it('expires idle and old sessions, and never lets anonymous sessions push out signed-in ones', async () => {
    const clock = { now: NOW };
    const store = new SessionStore(() => clock.now, {
      idleMs: 1000,
      maxMs: 5000,
      maxSessions: 10,
      maxAnonymous: 3,
    });
    const user = store.create('u1');
    const anonymous = Array.from({ length: 8 }, () => store.create(null));
    expect(store.get(user.id)).toBe(user);
    expect(anonymous.filter((s) => store.get(s.id)).length).toBe(3);
    expect(store.size).toBe(4);
    clock.now = new Date(NOW.getTime() + 1500);
    expect(store.get(user.id)).toBeUndefined();
    expect(user.csrf).not.toBe(anonymous[0]!.csrf);
  });
});
