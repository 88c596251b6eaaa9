import {
  approveCiVersion,
  createConfigBaseline,
  createConfigurationItem,
  proposeCiVersion,
} from '../../../src/services/configuration.ts';
import {
  addAttachment,
  createAsset,
  getAsset,
  transitionAssetVersion,
} from '../../../src/services/process-assets.ts';
import {
  createTemplate,
  getTemplate,
  publishTemplateVersion,
} from '../../../src/services/project-templates.ts';
import { db, nextSequence, systemFor, type Target, tree, unitShapers } from './world.ts';

// The knowledge hub's fixtures: assets in the target's unit (published or not), templates of the
// target's organization, and configuration items of the target's project, fresh per request.
export const assetAt = async (t: Target, publish: boolean) => {
  const system = systemFor(t);
  const asset = await createAsset(db, system, {
    kind: 'standard',
    title: `Asset ${nextSequence()}`,
    businessUnitId: tree[t].unit,
    body: 'Text',
  });
  const draft = (await getAsset(db, system, asset.id)).versions[0]!;
  if (!publish) return { asset, version: draft };
  const reviewed = await transitionAssetVersion(db, system, draft.id, draft.version, { to: 'in_review' });
  const published = await transitionAssetVersion(db, system, draft.id, reviewed.version, { to: 'published' });
  return { asset: await getAsset(db, system, asset.id), version: published };
};
export const attachmentAt = async (t: Target) =>
  addAttachment(db, systemFor(t), (await assetAt(t, true)).asset.id, {
    fileName: 'form.txt',
    contentType: 'text/plain',
    content: new TextEncoder().encode('form'),
  });
export const knowledgeEditors = unitShapers;
export const templateAt = async (t: Target, publish = true) => {
  const system = systemFor(t);
  const template = await createTemplate(db, system, {
    name: `Template ${nextSequence()}`,
    content: {
      tasks: [
        { key: 'A', name: 'Plan' },
        { key: 'B', name: 'Do' },
      ],
      links: [{ from: 'A', to: 'B' }],
      risks: [{ title: 'Late supplier', probability: 0.2, impact: 2 }],
      documents: [{ identifier: 'DOC-1', title: 'Charter' }],
    },
  });
  const draft = (await getTemplate(db, system, template.id)).versions[0]!;
  if (!publish) return { template, version: draft };
  return { template, version: await publishTemplateVersion(db, system, draft.id, draft.version) };
};
export const ciAt = (t: Target) =>
  createConfigurationItem(db, systemFor(t), tree[t].project, {
    identifier: `CI-${nextSequence()}`,
    title: 'Spec',
  });
export const ciVersionAt = async (t: Target) =>
  proposeCiVersion(db, systemFor(t), (await ciAt(t)).id, { content: 'first text' });
export const approvedCiAt = async (t: Target) => {
  const proposed = await ciVersionAt(t);
  await approveCiVersion(db, systemFor(t), proposed.id, proposed.version, {});
  return proposed.ciId;
};
export const configBaselineAt = async (t: Target) =>
  createConfigBaseline(db, systemFor(t), tree[t].project, {
    name: `Baseline ${nextSequence()}`,
    ciIds: [await approvedCiAt(t)],
  });
