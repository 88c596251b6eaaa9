import type { Database } from '../db/connection.ts';
import { insertReviewHistory } from '../db/repositories/gate-reviews.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { Lifecycle } from '../model/governance.ts';
import type { Project } from '../model/organization.ts';
import { addMeasurement, createBenefit } from './benefits.ts';
import { seedLessons } from './demo-seed-lessons.ts';
import { createLifecycle } from './lifecycles.ts';
import type { Actor } from './policy.ts';
import { listProjects } from './projects.ts';

/**
 * The governance demo: the organization's standard lifecycle (Idea → Closed, gates G0–G4), Energy
 * Services' own stricter one, review histories that match each project's stage, program and project
 * benefits measured over time (closed projects included), and lessons learned with a proposal.
 */

const check = (text: string, required = true) => ({ kind: 'check' as const, text, required });
const doc = (text: string, required = true) => ({ kind: 'document' as const, text, required });

function standardStages(strict: boolean) {
  return [
    {
      name: 'Idea',
      projectStage: 'proposal' as const,
      gate: {
        name: 'G0 Idea screening',
        deciderRole: 'portfolio_manager' as const,
        pmoReviewRequired: false,
        criteria: [
          doc('One-page idea brief with problem, outcome and sponsor'),
          check('Strategic objective named and contribution estimated'),
          check('Rough order of magnitude cost (±50%)', false),
        ],
      },
    },
    {
      name: 'Initiation',
      projectStage: 'initiation' as const,
      gate: {
        name: strict ? 'G1 Investment decision' : 'G1 Charter approval',
        deciderRole: (strict ? 'pmo' : 'portfolio_manager') as 'pmo' | 'portfolio_manager',
        pmoReviewRequired: strict,
        criteria: [
          doc('Business case with benefits, costs and options'),
          doc('Project charter signed by the sponsor'),
          check('Initial risk register reviewed with the PMO'),
          ...(strict ? [doc('Regulatory impact assessment')] : []),
        ],
      },
    },
    {
      name: 'Planning',
      projectStage: 'planning' as const,
      gate: {
        name: 'G2 Baseline approval',
        deciderRole: 'program_manager' as const,
        pmoReviewRequired: strict,
        criteria: [
          doc('Schedule baseline saved'),
          doc('Budget by category and month'),
          check('Key resources booked (hard bookings)'),
          check('Procurement strategy agreed', false),
        ],
      },
    },
    {
      name: 'Execution',
      projectStage: 'execution' as const,
      gate: {
        name: 'G3 Ready for handover',
        deciderRole: 'program_manager' as const,
        pmoReviewRequired: false,
        criteria: [
          check('Acceptance tests passed'),
          doc('Operations handover plan signed by the receiving unit'),
          check('Open change requests closed or transferred'),
        ],
      },
    },
    {
      name: 'Closing',
      projectStage: 'closing' as const,
      gate: {
        name: 'G4 Close-out',
        deciderRole: 'pmo' as const,
        pmoReviewRequired: false,
        criteria: [
          doc('Closure report with final cost and schedule variance'),
          check('Lessons learned captured'),
          check('Benefits owner and measurement plan confirmed'),
        ],
      },
    },
    { name: 'Closed', projectStage: 'closed' as const, gate: null },
  ];
}

const REASONS = [
  'Criteria met; the sponsor confirmed the business case.',
  'Charter and business case approved; proceed with planning.',
  'Baseline, budget and key bookings are in place.',
  'Acceptance passed; operations ready to receive.',
  'Closure report accepted; benefits handed to the owner.',
];

const STAGE_ORDER = ['proposal', 'initiation', 'planning', 'execution', 'closing', 'closed'];

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}

/** Gate history consistent with where each project stands; a few open reviews, one hold, one termination. */
async function seedReviews(
  db: Database,
  orgId: string,
  projects: Project[],
  lifecycles: Map<string, Lifecycle>,
  pmo: string,
) {
  for (const [index, project] of projects.entries()) {
    const lifecycle = lifecycles.get(project.businessUnitId) ?? lifecycles.get('org');
    if (!lifecycle) continue;
    const stages = lifecycle.stages;
    const passed =
      project.stage === 'on_hold'
        ? 2
        : project.stage === 'terminated'
          ? 1
          : STAGE_ORDER.indexOf(project.stage);
    const decider = project.managerId ?? pmo;
    for (let g = 0; g < passed; g += 1) {
      const gate = stages[g]?.gate;
      if (!gate) break;
      await insertReviewHistory(db, orgId, {
        id: uuidv7(),
        projectId: project.id,
        gateId: gate.id,
        decision: 'go',
        reason: REASONS[g] ?? 'Criteria met.',
        decidedBy: gate.deciderRole === 'pmo' ? pmo : decider,
        at: daysAgo(40 * (passed - g) + (index % 9)),
        results: gate.criteria.map((c) => ({
          criterionId: c.id,
          result: c.required ? 'met' : 'waived',
          evidence: '',
        })),
      });
    }
    const next = stages[passed]?.gate;
    if (!next) continue;
    const results = next.criteria.map((c, i) => ({
      criterionId: c.id,
      result: i === 0 ? 'met' : null,
      evidence: i === 0 ? 'Filed in the project library' : '',
    }));
    if (project.stage === 'on_hold')
      await insertReviewHistory(db, orgId, {
        id: uuidv7(),
        projectId: project.id,
        gateId: next.id,
        decision: 'hold',
        reason: 'Works council consultation on the staff transfer is pending; resume once it is agreed.',
        decidedBy: pmo,
        at: daysAgo(12),
        results,
      });
    else if (project.stage === 'terminated')
      await insertReviewHistory(db, orgId, {
        id: uuidv7(),
        projectId: project.id,
        gateId: next.id,
        decision: 'terminate',
        reason:
          'The workforce vendor now ships field mobility in its standard platform; a custom app is no longer worth building.',
        decidedBy: pmo,
        at: daysAgo(30),
        results,
      });
    else if (['planning', 'initiation', 'execution'].includes(project.stage) && index % 3 === 0)
      await insertReviewHistory(db, orgId, {
        id: uuidv7(),
        projectId: project.id,
        gateId: next.id,
        decision: null,
        reason: null,
        decidedBy: null,
        at: daysAgo(2),
        results,
      });
  }
}

type Measured = [measuredOn: string, value: number];

async function benefit(
  db: Database,
  system: Actor,
  values: Record<string, unknown>,
  measurements: Measured[],
): Promise<void> {
  let current = await createBenefit(db, system, values);
  for (const [measuredOn, value] of measurements)
    current = await addMeasurement(db, system, current.id, current.version, { measuredOn, value });
}

export async function seedGovernanceDemo(
  db: Database,
  system: Actor,
  orgId: string,
  units: { ens: string },
  pmo: string,
): Promise<void> {
  const standard = await createLifecycle(db, system, {
    name: 'Standard project lifecycle',
    description: 'Five gates from idea to closure; the portfolio decides investment, the PMO closes.',
    stages: standardStages(false),
  });
  const energy = await createLifecycle(db, system, {
    name: 'Energy Services asset lifecycle',
    description: 'Regulated assets: the PMO decides the investment and reviews every baseline.',
    businessUnitId: units.ens,
    stages: standardStages(true),
  });
  const projects = (await listProjects(db, system, { page: 1, pageSize: 500, order: 'asc', sort: 'code' }))
    .items;
  const byCode = new Map(projects.map((p) => [p.code, p]));
  await seedReviews(
    db,
    orgId,
    projects,
    new Map([
      ['org', standard],
      [units.ens, energy],
    ]),
    pmo,
  );

  const project = (code: string) => byCode.get(code);
  const cp = project('CP-101');
  const ox = project('OX-204');
  const gm = project('GM-302');
  const sd = project('IT-504');
  if (cp?.programId)
    await benefit(
      db,
      system,
      {
        programId: cp.programId,
        name: 'Digital self-service share',
        measure: 'Share of customer requests completed online',
        unit: '%',
        baseline: 34,
        target: 70,
        targetDate: '2027-12-31',
        ownerId: cp.sponsorId,
        status: 'tracking',
      },
      [
        ['2026-03-31', 36],
        ['2026-06-30', 41],
        ['2026-09-30', 47],
      ],
    );
  if (ox)
    await benefit(
      db,
      system,
      {
        projectId: ox.id,
        name: 'Faster month-end close',
        measure: 'Working days from month end to closed books',
        unit: 'days',
        baseline: 9,
        target: 4,
        targetDate: '2027-06-30',
        ownerId: ox.sponsorId,
        status: 'tracking',
      },
      [
        ['2026-01-31', 8],
        ['2026-04-30', 7],
        ['2026-07-31', 5.5],
        ['2026-10-31', 5],
      ],
    );
  if (ox?.programId)
    await benefit(
      db,
      system,
      {
        programId: ox.programId,
        name: 'Operating cost reduction',
        measure: 'Annualised run-rate savings',
        unit: 'USD m',
        baseline: 0,
        target: 12,
        targetDate: '2027-12-31',
        ownerId: ox.sponsorId,
        status: 'at_risk',
      },
      [
        ['2026-03-31', 1.2],
        ['2026-06-30', 2.1],
        ['2026-09-30', 2.6],
      ],
    );
  if (gm?.programId)
    await benefit(
      db,
      system,
      {
        programId: gm.programId,
        name: 'Fewer customer minutes lost',
        measure: 'Customer minutes lost per customer per year',
        unit: 'min',
        baseline: 68,
        target: 50,
        targetDate: '2028-12-31',
        ownerId: gm.sponsorId,
        status: 'tracking',
      },
      [
        ['2026-06-30', 66],
        ['2026-09-30', 63],
      ],
    );
  if (sd)
    await benefit(
      db,
      system,
      {
        projectId: sd.id,
        name: 'First-contact resolution',
        measure: 'Tickets resolved in the first contact',
        unit: '%',
        baseline: 55,
        target: 75,
        targetDate: '2027-03-31',
        ownerId: sd.sponsorId,
        status: 'achieved',
      },
      [
        ['2026-02-28', 62],
        ['2026-05-31', 71],
        ['2026-08-31', 76],
      ],
    );
  await seedLessons(db, system, byCode);
}
