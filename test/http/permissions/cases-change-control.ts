import { startReview } from '../../../src/services/change-control.ts';
import {
  type Case,
  changeDeciders,
  changeRequest,
  db,
  nextSequence,
  orgAdminOnly,
  programEditors,
  projectEditors,
  readersOut,
  standingTask,
  systemFor,
  tree,
  v1,
} from './world.ts';

export const changeControlCases: Case[] = [
  // Change control: raised by those who may request changes, decided by the configured role (program
  // manager or above for a project's change), read with the project or program.
  {
    route: 'GET /projects/:id/change-requests',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/change-requests` }),
  },
  {
    route: 'POST /projects/:id/change-requests',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/change-requests`,
      payload: {
        title: `Change ${nextSequence()}`,
        operations: [{ op: 'update_task', taskId: await standingTask(t), changes: { durationMinutes: 960 } }],
      },
    }),
  },
  {
    route: 'GET /programs/:id/change-requests',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}/change-requests` }),
  },
  {
    route: 'POST /programs/:id/change-requests',
    allowed: programEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/programs/${tree[t].program}/change-requests`,
      payload: { title: `Program change ${nextSequence()}`, costImpact: 5000 },
    }),
  },
  {
    route: 'GET /change-requests/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/change-requests/${(await changeRequest(t)).id}` }),
  },
  {
    route: 'PATCH /change-requests/:id',
    allowed: projectEditors,
    request: async (t) => {
      const request = await changeRequest(t);
      return {
        method: 'PATCH',
        url: `${v1}/change-requests/${request.id}`,
        headers: { 'if-match': `"${request.version}"` },
        payload: { description: `Edited ${nextSequence()}` },
      };
    },
  },
  {
    route: 'POST /change-requests/:id/review',
    allowed: changeDeciders,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/change-requests/${(await changeRequest(t)).id}/review`,
      payload: { note: 'Board' },
    }),
  },
  {
    route: 'POST /change-requests/:id/impact',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/change-requests/${(await changeRequest(t)).id}/impact`,
    }),
  },
  {
    route: 'POST /change-requests/:id/decision',
    allowed: changeDeciders,
    request: async (t) => {
      const request = await changeRequest(t);
      await startReview(db, systemFor(t), request.id, {});
      return {
        method: 'POST',
        url: `${v1}/change-requests/${request.id}/decision`,
        payload: { decision: 'reject', note: 'No' },
      };
    },
  },
  {
    route: 'GET /change-decisions',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/change-decisions?scopeType=project&scopeId=${tree[t].project}`,
    }),
  },
  {
    route: 'GET /change-authorities',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/change-authorities` }),
  },
  {
    route: 'PUT /change-authorities',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'PUT',
      url: `${v1}/change-authorities`,
      payload: { project: 'program_manager', program: 'pmo_admin' },
    }),
  },
];
