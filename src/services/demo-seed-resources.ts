import type { Database } from '../db/connection.ts';
import { createAssignment } from './assignments.ts';
import { listTasks } from './planning.ts';
import type { Actor } from './policy.ts';
import { listProjects } from './projects.ts';
import {
  createResource,
  createResourceRate,
  roleCatalog,
  setResourceSkills,
  skillCatalog,
} from './resources.ts';
import { createBooking, createStaffingRequest } from './staffing.ts';

type Unit = 'dt' | 'ops' | 'ens';

const ROLES = [
  'Software engineer',
  'UX designer',
  'Business analyst',
  'Test engineer',
  'Identity engineer',
  'Mobile engineer',
  'Field technician',
  'Electrical engineer',
];
const SKILLS = [
  'TypeScript',
  'React',
  'Identity and access',
  'Mobile',
  'Accessibility',
  'Test automation',
  'SCADA',
  'Protection relays',
];

/** `[code, name, role, unit, hourly rate, skills as name:proficiency]` */
type Person = [string, string, string, Unit, number, string[]];
const PEOPLE: Person[] = [
  ['DT-01', 'Lena Fischer', 'Software engineer', 'dt', 95, ['TypeScript:5', 'React:4']],
  ['DT-02', 'Omar Haddad', 'Software engineer', 'dt', 90, ['TypeScript:4', 'React:5']],
  ['DT-03', 'Mei Tanaka', 'UX designer', 'dt', 85, ['React:3', 'Accessibility:5']],
  ['DT-04', 'Rafael Costa', 'Software engineer', 'dt', 88, ['TypeScript:4', 'Mobile:2']],
  ['DT-05', 'Aisha Bello', 'Business analyst', 'dt', 80, []],
  ['DT-06', 'Jonas Berg', 'Test engineer', 'dt', 75, ['Test automation:4']],
  ['DT-07', 'Priyanka Iyer', 'Identity engineer', 'dt', 105, ['Identity and access:5', 'TypeScript:3']],
  ['DT-08', 'Tom Whitaker', 'Identity engineer', 'dt', 98, ['Identity and access:4']],
  ['DT-09', 'Sofia Marin', 'Mobile engineer', 'dt', 92, ['Mobile:5', 'TypeScript:3']],
  ['DT-10', 'Kwame Mensah', 'Mobile engineer', 'dt', 87, ['Mobile:3']],
  ['DT-11', 'Elena Petrova', 'UX designer', 'dt', 82, ['Accessibility:4']],
  ['DT-12', 'Daniel Kim', 'Test engineer', 'dt', 72, ['Test automation:3', 'Accessibility:2']],
  ['DT-13', 'Hannah Schultz', 'Software engineer', 'dt', 93, ['TypeScript:5', 'Identity and access:2']],
  ['DT-14', 'Carlos Mendes', 'Business analyst', 'dt', 78, []],
  ['DT-15', 'Yara Nasser', 'Software engineer', 'dt', 86, ['React:4', 'Mobile:3']],
  ['OP-01', 'Grace Liu', 'Business analyst', 'ops', 76, []],
  ['OP-02', 'Samuel Adeyemi', 'Test engineer', 'ops', 70, ['Test automation:5']],
  ['OP-03', 'Nora Lindqvist', 'Software engineer', 'ops', 84, ['TypeScript:3']],
  ['OP-04', 'Victor Dubois', 'Field technician', 'ops', 60, []],
  ['OP-05', 'Ines Duarte', 'Field technician', 'ops', 62, []],
  ['EN-01', 'Arjun Patel', 'Electrical engineer', 'ens', 99, ['SCADA:4', 'Protection relays:5']],
  ['EN-02', 'Katarzyna Nowak', 'Electrical engineer', 'ens', 96, ['Protection relays:4']],
  ['EN-03', 'Liam O’Connor', 'Field technician', 'ens', 64, ['SCADA:2']],
  ['EN-04', 'Fatima Zahra', 'Electrical engineer', 'ens', 101, ['SCADA:5']],
  ['EN-05', 'Ben Carter', 'Field technician', 'ens', 61, []],
];

/**
 * `[project, wbs, resource code, units]`. Lena builds billing on the portal full time while she is also
 * on the account pages at half time; Mei designs the system while the account pages she also staffs
 * are being built: both are over-allocated in the spring of 2026.
 */
const ASSIGNMENTS: [string, string, string, number][] = [
  ['CP-101', '1.1', 'DT-05', 1],
  ['CP-101', '1.2', 'DT-05', 1],
  ['CP-101', '1.2', 'DT-14', 0.5],
  ['CP-101', '2.1', 'DT-03', 1],
  ['CP-101', '2.2', 'DT-03', 1],
  ['CP-101', '2.2', 'DT-11', 0.5],
  ['CP-101', '2.3', 'DT-01', 1],
  ['CP-101', '3.1', 'DT-02', 1],
  ['CP-101', '3.1', 'DT-03', 0.5],
  ['CP-101', '3.1', 'DT-01', 0.5],
  ['CP-101', '3.2', 'DT-01', 1],
  ['CP-101', '3.2', 'DT-13', 1],
  ['CP-101', '3.3', 'DT-15', 1],
  ['CP-101', '3.3', 'DT-04', 0.5],
  ['CP-101', '3.4', 'DT-07', 0.5],
  ['CP-101', '4.1', 'DT-06', 1],
  ['CP-101', '4.1', 'DT-12', 1],
  ['CP-101', '4.2', 'DT-11', 1],
  ['CP-101', '4.3', 'DT-05', 0.5],
  ['CP-102', '1', 'DT-07', 1],
  ['CP-102', '2', 'DT-08', 1],
  ['CP-102', '3', 'DT-07', 1],
  ['CP-102', '4', 'DT-08', 1],
  ['CP-102', '6', 'DT-13', 0.5],
  ['CP-103', '1', 'DT-09', 1],
  ['CP-103', '2', 'DT-01', 1],
  ['CP-103', '2', 'DT-09', 1],
  ['CP-103', '3', 'DT-10', 1],
  ['CP-103', '4', 'DT-04', 1],
];

async function projectIdOf(db: Database, system: Actor, code: string): Promise<string | null> {
  const page = await listProjects(db, system, { q: code, page: 1, pageSize: 1, order: 'asc' });
  return page.items[0]?.id ?? null;
}

/**
 * The shared pool of the demo: roles, skills, 25 people with rates and skills in the three units,
 * assignments on the plans of CP-101, CP-102 and CP-103 (two people over-allocated), and staffing
 * requests in each state. Other projects' plans are left alone.
 */
export async function seedDemoResources(
  db: Database,
  system: Actor,
  units: Record<Unit, string>,
): Promise<void> {
  const roles = new Map<string, string>();
  for (const name of ROLES) roles.set(name, (await roleCatalog.create(db, system, { name })).id);
  const skills = new Map<string, string>();
  for (const name of SKILLS) skills.set(name, (await skillCatalog.create(db, system, { name })).id);
  const resources = new Map<string, string>();
  for (const [code, name, role, unit, rate, held] of PEOPLE) {
    const resource = await createResource(db, system, {
      code,
      name,
      kind: 'person',
      roleId: roles.get(role),
      businessUnitId: units[unit],
      email: `${name.split(' ')[0].toLowerCase()}@northwind.example`,
    });
    resources.set(code, resource.id);
    await createResourceRate(db, system, resource.id, {
      effectiveFrom: '2026-01-01',
      standardRate: rate,
      overtimeRate: rate * 1.5,
    });
    // The yearly raise: 2027 work costs 4% more.
    await createResourceRate(db, system, resource.id, {
      effectiveFrom: '2027-01-01',
      standardRate: Math.round(rate * 1.04),
      overtimeRate: Math.round(rate * 1.56),
    });
    await setResourceSkills(db, system, resource.id, {
      skills: held.map((entry) => {
        const [skill, level] = entry.split(':');
        return { skillId: skills.get(skill) as string, proficiency: Number(level) };
      }),
    });
  }
  const generic = await createResource(db, system, {
    code: 'GEN-QA',
    name: 'Test engineer (to be named)',
    kind: 'generic',
    roleId: roles.get('Test engineer'),
    businessUnitId: units.dt,
    maxUnits: 2,
  });
  resources.set('GEN-QA', generic.id);

  const tasksByProject = new Map<string, Map<string, string>>();
  const projectIds = new Map<string, string>();
  for (const code of ['CP-101', 'CP-102', 'CP-103']) {
    const projectId = await projectIdOf(db, system, code);
    if (!projectId) continue;
    projectIds.set(code, projectId);
    const tasks = await listTasks(db, system, projectId, 1, 500);
    tasksByProject.set(code, new Map(tasks.items.map((task) => [task.wbsCode, task.id])));
  }
  for (const [project, wbs, code, units] of ASSIGNMENTS) {
    const taskId = tasksByProject.get(project)?.get(wbs);
    if (taskId) await createAssignment(db, system, { taskId, resourceId: resources.get(code), units });
  }

  const [portal, identity, mobile] = ['CP-101', 'CP-102', 'CP-103'].map((code) => projectIds.get(code));
  if (!portal || !identity || !mobile) return;
  await createStaffingRequest(db, system, {
    projectId: mobile,
    skillId: skills.get('Mobile'),
    minProficiency: 3,
    startDate: '2027-01-04',
    finishDate: '2027-03-26',
    units: 2,
    note: 'Offline sync needs two mobile engineers through the first quarter.',
  });
  const testing = await createStaffingRequest(db, system, {
    projectId: portal,
    roleId: roles.get('Test engineer'),
    skillId: skills.get('Test automation'),
    startDate: '2027-01-04',
    finishDate: '2027-02-26',
    units: 2,
    note: 'System testing of the portal.',
  });
  await createBooking(db, system, {
    resourceId: resources.get('OP-02'),
    staffingRequestId: testing.id,
    kind: 'soft',
    startDate: '2027-01-04',
    finishDate: '2027-02-26',
  });
  const federation = await createStaffingRequest(db, system, {
    projectId: identity,
    skillId: skills.get('Identity and access'),
    minProficiency: 4,
    startDate: '2026-12-07',
    finishDate: '2027-01-29',
    note: 'Federation hardening before go-live.',
  });
  await createBooking(db, system, {
    resourceId: resources.get('DT-08'),
    staffingRequestId: federation.id,
    kind: 'hard',
    startDate: '2026-12-07',
    finishDate: '2027-01-29',
  });
  await createStaffingRequest(db, system, {
    projectId: portal,
    roleId: roles.get('UX designer'),
    skillId: skills.get('Accessibility'),
    minProficiency: 4,
    startDate: '2027-02-01',
    finishDate: '2027-03-12',
    units: 0.5,
    note: 'Accessibility fixes after the audit.',
  });
}
