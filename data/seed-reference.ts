/** Loads the gazetteer and the topic taxonomy into the database; a no-op when they are already current. */
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';
import { loadTopics, loadUnits } from './reference/index.ts';

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export async function seedReference(db: Db): Promise<void> {
  const units = loadUnits();
  const topics = loadTopics();
  const version = fingerprint([units, topics]);
  await db.run(
    `CREATE TABLE IF NOT EXISTS reference_version (name VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL)`,
  );
  const current = await db.one<{ fingerprint: string }>(
    `SELECT fingerprint FROM reference_version WHERE name = 'reference'`,
  );
  if (current?.fingerprint === version) return;
  await db.transaction(async () => {
    await db.run('DELETE FROM unit_successors');
    await db.run('DELETE FROM units');
    await db.append(
      'units',
      units.map((u) => [
        u.uid,
        u.code,
        u.name,
        u.short_name,
        u.type,
        u.level,
        u.parent_uid,
        u.valid_from,
        u.valid_to,
        u.aliases,
      ]),
    );
    await db.append(
      'unit_successors',
      units.flatMap((u) => (u.successors ?? []).map((s) => [u.uid, s.uid, s.portion])),
    );
    for (const t of topics) {
      await db.run(
        `INSERT INTO topics (id, name_vi, name_en, keywords, sensitive, description_vi)
         VALUES ($id, $name_vi, $name_en, $keywords, $sensitive, $description_vi)
         ON CONFLICT (id) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en,
           keywords = excluded.keywords, sensitive = excluded.sensitive, description_vi = excluded.description_vi`,
        {
          id: t.id,
          name_vi: t.name_vi,
          name_en: t.name_en,
          keywords: t.keywords,
          sensitive: t.sensitive,
          description_vi: t.description_vi ?? null,
        },
      );
    }
    await db.run(
      `INSERT INTO reference_version VALUES ('reference', $v) ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint`,
      { v: version },
    );
  });
}
