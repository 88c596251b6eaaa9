import type { Database, Queryable } from '../db/connection.ts';
import {
  type BaselineRow,
  changeRequestOf,
  ciVersions,
  configurationAsOf,
  configurationItems,
  findBaseline,
  findCiVersionFile,
  insertBaseline,
  isBaselined,
  listBaselines,
  listCiVersions,
  nextCiVersionNumber,
  supersedeCurrent,
} from '../db/repositories/configuration.ts';
import { findRow, insertRow, listRows } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  asOfQuery,
  baselineInput,
  type CiVersion,
  type Configuration,
  type ConfigurationItem,
  ciApproveInput,
  ciInput,
  ciPatch,
  ciVersionFields,
  ciVersionInput,
  MAX_CI_FILE_BYTES,
} from '../model/configuration.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { audit, createAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * Configuration management. Project readers read a project's items, versions and baselines; those
 * with `manage_configuration` there (project manager and above) keep them. The rule of control: once
 * an item is in a baseline, a new version becomes current only with an APPROVED change request of the
 * same project, and every approval is stamped, so the configuration at any past instant can be told.
 */
export const BASELINE_RULE =
  'a baselined configuration item changes only through an approved change request of its project';

async function itemOf(q: Queryable, actor: Actor, id: string, capability: 'read' | 'manage_configuration') {
  const item = await findRow<ConfigurationItem>(q, configurationItems, actor.orgId, id);
  if (!item) throw new NotFoundError('configuration item', id);
  // An item the reader cannot see does not exist for them; one they see but may not change is a 403.
  await authorizeProject(q, actor, item.projectId, 'read').catch((error: unknown) => {
    throw error instanceof ForbiddenError ? new NotFoundError('configuration item', id) : error;
  });
  if (capability !== 'read') await authorizeProject(q, actor, item.projectId, capability);
  return item;
}

export async function listConfigurationItems(
  db: Database,
  actor: Actor,
  projectId: string,
  query: ListQuery,
): Promise<Page<ConfigurationItem>> {
  await authorizeProject(db, actor, projectId, 'read');
  const page = await listRows<ConfigurationItem>(db, configurationItems, actor.orgId, {
    ...query,
    equals: { projectId },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getConfigurationItem(db: Database, actor: Actor, id: string) {
  const item = await itemOf(db, actor, id, 'read');
  return { ...item, versions: await listCiVersions<CiVersion>(db, actor.orgId, id) };
}

export async function createConfigurationItem(
  db: Database,
  actor: Actor,
  projectId: string,
  body: unknown,
): Promise<ConfigurationItem> {
  const values = parseInput(ciInput, body);
  return createAudited<ConfigurationItem>(
    db,
    actor,
    'configuration_item',
    configurationItems,
    { ...values, projectId },
    (tx) => authorizeProject(tx, actor, projectId, 'manage_configuration'),
  );
}

export async function updateConfigurationItem(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<ConfigurationItem> {
  const patch = parseInput(ciPatch, body);
  return updateAudited<ConfigurationItem>(
    db,
    actor,
    'configuration_item',
    configurationItems,
    id,
    version,
    patch,
    async (tx, before) => {
      await itemOf(tx, actor, before.id, 'manage_configuration');
    },
  );
}

export interface CiFile {
  fileName: string;
  contentType: string;
  content: Uint8Array;
}

/**
 * Proposes the item's next version — its text, a reference (URL, document number) and/or a file; it
 * becomes current only when approved.
 */
export async function proposeCiVersion(
  db: Database,
  actor: Actor,
  ciId: string,
  body: unknown,
  file?: CiFile,
): Promise<CiVersion> {
  const values = file ? parseInput(ciVersionFields, body) : parseInput(ciVersionInput, body);
  const fileName = file?.fileName.trim().slice(0, 200);
  if (file && !fileName) throw new ValidationError([{ field: 'file', message: 'needs a file name' }]);
  if (file && file.content.length > MAX_CI_FILE_BYTES)
    throw new ValidationError([
      { field: 'file', message: `is larger than ${MAX_CI_FILE_BYTES / 1024 / 1024} MB` },
    ]);
  const stored = file
    ? {
        fileName,
        fileType: file.contentType || 'application/octet-stream',
        fileSize: file.content.length,
        fileContent: file.content,
      }
    : {};
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await itemOf(tx, actor, ciId, 'manage_configuration');
      const id = uuidv7();
      await insertRow(tx, ciVersions, actor.orgId, id, {
        ...values,
        ...stored,
        ciId,
        number: await nextCiVersionNumber(tx, actor.orgId, ciId),
        createdBy: actor.userId,
      });
      const created = (await findRow<CiVersion>(tx, ciVersions, actor.orgId, id)) as CiVersion;
      await audit(tx, actor, 'ci_version', id, 'create', null, created);
      return created;
    }),
  );
}

/**
 * Makes a proposed version the item's current one, from now on. A baselined item needs an approved
 * change request of its project, recorded with the version; otherwise the request is optional.
 */
export async function approveCiVersion(
  db: Database,
  actor: Actor,
  id: string,
  expected: number | undefined,
  body: unknown,
): Promise<CiVersion> {
  const { changeRequestId } = parseInput(ciApproveInput, body);
  return updateAudited<CiVersion>(
    db,
    actor,
    'ci_version',
    ciVersions,
    id,
    expected,
    { status: 'current', approvedAt: new Date().toISOString(), approvedBy: actor.userId, changeRequestId },
    async (tx, before) => {
      const item = await itemOf(tx, actor, before.ciId, 'manage_configuration');
      if (before.status !== 'proposed')
        throw new ConflictError(
          `version ${before.number} is already ${before.status === 'current' ? 'current' : 'superseded'}; approved versions are immutable`,
        );
      const baselined = await isBaselined(tx, actor.orgId, before.ciId);
      if (changeRequestId) {
        const request = await changeRequestOf(tx, actor.orgId, changeRequestId);
        if (!request || request.projectId !== item.projectId)
          throw new ValidationError([
            { field: 'changeRequestId', message: 'is not a change request of this project' },
          ]);
        if (request.status !== 'approved')
          throw new ConflictError(
            `CR-${request.number} is ${request.status.replace('_', ' ')}, not approved; ${BASELINE_RULE}`,
            [{ field: 'changeRequestId', message: `CR-${request.number} is not approved` }],
          );
      } else if (baselined) {
        throw new ConflictError(`${item.identifier} is under baseline: ${BASELINE_RULE}`, [
          { field: 'changeRequestId', message: 'is required: the item is under baseline' },
        ]);
      }
      await supersedeCurrent(tx, actor.orgId, before.ciId);
    },
  );
}

/** The file a version carries, for those who read the project. */
export async function downloadCiVersionFile(
  db: Database,
  actor: Actor,
  id: string,
): Promise<{ fileName: string; fileType: string; content: Uint8Array }> {
  const version = await findCiVersionFile(db, actor.orgId, id);
  if (!version) throw new NotFoundError('configuration item version', id);
  await itemOf(db, actor, version.ciId, 'read');
  if (!version.fileName || !version.content)
    throw new NotFoundError('file of configuration item version', id);
  return {
    fileName: version.fileName,
    fileType: version.fileType ?? 'application/octet-stream',
    content: version.content,
  };
}

export async function listConfigBaselines(
  db: Database,
  actor: Actor,
  projectId: string,
): Promise<BaselineRow[]> {
  await authorizeProject(db, actor, projectId, 'read');
  return listBaselines(db, actor.orgId, projectId);
}

export async function getConfigBaseline(db: Database, actor: Actor, id: string): Promise<BaselineRow> {
  const baseline = await findBaseline(db, actor.orgId, id);
  if (!baseline) throw new NotFoundError('configuration baseline', id);
  await authorizeProject(db, actor, baseline.projectId, 'read').catch((error: unknown) => {
    throw error instanceof ForbiddenError ? new NotFoundError('configuration baseline', id) : error;
  });
  return baseline;
}

/** Freezes the current version of the named items (or of every item that has one) under a name. */
export async function createConfigBaseline(
  db: Database,
  actor: Actor,
  projectId: string,
  body: unknown,
): Promise<BaselineRow> {
  const input = parseInput(baselineInput, body);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizeProject(tx, actor, projectId, 'manage_configuration');
      if (input.ciIds) {
        const found = await tx.query<{ id: string; current: boolean }>(
          `SELECT ci.id, EXISTS (SELECT 1 FROM ci_versions v WHERE v.org_id = ci.org_id AND v.ci_id = ci.id AND v.status = 'current') AS current
           FROM configuration_items ci WHERE ci.org_id = $1 AND ci.project_id = $2 AND ci.id = ANY ($3::uuid[])`,
          [actor.orgId, projectId, input.ciIds],
        );
        const byId = new Map(found.map((row) => [row.id, row.current]));
        const errors = input.ciIds.flatMap((ciId, index) =>
          !byId.has(ciId)
            ? [{ field: `ciIds.${index}`, message: 'is not a configuration item of this project' }]
            : byId.get(ciId)
              ? []
              : [{ field: `ciIds.${index}`, message: 'has no approved version to baseline' }],
        );
        if (errors.length > 0) throw new ValidationError(errors);
      }
      const id = uuidv7();
      const count = await insertBaseline(
        tx,
        {
          orgId: actor.orgId,
          id,
          projectId,
          name: input.name,
          description: input.description,
          createdBy: actor.userId,
        },
        input.ciIds,
      );
      if (count === 0)
        throw new ValidationError([
          { field: 'ciIds', message: 'no item has an approved version to baseline yet' },
        ]);
      const created = (await findBaseline(tx, actor.orgId, id)) as BaselineRow;
      await audit(tx, actor, 'config_baseline', id, 'create', null, created);
      return created;
    }),
  );
}

/** The approved configuration of a project at an instant (a date means the end of that day, UTC). */
export async function getConfigurationAsOf(
  db: Database,
  actor: Actor,
  projectId: string,
  query: unknown,
): Promise<Configuration> {
  const { asOf } = parseInput(asOfQuery, query);
  await authorizeProject(db, actor, projectId, 'read');
  const instant = !asOf
    ? new Date().toISOString()
    : asOf.length === 10
      ? new Date(Date.parse(`${asOf}T00:00:00Z`) + 86_400_000 - 1).toISOString()
      : new Date(asOf).toISOString();
  return { projectId, asOf: instant, items: await configurationAsOf(db, actor.orgId, projectId, instant) };
}
