import { assetAt, attachmentAt, knowledgeEditors, templateAt } from './fixtures-knowledge.ts';
import { type Case, everyMember, nextSequence, orgAdminOnly, projectCreators, tree, v1 } from './world.ts';

export const knowledgeCases: Case[] = [
  // Knowledge hub: every member reads published assets; the PMO at the asset's unit keeps them.
  {
    route: 'GET /process-assets',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/process-assets?kind=standard` }),
  },
  {
    route: 'GET /process-assets/search',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/process-assets/search?q=text` }),
  },
  {
    route: 'POST /process-assets',
    allowed: knowledgeEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/process-assets`,
      payload: {
        kind: 'policy',
        title: `Policy ${nextSequence()}`,
        businessUnitId: tree[t].unit,
        body: 'Rules',
      },
    }),
  },
  {
    route: 'GET /process-assets/:id',
    allowed: everyMember,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/process-assets/${(await assetAt(t, true)).asset.id}`,
    }),
  },
  {
    route: 'PATCH /process-assets/:id',
    allowed: knowledgeEditors,
    request: async (t) => {
      const { asset } = await assetAt(t, true);
      return {
        method: 'PATCH',
        url: `${v1}/process-assets/${asset.id}`,
        headers: { 'if-match': `"${asset.version}"` },
        payload: { tags: ['renamed'] },
      };
    },
  },
  {
    route: 'DELETE /process-assets/:id',
    allowed: knowledgeEditors,
    request: async (t) => {
      const { asset } = await assetAt(t, false);
      return {
        method: 'DELETE',
        url: `${v1}/process-assets/${asset.id}`,
        headers: { 'if-match': `"${asset.version}"` },
      };
    },
  },
  {
    route: 'GET /process-assets/:id/diff',
    allowed: everyMember,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/process-assets/${(await assetAt(t, true)).asset.id}/diff?from=1&to=1`,
    }),
  },
  {
    route: 'POST /process-assets/:id/versions',
    allowed: knowledgeEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/process-assets/${(await assetAt(t, true)).asset.id}/versions`,
      payload: { changeNote: 'next' },
    }),
  },
  {
    route: 'GET /asset-versions/:id',
    allowed: everyMember,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/asset-versions/${(await assetAt(t, true)).version.id}`,
    }),
  },
  {
    route: 'PATCH /asset-versions/:id',
    allowed: knowledgeEditors,
    request: async (t) => {
      const { version } = await assetAt(t, false);
      return {
        method: 'PATCH',
        url: `${v1}/asset-versions/${version.id}`,
        headers: { 'if-match': `"${version.version}"` },
        payload: { body: 'Edited draft' },
      };
    },
  },
  {
    route: 'POST /asset-versions/:id/transition',
    allowed: knowledgeEditors,
    request: async (t) => {
      const { version } = await assetAt(t, false);
      return {
        method: 'POST',
        url: `${v1}/asset-versions/${version.id}/transition`,
        headers: { 'if-match': `"${version.version}"` },
        payload: { to: 'in_review' },
      };
    },
  },
  {
    route: 'POST /process-assets/:id/attachments',
    allowed: knowledgeEditors,
    request: async (t) => {
      const boundary = 'orrery-matrix-boundary';
      return {
        method: 'POST',
        url: `${v1}/process-assets/${(await assetAt(t, true)).asset.id}/attachments`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: [
          `--${boundary}`,
          'Content-Disposition: form-data; name="file"; filename="form.txt"',
          'Content-Type: text/plain',
          '',
          'form',
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      };
    },
  },
  {
    route: 'GET /asset-attachments/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/asset-attachments/${(await attachmentAt(t)).id}` }),
  },
  {
    route: 'DELETE /asset-attachments/:id',
    allowed: knowledgeEditors,
    request: async (t) => ({
      method: 'DELETE',
      url: `${v1}/asset-attachments/${(await attachmentAt(t)).id}`,
    }),
  },
  // Project templates: the organization's PMO keeps them; members read published ones and create
  // projects from them where they may create projects.
  {
    route: 'GET /project-templates',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/project-templates` }),
  },
  {
    route: 'POST /project-templates',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/project-templates`,
      payload: { name: `Template ${nextSequence()}`, content: { tasks: [{ key: 'A', name: 'Plan' }] } },
    }),
  },
  {
    route: 'GET /project-templates/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/project-templates/${(await templateAt(t)).template.id}`,
    }),
  },
  {
    route: 'PATCH /project-templates/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const { template } = await templateAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/project-templates/${template.id}`,
        headers: { 'if-match': `"${template.version}"` },
        payload: { description: 'Changed' },
      };
    },
  },
  {
    route: 'POST /project-templates/:id/versions',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/project-templates/${(await templateAt(t)).template.id}/versions`,
      payload: { content: { tasks: [{ key: 'A', name: 'Plan again' }] } },
    }),
  },
  {
    route: 'GET /template-versions/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/template-versions/${(await templateAt(t)).version.id}`,
    }),
  },
  {
    route: 'PATCH /template-versions/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const { version } = await templateAt(t, false);
      return {
        method: 'PATCH',
        url: `${v1}/template-versions/${version.id}`,
        headers: { 'if-match': `"${version.version}"` },
        payload: { changeNote: 'Edited' },
      };
    },
  },
  {
    route: 'POST /template-versions/:id/publish',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const { version } = await templateAt(t, false);
      return {
        method: 'POST',
        url: `${v1}/template-versions/${version.id}/publish`,
        headers: { 'if-match': `"${version.version}"` },
      };
    },
  },
  {
    route: 'POST /project-templates/:id/instantiate',
    allowed: projectCreators,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/project-templates/${(await templateAt(t)).template.id}/instantiate`,
      payload: {
        code: `TPL-${nextSequence()}`,
        name: 'From template',
        businessUnitId: tree[t].unit,
        portfolioId: tree[t].portfolio,
        programId: tree[t].program,
        startDate: '2027-03-01',
      },
    }),
  },
];
