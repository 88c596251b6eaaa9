import type { Database } from '../db/connection.ts';
import { loadActor } from './auth.ts';
import { listCandidates } from './optimization.ts';
import type { Actor } from './policy.ts';
import { createProposal, submitProposal, triageProposal } from './proposals.ts';
import { roleCatalog } from './resources.ts';
import { createScenario, optimizeScenario } from './scenarios.ts';
import { createScoringModel, saveEvaluation } from './scoring.ts';

/**
 * The intake demo: eleven proposals across the two portfolios at every step of triage, a scoring model
 * with objective alignment, value, risk and urgency, three evaluators who do not always agree, and two
 * 2027 scenarios for the Enterprise portfolio — a lean one and a growth one — already optimized.
 */

type Status = 'draft' | 'submitted' | 'in_triage' | 'accepted' | 'rejected' | 'deferred';

interface ProposalSpec {
  code: string;
  title: string;
  portfolio: 'enterprise' | 'energy';
  unit: 'dt' | 'ops' | 'ens';
  status: Status;
  start: number;
  months: number;
  /** Cost per month in thousands. */
  monthly: number;
  roles: [string, number][];
  objective: number;
  businessCase: string;
  benefits: string;
  risks: string;
  /** Scores by evaluator (Priya, Elena or Farid, Amara): [alignment, value, risk exposure, urgency]. */
  scores?: [number, number, number, number][];
  needs?: string;
}

const SPECS: ProposalSpec[] = [
  {
    code: 'PRO-001',
    title: 'Self-service customer portal',
    portfolio: 'enterprise',
    unit: 'dt',
    status: 'accepted',
    start: 0,
    months: 8,
    monthly: 110,
    roles: [
      ['Software engineer', 320],
      ['UX designer', 120],
    ],
    objective: 0,
    businessCase:
      'Customers call us for things they could do themselves: 41% of calls are balance, meter reading and tariff questions. A portal with those journeys takes that load off the contact centre and opens a digital sales channel.',
    benefits: '-30% call volume within a year; +8% digital sales through tariff upgrades.',
    risks: 'Identity verification depends on the CIAM work; adoption needs a marketing push.',
    scores: [
      [5, 5, 2, 4],
      [4, 5, 2, 4],
      [5, 4, 3, 5],
    ],
  },
  {
    code: 'PRO-002',
    title: 'Predictive maintenance for substations',
    portfolio: 'energy',
    unit: 'ens',
    status: 'accepted',
    start: 1,
    months: 10,
    monthly: 140,
    roles: [
      ['Electrical engineer', 240],
      ['Software engineer', 120],
    ],
    objective: 2,
    businessCase:
      'Sensors already on 60% of substations stream data nobody models. Failure prediction lets crews replace parts before outages instead of after.',
    benefits: '-25% outage minutes on monitored substations; fewer emergency call-outs.',
    risks: 'Sensor data quality varies by vendor; the model needs two winters of history.',
    scores: [
      [4, 4, 3, 3],
      [5, 5, 3, 4],
      [4, 3, 4, 3],
    ],
  },
  {
    code: 'PRO-003',
    title: 'Warehouse slotting optimization',
    portfolio: 'enterprise',
    unit: 'ops',
    status: 'in_triage',
    start: 2,
    months: 5,
    monthly: 60,
    roles: [['Business analyst', 140]],
    objective: 1,
    businessCase:
      'Pickers walk 11 km a shift. Re-slotting fast movers near dispatch cuts walking time and overtime.',
    benefits: '-12% picking hours; payback in 9 months.',
    risks: 'Needs clean velocity data from the WMS upgrade.',
    scores: [
      [3, 4, 2, 3],
      [3, 3, 2, 2],
    ],
  },
  {
    code: 'PRO-004',
    title: 'Mobile field-service app',
    portfolio: 'energy',
    unit: 'ens',
    status: 'submitted',
    start: 3,
    months: 7,
    monthly: 85,
    roles: [
      ['Mobile engineer', 260],
      ['Field technician', 60],
    ],
    objective: 2,
    businessCase:
      'Technicians still print work orders. An offline-first app with photos and signatures closes orders on site and feeds asset data back.',
    benefits: 'Work orders closed 2 days sooner; better asset records for the grid model.',
    risks: 'Coverage is poor in rural areas: offline sync must be robust.',
    scores: [
      [4, 3, 3, 4],
      [4, 4, 2, 4],
      [3, 4, 3, 3],
    ],
  },
  {
    code: 'PRO-005',
    title: 'Customer identity consolidation (CIAM)',
    portfolio: 'enterprise',
    unit: 'dt',
    status: 'accepted',
    start: 0,
    months: 6,
    monthly: 95,
    roles: [
      ['Identity engineer', 300],
      ['Software engineer', 80],
    ],
    objective: 0,
    businessCase:
      'Four customer logins across brands. One identity is the prerequisite for the portal and for consent management.',
    benefits: 'One login for every channel; GDPR consent in one place.',
    risks: 'Migration of 1.2M accounts; password resets at cut-over.',
    scores: [
      [4, 3, 3, 5],
      [4, 4, 4, 5],
      [5, 3, 3, 4],
    ],
  },
  {
    code: 'PRO-006',
    title: 'Robotic process automation for billing exceptions',
    portfolio: 'enterprise',
    unit: 'ops',
    status: 'submitted',
    start: 1,
    months: 4,
    monthly: 45,
    roles: [
      ['Business analyst', 100],
      ['Software engineer', 60],
    ],
    objective: 1,
    businessCase: 'Eight people re-key billing exceptions by hand. Bots handle the six most common types.',
    benefits: '-5 FTE of manual work; exceptions cleared the same day.',
    risks: 'Bots break when the billing screens change.',
    scores: [
      [3, 4, 3, 3],
      [2, 3, 4, 2],
      [3, 5, 2, 3],
    ],
  },
  {
    code: 'PRO-007',
    title: 'Data lakehouse migration',
    portfolio: 'enterprise',
    unit: 'dt',
    status: 'deferred',
    start: 4,
    months: 9,
    monthly: 160,
    roles: [['Software engineer', 400]],
    objective: 0,
    businessCase: 'The on-premise warehouse reaches end of support in 2028; move it to a lakehouse.',
    benefits: 'Lower run cost; one platform for analytics and machine learning.',
    risks: 'Large; overlaps with the customer data platform.',
  },
  {
    code: 'PRO-008',
    title: 'Smart meter analytics',
    portfolio: 'energy',
    unit: 'ens',
    status: 'draft',
    start: 5,
    months: 6,
    monthly: 70,
    roles: [['Software engineer', 140]],
    objective: 2,
    businessCase: 'Half-hourly meter data could show load hot spots on the low-voltage grid.',
    benefits: 'Target reinforcement where load grows; avoid blanket upgrades.',
    risks: 'Privacy review of half-hourly data.',
  },
  {
    code: 'PRO-009',
    title: 'Regulatory reporting automation',
    portfolio: 'enterprise',
    unit: 'ops',
    status: 'in_triage',
    start: 0,
    months: 4,
    monthly: 55,
    roles: [
      ['Business analyst', 120],
      ['Test engineer', 60],
    ],
    objective: 3,
    businessCase:
      'Quarterly regulator returns take three weeks of spreadsheet work and had two findings last year.',
    benefits: 'Returns in 3 days; an audit trail for every figure.',
    risks: 'The regulator changes the template in Q3.',
    scores: [
      [5, 3, 1, 5],
      [4, 3, 2, 5],
    ],
  },
  {
    code: 'PRO-010',
    title: 'Loyalty programme relaunch',
    portfolio: 'enterprise',
    unit: 'dt',
    status: 'rejected',
    start: 2,
    months: 6,
    monthly: 90,
    roles: [['Software engineer', 160]],
    objective: 0,
    businessCase: 'Relaunch the points programme with partner offers.',
    benefits: 'Retention up by an estimated 2 points.',
    risks: 'Weak evidence that points move retention in a regulated market.',
  },
  {
    code: 'PRO-011',
    title: 'Portal payments and direct debit',
    portfolio: 'enterprise',
    unit: 'dt',
    status: 'submitted',
    start: 3,
    months: 4,
    monthly: 70,
    roles: [
      ['Software engineer', 200],
      ['Test engineer', 80],
    ],
    objective: 0,
    businessCase: 'Once customers log in, let them pay and change direct debits without calling.',
    benefits: '-10% payment calls; fewer failed direct debits.',
    risks: 'PCI scope grows.',
    needs: 'PRO-001',
    scores: [
      [4, 4, 2, 3],
      [5, 4, 3, 3],
      [4, 5, 2, 3],
    ],
  },
];

const month = (k: number) => `2027-${String(k + 1).padStart(2, '0')}-01`;

export async function seedDemoIntake(
  db: Database,
  system: Actor,
  context: {
    orgId: string;
    units: Record<'dt' | 'ops' | 'ens', string>;
    portfolios: Record<'enterprise' | 'energy', string>;
    objectives: string[];
    person: (name: string) => string;
    adminId: string;
  },
): Promise<void> {
  const { orgId, person } = context;
  const roles = new Map(
    (await roleCatalog.list(db, system, { page: 1, pageSize: 100, order: 'asc' })).items.map((r) => [
      r.name,
      r.id,
    ]),
  );
  const actorOf = async (userId: string) => (await loadActor(db, orgId, userId)) as Actor;
  const priya = await actorOf(context.adminId);
  const elena = await actorOf(person('Elena Rossi'));
  const farid = await actorOf(person('Farid Haddad'));
  const amara = await actorOf(person('Amara Okafor'));
  const jonas = await actorOf(person('Jonas Weber'));

  const model = await createScoringModel(db, system, {
    name: 'Northwind strategic scoring 2027',
    description: 'Alignment with the strategy, value, risk (scored as exposure) and urgency, on a 1–5 scale.',
    active: true,
    scaleMin: 1,
    scaleMax: 5,
    criteria: [
      {
        name: 'Strategic alignment',
        kind: 'objective_alignment',
        objectiveId: context.objectives[0],
        weight: 3,
      },
      { name: 'Business value', kind: 'value', weight: 4 },
      { name: 'Delivery risk', kind: 'risk', weight: 2 },
      { name: 'Urgency', kind: 'urgency', weight: 1 },
    ],
    evaluatorIds: [person('Amara Okafor')],
  });

  const ids = new Map<string, string>();
  for (const spec of SPECS) {
    const submitter = spec.portfolio === 'energy' ? farid : elena;
    let proposal = await createProposal(db, submitter, {
      code: spec.code,
      title: spec.title,
      businessUnitId: context.units[spec.unit],
      portfolioId: context.portfolios[spec.portfolio],
      sponsorId: person(spec.portfolio === 'energy' ? 'Carla Mendes' : 'Amara Okafor'),
      businessCase: spec.businessCase,
      expectedBenefits: spec.benefits,
      keyRisks: spec.risks,
      proposedStart: month(spec.start),
      durationMonths: spec.months,
      objectives: [
        { objectiveId: context.objectives[spec.objective], contribution: 8 },
        ...(spec.objective === 3 ? [] : [{ objectiveId: context.objectives[3], contribution: 2 }]),
      ],
      costLines: Array.from({ length: spec.months }, (_, k) => ({
        period: month(spec.start + k),
        category: k === 0 ? 'capital' : 'labour',
        amount: spec.monthly * 1000 * (k === 0 ? 1.5 : 1),
      })).filter((line) => line.period <= '2027-12-01'),
      roleDemand: spec.roles.flatMap(([role, hours]) =>
        Array.from({ length: spec.months }, (_, k) => ({
          roleId: roles.get(role),
          period: month(spec.start + k),
          hours,
        })).filter((d) => d.roleId && d.period <= '2027-12-01'),
      ),
      dependencies: spec.needs ? [{ proposalId: ids.get(spec.needs) }] : [],
    });
    ids.set(spec.code, proposal.id);
    if (spec.status === 'draft') continue;
    proposal = await submitProposal(db, submitter, proposal.id, proposal.version);
    // Energy Services runs its own PMO (Jonas); the group PMO (Priya) triages the rest.
    const pmo = spec.portfolio === 'energy' ? jonas : priya;
    const notes: Record<string, string> = {
      in_triage: 'Checking the estimate with finance.',
      accepted: 'Strong fit with the 2027 strategy; accepted for the portfolio.',
      rejected: 'Benefits not evidenced; resubmit with a pilot.',
      deferred: 'Revisit after the customer data platform lands.',
    };
    if (
      spec.status === 'accepted' ||
      spec.status === 'rejected' ||
      spec.status === 'in_triage' ||
      spec.status === 'deferred'
    ) {
      if (spec.status !== 'in_triage')
        proposal = await triageProposal(db, pmo, proposal.id, proposal.version, { decision: 'in_triage' });
      proposal = await triageProposal(db, pmo, proposal.id, proposal.version, {
        decision: spec.status,
        note: notes[spec.status],
      });
    }
    const evaluators = [priya, spec.portfolio === 'energy' ? farid : elena, amara];
    for (const [k, scores] of (spec.scores ?? []).entries())
      await saveEvaluation(db, evaluators[k], {
        modelId: model.id,
        candidate: { type: 'proposal', id: proposal.id },
        scores: model.criteria.map((c, n) => ({
          criterionId: c.id,
          score: scores[n],
          comment: n === 2 && scores[n] >= 4 ? 'Delivery risk is high for this one' : '',
        })),
      });
  }

  // Limits are set from what the running projects already need, so the choice is among proposals.
  const horizon = { horizonStart: '2027-01-01', periods: 12, portfolioId: context.portfolios.enterprise };
  const candidates = await listCandidates(db, system, horizon);
  const running = candidates.items.filter((c) => c.candidateType === 'project');
  // Running work is scored too, so the optimizer weighs continuing it against new proposals.
  const clamp = (v: number) => Math.min(5, Math.max(1, v));
  for (const [i, project] of running.entries()) {
    const base = [2 + (i % 4), 3 + (i % 3), 1 + ((i * 3) % 5), 2 + ((i + 1) % 4)];
    for (const [k, evaluator] of [priya, elena].entries())
      await saveEvaluation(db, evaluator, {
        modelId: model.id,
        candidate: { type: 'project', id: project.candidateId },
        scores: model.criteria.map((c, n) => ({
          criterionId: c.id,
          score: clamp(base[n] + (k === 1 && n % 2 === 0 ? -1 : 0)),
        })),
      });
  }
  const engineer = roles.get('Software engineer') as string;
  const committed = (series: (c: (typeof running)[number]) => number[]) =>
    Array.from({ length: 12 }, (_, t) => running.reduce((s, c) => s + (series(c)[t] ?? 0), 0));
  const runningCost = committed((c) => c.cost);
  const runningHours = committed((c) => c.demand[engineer] ?? []);
  const round = (v: number) => Math.round(v / 10_000) * 10_000;
  const mandatoryRunning = running
    .filter((c) => c.status === 'execution')
    .map((c) => ({ candidate: { type: 'project' as const, id: c.candidateId }, mandatory: true }));
  const lean = await createScenario(db, priya, {
    name: 'Lean 2027',
    description:
      'Running work in execution continues; about 200k a month for new work and 500 engineer hours.',
    ...horizon,
    budget: runningCost.map((v) => round(v + 200_000)),
    capacity: { [engineer]: runningHours.map((h) => Math.round(h + 500)) },
    items: mandatoryRunning,
  });
  const growth = await createScenario(db, priya, {
    name: 'Growth 2027',
    description:
      'The board case: about 400k a month for new work, engineers from the partner, starts may move two months.',
    ...horizon,
    budget: runningCost.map((v) => round(v + 400_000)),
    capacity: { [engineer]: runningHours.map((h) => Math.round(h + 900)) },
    maxShift: 2,
    items: mandatoryRunning,
  });
  await optimizeScenario(db, priya, lean.id);
  await optimizeScenario(db, priya, growth.id);
}
