import { readFileSync } from 'node:fs';
import { saveProjectBaseline } from '../../../src/services/baselines.ts';
import { createLink, createTask, getProjectSchedule, getTask } from '../../../src/services/planning.ts';
import {
  type Case,
  db,
  nextSequence,
  projectEditors,
  readersOut,
  standingTask,
  systemFor,
  taskOf,
  tree,
  v1,
  version,
} from './world.ts';

const smallPlan = readFileSync(
  new URL(
    '../../../../shared/data/mspdi/mpxj/generated/task-links/task-links-project2013-mspdi.xml',
    import.meta.url,
  ),
  'utf8',
);

export const planCases: Case[] = [
  // Plans: read with the project, changed by those who edit the project.
  {
    route: 'GET /projects/:id/tasks',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/tasks` }),
  },
  {
    route: 'POST /projects/:id/tasks',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/tasks`,
      payload: { name: `Task ${nextSequence()}`, durationMinutes: 240 },
    }),
  },
  {
    route: 'GET /tasks/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/tasks/${await standingTask(t)}` }),
  },
  {
    route: 'PATCH /tasks/:id',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/tasks/${await standingTask(t)}`,
      headers: await version(() => getTask(db, systemFor(t), taskOf[t])),
      payload: { percentComplete: nextSequence() % 100 },
    }),
  },
  {
    route: 'DELETE /tasks/:id',
    allowed: projectEditors,
    request: async (t) => {
      const task = await createTask(db, systemFor(t), tree[t].project, { name: 'Doomed task' });
      return { method: 'DELETE', url: `${v1}/tasks/${task.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  {
    route: 'POST /links',
    allowed: projectEditors,
    request: async (t) => {
      const successor = await createTask(db, systemFor(t), tree[t].project, { name: 'Successor' });
      return {
        method: 'POST',
        url: `${v1}/links`,
        payload: { predecessorId: taskOf[t], successorId: successor.id },
      };
    },
  },
  {
    route: 'DELETE /links/:id',
    allowed: projectEditors,
    request: async (t) => {
      const successor = await createTask(db, systemFor(t), tree[t].project, { name: 'Linked' });
      const link = await createLink(db, systemFor(t), {
        predecessorId: taskOf[t],
        successorId: successor.id,
      });
      return {
        method: 'DELETE',
        url: `${v1}/links/${link.id}`,
        headers: { 'if-match': `"${link.version}"` },
      };
    },
  },
  {
    route: 'POST /projects/:id/plan/bulk',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/plan/bulk`,
      payload: {
        operations: [
          { op: 'create_task', ref: 'a', task: { name: `Bulk ${nextSequence()}` } },
          { op: 'create_link', predecessorId: await standingTask(t), successorRef: 'a' },
        ],
      },
    }),
  },
  {
    route: 'GET /projects/:id/schedule',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/schedule` }),
  },
  {
    route: 'PATCH /projects/:id/schedule',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/projects/${tree[t].project}/schedule`,
      headers: await version(() => getProjectSchedule(db, systemFor(t), tree[t].project)),
      payload: { criticalSlackMinutes: nextSequence() % 60 },
    }),
  },
  {
    route: 'GET /projects/:id/gantt',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/gantt` }),
  },
  {
    route: 'GET /programs/:id/gantt',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}/gantt` }),
  },
  {
    route: 'GET /projects/:id/gantt/columns',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/gantt/columns` }),
  },
  {
    route: 'GET /programs/:id/gantt/columns',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}/gantt/columns` }),
  },
  {
    route: 'GET /projects/:id/baselines',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/baselines` }),
  },
  {
    route: 'PUT /projects/:id/baselines/:number',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/projects/${tree[t].project}/baselines/1`,
      payload: { name: `Baseline ${nextSequence()}` },
    }),
  },
  {
    route: 'DELETE /projects/:id/baselines/:number',
    allowed: projectEditors,
    request: async (t) => {
      await saveProjectBaseline(db, systemFor(t), tree[t].project, 2, { name: 'Doomed' });
      return { method: 'DELETE', url: `${v1}/projects/${tree[t].project}/baselines/2` };
    },
  },
  {
    route: 'GET /projects/:id/baselines/:number/variance',
    allowed: readersOut,
    request: async (t) => {
      await saveProjectBaseline(db, systemFor(t), tree[t].project, 3, { name: 'To compare' });
      return { method: 'GET', url: `${v1}/projects/${tree[t].project}/baselines/3/variance` };
    },
  },
  {
    route: 'POST /projects/:id/import',
    allowed: projectEditors,
    request: async (t) => {
      const boundary = 'orrery-matrix-boundary';
      const payload = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="plan.xml"',
        'Content-Type: application/xml',
        '',
        smallPlan,
        `--${boundary}--`,
        '',
      ].join('\r\n');
      return {
        method: 'POST',
        url: `${v1}/projects/${tree[t].project}/import`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      };
    },
  },
  {
    route: 'GET /projects/:id/export',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/export?format=csv` }),
  },
  {
    route: 'GET /audit/:entityType/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/audit/project/${tree[t].project}` }),
  },
];
