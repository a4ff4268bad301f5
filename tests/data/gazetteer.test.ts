import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { buildGazetteer, formatUnits } from '../../scripts/build-gazetteer.ts';
import { REPO_ROOT, tempDir } from '../helpers/temp.ts';
import { normalizeToneMarks } from '../../data/text/normalize.ts';
import type { Unit } from '../../data/reference/index.ts';

const ADMIN_UNITS = path.resolve(REPO_ROOT, '../shared/reference/admin-units');
const exists = fs.existsSync(path.join(ADMIN_UNITS, 'daklak-merge-2025.csv'));

describe.skipIf(!exists)('buildGazetteer', () => {
  const units = exists ? buildGazetteer(ADMIN_UNITS) : [];
  const byUid = new Map(units.map((u) => [u.uid, u]));
  const get = (uid: string): Unit => {
    const unit = byUid.get(uid);
    if (!unit) throw new Error(`missing ${uid}`);
    return unit;
  };

  it('matches the committed units.json', () => {
    const committed = fs.readFileSync(path.join(REPO_ROOT, 'data/reference/units.json'), 'utf8');
    expect(formatUnits(units)).toBe(committed);
  });

  it('holds both eras with the expected counts', () => {
    const count = (era: string, level: number) =>
      units.filter((u) => u.uid.endsWith(`/${era}`) && u.level === level).length;
    expect([count('pre2025', 1), count('pre2025', 2), count('pre2025', 3)]).toEqual([2, 24, 286]);
    expect([count('2025', 1), count('2025', 2), count('2025', 3)]).toEqual([1, 0, 102]);
    expect(new Set(units.map((u) => u.uid)).size).toBe(units.length);
  });

  it('keys units by era because codes are reused', () => {
    expect(get('24175/pre2025').name).toBe('Xã Hòa Khánh');
    expect(get('24175/2025').name).toBe('Xã Hòa Phú');
    expect(get('24175/pre2025').successors).toEqual([{ uid: '24175/2025', portion: 'whole' }]);
  });

  it('records split communes with their part and remainder', () => {
    expect(get('22024/pre2025').successors).toEqual(
      expect.arrayContaining([
        { uid: '22015/2025', portion: 'part' },
        { uid: '22045/2025', portion: 'remainder' },
      ]),
    );
    expect(get('24550/pre2025').successors).toHaveLength(2);
  });

  it('links provinces and districts to the new units', () => {
    expect(get('54/pre2025').successors).toEqual([{ uid: '66/2025', portion: 'whole' }]);
    expect(get('66/pre2025').successors).toEqual([{ uid: '66/2025', portion: 'whole' }]);
    const district = get('655/pre2025');
    expect(district.successors.map((s) => s.uid).sort()).toEqual(['24538/2025', '24559/2025', '24568/2025']);
    expect(district.successors.every((s) => s.portion === 'part')).toBe(true);
    for (const u of units) {
      if (u.uid.endsWith('/pre2025')) expect(u.successors.length, u.uid).toBeGreaterThan(0);
      for (const s of u.successors) expect(byUid.get(s.uid)?.valid_to, s.uid).toBeNull();
    }
  });

  it('normalises names and keeps spelling variants as aliases', () => {
    for (const u of units) expect(u.name).toBe(normalizeToneMarks(u.name));
    expect(get('555/pre2025').name).toBe('Thành phố Tuy Hòa');
    expect(get('555/pre2025').aliases).toEqual(
      expect.arrayContaining(['Thành phố Tuy Hoà', 'TP. Tuy Hòa', 'TP Tuy Hòa', 'Tuy Hoa']),
    );
    expect(get('645/pre2025').aliases).toEqual(
      expect.arrayContaining(['Ea H’leo', 'Ea Hleo', "H. Ea H'leo", 'Eahleo']),
    );
    expect(get('655/pre2025').aliases).toEqual(expect.arrayContaining(['Krông Ana', 'H. Krông Ana']));
    expect(get('643/pre2025').aliases).toEqual(expect.arrayContaining(['BMT', 'TP. Buôn Ma Thuột']));
    expect(get('644/pre2025').aliases).toEqual(expect.arrayContaining(['TX. Buôn Hồ']));
    expect(get('66/2025').aliases).toEqual(
      expect.arrayContaining(['Đắk Lắk', 'Đăk Lăk', 'Dak Lak', 'Daklak']),
    );
    expect(get('22225/pre2025').aliases).toContain('Ea Bar');
  });

  it('dates the eras', () => {
    expect(get('24163/pre2025')).toMatchObject({ valid_from: null, valid_to: '2025-06-30' });
    expect(get('24163/2025')).toMatchObject({
      valid_from: '2025-07-01',
      valid_to: null,
      parent_uid: '66/2025',
    });
  });

  it('names the bad row in errors', () => {
    const dir = tempDir();
    for (const f of fs.readdirSync(ADMIN_UNITS))
      fs.copyFileSync(path.join(ADMIN_UNITS, f), path.join(dir, f));
    const file = path.join(dir, 'daklak-merge-2025.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(',24163,Xã Ea Tu,', ',99999,Xã Ea Tu,'));
    expect(() => buildGazetteer(dir)).toThrow(
      /daklak-merge-2025\.csv: line \d+: unknown old commune "99999"/,
    );
  });
});
