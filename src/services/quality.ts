import type { Database, Queryable } from '../db/connection.ts';
import {
  checklistItemIds,
  correctiveActions,
  findings,
  inspections,
  qualityStandards,
  replaceChecklist,
  replaceCheckResults,
  standardInUse,
} from '../db/repositories/quality.ts';
import { projectWithin } from '../db/repositories/scope.ts';
import { findRow, listRows, type SqlParams } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type CorrectiveAction,
  correctiveActionInput,
  correctiveActionPatch,
  type Finding,
  findingInput,
  findingPatch,
  type Inspection,
  inspectionInput,
  inspectionPatch,
  type QualityStandard,
  qualityStandardInput,
  qualityStandardPatch,
} from '../model/quality.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { createAudited, deleteAudited, updateAudited } from './mutation.ts';
import { notify } from './notifications.ts';
import { type Actor, can, isMember, organizationChain, visibility } from './policy.ts';
import { requireOnProject } from './scoped.ts';
import { parseInput } from './validate.ts';

// Standards are the organization's: everyone reads them, the organization's PMO keeps them.
function requireStandardsKeeper(actor: Actor) {
  if (!can(actor, 'manage_quality', organizationChain)) throw new ForbiddenError();
}

export async function listQualityStandards(
  db: Database,
  actor: Actor,
  query: ListQuery & { active?: boolean },
) {
  if (!isMember(actor, actor.orgId)) throw new ForbiddenError();
  const page = await listRows<QualityStandard>(db, qualityStandards, actor.orgId, {
    ...query,
    equals: { active: query.active },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getQualityStandard(db: Database, actor: Actor, id: string) {
  const found = await findRow<QualityStandard>(db, qualityStandards, actor.orgId, id);
  if (!found) throw new NotFoundError('quality standard', id);
  return found;
}

export async function createQualityStandard(db: Database, actor: Actor, input: unknown) {
  const { checklist, ...values } = parseInput(qualityStandardInput, input);
  return createAudited<QualityStandard>(
    db,
    actor,
    'quality_standard',
    qualityStandards,
    values,
    async () => requireStandardsKeeper(actor),
    (tx, id) => replaceChecklist(tx, actor.orgId, id, checklist),
  );
}

/** A checklist that inspections have used stays as it is, so their results keep their meaning. */
export async function updateQualityStandard(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const { checklist, ...patch } = parseInput(qualityStandardPatch, input);
  return updateAudited<QualityStandard>(
    db,
    actor,
    'quality_standard',
    qualityStandards,
    id,
    version,
    patch,
    async (tx, before) => {
      requireStandardsKeeper(actor);
      const changed =
        checklist !== undefined &&
        JSON.stringify(checklist) !== JSON.stringify(before.checklist.map((i) => i.text));
      if (changed && (await standardInUse(tx, actor.orgId, id)))
        throw new ConflictError('the checklist has been used by inspections; create a new standard instead', [
          { field: 'checklist', message: 'is in use by inspections' },
        ]);
    },
    async (tx) => {
      if (checklist !== undefined && !(await standardInUse(tx, actor.orgId, id)))
        await replaceChecklist(tx, actor.orgId, id, checklist);
    },
  );
}

export async function deleteQualityStandard(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
) {
  return deleteAudited(db, actor, 'quality_standard', qualityStandards, id, version, async () =>
    requireStandardsKeeper(actor),
  );
}

/** A list filter: records of projects the actor may read. */
function readableProjects(actor: Actor) {
  const seen = visibility(actor);
  return seen.all
    ? undefined
    : (params: SqlParams) =>
        `t.project_id IN (SELECT p.id FROM projects p WHERE p.org_id = t.org_id AND ${projectWithin('p', params, actor.orgId, seen)})`;
}

async function checkResultsFit(
  q: Queryable,
  orgId: string,
  standardId: string,
  results: { itemId: string }[],
) {
  const items = await checklistItemIds(q, orgId, standardId);
  const seen = new Set<string>();
  results.forEach((result, index) => {
    if (!items.has(result.itemId))
      throw new ValidationError([
        { field: `results[${index}].itemId`, message: "is not an item of the standard's checklist" },
      ]);
    if (seen.has(result.itemId))
      throw new ValidationError([{ field: `results[${index}].itemId`, message: 'is given twice' }]);
    seen.add(result.itemId);
  });
}

export async function listInspections(db: Database, actor: Actor, query: ListQuery & { projectId?: string }) {
  const page = await listRows<Inspection>(db, inspections, actor.orgId, {
    ...query,
    sort: query.sort ?? 'heldOn',
    order: query.sort ? query.order : 'desc',
    equals: { projectId: query.projectId },
    where: readableProjects(actor),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getInspection(db: Database, actor: Actor, id: string) {
  const found = await findRow<Inspection>(db, inspections, actor.orgId, id);
  if (!found) throw new NotFoundError('inspection', id);
  await requireOnProject(db, actor, found.projectId, 'read');
  return found;
}

export async function createInspection(db: Database, actor: Actor, input: unknown) {
  const { results, ...values } = parseInput(inspectionInput, input);
  return createAudited<Inspection>(
    db,
    actor,
    'quality_inspection',
    inspections,
    values,
    async (tx) => {
      try {
        await requireOnProject(tx, actor, values.projectId, 'manage_quality');
      } catch (error) {
        if (error instanceof NotFoundError)
          throw new ValidationError([{ field: 'projectId', message: 'does not exist in this organization' }]);
        throw error;
      }
      if (!(await findRow(tx, qualityStandards, actor.orgId, values.standardId)))
        throw new ValidationError([{ field: 'standardId', message: 'does not exist in this organization' }]);
      await checkResultsFit(tx, actor.orgId, values.standardId, results);
    },
    (tx, id) => replaceCheckResults(tx, actor.orgId, id, results),
  );
}

export async function updateInspection(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const { results, ...patch } = parseInput(inspectionPatch, input);
  return updateAudited<Inspection>(
    db,
    actor,
    'quality_inspection',
    inspections,
    id,
    version,
    patch,
    async (tx, before) => {
      await requireOnProject(tx, actor, before.projectId, 'manage_quality');
      if (results) await checkResultsFit(tx, actor.orgId, before.standardId, results);
    },
    async (tx) => {
      if (results) await replaceCheckResults(tx, actor.orgId, id, results);
    },
  );
}

export async function deleteInspection(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Inspection>(db, actor, 'quality_inspection', inspections, id, version, (tx, before) =>
    requireOnProject(tx, actor, before.projectId, 'manage_quality'),
  );
}

export async function listFindings(
  db: Database,
  actor: Actor,
  query: ListQuery & { projectId?: string; inspectionId?: string; status?: string },
): Promise<Page<Finding>> {
  const page = await listRows<Finding>(db, findings, actor.orgId, {
    ...query,
    equals: { projectId: query.projectId, inspectionId: query.inspectionId, status: query.status },
    where: readableProjects(actor),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getFinding(db: Database, actor: Actor, id: string) {
  const found = await findRow<Finding>(db, findings, actor.orgId, id);
  if (!found) throw new NotFoundError('finding', id);
  await requireOnProject(db, actor, found.projectId, 'read');
  return found;
}

export async function createFinding(db: Database, actor: Actor, input: unknown) {
  const row: Record<string, unknown> = { ...parseInput(findingInput, input) };
  return createAudited<Finding>(db, actor, 'quality_finding', findings, row, async (tx) => {
    const inspection = await findRow<Inspection>(tx, inspections, actor.orgId, row.inspectionId as string);
    if (!inspection)
      throw new ValidationError([{ field: 'inspectionId', message: 'does not exist in this organization' }]);
    await requireOnProject(tx, actor, inspection.projectId, 'manage_quality');
    // The finding is filed under its inspection's project, whatever the caller says.
    row.projectId = inspection.projectId;
  });
}

export async function updateFinding(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const patch = parseInput(findingPatch, input);
  return updateAudited<Finding>(db, actor, 'quality_finding', findings, id, version, patch, (tx, before) =>
    requireOnProject(tx, actor, before.projectId, 'manage_quality'),
  );
}

export async function deleteFinding(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Finding>(db, actor, 'quality_finding', findings, id, version, (tx, before) =>
    requireOnProject(tx, actor, before.projectId, 'manage_quality'),
  );
}

/** A done action has a done date (today unless it had one); reopening clears it. */
function settleDone(values: Record<string, unknown>, previous?: CorrectiveAction) {
  const status = (values.status as string | undefined) ?? previous?.status;
  if (status === 'done')
    return { ...values, doneOn: previous?.doneOn ?? new Date().toISOString().slice(0, 10) };
  return values.status !== undefined ? { ...values, doneOn: null } : values;
}

const ownerMessage = (action: { title: string; dueDate: string | null }) =>
  `You own the corrective action "${action.title}"${action.dueDate ? `, due ${action.dueDate}` : ''}`;

export async function listCorrectiveActions(
  db: Database,
  actor: Actor,
  query: ListQuery & { projectId?: string; findingId?: string; status?: string; ownerId?: string },
): Promise<Page<CorrectiveAction>> {
  const page = await listRows<CorrectiveAction>(db, correctiveActions, actor.orgId, {
    ...query,
    equals: {
      projectId: query.projectId,
      findingId: query.findingId,
      status: query.status,
      ownerId: query.ownerId,
    },
    where: readableProjects(actor),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getCorrectiveAction(db: Database, actor: Actor, id: string) {
  const found = await findRow<CorrectiveAction>(db, correctiveActions, actor.orgId, id);
  if (!found) throw new NotFoundError('corrective action', id);
  await requireOnProject(db, actor, found.projectId, 'read');
  return found;
}

export async function createCorrectiveAction(db: Database, actor: Actor, input: unknown) {
  const row = settleDone({ ...parseInput(correctiveActionInput, input) });
  return createAudited<CorrectiveAction>(
    db,
    actor,
    'corrective_action',
    correctiveActions,
    row,
    async (tx) => {
      const finding = await findRow<Finding>(tx, findings, actor.orgId, row.findingId as string);
      if (!finding)
        throw new ValidationError([{ field: 'findingId', message: 'does not exist in this organization' }]);
      await requireOnProject(tx, actor, finding.projectId, 'manage_quality');
      row.projectId = finding.projectId;
    },
    async (tx, id) => {
      const action = (await findRow<CorrectiveAction>(
        tx,
        correctiveActions,
        actor.orgId,
        id,
      )) as CorrectiveAction;
      await notify(
        tx,
        actor,
        [action.ownerId],
        'assignment',
        { type: 'corrective_action', id },
        ownerMessage(action),
      );
    },
  );
}

export async function updateCorrectiveAction(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
) {
  const parsed = parseInput(correctiveActionPatch, input);
  // Filled in once the current action is known (its done date may follow from the new status).
  const row: Record<string, unknown> = { ...parsed };
  return updateAudited<CorrectiveAction>(
    db,
    actor,
    'corrective_action',
    correctiveActions,
    id,
    version,
    row,
    async (tx, before) => {
      await requireOnProject(tx, actor, before.projectId, 'manage_quality');
      if (parsed.status !== undefined) Object.assign(row, settleDone(parsed, before));
    },
    async (tx, before) => {
      const after = (await findRow<CorrectiveAction>(
        tx,
        correctiveActions,
        actor.orgId,
        id,
      )) as CorrectiveAction;
      if (after.ownerId !== before.ownerId)
        await notify(
          tx,
          actor,
          [after.ownerId],
          'assignment',
          { type: 'corrective_action', id },
          ownerMessage(after),
        );
    },
  );
}

export async function deleteCorrectiveAction(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
) {
  return deleteAudited<CorrectiveAction>(
    db,
    actor,
    'corrective_action',
    correctiveActions,
    id,
    version,
    (tx, before) => requireOnProject(tx, actor, before.projectId, 'manage_quality'),
  );
}
