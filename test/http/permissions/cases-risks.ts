import { createRiskAction } from '../../../src/services/risk-actions.ts';
import { getRiskMatrix } from '../../../src/services/risk-matrix.ts';
import { createRiskCategory } from '../../../src/services/risks.ts';
import { issueAt, riskAt, riskEditors, ruleAt } from './fixtures-risks.ts';
import {
  type Case,
  db,
  everyMember,
  nextSequence,
  orgAdminOnly,
  readersOut,
  standingTask,
  systemFor,
  tree,
  v1,
} from './world.ts';

export const riskCases: Case[] = [
  // Risks and issues: read with their level, changed by those who manage risks there.
  {
    route: 'GET /risks',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/risks?minScore=1` }),
  },
  {
    route: 'GET /risks/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/risks/${(await riskAt(t)).id}` }),
  },
  {
    route: 'POST /risks',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/risks`,
      payload: {
        scopeType: 'project',
        scopeId: tree[t].project,
        title: 'Raised',
        probability: 0.5,
        impactSchedule: 3,
        impactCost: 1,
        impactScope: 1,
        impactQuality: 1,
      },
    }),
  },
  {
    route: 'PATCH /risks/:id',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/risks/${(await riskAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { probability: 0.6 },
    }),
  },
  {
    route: 'DELETE /risks/:id',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/risks/${(await riskAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /risks/:id/tasks',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/risks/${(await riskAt(t)).id}/tasks` }),
  },
  {
    route: 'PUT /risks/:id/tasks',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/risks/${(await riskAt(t)).id}/tasks`,
      payload: {
        tasks: [
          {
            taskId: await standingTask(t),
            impactOptimisticMinutes: 60,
            impactLikelyMinutes: 120,
            impactPessimisticMinutes: 480,
          },
        ],
      },
    }),
  },
  {
    route: 'GET /risks/:id/actions',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/risks/${(await riskAt(t)).id}/actions` }),
  },
  {
    route: 'POST /risks/:id/actions',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/risks/${(await riskAt(t)).id}/actions`,
      payload: { title: 'Respond', dueDate: '2030-01-01' },
    }),
  },
  {
    route: 'PATCH /risk-actions/:id',
    allowed: riskEditors,
    request: async (t) => {
      const action = await createRiskAction(db, systemFor(t), (await riskAt(t)).id, { title: 'Respond' });
      return {
        method: 'PATCH',
        url: `${v1}/risk-actions/${action.id}`,
        headers: { 'if-match': '"1"' },
        payload: { status: 'in_progress' },
      };
    },
  },
  {
    route: 'DELETE /risk-actions/:id',
    allowed: riskEditors,
    request: async (t) => {
      const action = await createRiskAction(db, systemFor(t), (await riskAt(t)).id, { title: 'Doomed' });
      return { method: 'DELETE', url: `${v1}/risk-actions/${action.id}`, headers: { 'if-match': '"1"' } };
    },
  },
  {
    route: 'POST /risks/:id/escalate',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/risks/${(await riskAt(t)).id}/escalate`,
      payload: { reason: 'beyond the project' },
    }),
  },
  {
    route: 'GET /escalations/:itemType/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/escalations/risk/${(await riskAt(t)).id}` }),
  },
  {
    route: 'GET /escalation-inbox',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/escalation-inbox` }),
  },
  {
    route: 'GET /risk-heatmap',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/risk-heatmap?residual=true` }),
  },
  {
    route: 'GET /risk-matrix',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/risk-matrix` }),
  },
  {
    route: 'PUT /risk-matrix',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async (t) => {
      const { version: current, ...matrix } = await getRiskMatrix(db, systemFor(t));
      return {
        method: 'PUT',
        url: `${v1}/risk-matrix`,
        headers: { 'if-match': `"${current}"` },
        payload: matrix,
      };
    },
  },
  {
    route: 'GET /risk-categories',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/risk-categories` }),
  },
  {
    route: 'GET /risk-categories/:id',
    allowed: everyMember,
    request: async (t) => {
      const category = await createRiskCategory(db, systemFor(t), {
        code: `RC${nextSequence()}`,
        name: 'Technical',
      });
      return { method: 'GET', url: `${v1}/risk-categories/${category.id}` };
    },
  },
  {
    route: 'PATCH /risk-categories/:id',
    allowed: orgAdminOnly,
    request: async (t) => {
      const category = await createRiskCategory(db, systemFor(t), {
        code: `PC${nextSequence()}`,
        name: 'To rename',
      });
      return {
        method: 'PATCH',
        url: `${v1}/risk-categories/${category.id}`,
        headers: { 'if-match': '"1"' },
        payload: { name: 'Renamed' },
      };
    },
  },
  {
    route: 'DELETE /risk-categories/:id',
    allowed: orgAdminOnly,
    request: async (t) => {
      const category = await createRiskCategory(db, systemFor(t), {
        code: `DC${nextSequence()}`,
        name: 'Doomed',
      });
      return {
        method: 'DELETE',
        url: `${v1}/risk-categories/${category.id}`,
        headers: { 'if-match': '"1"' },
      };
    },
  },
  {
    route: 'POST /risk-categories',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/risk-categories`,
      payload: { code: `NC${nextSequence()}`, name: 'New category' },
    }),
  },
  {
    route: 'GET /issues',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/issues?priority=medium` }),
  },
  {
    route: 'GET /issues/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/issues/${(await issueAt(t)).id}` }),
  },
  {
    route: 'POST /issues',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/issues`,
      payload: { scopeType: 'project', scopeId: tree[t].project, title: 'Logged', priority: 'high' },
    }),
  },
  {
    route: 'PATCH /issues/:id',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/issues/${(await issueAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { status: 'resolved', resolution: 'Worked around' },
    }),
  },
  {
    route: 'DELETE /issues/:id',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/issues/${(await issueAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'POST /issues/:id/escalate',
    allowed: riskEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/issues/${(await issueAt(t)).id}/escalate`,
      payload: { reason: 'blocked' },
    }),
  },
  // Escalation rules: the organization's PMO sets them; every member reads them.
  {
    route: 'GET /escalation-rules',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/escalation-rules` }),
  },
  {
    route: 'GET /escalation-rules/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/escalation-rules/${(await ruleAt(t)).id}` }),
  },
  {
    route: 'POST /escalation-rules',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/escalation-rules`,
      payload: { name: 'Late', kind: 'action_overdue', overdueDays: 3500 },
    }),
  },
  {
    route: 'PATCH /escalation-rules/:id',
    allowed: orgAdminOnly,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/escalation-rules/${(await ruleAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { enabled: false },
    }),
  },
  {
    route: 'DELETE /escalation-rules/:id',
    allowed: orgAdminOnly,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/escalation-rules/${(await ruleAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
];
