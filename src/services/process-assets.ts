import type { Database, Queryable } from '../db/connection.ts';
import {
  type AssetFilterValues,
  assetFilterSql,
  assetVersions,
  assetVisibilitySql,
  deleteAttachmentRow,
  findAssetVersionByNumber,
  findAttachment,
  insertAttachment,
  latestAssetVersion,
  listAssetVersionSummaries,
  listAttachments,
  processAssets,
  retirePublishedVersions,
  searchPublishedAssets,
  setPublishedVersion,
} from '../db/repositories/knowledge.ts';
import { businessUnitAncestors } from '../db/repositories/scope.ts';
import { findRow, insertRow, listRows } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import { diffTexts } from '../engine/text/line-diff.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type AssetAttachment,
  type AssetDetail,
  type AssetDiff,
  type AssetVersion,
  type AssetVersionStatus,
  type AssetVersionSummary,
  assetInput,
  assetPatch,
  assetTransitionInput,
  assetVersionInput,
  assetVersionPatch,
  MAX_ATTACHMENT_BYTES,
  type ProcessAsset,
  type SearchHit,
  searchQuery,
} from '../model/knowledge.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { type Actor, can, capabilitiesOf, isMember } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * Process assets. The PMO (capability `manage_knowledge` at the organization, or at the asset's
 * business unit) creates assets, publishes and retires versions. An asset's owner drafts new
 * versions and submits them for review. Every member reads published versions; drafts and versions in
 * review are seen by the owner and the PMO only. A published version never changes again.
 */

async function canManage(q: Queryable, actor: Actor, businessUnitId: string | null): Promise<boolean> {
  return can(actor, 'manage_knowledge', {
    businessUnitIds: await businessUnitAncestors(q, actor.orgId, businessUnitId),
  });
}

const isOwner = (actor: Actor, asset: Pick<ProcessAsset, 'ownerId'>) =>
  actor.userId !== null && asset.ownerId === actor.userId;

async function canDraft(q: Queryable, actor: Actor, asset: ProcessAsset): Promise<boolean> {
  return isOwner(actor, asset) || (await canManage(q, actor, asset.businessUnitId));
}

/** The asset, if the actor may see it at all; hidden (404) rather than forbidden otherwise. */
async function readableAsset(q: Queryable, actor: Actor, id: string): Promise<ProcessAsset> {
  const asset = await findRow<ProcessAsset>(q, processAssets, actor.orgId, id);
  if (!asset || !isMember(actor, actor.orgId)) throw new NotFoundError('process asset', id);
  if (asset.publishedVersionId === null && !(await canDraft(q, actor, asset)))
    throw new NotFoundError('process asset', id);
  return asset;
}

const isOpen = (status: AssetVersionStatus) => status === 'draft' || status === 'in_review';

async function readableVersion(q: Queryable, actor: Actor, version: AssetVersion): Promise<ProcessAsset> {
  const asset = await readableAsset(q, actor, version.assetId);
  if (isOpen(version.status) && !(await canDraft(q, actor, asset)))
    throw new NotFoundError('asset version', version.id);
  return asset;
}

export async function listAssets(
  db: Database,
  actor: Actor,
  query: ListQuery & AssetFilterValues & { status?: 'published' | 'all' | undefined },
): Promise<Page<ProcessAsset>> {
  const reader = {
    seesAll: await canManage(db, actor, null),
    userId: actor.userId,
    managedUnitIds: actor.grants
      .filter((g) => g.scopeType === 'business_unit' && capabilitiesOf(g.role).has('manage_knowledge'))
      .map((g) => g.scopeId as string),
  };
  const page = await listRows<ProcessAsset>(db, processAssets, actor.orgId, {
    ...query,
    where: (params) =>
      [
        assetVisibilitySql(params, actor.orgId, reader, query.status === 'published'),
        assetFilterSql(params, query),
      ]
        .filter(Boolean)
        .join(' AND ') || null,
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getAsset(db: Database, actor: Actor, id: string): Promise<AssetDetail> {
  const asset = await readableAsset(db, actor, id);
  const manage = await canManage(db, actor, asset.businessUnitId);
  const draft = manage || isOwner(actor, asset);
  const versions = await listAssetVersionSummaries<AssetVersionSummary>(db, actor.orgId, id);
  return {
    ...asset,
    versions: draft ? versions : versions.filter((v) => !isOpen(v.status)),
    attachments: await listAttachments(db, actor.orgId, id),
    canManage: manage,
    canDraft: draft,
  };
}

export async function createAsset(db: Database, actor: Actor, body: unknown): Promise<ProcessAsset> {
  const { body: text, changeNote, ...values } = parseInput(assetInput, body);
  return createAudited<ProcessAsset>(
    db,
    actor,
    'process_asset',
    processAssets,
    { ...values, ownerId: values.ownerId ?? actor.userId },
    async (tx) => {
      if (!(await canManage(tx, actor, values.businessUnitId))) throw new ForbiddenError();
    },
    async (tx, assetId) => {
      const versionId = uuidv7();
      await insertRow(tx, assetVersions, actor.orgId, versionId, {
        assetId,
        number: 1,
        body: text,
        changeNote,
        authorId: actor.userId,
      });
      const created = await findRow(tx, assetVersions, actor.orgId, versionId);
      await audit(tx, actor, 'asset_version', versionId, 'create', null, created);
    },
  );
}

export async function updateAsset(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<ProcessAsset> {
  const patch = parseInput(assetPatch, body);
  return updateAudited<ProcessAsset>(
    db,
    actor,
    'process_asset',
    processAssets,
    id,
    version,
    patch,
    async (tx, before) => {
      if (!(await canManage(tx, actor, before.businessUnitId))) throw new ForbiddenError();
      if (patch.businessUnitId !== undefined && !(await canManage(tx, actor, patch.businessUnitId)))
        throw new ForbiddenError();
    },
  );
}

export async function deleteAsset(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<ProcessAsset>(
    db,
    actor,
    'process_asset',
    processAssets,
    id,
    version,
    async (tx, before) => {
      if (!(await canManage(tx, actor, before.businessUnitId))) throw new ForbiddenError();
      const published = await tx.query(
        `SELECT 1 FROM asset_versions WHERE org_id = $1 AND asset_id = $2 AND status IN ('published', 'retired') LIMIT 1`,
        [actor.orgId, id],
      );
      if (published.length > 0)
        throw new ConflictError(
          'this asset has published versions, which are kept for good; retire it instead',
        );
    },
  );
}

export async function getAssetVersion(db: Database, actor: Actor, id: string): Promise<AssetVersion> {
  const version = await findRow<AssetVersion>(db, assetVersions, actor.orgId, id);
  if (!version) throw new NotFoundError('asset version', id);
  await readableVersion(db, actor, version);
  return version;
}

/** Starts the next version as a draft, from the text of the latest one unless a body is given. */
export async function createAssetVersion(
  db: Database,
  actor: Actor,
  assetId: string,
  body: unknown,
): Promise<AssetVersion> {
  const input = parseInput(assetVersionInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const asset = await readableAsset(tx, actor, assetId);
      if (!(await canDraft(tx, actor, asset))) throw new ForbiddenError();
      const latest = await latestAssetVersion(tx, actor.orgId, assetId);
      if (latest && isOpen(latest.status as AssetVersionStatus))
        throw new ConflictError(
          `version ${latest.number} is still ${latest.status === 'draft' ? 'a draft' : 'in review'}; finish it before starting another`,
        );
      const id = uuidv7();
      await insertRow(tx, assetVersions, actor.orgId, id, {
        assetId,
        number: (latest?.number ?? 0) + 1,
        body: input.body ?? latest?.body ?? '',
        changeNote: input.changeNote,
        authorId: actor.userId,
      });
      const created = (await findRow<AssetVersion>(tx, assetVersions, actor.orgId, id)) as AssetVersion;
      await audit(tx, actor, 'asset_version', id, 'create', null, created);
      return created;
    }),
  );
}

const immutable = (version: Pick<AssetVersion, 'number' | 'status'>) =>
  new ConflictError(
    `version ${version.number} is ${version.status === 'published' ? 'published' : version.status}; published versions are immutable — start a new version to change the text`,
    [{ field: 'status', message: `is ${version.status}` }],
  );

export async function updateAssetVersion(
  db: Database,
  actor: Actor,
  id: string,
  expected: number | undefined,
  body: unknown,
): Promise<AssetVersion> {
  const patch = parseInput(assetVersionPatch, body);
  return updateAudited<AssetVersion>(
    db,
    actor,
    'asset_version',
    assetVersions,
    id,
    expected,
    patch,
    async (tx, before) => {
      const asset = await readableVersion(tx, actor, before);
      if (!(await canDraft(tx, actor, asset))) throw new ForbiddenError();
      if (before.status === 'in_review')
        throw new ConflictError(`version ${before.number} is in review; send it back to draft to edit it`);
      if (before.status !== 'draft') throw immutable(before);
    },
  );
}

/** Who may move a version from one status to another: the owner drafts and submits, the PMO decides. */
const transitions: Record<string, 'draft' | 'manage'> = {
  'draft>in_review': 'draft',
  'in_review>draft': 'draft',
  'in_review>published': 'manage',
  'published>retired': 'manage',
};

export async function transitionAssetVersion(
  db: Database,
  actor: Actor,
  id: string,
  expected: number | undefined,
  body: unknown,
): Promise<AssetVersion> {
  const { to } = parseInput(assetTransitionInput, body);
  const now = new Date().toISOString();
  const stamps: Record<string, Record<string, unknown>> = {
    in_review: { submittedAt: now },
    draft: {},
    published: { publishedAt: now, publishedBy: actor.userId },
    retired: { retiredAt: now },
  };
  let asset: ProcessAsset | undefined;
  return updateAudited<AssetVersion>(
    db,
    actor,
    'asset_version',
    assetVersions,
    id,
    expected,
    { status: to, ...stamps[to] },
    async (tx, before) => {
      asset = await readableVersion(tx, actor, before);
      const rule = transitions[`${before.status}>${to}`];
      const allowed =
        rule === 'manage'
          ? await canManage(tx, actor, asset.businessUnitId)
          : await canDraft(tx, actor, asset);
      if (!allowed) throw new ForbiddenError();
      if (!rule) {
        if (before.status === 'published' || before.status === 'retired') throw immutable(before);
        throw new ConflictError(`version ${before.number} is ${before.status}; it cannot move to ${to}`, [
          { field: 'to', message: `not allowed from ${before.status}` },
        ]);
      }
    },
    async (tx, before) => {
      const current = asset as ProcessAsset;
      if (to === 'published') {
        await retirePublishedVersions(tx, actor.orgId, current.id, before.id);
        await setPublishedVersion(tx, actor.orgId, current.id, before.id);
      } else if (to === 'retired' && current.publishedVersionId === before.id) {
        await setPublishedVersion(tx, actor.orgId, current.id, null);
      }
      if (to === 'published' || to === 'retired') {
        const after = await findRow(tx, processAssets, actor.orgId, current.id);
        await audit(tx, actor, 'process_asset', current.id, 'update', current, after);
      }
    },
  );
}

export async function diffAssetVersions(
  db: Database,
  actor: Actor,
  assetId: string,
  from: number,
  to: number,
): Promise<AssetDiff> {
  const sides = await Promise.all(
    [from, to].map(async (number, index) => {
      const version = await findAssetVersionByNumber<AssetVersion>(db, actor.orgId, assetId, number);
      if (!version) {
        await readableAsset(db, actor, assetId);
        throw new ValidationError([
          { field: index === 0 ? 'from' : 'to', message: `version ${number} does not exist` },
        ]);
      }
      await readableVersion(db, actor, version);
      return version;
    }),
  );
  const lines = diffTexts(sides[0]?.body ?? '', sides[1]?.body ?? '');
  return {
    assetId,
    from,
    to,
    added: lines.filter((l) => l.kind === 'added').length,
    removed: lines.filter((l) => l.kind === 'removed').length,
    lines,
  };
}

export async function searchAssets(
  db: Database,
  actor: Actor,
  query: unknown,
): Promise<{ query: string; items: SearchHit[]; total: number; page: number; pageSize: number }> {
  const { q, kind, page, pageSize } = parseInput(searchQuery, query);
  if (!isMember(actor, actor.orgId)) throw new ForbiddenError();
  const result = await searchPublishedAssets(db, actor.orgId, q, {
    kind,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { query: q, items: result.items as SearchHit[], total: result.total, page, pageSize };
}

/** A file the asset carries (a form, a checklist spreadsheet); the owner or the PMO adds it. */
export async function addAttachment(
  db: Database,
  actor: Actor,
  assetId: string,
  file: { fileName: string; contentType: string; content: Uint8Array },
): Promise<AssetAttachment> {
  const fileName = file.fileName.trim().slice(0, 200);
  if (!fileName) throw new ValidationError([{ field: 'file', message: 'needs a file name' }]);
  if (file.content.length > MAX_ATTACHMENT_BYTES)
    throw new ValidationError([
      { field: 'file', message: `is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB` },
    ]);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const asset = await readableAsset(tx, actor, assetId);
      if (!(await canDraft(tx, actor, asset))) throw new ForbiddenError();
      const id = uuidv7();
      await insertAttachment(tx, {
        orgId: actor.orgId,
        id,
        assetId,
        fileName,
        contentType: file.contentType || 'application/octet-stream',
        content: file.content,
        uploadedBy: actor.userId,
      });
      const { content: _content, ...created } = (await findAttachment(
        tx,
        actor.orgId,
        id,
      )) as AssetAttachment & {
        content: Uint8Array;
      };
      await audit(tx, actor, 'asset_attachment', id, 'create', null, created);
      return created;
    }),
  );
}

export async function downloadAttachment(
  db: Database,
  actor: Actor,
  id: string,
): Promise<AssetAttachment & { content: Uint8Array }> {
  const attachment = await findAttachment(db, actor.orgId, id);
  if (!attachment) throw new NotFoundError('attachment', id);
  await readableAsset(db, actor, attachment.assetId);
  return attachment;
}

export async function deleteAttachment(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const attachment = await findAttachment(tx, actor.orgId, id);
    if (!attachment) throw new NotFoundError('attachment', id);
    const asset = await readableAsset(tx, actor, attachment.assetId);
    if (!(await canDraft(tx, actor, asset))) throw new ForbiddenError();
    await deleteAttachmentRow(tx, actor.orgId, id);
    const { content: _content, ...before } = attachment;
    await audit(tx, actor, 'asset_attachment', id, 'delete', before, null);
  });
}
