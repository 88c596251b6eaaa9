import { getMailSettings } from '../../../src/services/email.ts';
import {
  announcementAt,
  announcementReaders,
  communicationKeepers,
  communicationPlanAt,
  failedEmailAt,
  stakeholderAt,
} from './fixtures-reporting.ts';
import { type Case, db, orgAdminOnly, readersOut, systemFor, tree, unitShapers, v1 } from './world.ts';

export const communicationCases: Case[] = [
  // Communication: the project's editors keep its stakeholders and plans; announcements reach grants at
  // the scope or below; mail settings and the outbox are the organization's PMO's.
  {
    route: 'GET /stakeholders',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/stakeholders?projectId=${tree.in.project}` }),
  },
  {
    route: 'GET /stakeholders/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/stakeholders/${(await stakeholderAt(t)).id}` }),
  },
  {
    route: 'POST /stakeholders',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/stakeholders`,
      payload: {
        projectId: tree[t].project,
        name: 'Works council',
        influence: 4,
        interest: 5,
        attitude: 'skeptical',
      },
    }),
  },
  {
    route: 'PATCH /stakeholders/:id',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/stakeholders/${(await stakeholderAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { attitude: 'champion' },
    }),
  },
  {
    route: 'DELETE /stakeholders/:id',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/stakeholders/${(await stakeholderAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /communication-plans',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/communication-plans?projectId=${tree.in.project}` }),
  },
  {
    route: 'GET /communication-plans/:id',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/communication-plans/${(await communicationPlanAt(t)).id}`,
    }),
  },
  {
    route: 'POST /communication-plans',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/communication-plans`,
      payload: {
        projectId: tree[t].project,
        audience: 'Team',
        content: 'Stand-up notes',
        cadence: 'weekly',
        channel: 'in_app',
        nextDue: '2027-01-11',
      },
    }),
  },
  {
    route: 'PATCH /communication-plans/:id',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/communication-plans/${(await communicationPlanAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { nextDue: '2027-03-01' },
    }),
  },
  {
    route: 'DELETE /communication-plans/:id',
    allowed: communicationKeepers,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/communication-plans/${(await communicationPlanAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /announcements',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/announcements` }),
  },
  {
    route: 'GET /announcements/:id',
    allowed: announcementReaders,
    request: async (t) => ({ method: 'GET', url: `${v1}/announcements/${(await announcementAt(t)).id}` }),
  },
  {
    route: 'POST /announcements',
    allowed: unitShapers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/announcements`,
      payload: {
        scopeType: 'project',
        scopeId: tree[t].project,
        title: 'Gate review moved',
        body: 'To Thursday',
      },
    }),
  },
  {
    route: 'GET /email-outbox',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/email-outbox?status=failed` }),
  },
  {
    route: 'GET /mail-settings',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/mail-settings` }),
  },
  {
    route: 'PUT /mail-settings',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'PUT',
      url: `${v1}/mail-settings`,
      headers: { 'if-match': `"${(await getMailSettings(db, systemFor('in'))).version}"` },
      payload: { smtpUrl: 'smtp://mail.example.test:25' },
    }),
  },
  {
    route: 'POST /email-outbox/:id/retry',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/email-outbox/${await failedEmailAt(t)}/retry`,
      headers: { 'if-match': '"1"' },
    }),
  },
];
