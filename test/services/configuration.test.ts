import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { createChangeRequest, decideChangeRequest, startReview } from '../../src/services/change-control.ts';
import {
  approveCiVersion,
  createConfigBaseline,
  createConfigurationItem,
  downloadCiVersionFile,
  getConfigurationAsOf,
  getConfigurationItem,
  proposeCiVersion,
} from '../../src/services/configuration.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let orgId: string;
let system: Actor;
let manager: Actor;
let projectId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  const project = await makeProject(db, orgId);
  projectId = project.id;
  manager = await makeActor(db, orgId, 'project_manager', 'project', projectId);
}, 120_000);
afterAll(async () => db?.close());

let counter = 0;
async function approvedItem() {
  const item = await createConfigurationItem(db, manager, projectId, {
    kind: 'specification',
    identifier: `SPEC-${++counter}`,
    title: 'Interface specification',
  });
  const v1 = await proposeCiVersion(db, manager, item.id, { content: 'v1 text' });
  const approved = await approveCiVersion(db, manager, v1.id, v1.version, {});
  return { item, v1: approved };
}

async function changeRequest(decision: 'approve' | 'reject' | null) {
  const request = await createChangeRequest(
    db,
    system,
    { type: 'project', id: projectId },
    { title: `CR ${++counter}` },
  );
  if (!decision) return request;
  const reviewed = await startReview(db, system, request.id, {});
  return decideChangeRequest(db, system, reviewed.id, { decision });
}

describe('configuration control', () => {
  it('approves a version freely before the item is baselined', async () => {
    const { item, v1 } = await approvedItem();
    expect(v1.status).toBe('current');
    const v2 = await proposeCiVersion(db, manager, item.id, { content: 'v2 text' });
    await approveCiVersion(db, manager, v2.id, v2.version, {});
    const detail = await getConfigurationItem(db, manager, item.id);
    expect(detail.versions.map((v) => `${v.number}:${v.status}`)).toEqual(['2:current', '1:superseded']);
  });

  it('once baselined, refuses a new current version without an approved change request, changing nothing', async () => {
    const { item } = await approvedItem();
    const baseline = await createConfigBaseline(db, manager, projectId, {
      name: `B${counter}`,
      ciIds: [item.id],
    });
    expect(baseline.items.map((i) => i.number)).toEqual([1]);
    const v2 = await proposeCiVersion(db, manager, item.id, { content: 'changed' });
    const error = await approveCiVersion(db, manager, v2.id, v2.version, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409 });
    expect((error as Error).message).toMatch(
      /under baseline: a baselined configuration item changes only through an approved change request/,
    );
    const submitted = await changeRequest(null);
    await expect(
      approveCiVersion(db, manager, v2.id, v2.version, { changeRequestId: submitted.id }),
    ).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/is submitted, not approved/) });
    const rejected = await changeRequest('reject');
    await expect(
      approveCiVersion(db, manager, v2.id, v2.version, { changeRequestId: rejected.id }),
    ).rejects.toMatchObject({ status: 409 });
    const detail = await getConfigurationItem(db, manager, item.id);
    expect(detail.versions.map((v) => `${v.number}:${v.status}`)).toEqual(['2:proposed', '1:current']);

    const approved = await changeRequest('approve');
    const current = await approveCiVersion(db, manager, v2.id, v2.version, { changeRequestId: approved.id });
    expect(current).toMatchObject({ status: 'current', changeRequestNumber: approved.number });
  });

  it("refuses another project's change request", async () => {
    const { item } = await approvedItem();
    await createConfigBaseline(db, manager, projectId, { name: `Other ${counter}`, ciIds: [item.id] });
    const other = await makeProject(db, orgId);
    const foreign = await createChangeRequest(
      db,
      system,
      { type: 'project', id: other.id },
      { title: 'elsewhere' },
    );
    const v2 = await proposeCiVersion(db, manager, item.id, { content: 'x' });
    await expect(
      approveCiVersion(db, manager, v2.id, v2.version, { changeRequestId: foreign.id }),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'changeRequestId' }] });
  });

  it('takes a version as a file, keeps its bytes, and refuses an empty version', async () => {
    const { item } = await approvedItem();
    const bytes = new TextEncoder().encode('%PDF-1.7 signed');
    const version = await proposeCiVersion(
      db,
      manager,
      item.id,
      { note: 'signed copy' },
      { fileName: 'spec-signed.pdf', contentType: 'application/pdf', content: bytes },
    );
    expect(version).toMatchObject({
      fileName: 'spec-signed.pdf',
      fileSize: bytes.length,
      note: 'signed copy',
    });
    const file = await downloadCiVersionFile(db, manager, version.id);
    expect(Buffer.from(file.content).toString()).toBe('%PDF-1.7 signed');
    await expect(proposeCiVersion(db, manager, item.id, {})).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'content' }],
    });
    await expect(
      proposeCiVersion(
        db,
        manager,
        item.id,
        {},
        {
          fileName: 'big.bin',
          contentType: 'application/octet-stream',
          content: new Uint8Array(5 * 1024 * 1024 + 1),
        },
      ),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'file' }] });
  });

  it('keeps approved versions immutable in SQL', async () => {
    const { v1 } = await approvedItem();
    await expect(
      db.query("UPDATE ci_versions SET content = 'tampered' WHERE id = $1", [v1.id]),
    ).rejects.toThrow(/approved versions are immutable/);
  });
});

describe('configuration as of a date', () => {
  it('answers each item with the version approved at that instant', async () => {
    const { item, v1 } = await approvedItem();
    const v2 = await proposeCiVersion(db, manager, item.id, { content: 'second' });
    const afterV1 = new Date(Date.parse(v1.approvedAt as string) + 1).toISOString();
    const before = await getConfigurationAsOf(db, manager, projectId, { asOf: afterV1 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const approved = await approveCiVersion(db, manager, v2.id, v2.version, {});
    const atV1 = await getConfigurationAsOf(db, manager, projectId, { asOf: afterV1 });
    const now = await getConfigurationAsOf(db, manager, projectId, {});
    const entry = (c: { items: Array<{ ciId: string; number: number | null }> }) =>
      c.items.find((i) => i.ciId === item.id)?.number;
    expect(entry(before)).toBe(1);
    expect(entry(atV1)).toBe(1);
    expect(entry(now)).toBe(2);
    expect(approved.approvedAt! > afterV1).toBe(true);
    // A day before anything existed: the item was not there yet.
    const past = await getConfigurationAsOf(db, manager, projectId, { asOf: '2000-01-01' });
    expect(past.items).toEqual([]);
    await expect(getConfigurationAsOf(db, manager, projectId, { asOf: 'yesterday' })).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'asOf' }],
    });
  });

  it('hides a project configuration from those without a grant on it', async () => {
    const stranger = await makeActor(db, orgId, 'team_member', 'project', (await makeProject(db, orgId)).id);
    await expect(getConfigurationAsOf(db, stranger, projectId, {})).rejects.toMatchObject({ status: 403 });
  });
});
