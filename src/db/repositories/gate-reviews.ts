import type { GateReview } from '../../model/governance.ts';
import type { Queryable } from '../connection.ts';
import { isoTimestamp, type TableSpec, versionColumns } from '../sql.ts';

export type GateReviewRow = Omit<GateReview, 'results'>;

export const gateReviews: TableSpec = {
  table: 'gate_reviews',
  columns: {
    projectId: 'project_id',
    gateId: 'gate_id',
    status: 'status',
    decision: 'decision',
    reason: 'reason',
    decidedBy: 'decided_by',
    pmoReviewedBy: 'pmo_reviewed_by',
    pmoReviewNote: 'pmo_review_note',
    openedBy: 'opened_by',
  },
  select: `SELECT ${versionColumns}, t.project_id AS "projectId", t.gate_id AS "gateId", g.name AS "gateName",
      s.name AS "stageName", t.status, t.decision, t.reason, t.decided_by AS "decidedBy", d.name AS "decidedByName",
      ${isoTimestamp('t.decided_at')} AS "decidedAt", t.pmo_reviewed_by AS "pmoReviewedBy",
      p.name AS "pmoReviewedByName", ${isoTimestamp('t.pmo_reviewed_at')} AS "pmoReviewedAt",
      t.pmo_review_note AS "pmoReviewNote"
    FROM gate_reviews t
    JOIN lifecycle_gates g ON g.org_id = t.org_id AND g.id = t.gate_id
    JOIN lifecycle_stages s ON s.org_id = g.org_id AND s.id = g.stage_id
    LEFT JOIN users d ON d.org_id = t.org_id AND d.id = t.decided_by
    LEFT JOIN users p ON p.org_id = t.org_id AND p.id = t.pmo_reviewed_by`,
  sortable: { createdAt: 't.created_at' },
  searchable: [],
};

export async function listProjectReviews(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<GateReviewRow[]> {
  return q.query<GateReviewRow>(
    `${gateReviews.select} WHERE t.org_id = $1 AND t.project_id = $2 ORDER BY t.created_at DESC, t.id DESC`,
    [orgId, projectId],
  );
}

/** Each review's checklist: every criterion of its gate, with the result recorded so far (null when none). */
export async function loadResults(
  q: Queryable,
  orgId: string,
  reviews: ReadonlyArray<{ id: string; gateId: string }>,
): Promise<Map<string, GateReview['results']>> {
  const byReview = new Map<string, GateReview['results']>(reviews.map((review) => [review.id, []]));
  if (reviews.length === 0) return byReview;
  const rows = await q.query<GateReview['results'][number] & { reviewId: string }>(
    `SELECT r.id AS "reviewId", c.id AS "criterionId", c.kind, c.text, c.required, x.result,
       coalesce(x.evidence, '') AS evidence
     FROM gate_reviews r JOIN gate_criteria c ON c.org_id = r.org_id AND c.gate_id = r.gate_id
       AND (c.project_id IS NULL OR c.project_id = r.project_id)
     LEFT JOIN gate_review_results x ON x.org_id = r.org_id AND x.review_id = r.id AND x.criterion_id = c.id
     WHERE r.org_id = $1 AND r.id = ANY($2::uuid[]) ORDER BY r.id, c.position`,
    [orgId, reviews.map((review) => review.id)],
  );
  for (const { reviewId, ...result } of rows) byReview.get(reviewId)?.push(result);
  return byReview;
}

export async function upsertResults(
  q: Queryable,
  orgId: string,
  reviewId: string,
  results: ReadonlyArray<{ criterionId: string; result: string | null; evidence: string }>,
): Promise<void> {
  if (results.length === 0) return;
  await q.query(
    `INSERT INTO gate_review_results (org_id, review_id, criterion_id, result, evidence)
     SELECT $1, $2, x.criterion_id, x.result, x.evidence
     FROM unnest($3::uuid[], $4::text[], $5::text[]) AS x(criterion_id, result, evidence)
     ON CONFLICT (org_id, review_id, criterion_id) DO UPDATE SET result = EXCLUDED.result, evidence = EXCLUDED.evidence`,
    [
      orgId,
      reviewId,
      results.map((r) => r.criterionId),
      results.map((r) => r.result),
      results.map((r) => r.evidence),
    ],
  );
}

/** A recycled review's successor starts from the same checklist: the team fixes what was not met. */
export async function copyResults(q: Queryable, orgId: string, fromReviewId: string, toReviewId: string) {
  await q.query(
    `INSERT INTO gate_review_results (org_id, review_id, criterion_id, result, evidence)
     SELECT org_id, $3, criterion_id, result, evidence FROM gate_review_results WHERE org_id = $1 AND review_id = $2`,
    [orgId, fromReviewId, toReviewId],
  );
}

/** Closes the review with its decision; false when it was no longer open at `version`. */
export async function recordDecision(
  q: Queryable,
  orgId: string,
  reviewId: string,
  decision: { decision: string; reason: string; decidedBy: string | null },
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE gate_reviews SET status = 'decided', decision = $3, reason = $4, decided_by = $5, decided_at = now(),
       version = version + 1, updated_at = now()
     WHERE org_id = $1 AND id = $2 AND status = 'open' RETURNING id`,
    [orgId, reviewId, decision.decision, decision.reason, decision.decidedBy],
  );
  return rows.length === 1;
}

export async function recordPmoReview(
  q: Queryable,
  orgId: string,
  reviewId: string,
  reviewer: string | null,
  note: string,
): Promise<void> {
  await q.query(
    `UPDATE gate_reviews SET pmo_reviewed_by = $3, pmo_reviewed_at = now(), pmo_review_note = $4,
       version = version + 1, updated_at = now()
     WHERE org_id = $1 AND id = $2`,
    [orgId, reviewId, reviewer, note],
  );
}

/** The project's latest gate decision: where it stands follows from it (after the gate on a go, at it otherwise). */
export async function lastDecision(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<{ gateId: string; decision: string } | null> {
  const rows = await q.query<{ gateId: string; decision: string }>(
    `SELECT gate_id AS "gateId", decision FROM gate_reviews WHERE org_id = $1 AND project_id = $2 AND status = 'decided'
     ORDER BY decided_at DESC, id DESC LIMIT 1`,
    [orgId, projectId],
  );
  return rows[0] ?? null;
}

/** A review as it happened in the past (demo data and imports): decided when it was, with its checklist. */
export async function insertReviewHistory(
  q: Queryable,
  orgId: string,
  row: {
    id: string;
    projectId: string;
    gateId: string;
    decision: string | null;
    reason: string | null;
    decidedBy: string | null;
    at: string;
    results: ReadonlyArray<{ criterionId: string; result: string | null; evidence: string }>;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO gate_reviews (org_id, id, project_id, gate_id, status, decision, reason, decided_by, decided_at,
       opened_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $6::text IS NULL THEN NULL ELSE $9::timestamptz END,
       $8, $9::timestamptz - interval '7 days', $9::timestamptz)`,
    [
      orgId,
      row.id,
      row.projectId,
      row.gateId,
      row.decision ? 'decided' : 'open',
      row.decision,
      row.reason,
      row.decidedBy,
      row.at,
    ],
  );
  await upsertResults(q, orgId, row.id, row.results);
}
