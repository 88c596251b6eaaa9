import type { Database } from '../db/connection.ts';
import type { Project } from '../model/organization.ts';
import { createLesson, decideChangeProposal, proposeChange } from './lessons.ts';
import type { Actor } from './policy.ts';

/** The demo's lessons learned: from closures, terminations, gate reviews and everyday work. */
interface DemoLesson {
  code: string;
  title: string;
  body: string;
  category: string;
  kind: 'success' | 'problem' | 'recommendation';
  source: 'gate_review' | 'closure' | 'termination' | 'ad_hoc';
  tags: string[];
}

const LESSONS: DemoLesson[] = [
  {
    code: 'OX-204',
    title: 'Automate reconciliations before redesigning the close calendar',
    body: 'Shortening the calendar first only moved the overtime; the close got faster once bank and intercompany reconciliations ran nightly.',
    category: 'Planning',
    kind: 'success',
    source: 'closure',
    tags: ['finance', 'automation'],
  },
  {
    code: 'OX-205',
    title: 'Consult the works council before announcing staff transfers',
    body: 'The transfer plan was announced before consultation; the council asked for a hold and the project has waited since.',
    category: 'Stakeholders',
    kind: 'problem',
    source: 'gate_review',
    tags: ['transition', 'shared services', 'hr'],
  },
  {
    code: 'IT-504',
    title: 'One ticket taxonomy across all desks before consolidation',
    body: 'Three desks used three category trees; reporting was impossible until a joint taxonomy was agreed. Do it in planning.',
    category: 'Technical',
    kind: 'recommendation',
    source: 'closure',
    tags: ['service desk', 'itsm'],
  },
  {
    code: 'GM-305',
    title: 'Check the vendor roadmap before building a custom app',
    body: 'Six months into the custom field app, the workforce vendor released the same features in its standard product.',
    category: 'Procurement',
    kind: 'problem',
    source: 'termination',
    tags: ['vendor', 'build or buy', 'mobile'],
  },
  {
    code: 'EN-401',
    title: 'Confirm grid connection capacity before feasibility spend',
    body: 'A one-week capacity enquiry with the network operator at idea stage shows a constraint before a study starts.',
    category: 'Risk',
    kind: 'recommendation',
    source: 'gate_review',
    tags: ['grid connection', 'solar', 'regulator'],
  },
  {
    code: 'GM-302',
    title: 'Order substation transformers at initiation',
    body: 'Transformer lead times reached 60 weeks; ordering at the planning gate put the critical path on the supplier.',
    category: 'Procurement',
    kind: 'problem',
    source: 'gate_review',
    tags: ['transformer', 'long lead', 'substation'],
  },
  {
    code: 'CP-101',
    title: 'Weekly demos kept the sponsor close',
    body: 'A 30-minute demo every Friday replaced monthly steering packs and halved decision time.',
    category: 'Communication',
    kind: 'success',
    source: 'ad_hoc',
    tags: ['agile', 'sponsor'],
  },
  {
    code: 'CP-102',
    title: 'Test single sign-on with real partner tenants early',
    body: 'Federation with two partner tenants failed in user acceptance because test tenants had default claims.',
    category: 'Quality',
    kind: 'problem',
    source: 'gate_review',
    tags: ['sso', 'identity', 'testing'],
  },
];

export async function seedLessons(db: Database, system: Actor, byCode: Map<string, Project>): Promise<void> {
  let proposalLesson: string | null = null;
  for (const { code, ...lesson } of LESSONS) {
    const created = await createLesson(db, system, { ...lesson, projectId: byCode.get(code)?.id ?? null });
    if (code === 'GM-305') proposalLesson = created.id;
  }
  if (!proposalLesson) return;
  const proposal = await proposeChange(db, system, proposalLesson, {
    targetKind: 'checklist',
    targetReference: 'G0 Idea screening criteria',
    proposedText:
      'Add a required check: "Build or buy: the main vendors\' roadmaps reviewed for the same capability".',
  });
  await decideChangeProposal(db, system, proposal.id, proposal.version, {
    status: 'accepted',
    decisionNote: 'Goes into the next revision of the standard lifecycle.',
  });
}
