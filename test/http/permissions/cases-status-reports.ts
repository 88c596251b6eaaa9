import { getStatusThresholds } from '../../../src/services/status-settings.ts';
import { statusReportAt, statusReporters, statusReviewers, submittedReportAt } from './fixtures-reporting.ts';
import { type Case, db, nextSequence, orgAdminOnly, readersOut, systemFor, tree, v1 } from './world.ts';

export const statusReportCases: Case[] = [
  // Status reports: written by those who report on the project, reviewed by its program manager or above;
  // the organization's PMO sets the thresholds.
  {
    route: 'GET /projects/:id/status-reports',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/status-reports` }),
  },
  {
    route: 'POST /projects/:id/status-reports',
    allowed: statusReporters,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/status-reports`,
      payload: { periodStart: '2027-03-01', periodEnd: '2027-03-31', overallRag: 'amber' },
    }),
  },
  {
    route: 'GET /projects/:id/status-indicators',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/projects/${tree[t].project}/status-indicators?date=2027-03-31`,
    }),
  },
  {
    route: 'GET /projects/:id/reporting-cadence',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/reporting-cadence` }),
  },
  {
    route: 'PUT /projects/:id/reporting-cadence',
    allowed: statusReviewers,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/projects/${tree[t].project}/reporting-cadence`,
      payload: { frequency: 'monthly', anchorDate: '2027-01-31' },
    }),
  },
  {
    route: 'GET /status-reports',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/status-reports?scopeType=project&scopeId=${tree[t].project}&status=submitted`,
    }),
  },
  {
    route: 'GET /status-reports/late',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/status-reports/late?scopeType=program&scopeId=${tree[t].program}&date=2027-06-01`,
    }),
  },
  {
    route: 'GET /status-reports/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/status-reports/${(await statusReportAt(t)).id}` }),
  },
  {
    route: 'PATCH /status-reports/:id',
    allowed: statusReporters,
    request: async (t) => {
      const report = await statusReportAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/status-reports/${report.id}`,
        headers: { 'if-match': `"${report.version}"` },
        payload: { achievements: `Edited ${nextSequence()}` },
      };
    },
  },
  {
    route: 'POST /status-reports/:id/submit',
    allowed: statusReporters,
    request: async (t) => {
      const report = await statusReportAt(t);
      return {
        method: 'POST',
        url: `${v1}/status-reports/${report.id}/submit`,
        headers: { 'if-match': `"${report.version}"` },
      };
    },
  },
  {
    route: 'POST /status-reports/:id/review',
    allowed: statusReviewers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/status-reports/${(await submittedReportAt(t)).id}/review`,
      payload: { note: 'Seen' },
    }),
  },
  {
    route: 'POST /status-reports/:id/comments',
    allowed: statusReporters,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/status-reports/${(await submittedReportAt(t)).id}/comments`,
      payload: { body: 'Please explain the slip.' },
    }),
  },
  {
    route: 'GET /status-thresholds',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/status-thresholds` }),
  },
  {
    route: 'PUT /status-thresholds',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/status-thresholds`,
      headers: { 'if-match': `"${(await getStatusThresholds(db, systemFor(t))).version}"` },
      payload: { spiAmber: 0.95 },
    }),
  },
];
