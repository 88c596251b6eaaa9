import { addProjectMember, getProject } from '../../../src/services/projects.ts';
import {
  createBusinessUnit,
  createObjective,
  createPortfolio,
  createProgram,
  getBusinessUnit,
  getObjective,
  getPortfolio,
  getProgram,
} from '../../../src/services/structure.ts';
import {
  type Case,
  db,
  everyMember,
  extras,
  freshProject,
  nextSequence,
  orgAdminOnly,
  portfolioEditors,
  programEditors,
  projectCreators,
  projectDeleters,
  projectEditors,
  readersOut,
  systemFor,
  tree,
  unitShapers,
  v1,
  version,
} from './world.ts';

export const structureCases: Case[] = [
  // Business units: the tree is public within the organization; the level above shapes a unit.
  {
    route: 'GET /business-units',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/business-units` }),
  },
  {
    route: 'GET /business-units/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/business-units/${tree[t].childUnit}` }),
  },
  {
    route: 'POST /business-units',
    allowed: unitShapers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/business-units`,
      payload: { name: 'New unit', code: `NU${nextSequence()}`, parentId: tree[t].unit },
    }),
  },
  {
    route: 'PATCH /business-units/:id',
    allowed: unitShapers,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/business-units/${tree[t].childUnit}`,
      headers: await version(() => getBusinessUnit(db, systemFor(t), tree[t].childUnit)),
      payload: { name: `Renamed ${nextSequence()}` },
    }),
  },
  {
    route: 'DELETE /business-units/:id',
    allowed: unitShapers,
    request: async (t) => {
      const unit = await createBusinessUnit(db, systemFor(t), {
        name: 'Doomed',
        code: `DU${nextSequence()}`,
        parentId: tree[t].unit,
      });
      return { method: 'DELETE', url: `${v1}/business-units/${unit.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  // Objectives: read by every member, kept by the organization's PMO.
  {
    route: 'GET /objectives',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/objectives` }),
  },
  {
    route: 'GET /objectives/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({ method: 'GET', url: `${v1}/objectives/${extras[t].objective}` }),
  },
  {
    route: 'POST /objectives',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/objectives`,
      payload: { name: 'New objective', weight: 5 },
    }),
  },
  {
    route: 'PATCH /objectives/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/objectives/${extras[t].objective}`,
      headers: await version(() => getObjective(db, systemFor(t), extras[t].objective)),
      payload: { weight: nextSequence() % 100 },
    }),
  },
  {
    route: 'DELETE /objectives/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const objective = await createObjective(db, systemFor(t), { name: 'Doomed objective' });
      return { method: 'DELETE', url: `${v1}/objectives/${objective.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  // Portfolios.
  {
    route: 'GET /portfolios',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/portfolios` }),
  },
  {
    route: 'GET /portfolios/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/portfolios/${tree[t].portfolio}` }),
  },
  {
    route: 'POST /portfolios',
    allowed: unitShapers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/portfolios`,
      payload: { name: 'New portfolio', businessUnitId: tree[t].unit },
    }),
  },
  {
    route: 'PATCH /portfolios/:id',
    allowed: portfolioEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/portfolios/${tree[t].portfolio}`,
      headers: await version(() => getPortfolio(db, systemFor(t), tree[t].portfolio)),
      payload: { description: `Edited ${nextSequence()}` },
    }),
  },
  {
    route: 'DELETE /portfolios/:id',
    allowed: unitShapers,
    request: async (t) => {
      const portfolio = await createPortfolio(db, systemFor(t), {
        name: 'Doomed',
        businessUnitId: tree[t].unit,
      });
      return { method: 'DELETE', url: `${v1}/portfolios/${portfolio.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  // Programs.
  {
    route: 'GET /programs',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/programs` }),
  },
  {
    route: 'GET /programs/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}` }),
  },
  {
    route: 'POST /programs',
    allowed: portfolioEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/programs`,
      payload: { name: 'New program', portfolioId: tree[t].portfolio },
    }),
  },
  {
    route: 'PATCH /programs/:id',
    allowed: programEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/programs/${tree[t].program}`,
      headers: await version(() => getProgram(db, systemFor(t), tree[t].program)),
      payload: { goal: `Goal ${nextSequence()}` },
    }),
  },
  {
    route: 'DELETE /programs/:id',
    allowed: portfolioEditors,
    request: async (t) => {
      const program = await createProgram(db, systemFor(t), {
        name: 'Doomed',
        portfolioId: tree[t].portfolio,
      });
      return { method: 'DELETE', url: `${v1}/programs/${program.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  // Projects.
  {
    route: 'GET /projects',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/projects` }),
  },
  {
    route: 'GET /projects/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}` }),
  },
  {
    route: 'POST /projects',
    allowed: projectCreators,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects`,
      payload: {
        code: `N-${nextSequence()}`,
        name: 'New project',
        businessUnitId: tree[t].unit,
        portfolioId: tree[t].portfolio,
        programId: tree[t].program,
      },
    }),
  },
  {
    route: 'PATCH /projects/:id',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/projects/${tree[t].project}`,
      headers: await version(() => getProject(db, systemFor(t), tree[t].project)),
      payload: { description: `Edited ${nextSequence()}` },
    }),
  },
  {
    route: 'DELETE /projects/:id',
    allowed: projectDeleters,
    request: async (t) => {
      const project = await freshProject(t);
      return { method: 'DELETE', url: `${v1}/projects/${project.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  {
    route: 'GET /projects/:id/objectives',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/objectives` }),
  },
  {
    route: 'PUT /projects/:id/objectives',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/projects/${tree[t].project}/objectives`,
      payload: { items: [{ objectiveId: extras[t].objective, contribution: 7 }] },
    }),
  },
  {
    route: 'GET /projects/:id/members',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/members` }),
  },
  {
    route: 'POST /projects/:id/members',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/members`,
      payload: { userId: extras[t].user, memberRole: 'analyst' },
    }),
  },
  {
    route: 'DELETE /projects/:id/members/:userId',
    allowed: projectEditors,
    request: async (t) => {
      await addProjectMember(db, systemFor(t), tree[t].project, { userId: extras[t].user });
      return { method: 'DELETE', url: `${v1}/projects/${tree[t].project}/members/${extras[t].user}` };
    },
  },
];
