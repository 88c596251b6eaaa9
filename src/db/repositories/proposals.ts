import type { Queryable } from '../connection.ts';
import { isoDate, isoTimestamp, type TableSpec, versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';

/** Proposals and their business case detail: objectives, cost lines, role demand, dependencies. */

const objectivesOf = `COALESCE((SELECT json_agg(json_build_object('objectiveId', o.id, 'objectiveName', o.name,
      'contribution', po.contribution::float8) ORDER BY o.name)
    FROM proposal_objectives po JOIN strategic_objectives o ON o.org_id = po.org_id AND o.id = po.objective_id
    WHERE po.org_id = t.org_id AND po.proposal_id = t.id), '[]'::json)`;
const costLinesOf = `COALESCE((SELECT json_agg(json_build_object('period', ${isoDate('c.period')},
      'category', c.category, 'amount', c.amount::float8) ORDER BY c.period, c.category)
    FROM proposal_cost_lines c WHERE c.org_id = t.org_id AND c.proposal_id = t.id), '[]'::json)`;
const roleDemandOf = `COALESCE((SELECT json_agg(json_build_object('roleId', d.role_id, 'roleName', r.name,
      'period', ${isoDate('d.period')}, 'hours', d.hours::float8) ORDER BY r.name, d.period)
    FROM proposal_role_demand d JOIN resource_roles r ON r.org_id = d.org_id AND r.id = d.role_id
    WHERE d.org_id = t.org_id AND d.proposal_id = t.id), '[]'::json)`;
const dependenciesOf = `COALESCE((SELECT json_agg(json_build_object('proposalId', d.requires_proposal_id,
      'projectId', d.requires_project_id,
      'label', COALESCE(rp.code || ' ' || rp.title, pj.code || ' ' || pj.name)) ORDER BY d.id)
    FROM proposal_dependencies d
    LEFT JOIN proposals rp ON rp.org_id = d.org_id AND rp.id = d.requires_proposal_id
    LEFT JOIN projects pj ON pj.org_id = d.org_id AND pj.id = d.requires_project_id
    WHERE d.org_id = t.org_id AND d.proposal_id = t.id), '[]'::json)`;

export const proposals: TableSpec = {
  table: 'proposals',
  columns: {
    code: 'code',
    title: 'title',
    businessUnitId: 'business_unit_id',
    portfolioId: 'portfolio_id',
    programId: 'program_id',
    sponsorId: 'sponsor_id',
    submitterId: 'submitter_id',
    status: 'status',
    businessCase: 'business_case',
    expectedBenefits: 'expected_benefits',
    keyRisks: 'key_risks',
    proposedStart: 'proposed_start',
    durationMonths: 'duration_months',
    triageNote: 'triage_note',
    triagedById: 'triaged_by',
    triagedAt: 'triaged_at',
    projectId: 'project_id',
  },
  select: `SELECT ${versionColumns}, t.code, t.title,
      t.business_unit_id AS "businessUnitId", b.name AS "businessUnitName",
      t.portfolio_id AS "portfolioId", f.name AS "portfolioName", t.program_id AS "programId", g.name AS "programName",
      t.sponsor_id AS "sponsorId", s.name AS "sponsorName", t.submitter_id AS "submitterId", u.name AS "submitterName",
      t.status, t.business_case AS "businessCase", t.expected_benefits AS "expectedBenefits", t.key_risks AS "keyRisks",
      ${isoDate('t.proposed_start')} AS "proposedStart", t.duration_months AS "durationMonths",
      t.triage_note AS "triageNote", t.triaged_by AS "triagedById", tb.name AS "triagedByName",
      CASE WHEN t.triaged_at IS NULL THEN NULL ELSE ${isoTimestamp('t.triaged_at')} END AS "triagedAt",
      t.project_id AS "projectId",
      COALESCE((SELECT sum(c.amount) FROM proposal_cost_lines c WHERE c.org_id = t.org_id AND c.proposal_id = t.id), 0)::float8
        AS "totalCost",
      ${objectivesOf} AS objectives, ${costLinesOf} AS "costLines", ${roleDemandOf} AS "roleDemand",
      ${dependenciesOf} AS dependencies
    FROM proposals t
    LEFT JOIN business_units b ON b.org_id = t.org_id AND b.id = t.business_unit_id
    LEFT JOIN portfolios f ON f.org_id = t.org_id AND f.id = t.portfolio_id
    LEFT JOIN programs g ON g.org_id = t.org_id AND g.id = t.program_id
    LEFT JOIN users s ON s.org_id = t.org_id AND s.id = t.sponsor_id
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.submitter_id
    LEFT JOIN users tb ON tb.org_id = t.org_id AND tb.id = t.triaged_by`,
  sortable: {
    code: 't.code',
    title: 't.title',
    status: 't.status',
    proposedStart: 't.proposed_start',
    createdAt: 't.created_at',
    updatedAt: 't.updated_at',
  },
  searchable: ['t.code', 't.title', 't.business_case'],
};

export interface ProposalDetail {
  objectives: { objectiveId: string; contribution: number }[];
  costLines: { period: string; category: string; amount: number }[];
  roleDemand: { roleId: string; period: string; hours: number }[];
  dependencies: { proposalId: string | null; projectId: string | null }[];
}

/** Replaces whichever detail lists are given; an absent list is left as it is. */
export async function replaceProposalDetail(
  q: Queryable,
  orgId: string,
  proposalId: string,
  detail: Partial<ProposalDetail>,
): Promise<void> {
  const key = [orgId, proposalId];
  if (detail.objectives) {
    await q.query('DELETE FROM proposal_objectives WHERE org_id = $1 AND proposal_id = $2', key);
    for (const o of detail.objectives)
      await q.query(
        'INSERT INTO proposal_objectives (org_id, proposal_id, objective_id, contribution) VALUES ($1, $2, $3, $4)',
        [...key, o.objectiveId, o.contribution],
      );
  }
  if (detail.costLines) {
    await q.query('DELETE FROM proposal_cost_lines WHERE org_id = $1 AND proposal_id = $2', key);
    for (const l of detail.costLines)
      await q.query(
        'INSERT INTO proposal_cost_lines (org_id, proposal_id, period, category, amount) VALUES ($1, $2, $3, $4, $5)',
        [...key, l.period, l.category, l.amount],
      );
  }
  if (detail.roleDemand) {
    await q.query('DELETE FROM proposal_role_demand WHERE org_id = $1 AND proposal_id = $2', key);
    for (const d of detail.roleDemand)
      await q.query(
        'INSERT INTO proposal_role_demand (org_id, proposal_id, role_id, period, hours) VALUES ($1, $2, $3, $4, $5)',
        [...key, d.roleId, d.period, d.hours],
      );
  }
  if (detail.dependencies) {
    await q.query('DELETE FROM proposal_dependencies WHERE org_id = $1 AND proposal_id = $2', key);
    for (const d of detail.dependencies)
      await q.query(
        `INSERT INTO proposal_dependencies (org_id, id, proposal_id, requires_proposal_id, requires_project_id)
         VALUES ($1, $3, $2, $4, $5)`,
        [...key, uuidv7(), d.proposalId, d.projectId],
      );
  }
}

export async function setProposalStatus(
  q: Queryable,
  orgId: string,
  id: string,
  values: { status: string; triagedBy?: string | null; note?: string; projectId?: string },
): Promise<void> {
  await q.query(
    `UPDATE proposals SET status = $3, version = version + 1, updated_at = now(),
       triaged_by = CASE WHEN $4::boolean THEN $5::uuid ELSE triaged_by END,
       triaged_at = CASE WHEN $4::boolean THEN now() ELSE triaged_at END,
       triage_note = COALESCE($6, triage_note),
       project_id = COALESCE($7::uuid, project_id)
     WHERE org_id = $1 AND id = $2`,
    [
      orgId,
      id,
      values.status,
      values.triagedBy !== undefined,
      values.triagedBy ?? null,
      values.note ?? null,
      values.projectId ?? null,
    ],
  );
}
