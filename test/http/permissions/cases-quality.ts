import {
  correctiveActionAt,
  findingAt,
  inspectionAt,
  qualityEditors,
  standardAt,
} from './fixtures-reporting.ts';
import { type Case, everyMember, nextSequence, orgAdminOnly, readersOut, tree, v1 } from './world.ts';

export const qualityCases: Case[] = [
  // Quality: the organization's PMO keeps the standards; the project's editors keep its inspections,
  // findings and corrective actions.
  {
    route: 'GET /quality-standards',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/quality-standards?active=true` }),
  },
  {
    route: 'GET /quality-standards/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({ method: 'GET', url: `${v1}/quality-standards/${(await standardAt(t)).id}` }),
  },
  {
    route: 'POST /quality-standards',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/quality-standards`,
      payload: { code: `QS${nextSequence()}`, name: 'Standard', checklist: ['One'] },
    }),
  },
  {
    route: 'PATCH /quality-standards/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/quality-standards/${(await standardAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { description: 'Sharper' },
    }),
  },
  {
    route: 'DELETE /quality-standards/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/quality-standards/${(await standardAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /inspections',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/inspections?projectId=${tree.in.project}` }),
  },
  {
    route: 'GET /inspections/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/inspections/${(await inspectionAt(t)).id}` }),
  },
  {
    route: 'POST /inspections',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/inspections`,
      payload: {
        projectId: tree[t].project,
        standardId: (await standardAt(t)).id,
        kind: 'inspection',
        title: 'Walkthrough',
        heldOn: '2027-01-06',
      },
    }),
  },
  {
    route: 'PATCH /inspections/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/inspections/${(await inspectionAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { notes: 'Follow-up in March' },
    }),
  },
  {
    route: 'DELETE /inspections/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/inspections/${(await inspectionAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /quality-findings',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/quality-findings?status=open` }),
  },
  {
    route: 'GET /quality-findings/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/quality-findings/${(await findingAt(t)).id}` }),
  },
  {
    route: 'POST /quality-findings',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/quality-findings`,
      payload: { inspectionId: (await inspectionAt(t)).id, severity: 'low', description: 'Typo in the plan' },
    }),
  },
  {
    route: 'PATCH /quality-findings/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/quality-findings/${(await findingAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { status: 'closed' },
    }),
  },
  {
    route: 'DELETE /quality-findings/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/quality-findings/${(await findingAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /corrective-actions',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/corrective-actions?status=open` }),
  },
  {
    route: 'GET /corrective-actions/:id',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/corrective-actions/${(await correctiveActionAt(t)).id}`,
    }),
  },
  {
    route: 'POST /corrective-actions',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/corrective-actions`,
      payload: { findingId: (await findingAt(t)).id, title: 'Fix it', dueDate: '2027-02-01' },
    }),
  },
  {
    route: 'PATCH /corrective-actions/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/corrective-actions/${(await correctiveActionAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { status: 'done' },
    }),
  },
  {
    route: 'DELETE /corrective-actions/:id',
    allowed: qualityEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/corrective-actions/${(await correctiveActionAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /projects/:id/compliance',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/projects/${tree[t].project}/compliance?asOf=2027-02-01`,
    }),
  },
  {
    route: 'GET /quality/compliance',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/quality/compliance` }),
  },
];
