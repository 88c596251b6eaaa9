import type { Database } from '../../src/db/connection.ts';
import type { Project } from '../../src/model/organization.ts';
import { systemActor } from '../../src/services/access.ts';
import { getProject, updateProject } from '../../src/services/projects.ts';
import { createStatusReport } from '../../src/services/status-reports.ts';

/**
 * Stands in for the finance service's stored figures: the project's SPI and CPI as of a day.
 * (The finance engineer's service fills project_financials; these tests only read it.)
 */
export async function setFinancials(
  db: Database,
  orgId: string,
  projectId: string,
  figures: { spi: number | null; cpi: number | null; asOf?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO project_financials (org_id, project_id, as_of, spi, cpi) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_id, project_id) DO UPDATE SET as_of = EXCLUDED.as_of, spi = EXCLUDED.spi, cpi = EXCLUDED.cpi`,
    [orgId, projectId, figures.asOf ?? '2027-03-31', figures.spi, figures.cpi],
  );
}

/** Moves a project into execution, where it owes status reports. */
export async function startExecution(db: Database, orgId: string, project: Project): Promise<void> {
  const system = systemActor(orgId, 'test');
  const current = await getProject(db, system, project.id);
  await updateProject(db, system, project.id, current.version, { stage: 'execution' });
}

/** A complete report's fields: every rating as given (green by default) and a narrative. */
export function reportBody(
  overrides: Record<string, unknown> = {},
  rag: 'green' | 'amber' | 'red' = 'green',
): Record<string, unknown> {
  return {
    periodStart: '2027-03-01',
    periodEnd: '2027-03-31',
    overallRag: rag,
    scheduleRag: rag,
    costRag: rag,
    scopeRag: rag,
    resourcesRag: rag,
    riskRag: rag,
    qualityRag: rag,
    narrative: 'Steady progress on the main work packages.',
    achievements: 'Design signed off.',
    nextSteps: 'Start construction.',
    decisionsNeeded: '',
    ...overrides,
  };
}

export function draftReport(
  db: Database,
  orgId: string,
  projectId: string,
  overrides: Record<string, unknown> = {},
) {
  return createStatusReport(db, systemActor(orgId, 'test'), projectId, reportBody(overrides));
}
