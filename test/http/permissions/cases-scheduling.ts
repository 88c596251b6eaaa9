import { applyLevelingRun } from '../../../src/services/leveling.ts';
import { simulateProject } from '../../../src/services/schedule-risk.ts';
import {
  type Case,
  db,
  levelingPreview,
  levelingScope,
  programEditors,
  projectEditors,
  readersOut,
  standingTask,
  systemFor,
  tree,
  v1,
} from './world.ts';

export const schedulingCases: Case[] = [
  // Schedule risk: estimates and simulations need manage_risks; reading them needs read.
  {
    route: 'GET /projects/:id/estimates',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/estimates` }),
  },
  {
    route: 'PUT /projects/:id/estimates',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/projects/${tree[t].project}/estimates`,
      payload: {
        estimates: [
          {
            taskId: await standingTask(t),
            optimisticMinutes: 480,
            likelyMinutes: 960,
            pessimisticMinutes: 1440,
          },
        ],
      },
    }),
  },
  {
    route: 'POST /projects/:id/simulations',
    allowed: projectEditors,
    request: async (t) => {
      await standingTask(t);
      return {
        method: 'POST',
        url: `${v1}/projects/${tree[t].project}/simulations`,
        payload: { iterations: 20 },
      };
    },
  },
  {
    route: 'GET /projects/:id/simulations',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/simulations` }),
  },
  {
    route: 'POST /programs/:id/simulations',
    allowed: programEditors,
    request: async (t) => {
      await standingTask(t);
      return {
        method: 'POST',
        url: `${v1}/programs/${tree[t].program}/simulations`,
        payload: { iterations: 20 },
      };
    },
  },
  {
    route: 'GET /programs/:id/simulations',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}/simulations` }),
  },
  {
    route: 'GET /simulations/:id',
    allowed: readersOut,
    request: async (t) => {
      await standingTask(t);
      const run = await simulateProject(db, systemFor(t), tree[t].project, { iterations: 10 });
      return { method: 'GET', url: `${v1}/simulations/${run.id}` };
    },
  },
  // Leveling: previewing, applying, discarding and undoing change the project's plan; reading needs read.
  {
    route: 'POST /leveling-runs',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/leveling-runs`,
      payload: { scopeType: 'project', scopeId: await levelingScope(t), schedules: 10 },
    }),
  },
  {
    route: 'GET /leveling-runs',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/leveling-runs?scopeType=project&scopeId=${tree[t].project}`,
    }),
  },
  {
    route: 'GET /leveling-runs/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/leveling-runs/${(await levelingPreview(t)).id}` }),
  },
  {
    route: 'POST /leveling-runs/:id/apply',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/leveling-runs/${(await levelingPreview(t)).id}/apply`,
    }),
  },
  {
    route: 'POST /leveling-runs/:id/discard',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/leveling-runs/${(await levelingPreview(t)).id}/discard`,
    }),
  },
  {
    route: 'POST /leveling-runs/:id/undo',
    allowed: projectEditors,
    request: async (t) => {
      const run = await levelingPreview(t);
      await applyLevelingRun(db, systemFor(t), run.id);
      return { method: 'POST', url: `${v1}/leveling-runs/${run.id}/undo` };
    },
  },
];
