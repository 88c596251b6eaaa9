import { createUser } from '../../../src/services/access.ts';
import { getOversightPolicy } from '../../../src/services/maturity.ts';
import { TEST_PASSWORD } from '../../support/factories.ts';
import {
  assessmentAt,
  assessmentBody,
  assessors,
  mentorshipAt,
  questionnaireAt,
} from './fixtures-reporting.ts';
import {
  type Case,
  db,
  everyMember,
  extras,
  nextSequence,
  orgAdminOnly,
  readersOut,
  systemFor,
  tree,
  v1,
} from './world.ts';

export const maturityCases: Case[] = [
  // Maturity and mentoring: questionnaires, mentorships and the oversight policy are the organization's
  // PMO's; assessments, the PMO's at the unit.
  {
    route: 'GET /maturity-questionnaires',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/maturity-questionnaires` }),
  },
  {
    route: 'GET /maturity-questionnaires/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/maturity-questionnaires/${(await questionnaireAt(t)).id}`,
    }),
  },
  {
    route: 'POST /maturity-questionnaires',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/maturity-questionnaires`,
      payload: { name: `Form ${nextSequence()}`, questions: [{ knowledgeArea: 'Risk', text: 'Reviewed?' }] },
    }),
  },
  {
    route: 'PATCH /maturity-questionnaires/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/maturity-questionnaires/${(await questionnaireAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { description: 'Yearly' },
    }),
  },
  {
    route: 'DELETE /maturity-questionnaires/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/maturity-questionnaires/${(await questionnaireAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /maturity-assessments',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({
      method: 'GET',
      url: `${v1}/maturity-assessments?subjectProjectId=${tree.in.project}`,
    }),
  },
  {
    route: 'GET /maturity-assessments/:id',
    allowed: assessors,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/maturity-assessments/${(await assessmentAt(t)).id}`,
    }),
  },
  {
    route: 'POST /maturity-assessments',
    allowed: assessors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/maturity-assessments`,
      payload: await assessmentBody(t),
    }),
  },
  {
    route: 'DELETE /maturity-assessments/:id',
    allowed: assessors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/maturity-assessments/${(await assessmentAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /mentorships',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/mentorships?status=active` }),
  },
  {
    route: 'GET /mentorships/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({ method: 'GET', url: `${v1}/mentorships/${(await mentorshipAt(t)).id}` }),
  },
  {
    route: 'POST /mentorships',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => {
      const mentor = await createUser(db, systemFor('in'), {
        email: `mentor-${nextSequence()}@example.test`,
        name: 'Mentor',
        password: TEST_PASSWORD,
      });
      return {
        method: 'POST',
        url: `${v1}/mentorships`,
        payload: {
          mentorId: mentor.id,
          menteeId: extras.in.user,
          startsOn: '2027-01-01',
          goals: 'Run a gate',
        },
      };
    },
  },
  {
    route: 'PATCH /mentorships/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'PATCH',
      url: `${v1}/mentorships/${(await mentorshipAt(t)).id}`,
      headers: { 'if-match': '"1"' },
      payload: { status: 'completed' },
    }),
  },
  {
    route: 'DELETE /mentorships/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/mentorships/${(await mentorshipAt(t)).id}`,
      headers: { 'if-match': '"1"' },
    }),
  },
  {
    route: 'GET /mentorships/:id/sessions',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/mentorships/${(await mentorshipAt(t)).id}/sessions`,
    }),
  },
  {
    route: 'POST /mentorships/:id/sessions',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/mentorships/${(await mentorshipAt(t)).id}/sessions`,
      payload: { heldOn: '2027-01-15', notes: 'Talked about gates' },
    }),
  },
  {
    route: 'GET /oversight-policy',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/oversight-policy` }),
  },
  {
    route: 'PUT /oversight-policy',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'PUT',
      url: `${v1}/oversight-policy`,
      headers: { 'if-match': `"${(await getOversightPolicy(db, systemFor('in'))).version}"` },
      payload: {
        standardFrom: 3,
        lightFrom: 4,
        intensiveCadence: 'weekly',
        standardCadence: 'fortnightly',
        lightCadence: 'monthly',
        intensiveGates: 'all',
        standardGates: 'major',
        lightGates: 'none',
      },
    }),
  },
  {
    route: 'GET /projects/:id/oversight',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/oversight` }),
  },
  {
    route: 'GET /maturity/project-managers',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/maturity/project-managers` }),
  },
];
