import type { Queryable } from '../connection.ts';
import { isoDate, type TableSpec, versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';

const latest = `(SELECT m.value FROM benefit_measurements m WHERE m.org_id = t.org_id AND m.benefit_id = t.id
    ORDER BY m.measured_on DESC LIMIT 1)`;

export const benefits: TableSpec = {
  table: 'benefits',
  columns: {
    programId: 'program_id',
    projectId: 'project_id',
    name: 'name',
    description: 'description',
    measure: 'measure',
    unit: 'unit',
    baseline: 'baseline',
    target: 'target',
    targetDate: 'target_date',
    ownerId: 'owner_id',
    status: 'status',
  },
  // Measurements travel with the benefit: a handful per benefit, and every view charts them.
  select: `SELECT ${versionColumns}, t.program_id AS "programId", g.name AS "programName",
      t.project_id AS "projectId", p.name AS "projectName", p.stage AS "projectStage", t.name, t.description,
      t.measure, t.unit, t.baseline::float8 AS baseline, t.target::float8 AS target,
      ${isoDate('t.target_date')} AS "targetDate", t.owner_id AS "ownerId", u.name AS "ownerName", t.status,
      ${latest}::float8 AS "latestValue",
      CASE WHEN t.target = t.baseline THEN NULL
        ELSE ((${latest} - t.baseline) / (t.target - t.baseline))::float8 END AS progress,
      coalesce((SELECT json_agg(json_build_object('id', m.id, 'measuredOn', ${isoDate('m.measured_on')},
          'value', m.value::float8, 'note', m.note) ORDER BY m.measured_on)
        FROM benefit_measurements m WHERE m.org_id = t.org_id AND m.benefit_id = t.id), '[]'::json) AS measurements
    FROM benefits t
    LEFT JOIN programs g ON g.org_id = t.org_id AND g.id = t.program_id
    LEFT JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.owner_id`,
  sortable: { name: 't.name', targetDate: 't.target_date', status: 't.status', createdAt: 't.created_at' },
  searchable: ['t.name', 't.measure'],
};

export async function insertMeasurement(
  q: Queryable,
  orgId: string,
  benefitId: string,
  row: { measuredOn: string; value: number; note: string; recordedBy: string | null },
): Promise<string> {
  const id = uuidv7();
  await q.query(
    `INSERT INTO benefit_measurements (org_id, id, benefit_id, measured_on, value, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [orgId, id, benefitId, row.measuredOn, row.value, row.note, row.recordedBy],
  );
  return id;
}

export async function deleteMeasurement(
  q: Queryable,
  orgId: string,
  benefitId: string,
  measurementId: string,
): Promise<boolean> {
  const rows = await q.query(
    'DELETE FROM benefit_measurements WHERE org_id = $1 AND benefit_id = $2 AND id = $3 RETURNING id',
    [orgId, benefitId, measurementId],
  );
  return rows.length === 1;
}

/** A measurement changes the benefit's figures, so it moves the benefit's version (If-Match stays honest). */
export async function touchBenefit(
  q: Queryable,
  orgId: string,
  id: string,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE benefits SET version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 AND version = $3
     RETURNING id`,
    [orgId, id, version],
  );
  return rows.length === 1;
}
