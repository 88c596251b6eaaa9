import type { Database } from '../db/connection.ts';
import { findLogin, insertLoginEmail } from '../db/repositories/auth.ts';
import { users } from '../db/repositories/tables.ts';
import { insertRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { Role } from '../model/access.ts';
import { ensureOrganization, grantRoleAsSystem, systemActor } from './access.ts';
import { seedDemoCalendars } from './demo-seed-calendars.ts';
import { DEMO_PEOPLE as PEOPLE, DEMO_PROJECTS as PROJECTS } from './demo-seed-cast.ts';
import { seedChangeControl } from './demo-seed-changes.ts';
import { seedDemoFinance } from './demo-seed-finance.ts';
import { seedGovernanceDemo } from './demo-seed-governance.ts';
import { seedDemoIntake } from './demo-seed-intake.ts';
import { seedKnowledgeDemo } from './demo-seed-knowledge.ts';
import { seedLevelingDemo } from './demo-seed-leveling.ts';
import { seedDemoPlans } from './demo-seed-plans.ts';
import { seedDemoQuality } from './demo-seed-quality.ts';
import { seedDemoResources } from './demo-seed-resources.ts';
import { seedDemoRisks } from './demo-seed-risks.ts';
import { seedDemoRollups } from './demo-seed-rollups.ts';
import { seedScheduleRiskDemo } from './demo-seed-schedule-risk.ts';
import { seedStatusReports } from './demo-seed-status.ts';
import { audit } from './mutation.ts';
import { hashPassword } from './passwords.ts';
import { addProjectMember, createProject, listProjects, setProjectObjectives } from './projects.ts';
import { createBusinessUnit, createObjective, createPortfolio, createProgram } from './structure.ts';

export const DEMO_ORGANIZATION = 'Northwind Group';
export const DEMO_ADMIN_EMAIL = 'admin@northwind.example';
export const DEMO_PASSWORD = 'orrery-demo';

function emailOf(name: string): string {
  return `${name
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .replace(/ /g, '.')}@northwind.example`;
}

export interface DemoSeedResult {
  orgId: string;
  adminEmail: string;
  adminPassword: string;
  created: boolean;
}

/**
 * A believable organization to explore: three business units (Energy Services runs its own PMO),
 * two portfolios, three programs, 25 projects in every stage, and 40 people holding every role.
 * Running it again changes nothing.
 */
export async function seedDemo(db: Database): Promise<DemoSeedResult> {
  const result = { adminEmail: DEMO_ADMIN_EMAIL, adminPassword: DEMO_PASSWORD };
  const existing = await findLogin(db, DEMO_ADMIN_EMAIL);
  if (existing) {
    // The seed runs as many transactions; its last project marks a finished run.
    const last = PROJECTS[PROJECTS.length - 1].code;
    const page = await listProjects(db, systemActor(existing.orgId), {
      q: last,
      page: 1,
      pageSize: 1,
      order: 'asc',
    });
    if (page.total === 0)
      throw new Error(
        `the demo organization is incomplete (an earlier seed was interrupted); remove it (a new data directory) and seed again`,
      );
    return { ...result, orgId: existing.orgId, created: false };
  }

  const orgId = await ensureOrganization(db, DEMO_ORGANIZATION, 'USD');
  const system = systemActor(orgId, 'demo seed');
  // One hash for every demo account: scrypt is slow on purpose, and these accounts share a password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = new Map<string, string>();
  await db.transaction(async (tx) => {
    for (const [email, name] of [
      [DEMO_ADMIN_EMAIL, 'Priya Raman (PMO Director)'],
      ...PEOPLE.map((n) => [emailOf(n), n]),
    ]) {
      const id = uuidv7();
      await insertRow(tx, users, orgId, id, { email, name, passwordHash });
      await insertLoginEmail(tx, email, orgId, id);
      await audit(tx, system, 'user', id, 'create', null, { id, email, name });
      people.set(name, id);
    }
  });
  const person = (name: string) => people.get(name)!;
  const admin = people.get('Priya Raman (PMO Director)')!;

  const dt = await createBusinessUnit(db, system, {
    name: 'Digital & Technology',
    code: 'DT',
    pmoMode: 'centralized',
  });
  const ops = await createBusinessUnit(db, system, {
    name: 'Operations',
    code: 'OPS',
    pmoMode: 'centralized',
  });
  const ens = await createBusinessUnit(db, system, {
    name: 'Energy Services',
    code: 'ENS',
    pmoMode: 'decentralized',
  });
  const units = { dt: dt.id, ops: ops.id, ens: ens.id };

  const objectives = [
    await createObjective(db, system, {
      name: 'Grow digital revenue by 20%',
      weight: 35,
      ownerId: person('Amara Okafor'),
      measure: 'Digital revenue, year on year',
    }),
    await createObjective(db, system, {
      name: 'Reduce operating cost by 10%',
      weight: 25,
      ownerId: person('Ben Lindqvist'),
      measure: 'Opex against the 2025 baseline',
    }),
    await createObjective(db, system, {
      name: 'Modernize the grid for net zero',
      weight: 25,
      ownerId: person('Carla Mendes'),
      measure: 'Share of substations monitored remotely',
    }),
    await createObjective(db, system, {
      name: 'Stay fully compliant',
      weight: 15,
      ownerId: person('Dmitri Volkov'),
      measure: 'Open regulatory findings',
    }),
  ];

  const enterprise = await createPortfolio(db, system, {
    name: 'Enterprise Transformation',
    description: 'Change across Digital & Technology and Operations, governed by the group PMO.',
    managerId: person('Elena Rossi'),
  });
  const energy = await createPortfolio(db, system, {
    name: 'Energy Services Portfolio',
    description: "Energy Services' own portfolio, governed by its decentralized PMO.",
    businessUnitId: ens.id,
    managerId: person('Farid Haddad'),
  });
  const programs = {
    platform: await createProgram(db, system, {
      name: 'Customer Platform',
      portfolioId: enterprise.id,
      managerId: person('Grace Liu'),
      goal: 'One digital front door for every customer',
      expectedBenefits: '+15% digital sales; -30% call volume',
    }),
    excellence: await createProgram(db, system, {
      name: 'Operational Excellence',
      portfolioId: enterprise.id,
      managerId: person('Hiro Tanaka'),
      goal: 'Leaner, measurable operations',
      expectedBenefits: '-10% operating cost by 2027',
    }),
    grid: await createProgram(db, system, {
      name: 'Grid Modernization',
      portfolioId: energy.id,
      managerId: person('Ines Duarte'),
      goal: 'A monitored, automated distribution grid',
      expectedBenefits: '-25% outage minutes; regulatory incentive',
    }),
  };

  const grants: Array<
    [string, Role, 'organization' | 'business_unit' | 'portfolio' | 'program' | 'project', string | null]
  > = [
    [admin, 'pmo_admin', 'organization', null],
    [person('Amara Okafor'), 'executive_viewer', 'organization', null],
    [person('Ben Lindqvist'), 'executive_viewer', 'organization', null],
    [person('Jonas Weber'), 'pmo_admin', 'business_unit', ens.id],
    [person('Elena Rossi'), 'portfolio_manager', 'portfolio', enterprise.id],
    [person('Farid Haddad'), 'portfolio_manager', 'portfolio', energy.id],
    [person('Grace Liu'), 'program_manager', 'program', programs.platform.id],
    [person('Hiro Tanaka'), 'program_manager', 'program', programs.excellence.id],
    [person('Ines Duarte'), 'program_manager', 'program', programs.grid.id],
  ];
  const managers = PEOPLE.slice(10, 22);
  const sponsors = ['Amara Okafor', 'Ben Lindqvist', 'Carla Mendes', 'Dmitri Volkov'];
  const team = PEOPLE.slice(22);
  for (const [index, spec] of PROJECTS.entries()) {
    const manager = person(managers[index % managers.length]);
    const portfolio = spec.unit === 'ens' ? energy : enterprise;
    const project = await createProject(db, system, {
      code: spec.code,
      name: spec.name,
      description: `${spec.name}: ${spec.stage.replace('_', ' ')} stage, ${spec.methodology} delivery.`,
      managerId: manager,
      sponsorId: person(sponsors[index % sponsors.length]),
      businessUnitId: units[spec.unit],
      portfolioId: portfolio.id,
      programId: spec.program ? programs[spec.program].id : null,
      stage: spec.stage,
      methodology: spec.methodology,
      targetStart: spec.start,
      targetFinish: spec.finish,
      budget: spec.budget,
      priority: 100 - index * 3,
      health: spec.health,
    });
    grants.push([manager, 'project_manager', 'project', project.id]);
    const served = [objectives[spec.unit === 'ens' ? 2 : spec.unit === 'ops' ? 1 : 0], objectives[3]];
    await setProjectObjectives(db, system, project.id, {
      items: served.map((objective, rank) => ({
        objectiveId: objective.id,
        contribution: rank === 0 ? 8 - (index % 4) : 3,
      })),
    });
    await addProjectMember(db, system, project.id, { userId: manager, memberRole: 'project manager' });
    for (const offset of [0, 1, 2]) {
      const member = person(team[(index + offset * 7) % team.length]);
      await addProjectMember(db, system, project.id, { userId: member, memberRole: 'team member' });
      grants.push([member, 'team_member', 'project', project.id]);
    }
  }
  await db.transaction(async (tx) => {
    const seen = new Set<string>();
    for (const [userId, role, scopeType, scopeId] of grants) {
      const key = `${userId}/${role}/${scopeId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await grantRoleAsSystem(tx, orgId, { userId, role, scopeType, scopeId });
    }
  });
  await seedDemoPlans(db, system);
  await seedDemoRisks(db, orgId, person);
  await seedChangeControl(db, orgId);
  await seedScheduleRiskDemo(db, system, orgId);
  await seedLevelingDemo(db, system, orgId);
  await seedDemoResources(db, system, units);
  const today = new Date().toISOString().slice(0, 10);
  await seedDemoCalendars(db, system, today);
  await seedGovernanceDemo(db, system, orgId, units, admin);
  // Money before status reports: a report's indicators read the stored earned-value figures.
  await seedDemoFinance(db, system, orgId, today);
  // Maturity assessments set reporting cadences by oversight; the status seed then sets the
  // cadences its story needs and flags what is late, so it comes after.
  await seedDemoQuality(db, system, DEMO_ADMIN_EMAIL);
  await seedStatusReports(db, orgId);
  await seedDemoIntake(db, system, {
    orgId,
    units,
    portfolios: { enterprise: enterprise.id, energy: energy.id },
    objectives: objectives.map((o) => o.id),
    person,
    adminId: admin,
  });
  await seedKnowledgeDemo(db, system);
  // Last: it fills stored figures only for projects the money seed left without any.
  await seedDemoRollups(db, orgId);
  return { ...result, orgId, created: true };
}
