import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../data/db.ts';
import { isDlxhError } from '../../data/errors.ts';
import { migrate } from '../../data/migrate.ts';
import {
  loadOrCreateSecret,
  pseudonym,
  pseudonymEntry,
  recordPseudonyms,
  resolvePseudonym,
  scrubPersonalData,
  sealId,
  unsealId,
} from '../../data/pseudonym.ts';

describe('pseudonym', () => {
  it('is P- and the first 16 hex digits of HMAC-SHA256(secret, id)', () => {
    const expected = createHmac('sha256', 's3cret').update('ctv:0905123456').digest('hex').slice(0, 16);
    expect(pseudonym('s3cret', 'ctv:0905123456')).toBe(`P-${expected}`);
    expect(pseudonym('s3cret', 'ctv:0905123456')).not.toBe(pseudonym('other', 'ctv:0905123456'));
    expect(pseudonymEntry('s3cret', 'collaborator', 'x').pseudonym).toBe(
      pseudonym('s3cret', 'collaborator:x'),
    );
  });

  it('seals ids so that only the secret opens them', () => {
    const sealed = sealId('s3cret', 'ks/uuid-1');
    expect(sealed).not.toContain('uuid-1');
    expect(sealId('s3cret', 'ks/uuid-1')).toBe(sealed);
    expect(unsealId('s3cret', sealed)).toBe('ks/uuid-1');
    expect(() => unsealId('wrong', sealed)).toThrow('cannot be opened with this secret');
  });
});

describe('resolvePseudonym', () => {
  let db: Db;
  const entry = pseudonymEntry('s3cret', 'collaborator', 'nguyễn văn a');
  beforeAll(async () => {
    db = await openDb(':memory:');
    await migrate(db);
    await recordPseudonyms(db, [entry, entry], new Date('2025-10-01T00:00:00Z'));
  });
  afterAll(() => db.close());

  it('resolves for an admin and writes the act to the audit log first', async () => {
    const log: string[] = [];
    const result = await resolvePseudonym(db, entry.pseudonym, {
      secret: 's3cret',
      actor: { id: 'admin-1', role: 'admin' },
      audit: (action, object, details) => void log.push(`${action} ${object} ${JSON.stringify(details)}`),
    });
    expect(result).toEqual({ kind: 'collaborator', id: 'nguyễn văn a' });
    expect(log).toEqual([`pseudonym.resolve ${entry.pseudonym} {"actor":"admin-1","kind":"collaborator"}`]);
  });

  it('refuses anyone else, and audits the refusal', async () => {
    const log: string[] = [];
    const attempt = resolvePseudonym(db, entry.pseudonym, {
      secret: 's3cret',
      actor: { id: 'a-2', role: 'analyst' },
      audit: (action) => void log.push(action),
    });
    await expect(attempt).rejects.toSatisfy((e: unknown) => isDlxhError(e, 'FORBIDDEN'));
    expect(log).toEqual(['pseudonym.resolve.denied']);
  });

  it('reveals nothing when the audit log cannot be written', async () => {
    const attempt = resolvePseudonym(db, entry.pseudonym, {
      secret: 's3cret',
      actor: { id: 'admin-1', role: 'admin' },
      audit: () => {
        throw new Error('audit log unavailable');
      },
    });
    await expect(attempt).rejects.toThrow('audit log unavailable');
    await expect(
      resolvePseudonym(db, 'P-0000000000000000', {
        secret: 's3cret',
        actor: { id: 'x', role: 'admin' },
        audit: () => undefined,
      }),
    ).rejects.toThrow('unknown pseudonym P-0000000000000000');
  });
});

describe('loadOrCreateSecret', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-secret-'));
  const dbPath = path.join(dir, 'dlxh.duckdb');

  it('generates the secret once, beside the database, mode 0600, with a warning', () => {
    const warnings: string[] = [];
    const logger = { warn: (m: string) => void warnings.push(m) };
    const secret = loadOrCreateSecret(dbPath, { env: {}, logger });
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(`${dbPath}.secret`).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${dbPath}.secret`);
    expect(loadOrCreateSecret(dbPath, { env: {}, logger })).toBe(secret);
    expect(warnings).toHaveLength(1);
  });

  it('lets DLXH_SECRET override the file, and warns about a readable file', () => {
    expect(loadOrCreateSecret(dbPath, { env: { DLXH_SECRET: 'from-the-environment-123' } })).toBe(
      'from-the-environment-123',
    );
    fs.chmodSync(`${dbPath}.secret`, 0o644);
    const warnings: string[] = [];
    loadOrCreateSecret(dbPath, { env: {}, logger: { warn: (m) => void warnings.push(m) } });
    expect(warnings[0]).toMatch(/readable by other users; run chmod 600/);
  });
});

describe('scrubPersonalData', () => {
  it.each([
    ['Gọi 0905.123.456 hoặc 0905 123 456', 'Gọi [số điện thoại] hoặc [số điện thoại]'],
    [
      'SĐT: +84 935 111 222, (+84) 935111222, 84935111222',
      'SĐT: [số điện thoại], [số điện thoại], [số điện thoại]',
    ],
    ['Máy bàn 0262 3852 123', 'Máy bàn [số điện thoại]'],
    ['Máy bàn (0262) 3852 123', 'Máy bàn [số điện thoại]'],
    ['ông Ba (0905 123 456, tổ 3) phản ánh', 'ông Ba ([số điện thoại], tổ 3) phản ánh'],
    ['CCCD 066095001234, cũ CMND 241234567', 'CCCD [số CCCD], cũ CMND [số CMND]'],
    ['Thư gửi nguyen.van.a@gmail.com', 'Thư gửi [email]'],
    ['Nhà ở số 12 đường Lê Duẩn, phường Tân An', 'Nhà ở [địa chỉ], phường Tân An'],
    ['Anh ấy ở 123/4 Nguyễn Tất Thành', 'Anh ấy ở [địa chỉ]'],
    ['Hẻm 45/2 Y Jút ngập nước', '[địa chỉ] ngập nước'],
    ['Địa chỉ: 12 Lê Duẩn', 'Địa chỉ: [địa chỉ]'],
  ])('%s', (input, output) => {
    expect(scrubPersonalData(input)).toBe(output);
  });

  it.each([
    'Theo Nghị định số 15/2020/NĐ-CP ngày 12/3/2025',
    'Có 14 hộ dân và 3 Phó Chủ tịch xã dự họp',
    'Giá 1.500.000 đồng, tổng 150000000 đồng, năm 2024 Tỉnh Đắk Lắk',
    'Tổ dân phố số 3, thôn 5, buôn Ko Tam',
    'Tăng 12,5% so với cùng kỳ; mã 0123456789',
  ])('leaves %s alone', (input) => {
    expect(scrubPersonalData(input)).toBe(input);
  });
});
