import type { Database } from '../db/connection.ts';
import type { AssetVersion } from '../model/knowledge.ts';
import { listUsers } from './access.ts';
import {
  approveCiVersion,
  createConfigBaseline,
  createConfigurationItem,
  proposeCiVersion,
} from './configuration.ts';
import { demoAssets, demoTemplates } from './demo-seed-knowledge-content.ts';
import type { Actor } from './policy.ts';
import {
  addAttachment,
  createAsset,
  createAssetVersion,
  getAsset,
  transitionAssetVersion,
} from './process-assets.ts';
import {
  createTemplate,
  createTemplateVersion,
  getTemplate,
  publishTemplateVersion,
} from './project-templates.ts';
import { listProjects } from './projects.ts';

async function userIdNamed(db: Database, system: Actor, name: string): Promise<string | null> {
  const page = await listUsers(db, system, { q: name, page: 1, pageSize: 1, order: 'asc' });
  return page.items[0]?.id ?? null;
}

async function publish(db: Database, system: Actor, version: Pick<AssetVersion, 'id' | 'version'>) {
  const reviewed = await transitionAssetVersion(db, system, version.id, version.version, { to: 'in_review' });
  return transitionAssetVersion(db, system, version.id, reviewed.version, { to: 'published' });
}

async function seedAssets(db: Database, system: Actor): Promise<void> {
  for (const demo of demoAssets) {
    const [first, ...later] = demo.versions;
    if (!first) continue;
    const asset = await createAsset(db, system, {
      kind: demo.kind,
      title: demo.title,
      summary: demo.summary,
      tags: demo.tags,
      methodology: demo.methodology ?? null,
      projectType: demo.projectType ?? null,
      ownerId: await userIdNamed(db, system, demo.owner),
      body: first.body,
      changeNote: first.note,
    });
    const draft = (await getAsset(db, system, asset.id)).versions[0] as AssetVersion;
    if (later.length > 0 || !demo.lastOpen) await publish(db, system, draft);
    for (const [index, next] of later.entries()) {
      const created = await createAssetVersion(db, system, asset.id, {
        body: next.body,
        changeNote: next.note,
      });
      const last = index === later.length - 1;
      if (!last || !demo.lastOpen) await publish(db, system, created);
      else if (demo.lastOpen === 'in_review')
        await transitionAssetVersion(db, system, created.id, created.version, { to: 'in_review' });
    }
    if (demo.attachment)
      await addAttachment(db, system, asset.id, {
        fileName: demo.attachment.fileName,
        contentType: demo.attachment.contentType,
        content: new TextEncoder().encode(demo.attachment.text),
      });
  }
}

async function seedTemplates(db: Database, system: Actor): Promise<void> {
  for (const demo of demoTemplates) {
    const [first, ...later] = demo.versions;
    if (!first) continue;
    const template = await createTemplate(db, system, {
      name: demo.name,
      description: demo.description,
      methodology: demo.methodology,
      content: first.content,
    });
    const draft = (await getTemplate(db, system, template.id)).versions[0];
    if (draft) await publishTemplateVersion(db, system, draft.id, draft.version);
    for (const next of later) {
      const created = await createTemplateVersion(db, system, template.id, {
        content: next.content,
        changeNote: next.note,
      });
      await publishTemplateVersion(db, system, created.id, created.version);
    }
  }
}

/**
 * Configuration control on the payments migration: three items approved and baselined, then the API
 * specification revised through the project's approved change request, and a further revision proposed.
 */
async function seedConfiguration(db: Database, system: Actor): Promise<void> {
  const page = await listProjects(db, system, { q: 'CP-105', page: 1, pageSize: 1, order: 'asc' });
  const project = page.items[0];
  if (!project) return;
  const owner = project.managerId;
  const items = [
    {
      kind: 'specification',
      identifier: 'SPEC-API',
      title: 'Payments API specification',
      reference: 'https://docs.example.com/payments/api/v1',
    },
    {
      kind: 'document',
      identifier: 'DOC-ARCH',
      title: 'Solution architecture',
      reference: 'ARCH-2027-014 rev A',
    },
    {
      kind: 'deliverable',
      identifier: 'DEL-CUTOVER',
      title: 'Gateway cutover runbook',
      reference: 'RUN-PAY-003 rev 1',
    },
  ] as const;
  const created = [];
  for (const item of items) {
    const ci = await createConfigurationItem(db, system, project.id, {
      kind: item.kind,
      identifier: item.identifier,
      title: item.title,
      ownerId: owner,
    });
    const version = await proposeCiVersion(db, system, ci.id, {
      reference: item.reference,
      note: 'Issued for design review',
    });
    await approveCiVersion(db, system, version.id, version.version, {});
    created.push(ci);
  }
  await createConfigBaseline(db, system, project.id, {
    name: 'Design baseline',
    description: 'Taken at Gate 2, after the design review.',
  });
  const [approved] = await db.query<{ id: string }>(
    `SELECT id FROM change_requests WHERE org_id = $1 AND project_id = $2 AND status = 'approved' ORDER BY number LIMIT 1`,
    [system.orgId, project.id],
  );
  const spec = created[0];
  if (!spec) return;
  if (approved) {
    const revised = await proposeCiVersion(db, system, spec.id, {
      reference: 'https://docs.example.com/payments/api/v2',
      note: 'Load-test endpoints added',
    });
    await approveCiVersion(db, system, revised.id, revised.version, { changeRequestId: approved.id });
  }
  await proposeCiVersion(db, system, spec.id, {
    reference: 'https://docs.example.com/payments/api/v3-draft',
    note: 'Refund webhooks — waiting for a change request',
  });
}

/** The knowledge hub in the demo: process assets with versions, two project templates, and configuration control. */
export async function seedKnowledgeDemo(db: Database, system: Actor): Promise<void> {
  await seedAssets(db, system);
  await seedTemplates(db, system);
  await seedConfiguration(db, system);
}
