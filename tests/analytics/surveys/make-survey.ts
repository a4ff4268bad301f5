/** Builds a small survey directly in the tables, for estimator tests that need exact designs. */
import type { Db } from '../../../data/db.ts';

export interface UnitSpec {
  id: string;
  weight: number;
  stratum?: string | null;
  cluster?: string | null;
  status?: string | null;
  answers: Record<string, string | number | null>;
}

export interface QuestionSpec {
  name: string;
  type: string;
  choices?: string[];
  label?: string;
}

export async function makeSurvey(
  db: Db,
  survey: string,
  questions: QuestionSpec[],
  units: UnitSpec[],
): Promise<void> {
  const now = new Date('2025-10-01T00:00:00Z');
  await db.run(
    `INSERT INTO surveys (name, title, weight_column, strata_column, cluster_column, created_at, updated_at)
     VALUES ($1, $2, 'w', 'h', 'c', $3, $3)`,
    [survey, `Test ${survey}`, now],
  );
  for (const [position, q] of questions.entries()) {
    await db.run(
      `INSERT INTO survey_questions VALUES ($1, $2, $3, CAST($4::JSON AS VARCHAR[]), $5, 'form', NULL,
         CAST($6::JSON AS VARCHAR[]), NULL, CAST('[]'::JSON AS VARCHAR[]), $7)`,
      [
        survey,
        q.name,
        q.label ?? q.name,
        JSON.stringify([q.label ?? q.name]),
        q.type,
        JSON.stringify(q.choices ?? []),
        position,
      ],
    );
    for (const [i, c] of (q.choices ?? []).entries()) {
      await db.run('INSERT INTO survey_choices VALUES ($1, $2, $3, $4, $5)', [
        survey,
        q.name,
        c,
        c.toUpperCase(),
        i,
      ]);
    }
  }
  await db.append(
    'survey_respondents',
    units.map((u, i) => [
      survey,
      u.id,
      new Date(Date.UTC(2025, 2, 10 + (i % 5), 3)),
      'v1',
      u.status ?? null,
      null,
      u.weight,
      u.stratum ?? null,
      u.cluster ?? null,
      'test',
      i + 2,
      now,
    ]),
  );
  await db.append(
    'survey_responses',
    units.flatMap((u) =>
      Object.entries(u.answers)
        .filter(([, v]) => v !== null)
        .map(([q, v]) => [survey, u.id, q, String(v), typeof v === 'number' ? v : null]),
    ),
  );
}
