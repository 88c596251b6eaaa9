import { proposeCiVersion } from '../../../src/services/configuration.ts';
import { approvedCiAt, ciAt, ciVersionAt, configBaselineAt } from './fixtures-knowledge.ts';
import { type Case, db, nextSequence, projectEditors, readersOut, systemFor, tree, v1 } from './world.ts';

export const configurationCases: Case[] = [
  // Configuration management: project readers read it; project managers and above keep it.
  {
    route: 'GET /projects/:id/configuration-items',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/configuration-items` }),
  },
  {
    route: 'POST /projects/:id/configuration-items',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/configuration-items`,
      payload: { identifier: `CI-${nextSequence()}`, title: 'Test plan', kind: 'document' },
    }),
  },
  {
    route: 'GET /configuration-items/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/configuration-items/${(await ciAt(t)).id}` }),
  },
  {
    route: 'PATCH /configuration-items/:id',
    allowed: projectEditors,
    request: async (t) => {
      const item = await ciAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/configuration-items/${item.id}`,
        headers: { 'if-match': `"${item.version}"` },
        payload: { title: 'Renamed spec' },
      };
    },
  },
  {
    route: 'POST /configuration-items/:id/versions',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/configuration-items/${(await ciAt(t)).id}/versions`,
      payload: { reference: 'https://example.test/spec-v1' },
    }),
  },
  {
    route: 'POST /configuration-items/:id/versions/file',
    allowed: projectEditors,
    request: async (t) => {
      const boundary = 'orrery-matrix-boundary';
      return {
        method: 'POST',
        url: `${v1}/configuration-items/${(await ciAt(t)).id}/versions/file`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: [
          `--${boundary}`,
          'Content-Disposition: form-data; name="file"; filename="spec.pdf"',
          'Content-Type: application/pdf',
          '',
          'spec',
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      };
    },
  },
  {
    route: 'GET /ci-versions/:id/file',
    allowed: readersOut,
    request: async (t) => {
      const version = await proposeCiVersion(
        db,
        systemFor(t),
        (await ciAt(t)).id,
        {},
        { fileName: 'spec.pdf', contentType: 'application/pdf', content: new TextEncoder().encode('spec') },
      );
      return { method: 'GET', url: `${v1}/ci-versions/${version.id}/file` };
    },
  },
  {
    route: 'POST /ci-versions/:id/approve',
    allowed: projectEditors,
    request: async (t) => {
      const proposed = await ciVersionAt(t);
      return {
        method: 'POST',
        url: `${v1}/ci-versions/${proposed.id}/approve`,
        headers: { 'if-match': `"${proposed.version}"` },
        payload: {},
      };
    },
  },
  {
    route: 'GET /projects/:id/config-baselines',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${tree[t].project}/config-baselines` }),
  },
  {
    route: 'POST /projects/:id/config-baselines',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${tree[t].project}/config-baselines`,
      payload: { name: `Baseline ${nextSequence()}`, ciIds: [await approvedCiAt(t)] },
    }),
  },
  {
    route: 'GET /config-baselines/:id',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/config-baselines/${(await configBaselineAt(t)).id}`,
    }),
  },
  {
    route: 'GET /projects/:id/configuration',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/projects/${tree[t].project}/configuration?asOf=2027-01-01`,
    }),
  },
];
