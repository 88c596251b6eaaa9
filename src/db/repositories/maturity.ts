import type { Queryable } from '../connection.ts';
import { isoDate, type TableSpec, versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';
import { projectOversightCte, standardApplies } from './quality.ts';

export const questionnaires: TableSpec = {
  table: 'maturity_questionnaires',
  columns: { name: 'name', description: 'description', frozen: 'frozen' },
  select: `SELECT ${versionColumns}, t.name, t.description, t.frozen,
      coalesce((SELECT json_agg(json_build_object('id', q.id, 'position', q.position,
          'knowledgeArea', q.knowledge_area, 'text', q.text) ORDER BY q.position)
        FROM maturity_questions q WHERE q.org_id = t.org_id AND q.questionnaire_id = t.id), '[]'::json) AS questions
    FROM maturity_questionnaires t`,
  sortable: { name: 't.name', createdAt: 't.created_at' },
  searchable: ['t.name', 't.description'],
};

/** The oversight an assessment's level earns under the organization's policy (defaults 3 and 4). */
const oversightOfLevel = `CASE WHEN t.level < coalesce(op.standard_from, 3) THEN 'intensive'
    WHEN t.level >= coalesce(op.light_from, 4) THEN 'light' ELSE 'standard' END`;

export const assessments: TableSpec = {
  table: 'maturity_assessments',
  columns: {
    questionnaireId: 'questionnaire_id',
    subjectType: 'subject_type',
    subjectUserId: 'subject_user_id',
    subjectProjectId: 'subject_project_id',
    assessorId: 'assessor_id',
    assessedOn: 'assessed_on',
    score: 'score',
    level: 'level',
    notes: 'notes',
  },
  select: `SELECT ${versionColumns}, t.questionnaire_id AS "questionnaireId", qn.name AS "questionnaireName",
      t.subject_type AS "subjectType", t.subject_user_id AS "subjectUserId", t.subject_project_id AS "subjectProjectId",
      coalesce(su.name, sp.code || ' ' || sp.name || ' team') AS "subjectName",
      t.assessor_id AS "assessorId", au.name AS "assessorName", ${isoDate('t.assessed_on')} AS "assessedOn",
      t.score::float8 AS score, t.level, ${oversightOfLevel} AS oversight, t.notes,
      coalesce((SELECT json_agg(json_build_object('knowledgeArea', x.area, 'mean', x.mean) ORDER BY x.area)
        FROM (SELECT q.knowledge_area AS area, round(avg(a.score), 2)::float8 AS mean
              FROM maturity_answers a JOIN maturity_questions q ON q.org_id = a.org_id AND q.id = a.question_id
              WHERE a.org_id = t.org_id AND a.assessment_id = t.id GROUP BY q.knowledge_area) x), '[]'::json) AS areas
    FROM maturity_assessments t
    JOIN maturity_questionnaires qn ON qn.org_id = t.org_id AND qn.id = t.questionnaire_id
    LEFT JOIN users su ON su.org_id = t.org_id AND su.id = t.subject_user_id
    LEFT JOIN projects sp ON sp.org_id = t.org_id AND sp.id = t.subject_project_id
    LEFT JOIN users au ON au.org_id = t.org_id AND au.id = t.assessor_id
    LEFT JOIN oversight_policies op ON op.org_id = t.org_id`,
  sortable: { assessedOn: 't.assessed_on', level: 't.level', createdAt: 't.created_at' },
  searchable: ['su.name', 'sp.name', 't.notes'],
};

export const mentorships: TableSpec = {
  table: 'mentorships',
  columns: {
    mentorId: 'mentor_id',
    menteeId: 'mentee_id',
    goals: 'goals',
    startsOn: 'starts_on',
    endsOn: 'ends_on',
    status: 'status',
  },
  select: `SELECT ${versionColumns}, t.mentor_id AS "mentorId", mr.name AS "mentorName", t.mentee_id AS "menteeId",
      me.name AS "menteeName", t.goals, ${isoDate('t.starts_on')} AS "startsOn", ${isoDate('t.ends_on')} AS "endsOn",
      t.status, (SELECT count(*)::int FROM mentoring_sessions s WHERE s.org_id = t.org_id AND s.mentorship_id = t.id) AS sessions
    FROM mentorships t
    JOIN users mr ON mr.org_id = t.org_id AND mr.id = t.mentor_id
    JOIN users me ON me.org_id = t.org_id AND me.id = t.mentee_id`,
  sortable: { startsOn: 't.starts_on', createdAt: 't.created_at' },
  searchable: ['mr.name', 'me.name', 't.goals'],
};

export const mentoringSessions: TableSpec = {
  table: 'mentoring_sessions',
  columns: { mentorshipId: 'mentorship_id', heldOn: 'held_on', notes: 'notes', followUps: 'follow_ups' },
  select: `SELECT ${versionColumns}, t.mentorship_id AS "mentorshipId", ${isoDate('t.held_on')} AS "heldOn", t.notes,
      t.follow_ups AS "followUps"
    FROM mentoring_sessions t`,
  sortable: { heldOn: 't.held_on' },
  searchable: ['t.notes'],
};

export const oversightPolicies: TableSpec = {
  table: 'oversight_policies',
  columns: {
    standardFrom: 'standard_from',
    lightFrom: 'light_from',
    intensiveCadence: 'intensive_cadence',
    standardCadence: 'standard_cadence',
    lightCadence: 'light_cadence',
    intensiveGates: 'intensive_gates',
    standardGates: 'standard_gates',
    lightGates: 'light_gates',
  },
  select: `SELECT t.id, t.version, t.standard_from AS "standardFrom", t.light_from AS "lightFrom",
      t.intensive_cadence AS "intensiveCadence", t.standard_cadence AS "standardCadence",
      t.light_cadence AS "lightCadence", t.intensive_gates AS "intensiveGates",
      t.standard_gates AS "standardGates", t.light_gates AS "lightGates"
    FROM oversight_policies t`,
  sortable: { id: 't.id' },
  searchable: [],
};

export async function policyIdOf(q: Queryable, orgId: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>('SELECT id FROM oversight_policies WHERE org_id = $1', [orgId]);
  return rows[0]?.id ?? null;
}

export async function replaceQuestions(
  q: Queryable,
  orgId: string,
  questionnaireId: string,
  questions: ReadonlyArray<{ knowledgeArea: string; text: string }>,
) {
  await q.query('DELETE FROM maturity_questions WHERE org_id = $1 AND questionnaire_id = $2', [
    orgId,
    questionnaireId,
  ]);
  for (const [index, question] of questions.entries())
    await q.query(
      `INSERT INTO maturity_questions (org_id, id, questionnaire_id, position, knowledge_area, text)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [orgId, uuidv7(), questionnaireId, index + 1, question.knowledgeArea, question.text],
    );
}

export async function insertAnswers(
  q: Queryable,
  orgId: string,
  assessmentId: string,
  answers: ReadonlyArray<{ questionId: string; score: number }>,
) {
  for (const answer of answers)
    await q.query(
      'INSERT INTO maturity_answers (org_id, assessment_id, question_id, score) VALUES ($1, $2, $3, $4)',
      [orgId, assessmentId, answer.questionId, answer.score],
    );
}

export async function freezeQuestionnaire(q: Queryable, orgId: string, id: string) {
  await q.query(
    'UPDATE maturity_questionnaires SET frozen = true WHERE org_id = $1 AND id = $2 AND NOT frozen',
    [orgId, id],
  );
}

export async function projectsManagedBy(q: Queryable, orgId: string, userId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM projects WHERE org_id = $1 AND manager_id = $2',
    [orgId, userId],
  );
  return rows.map((row) => row.id);
}

export interface OversightRow {
  projectId: string;
  managerId: string | null;
  level: number | null;
  oversight: 'intensive' | 'standard' | 'light';
}

export async function oversightOfProjects(q: Queryable, orgId: string, projectId: string | null) {
  return q.query<OversightRow>(
    `WITH ${projectOversightCte}
     SELECT project_id AS "projectId", manager_id AS "managerId", level, oversight FROM project_oversight
     WHERE $2::uuid IS NULL OR project_id = $2::uuid`,
    [orgId, projectId],
  );
}

export async function standardsApplyingTo(q: Queryable, orgId: string, projectId: string) {
  return q.query<{ id: string; code: string; name: string }>(
    `WITH ${projectOversightCte}
     SELECT s.id, s.code, s.name FROM projects p
     JOIN project_oversight o ON o.project_id = p.id
     JOIN quality_standards s ON s.org_id = p.org_id AND ${standardApplies}
     WHERE p.org_id = $1 AND p.id = $2 ORDER BY s.code`,
    [orgId, projectId],
  );
}

export interface ManagerMaturity {
  userId: string;
  name: string;
  projects: number;
  level: number | null;
  assessedOn: string | null;
}

/** Everyone who manages a project, with their latest assessed level. */
export async function projectManagersWithLevels(q: Queryable, orgId: string): Promise<ManagerMaturity[]> {
  return q.query<ManagerMaturity>(
    `SELECT u.id AS "userId", u.name, count(p.id)::int AS projects, lv.level, ${isoDate('lv.assessed_on')} AS "assessedOn"
     FROM users u JOIN projects p ON p.org_id = u.org_id AND p.manager_id = u.id
     LEFT JOIN LATERAL (SELECT a.level, a.assessed_on FROM maturity_assessments a
       WHERE a.org_id = u.org_id AND a.subject_type = 'user' AND a.subject_user_id = u.id
       ORDER BY a.assessed_on DESC, a.created_at DESC LIMIT 1) lv ON true
     WHERE u.org_id = $1 GROUP BY u.id, u.name, lv.level, lv.assessed_on ORDER BY u.name`,
    [orgId],
  );
}
