import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { AssetVersion } from '../../src/model/knowledge.ts';
import type { Actor } from '../../src/services/policy.ts';
import {
  addAttachment,
  createAsset,
  createAssetVersion,
  deleteAsset,
  diffAssetVersions,
  downloadAttachment,
  getAsset,
  getAssetVersion,
  listAssets,
  searchAssets,
  transitionAssetVersion,
  updateAssetVersion,
} from '../../src/services/process-assets.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let orgId: string;
let pmo: Actor;
let owner: Actor;
let member: Actor;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId } = await makeOrganization(db));
  pmo = await makeActor(db, orgId, 'pmo_admin');
  owner = await makeActor(db, orgId, 'project_manager');
  member = await makeActor(db, orgId, 'team_member');
}, 120_000);
afterAll(async () => db?.close());

let titles = 0;
async function publishedAsset(fields: { title?: string; body: string; tags?: string[]; kind?: string }) {
  const asset = await createAsset(db, pmo, {
    kind: fields.kind ?? 'standard',
    title: fields.title ?? `Standard ${++titles}`,
    tags: fields.tags ?? [],
    ownerId: owner.userId,
    body: fields.body,
  });
  const [first] = (await getAsset(db, pmo, asset.id)).versions;
  const draft = first as AssetVersion;
  const inReview = await transitionAssetVersion(db, owner, draft.id, draft.version, { to: 'in_review' });
  const published = await transitionAssetVersion(db, pmo, draft.id, inReview.version, { to: 'published' });
  return { asset, published };
}

const versionRow = (id: string) =>
  db.query<{ body: string; status: string }>('SELECT body, status FROM asset_versions WHERE id = $1', [id]);

describe('process asset lifecycle', () => {
  it('moves a version draft → in review → published, and members then read it', async () => {
    const asset = await createAsset(db, pmo, {
      kind: 'policy',
      title: 'Risk management policy',
      ownerId: owner.userId,
      tags: ['risk'],
      body: '# Risk policy\nEvery project keeps a risk register.',
    });
    await expect(getAsset(db, member, asset.id)).rejects.toMatchObject({ status: 404 });
    const draft = (await getAsset(db, owner, asset.id)).versions[0] as AssetVersion;
    expect(draft.status).toBe('draft');
    const reviewed = await transitionAssetVersion(db, owner, draft.id, draft.version, { to: 'in_review' });
    await expect(
      transitionAssetVersion(db, owner, draft.id, reviewed.version, { to: 'published' }),
    ).rejects.toMatchObject({ status: 403 });
    const published = await transitionAssetVersion(db, pmo, draft.id, reviewed.version, { to: 'published' });
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    const seen = await getAsset(db, member, asset.id);
    expect(seen.publishedNumber).toBe(1);
    expect(seen.canDraft).toBe(false);
  });

  it('refuses to edit a published version in the service, naming the rule, and changes nothing', async () => {
    const { published } = await publishedAsset({ body: 'Original text' });
    const error = await updateAssetVersion(db, pmo, published.id, published.version, {
      body: 'Sneaky edit',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409 });
    expect((error as Error).message).toMatch(/version 1 is published; published versions are immutable/);
    expect((await versionRow(published.id))[0]).toEqual({ body: 'Original text', status: 'published' });
  });

  it('refuses to edit or delete a published version from plain SQL too (trigger)', async () => {
    const { published } = await publishedAsset({ body: 'Carved in stone' });
    await expect(
      db.query("UPDATE asset_versions SET body = 'changed' WHERE id = $1", [published.id]),
    ).rejects.toThrow(/published versions are immutable/);
    await expect(db.query('DELETE FROM asset_versions WHERE id = $1', [published.id])).rejects.toThrow(
      /immutable/,
    );
    await expect(
      db.query("UPDATE asset_versions SET status = 'draft' WHERE id = $1", [published.id]),
    ).rejects.toThrow(/immutable/);
    expect((await versionRow(published.id))[0]?.body).toBe('Carved in stone');
    // Retiring is the one change left, and the text stays.
    await db.query("UPDATE asset_versions SET status = 'retired', retired_at = now() WHERE id = $1", [
      published.id,
    ]);
    expect((await versionRow(published.id))[0]).toEqual({ body: 'Carved in stone', status: 'retired' });
  });

  it('publishing a new version retires the one before and updates what members read', async () => {
    const { asset } = await publishedAsset({ body: 'Version one' });
    const v2 = await createAssetVersion(db, owner, asset.id, { changeNote: 'clarified' });
    expect(v2.number).toBe(2);
    expect(v2.body).toBe('Version one');
    await expect(createAssetVersion(db, owner, asset.id, {})).rejects.toMatchObject({ status: 409 });
    const edited = await updateAssetVersion(db, owner, v2.id, v2.version, { body: 'Version two' });
    const reviewed = await transitionAssetVersion(db, owner, v2.id, edited.version, { to: 'in_review' });
    await transitionAssetVersion(db, pmo, v2.id, reviewed.version, { to: 'published' });
    const detail = await getAsset(db, member, asset.id);
    expect(detail.versions.map((v) => `${v.number}:${v.status}`)).toEqual(['2:published', '1:retired']);
    expect((await getAssetVersion(db, member, detail.publishedVersionId as string)).body).toBe('Version two');
  });

  it('hides drafts from members and refuses deleting a published asset', async () => {
    const { asset } = await publishedAsset({ body: 'Stable' });
    const draft = await createAssetVersion(db, owner, asset.id, { body: 'Work in progress' });
    await expect(getAssetVersion(db, member, draft.id)).rejects.toMatchObject({ status: 404 });
    expect((await getAsset(db, member, asset.id)).versions.map((v) => v.status)).toEqual(['published']);
    const fresh = await getAsset(db, pmo, asset.id);
    await expect(deleteAsset(db, pmo, asset.id, fresh.version)).rejects.toMatchObject({ status: 409 });
  });

  it('lists published assets to members with kind and tag filters', async () => {
    await publishedAsset({ title: 'Gate checklist', kind: 'checklist', body: 'Items', tags: ['Gates'] });
    const page = await listAssets(db, member, {
      page: 1,
      pageSize: 50,
      order: 'asc',
      kind: 'checklist',
      tag: 'gates',
    });
    expect(page.items.map((a) => a.title)).toEqual(['Gate checklist']);
  });
});

describe('diff between versions', () => {
  it('returns the changed lines with word marks', async () => {
    const { asset } = await publishedAsset({ body: 'Intro\nReview monthly.\nOutro' });
    const v2 = await createAssetVersion(db, owner, asset.id, {
      body: 'Intro\nReview weekly.\nOutro\nNew line',
    });
    const diff = await diffAssetVersions(db, owner, asset.id, 1, v2.number);
    expect(diff.added).toBe(2);
    expect(diff.removed).toBe(1);
    expect(diff.lines.find((l) => l.kind === 'added')?.words).toContainEqual({
      kind: 'added',
      text: 'weekly.',
    });
    await expect(diffAssetVersions(db, owner, asset.id, 1, 9)).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'to', message: 'version 9 does not exist' }],
    });
    // A member may not diff against a draft they cannot see.
    await expect(diffAssetVersions(db, member, asset.id, 1, 2)).rejects.toMatchObject({ status: 404 });
  });
});

describe('full-text search', () => {
  it('ranks a title hit above a body hit and marks the match in the snippet', async () => {
    await publishedAsset({ title: 'Procurement guideline', body: 'How to buy. Ask about escalation paths.' });
    await publishedAsset({ title: 'Escalation procedure', kind: 'procedure', body: 'Who to call.' });
    const result = await searchAssets(db, member, { q: 'escalation' });
    expect(result.items.map((hit) => hit.title)).toEqual(['Escalation procedure', 'Procurement guideline']);
    expect(result.items[0]?.rank).toBeGreaterThan(result.items[1]?.rank ?? 0);
    expect(result.items[1]?.snippet).toContain('«escalation»');
  });

  it('finds stemmed words and tags, and never drafts', async () => {
    await publishedAsset({ title: 'Quality standard', body: 'Testing is planned.', tags: ['inspections'] });
    await createAsset(db, pmo, { kind: 'standard', title: 'Secret inspection draft', body: 'inspection' });
    const result = await searchAssets(db, member, { q: 'inspection' });
    expect(result.items.map((hit) => hit.title)).toEqual(['Quality standard']);
    await expect(searchAssets(db, member, { q: '' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('attachments', () => {
  it('stores a file and gives the same bytes back; refuses oversized files', async () => {
    const { asset } = await publishedAsset({ body: 'With a form' });
    const bytes = new TextEncoder().encode('a,b\n1,2\n');
    const attachment = await addAttachment(db, owner, asset.id, {
      fileName: 'form.csv',
      contentType: 'text/csv',
      content: bytes,
    });
    expect(attachment.sizeBytes).toBe(bytes.length);
    const file = await downloadAttachment(db, member, attachment.id);
    expect(Buffer.from(file.content).toString()).toBe('a,b\n1,2\n');
    await expect(
      addAttachment(db, owner, asset.id, {
        fileName: 'huge.bin',
        contentType: 'application/octet-stream',
        content: new Uint8Array(5 * 1024 * 1024 + 1),
      }),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'file' }] });
    await expect(
      addAttachment(db, member, asset.id, { fileName: 'x.txt', contentType: 'text/plain', content: bytes }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe('who sees drafts in the list', () => {
  it("shows a unit's drafts to that unit's PMO and to the owner, not to other members", async () => {
    const project = await makeProject(db, orgId);
    const unitPmo = await makeActor(db, orgId, 'pmo_admin', 'business_unit', project.businessUnitId);
    const draft = await createAsset(db, pmo, {
      kind: 'procedure',
      title: 'Unit onboarding procedure',
      businessUnitId: project.businessUnitId,
      ownerId: owner.userId,
      body: 'Steps',
    });
    const titles = async (actor: Actor) =>
      (await listAssets(db, actor, { page: 1, pageSize: 500, order: 'asc' })).items.map((a) => a.title);
    expect(await titles(unitPmo)).toContain(draft.title);
    expect(await titles(owner)).toContain(draft.title);
    expect(await titles(member)).not.toContain(draft.title);
    expect(
      (
        await listAssets(db, unitPmo, { page: 1, pageSize: 500, order: 'asc', status: 'published' })
      ).items.map((a) => a.title),
    ).not.toContain(draft.title);
  });
});
