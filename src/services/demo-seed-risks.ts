import type { Database } from '../db/connection.ts';
import { systemActor } from './access.ts';
import { loadActor } from './auth.ts';
import { createEscalationRule, escalateIssue, escalateRisk } from './escalation.ts';
import { createIssue } from './issues.ts';
import { listProjects } from './projects.ts';
import { createRiskAction } from './risk-actions.ts';
import { createRisk, createRiskCategory } from './risks.ts';

type Impacts = [schedule: number, cost: number, scope: number, quality: number];

interface DemoRisk {
  project: string;
  title: string;
  cause: string;
  effect: string;
  probability: number;
  impacts: Impacts;
  category: string;
  strategy?: string;
  kind?: 'opportunity';
  residual?: number;
  shared?: string[];
  proximity?: string;
  escalate?: string;
  actions?: Array<{ title: string; due: string; status?: string }>;
}

const CATEGORIES = [
  { code: 'TEC', name: 'Technical' },
  { code: 'TEC.INT', name: 'Integration', parent: 'TEC' },
  { code: 'TEC.PERF', name: 'Performance', parent: 'TEC' },
  { code: 'EXT', name: 'External' },
  { code: 'EXT.SUP', name: 'Suppliers', parent: 'EXT' },
  { code: 'EXT.REG', name: 'Regulatory', parent: 'EXT' },
  { code: 'ORG', name: 'Organizational' },
  { code: 'ORG.RES', name: 'Resources', parent: 'ORG' },
  { code: 'PM', name: 'Project management' },
];

const RISKS: DemoRisk[] = [
  {
    project: 'CP-101',
    title: 'Identity provider migration slips',
    cause: 'The legacy SSO vendor ends support in March',
    effect: 'Portal launch waits for the new identity provider',
    probability: 0.55,
    impacts: [4, 3, 1, 2],
    category: 'TEC.INT',
    strategy: 'mitigate',
    residual: 0.25,
    shared: ['CP-102', 'CP-103'],
    proximity: '2027-01-15',
    escalate: 'Shared by three platform projects; needs one program-level decision on the vendor',
    actions: [
      { title: 'Run the IdP proof of concept', due: '2026-11-01' },
      { title: 'Sign the interim support extension', due: '2026-12-15' },
    ],
  },
  {
    project: 'CP-101',
    title: 'Accessibility audit finds blocking defects',
    cause: 'Design system not yet WCAG 2.2 checked',
    effect: 'Rework of core page templates',
    probability: 0.35,
    impacts: [3, 2, 2, 3],
    category: 'TEC',
    strategy: 'avoid',
    actions: [{ title: 'Book an early audit on the templates', due: '2026-12-20' }],
  },
  {
    project: 'CP-102',
    title: 'Payment gateway certification takes longer',
    cause: 'PCI re-certification queue at the acquirer',
    effect: 'Checkout go-live moves by a sprint or two',
    probability: 0.4,
    impacts: [3, 2, 1, 1],
    category: 'EXT.SUP',
    strategy: 'transfer',
  },
  {
    project: 'CP-103',
    title: 'Reuse the mobile design system for the portal',
    cause: 'The mobile team finished a compatible component library',
    effect: 'Front-end build effort drops',
    probability: 0.6,
    impacts: [3, 3, 1, 1],
    category: 'TEC',
    strategy: 'exploit',
    kind: 'opportunity',
  },
  {
    project: 'CP-104',
    title: 'Data migration quality below target',
    cause: 'Duplicate customer records across three CRMs',
    effect: 'Customers see wrong history; support load rises',
    probability: 0.7,
    impacts: [3, 3, 2, 5],
    category: 'TEC.INT',
    strategy: 'mitigate',
    residual: 0.3,
    actions: [
      { title: 'Profile and de-duplicate the CRM extracts', due: '2026-12-01', status: 'in_progress' },
    ],
  },
  {
    project: 'CP-105',
    title: 'Key architect leaves mid-project',
    cause: 'Single person holds the integration design',
    effect: 'Design decisions stall for weeks',
    probability: 0.2,
    impacts: [4, 2, 1, 2],
    category: 'ORG.RES',
    strategy: 'mitigate',
  },
  {
    project: 'CP-106',
    title: 'Cloud cost overrun at launch load',
    cause: 'Autoscaling limits not tuned',
    effect: 'Monthly run cost above the business case',
    probability: 0.45,
    impacts: [1, 4, 1, 1],
    category: 'TEC.PERF',
    strategy: 'mitigate',
  },
  {
    project: 'OX-201',
    title: 'Warehouse staff resist the new picking process',
    cause: 'Process designed without floor supervisors',
    effect: 'Productivity dips for a quarter',
    probability: 0.5,
    impacts: [2, 3, 2, 2],
    category: 'ORG',
    strategy: 'mitigate',
    shared: ['OX-202'],
  },
  {
    project: 'OX-202',
    title: 'ERP upgrade window collides with peak season',
    cause: 'Vendor moved the release date',
    effect: 'Cut-over postponed to January',
    probability: 0.65,
    impacts: [5, 3, 1, 2],
    category: 'EXT.SUP',
    strategy: 'avoid',
    escalate: 'Only the program can rebalance the Q4 change freeze',
  },
  {
    project: 'OX-203',
    title: 'Energy price cap lowers savings case',
    cause: 'Regulated energy tariffs fall',
    effect: 'Savings from the lighting retrofit shrink',
    probability: 0.3,
    impacts: [1, 3, 1, 1],
    category: 'EXT.REG',
    strategy: 'accept',
  },
  {
    project: 'OX-204',
    title: 'Supplier consolidation discount',
    cause: 'Two suppliers merging their catalogues',
    effect: 'Procurement savings above plan',
    probability: 0.4,
    impacts: [1, 4, 1, 1],
    category: 'EXT.SUP',
    strategy: 'enhance',
    kind: 'opportunity',
  },
  {
    project: 'OX-205',
    title: 'Robotic process automation licences late',
    cause: 'Framework agreement still in legal review',
    effect: 'Bots go live a month late',
    probability: 0.35,
    impacts: [3, 1, 1, 1],
    category: 'EXT.SUP',
    strategy: 'accept',
  },
  {
    project: 'GM-301',
    title: 'Substation outage windows refused by the grid operator',
    cause: 'Winter security-of-supply rules',
    effect: 'Sensor installation slips to spring',
    probability: 0.75,
    impacts: [5, 4, 2, 2],
    category: 'EXT.REG',
    strategy: 'mitigate',
    residual: 0.45,
    shared: ['GM-302', 'GM-303'],
    proximity: '2026-12-10',
    actions: [
      { title: 'Agree a rolling outage plan with the operator', due: '2026-11-10' },
      { title: 'Pre-stage crews for short windows', due: '2027-01-05' },
    ],
  },
  {
    project: 'GM-302',
    title: 'Sensor firmware fails field tests',
    cause: 'New radio module not certified for cold weather',
    effect: 'Return to vendor and re-test',
    probability: 0.4,
    impacts: [4, 3, 1, 4],
    category: 'TEC',
    strategy: 'transfer',
  },
  {
    project: 'GM-303',
    title: 'Skilled field technicians unavailable',
    cause: 'Contractors booked by competing utilities',
    effect: 'Crews run at two thirds of plan',
    probability: 0.55,
    impacts: [4, 3, 1, 2],
    category: 'ORG.RES',
    strategy: 'mitigate',
    escalate: 'Contractor frame agreement sits with the Energy Services PMO',
  },
  {
    project: 'GM-304',
    title: 'Regulatory incentive scheme extended',
    cause: 'Regulator consulting on extending the innovation allowance',
    effect: 'Extra funding for automation',
    probability: 0.35,
    impacts: [1, 4, 2, 1],
    category: 'EXT.REG',
    strategy: 'share',
    kind: 'opportunity',
  },
  {
    project: 'GM-305',
    title: 'Cyber-security review demands network redesign',
    cause: 'OT network segmentation below new standard',
    effect: 'Redesign of the telemetry backbone',
    probability: 0.3,
    impacts: [4, 4, 3, 3],
    category: 'EXT.REG',
    strategy: 'avoid',
  },
  {
    project: 'EN-401',
    title: 'Permitting for the battery site delayed',
    cause: 'Local planning committee adjourned',
    effect: 'Construction start moves by a quarter',
    probability: 0.5,
    impacts: [4, 2, 1, 1],
    category: 'EXT.REG',
    strategy: 'accept',
  },
  {
    project: 'EN-402',
    title: 'Transformer lead times exceed a year',
    cause: 'Global shortage of large transformers',
    effect: 'Commissioning slips; penalties on the connection offer',
    probability: 0.85,
    impacts: [5, 5, 1, 2],
    category: 'EXT.SUP',
    strategy: 'mitigate',
    residual: 0.5,
    shared: ['EN-401'],
  },
  {
    project: 'EN-403',
    title: 'Tariff study data incomplete',
    cause: 'Smart-meter data only for 60% of customers',
    effect: 'Study conclusions weaker',
    probability: 0.4,
    impacts: [2, 1, 2, 3],
    category: 'TEC',
    strategy: 'accept',
  },
  {
    project: 'IT-501',
    title: 'Mainframe decommissioning uncovers hidden batch jobs',
    cause: 'Undocumented jobs owned by finance',
    effect: 'Extra migration work and a parallel run',
    probability: 0.6,
    impacts: [3, 3, 2, 2],
    category: 'TEC.INT',
    strategy: 'mitigate',
    actions: [{ title: 'Inventory the batch schedule with finance', due: '2026-10-30' }],
  },
  {
    project: 'IT-502',
    title: 'Laptop refresh stock shortfall',
    cause: 'Chip supply allocation',
    effect: 'Refresh runs in two waves',
    probability: 0.3,
    impacts: [2, 1, 1, 1],
    category: 'EXT.SUP',
    strategy: 'accept',
  },
  {
    project: 'IT-503',
    title: 'Ransomware incident during the network upgrade',
    cause: 'Legacy VPN still exposed during cut-over',
    effect: 'Outage and recovery costs',
    probability: 0.1,
    impacts: [4, 5, 2, 4],
    category: 'TEC',
    strategy: 'avoid',
  },
  {
    project: 'IT-504',
    title: 'Licence true-up bill',
    cause: 'Unmanaged database installations',
    effect: 'Unbudgeted licence cost',
    probability: 0.5,
    impacts: [1, 4, 1, 1],
    category: 'PM',
    strategy: 'mitigate',
  },
  {
    project: 'OP-601',
    title: 'Fleet electrification grant approved early',
    cause: 'Government fast-tracks depot charging grants',
    effect: 'Earlier savings on fuel',
    probability: 0.45,
    impacts: [2, 3, 1, 1],
    category: 'EXT.REG',
    strategy: 'exploit',
    kind: 'opportunity',
  },
  {
    project: 'OP-602',
    title: 'Union consultation extends the rollout',
    cause: 'Shift pattern change needs formal consultation',
    effect: 'Rollout waits eight weeks',
    probability: 0.55,
    impacts: [3, 2, 1, 1],
    category: 'ORG',
    strategy: 'accept',
  },
];

const ISSUES = [
  {
    project: 'CP-104',
    title: 'Duplicate customers visible in the pilot',
    priority: 'high',
    fromRisk: 'Data migration quality below target',
    description: '4% of pilot customers see two accounts after the test load.',
    due: '2026-12-05',
  },
  {
    project: 'GM-301',
    title: 'December outage window cancelled',
    priority: 'critical',
    fromRisk: 'Substation outage windows refused by the grid operator',
    description: 'The operator withdrew the 8–12 December window for the north substations.',
    due: '2026-11-28',
    escalate: 'Crews idle; the program must re-sequence the sites',
  },
  {
    project: 'OX-201',
    title: 'Handheld scanners fail on the cold-store Wi-Fi',
    priority: 'medium',
    due: '2026-12-12',
  },
  {
    project: 'IT-501',
    title: 'Parallel run reconciliation differences',
    priority: 'high',
    due: '2026-11-15',
  },
  { project: 'CP-102', title: 'Test environment down twice a week', priority: 'low' },
];

/**
 * A realistic register over the demo projects: shared risks, escalated ones, issues that came from
 * risks that occurred, and response actions, one of them overdue.
 */
export async function seedDemoRisks(db: Database, orgId: string, person: (name: string) => string) {
  const system = systemActor(orgId, 'demo seed');
  const projects = new Map(
    (await listProjects(db, system, { page: 1, pageSize: 500, order: 'asc' })).items.map((p) => [p.code, p]),
  );
  const categories = new Map<string, string>();
  for (const category of CATEGORIES)
    categories.set(
      category.code,
      (
        await createRiskCategory(db, system, {
          code: category.code,
          name: category.name,
          parentId: category.parent ? categories.get(category.parent) : null,
        })
      ).id,
    );
  const owners = ['Kavya Nair', "Liam O'Brien", 'Maya Cohen', 'Nikolai Petrov', 'Olivia Brown', 'Pablo Ruiz'];
  const riskIds = new Map<string, string>();
  for (const [index, spec] of RISKS.entries()) {
    const project = projects.get(spec.project);
    if (!project) continue;
    const manager = project.managerId ? await loadActor(db, orgId, project.managerId) : null;
    const actor = manager ?? system;
    const [schedule, cost, scope, quality] = spec.impacts;
    // A shared risk links projects of other managers: the PMO raises it.
    const risk = await createRisk(db, spec.shared ? system : actor, {
      kind: spec.kind ?? 'threat',
      scopeType: 'project',
      scopeId: project.id,
      title: spec.title,
      cause: spec.cause,
      event: spec.title,
      effect: spec.effect,
      categoryId: categories.get(spec.category) ?? null,
      probability: spec.probability,
      impactSchedule: schedule,
      impactCost: cost,
      impactScope: scope,
      impactQuality: quality,
      residualProbability: spec.residual ?? null,
      residualImpactSchedule: spec.residual ? Math.max(1, schedule - 1) : null,
      strategy: spec.strategy ?? null,
      ownerId: person(owners[index % owners.length]),
      proximity: spec.proximity ?? null,
      trigger: spec.proximity ? `No resolution by ${spec.proximity}` : '',
      projectIds: (spec.shared ?? []).flatMap((code) => (projects.get(code) ? [projects.get(code)!.id] : [])),
    });
    riskIds.set(spec.title, risk.id);
    for (const action of spec.actions ?? [])
      await createRiskAction(db, actor, risk.id, {
        title: action.title,
        ownerId: person(owners[(index + 1) % owners.length]),
        dueDate: action.due,
        status: action.status ?? 'planned',
      });
    if (spec.escalate) await escalateRisk(db, actor, risk.id, { reason: spec.escalate });
  }
  for (const spec of ISSUES) {
    const project = projects.get(spec.project);
    if (!project) continue;
    const issue = await createIssue(db, system, {
      scopeType: 'project',
      scopeId: project.id,
      title: spec.title,
      description: spec.description ?? '',
      priority: spec.priority,
      ownerId: project.managerId,
      dueDate: spec.due ?? null,
      riskId: spec.fromRisk ? (riskIds.get(spec.fromRisk) ?? null) : null,
    });
    if (spec.escalate) await escalateIssue(db, system, issue.id, { reason: spec.escalate });
  }
  // Rules come last, so the register above shows manual escalations; later writes follow the rules.
  await createEscalationRule(db, system, {
    name: 'Red risks go to the program',
    kind: 'score_at_least',
    minScore: 20,
    fromLevel: 'project',
  });
  await createEscalationRule(db, system, {
    name: 'Actions two weeks late',
    kind: 'action_overdue',
    overdueDays: 14,
  });
}
