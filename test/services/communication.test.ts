import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Project } from '../../src/model/organization.ts';
import { createAnnouncement, getAnnouncement, listAnnouncements } from '../../src/services/announcements.ts';
import {
  createCommunicationPlan,
  createStakeholder,
  listStakeholders,
  updateCommunicationPlan,
} from '../../src/services/communication.ts';
import { runDueJobs } from '../../src/services/jobs.ts';
import { listMyNotifications } from '../../src/services/notifications.ts';
import type { Actor } from '../../src/services/policy.ts';
import { addProjectMember } from '../../src/services/projects.ts';
import { remindDueCommunications } from '../../src/services/reminders.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { type LocalSmtp, startLocalSmtp } from '../support/smtp.ts';

let db: Database;
let orgId: string;
let pmo: Actor;
let project: Project;
let sibling: Project;
let elsewhere: Project;
let manager: Actor & { email: string };
let teamMember: Actor & { email: string };
let member: Actor & { email: string };
let programManager: Actor & { email: string };
let outsider: Actor;
let smtp: LocalSmtp;

beforeAll(async () => {
  db = await openTestDatabase();
  const org = await makeOrganization(db);
  orgId = org.orgId;
  pmo = await makeActor(db, orgId, 'pmo_admin');
  project = await makeProject(db, orgId);
  sibling = await makeProject(db, orgId, {
    businessUnitId: project.businessUnitId,
    portfolioId: project.portfolioId,
    programId: project.programId,
  });
  elsewhere = await makeProject(db, orgId);
  manager = await makeActor(db, orgId, 'project_manager', 'project', project.id);
  teamMember = await makeActor(db, orgId, 'team_member', 'project', sibling.id);
  programManager = await makeActor(db, orgId, 'program_manager', 'program', project.programId);
  outsider = await makeActor(db, orgId, 'team_member', 'project', elsewhere.id);
  // A member of the project team without a grant of their own.
  member = await makeActor(db, orgId, 'team_member', 'project', elsewhere.id);
  await addProjectMember(db, org.system, project.id, { userId: member.userId });
  smtp = await startLocalSmtp();
  process.env.ORRERY_SMTP_URL = smtp.url;
}, 120_000);

afterAll(async () => {
  delete process.env.ORRERY_SMTP_URL;
  await smtp?.close();
  await db?.close();
});

const notified = async (actor: Actor) =>
  (await listMyNotifications(db, actor, { page: 1, pageSize: 100 })).items.map(
    (n) => `${n.kind}: ${n.message}`,
  );

describe('announcements', () => {
  it('reaches everyone with a grant within the scope, and the project teams, in-app and by e-mail', async () => {
    const announcement = await createAnnouncement(db, pmo, {
      scopeType: 'program',
      scopeId: project.programId,
      title: 'New status report template',
      body: 'From March, use the new template for every report.',
      sendEmail: true,
    });
    expect(announcement.recipients).toBe(4);
    for (const person of [manager, teamMember, programManager, member])
      expect(await notified(person)).toContain('announcement: New status report template');
    expect(await notified(outsider)).toEqual([]);
    await runDueJobs(db);
    const recipients = smtp.received.flatMap((mail) => mail.to).sort();
    expect(recipients).toEqual([manager.email, teamMember.email, programManager.email, member.email].sort());
    expect(smtp.received[0].raw).toContain('From March, use the new template');
    // Receivers find it in their list; someone outside the program does not.
    expect((await listAnnouncements(db, manager, { page: 1, pageSize: 10, order: 'desc' })).total).toBe(1);
    expect((await listAnnouncements(db, outsider, { page: 1, pageSize: 10, order: 'desc' })).total).toBe(0);
    await expect(getAnnouncement(db, outsider, announcement.id)).rejects.toMatchObject({ status: 404 });
  }, 60_000);

  it('is the PMO’s alone to send, and names a bad scope', async () => {
    const before = await countOrgRows(db, 'announcements', orgId);
    await expect(
      createAnnouncement(db, manager, { scopeType: 'project', scopeId: project.id, title: 'Hi', body: 'x' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      createAnnouncement(db, pmo, { scopeType: 'project', scopeId: null, title: 'Hi', body: 'x' }),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'scopeId' }] });
    expect(await countOrgRows(db, 'announcements', orgId)).toBe(before);
  });
});

describe('stakeholders and communication plans', () => {
  it('keeps a register per project, readable by the project and kept by its manager', async () => {
    await createStakeholder(db, manager, {
      projectId: project.id,
      name: 'Regional director',
      influence: 5,
      interest: 2,
      attitude: 'skeptical',
      engagementCurrent: 'resistant',
      engagementDesired: 'supportive',
    });
    await expect(
      createStakeholder(db, manager, {
        projectId: elsewhere.id,
        name: 'Not mine',
        influence: 1,
        interest: 1,
      }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      createStakeholder(db, manager, {
        projectId: project.id,
        programId: project.programId,
        name: 'Both',
        influence: 1,
        interest: 1,
      }),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'projectId' }] });
    await expect(
      createStakeholder(db, manager, { projectId: project.id, name: 'Loud', influence: 7, interest: 1 }),
    ).rejects.toMatchObject({ status: 400, errors: [{ field: 'influence' }] });
    const seen = await listStakeholders(db, teamMember, { page: 1, pageSize: 50, order: 'asc' });
    expect(seen.total).toBe(0);
    const own = await listStakeholders(db, manager, {
      page: 1,
      pageSize: 50,
      order: 'asc',
      projectId: project.id,
    });
    expect(own.items.map((s) => s.name)).toEqual(['Regional director']);
  });

  it('reminds the owner of a due communication once per due date, in-app and by e-mail', async () => {
    const writer = await makeActor(db, orgId, 'team_member', 'project', project.id);
    const plan = await createCommunicationPlan(db, manager, {
      projectId: project.id,
      audience: 'Steering committee',
      content: 'Monthly progress pack',
      cadence: 'monthly',
      channel: 'report',
      ownerId: writer.userId,
      nextDue: '2027-04-05',
    });
    expect(await remindDueCommunications(db, orgId, new Date('2027-04-01T08:00:00Z'))).toBe(0);
    expect(await remindDueCommunications(db, orgId, new Date('2027-04-03T08:00:00Z'))).toBe(1);
    expect(await remindDueCommunications(db, orgId, new Date('2027-04-04T08:00:00Z'))).toBe(0);
    expect(await notified(writer)).toContainEqual(
      expect.stringMatching(
        /^reminder: Communication due 2027-04-05 .*Monthly progress pack to Steering committee/,
      ),
    );
    // The owner moves the plan on after sending; the next due date earns its own reminder.
    const moved = await updateCommunicationPlan(db, writer, plan.id, plan.version, { nextDue: '2027-05-05' });
    expect(moved.nextDue).toBe('2027-05-05');
    expect(await remindDueCommunications(db, orgId, new Date('2027-05-04T08:00:00Z'))).toBe(1);
    const emails = await db.query<{ subject: string }>(
      'SELECT subject FROM email_outbox WHERE org_id = $1 AND source_id = $2 ORDER BY created_at',
      [orgId, plan.id],
    );
    expect(emails.map((e) => e.subject)).toEqual([
      'Reminder: communication due 2027-04-05',
      'Reminder: communication due 2027-05-05',
    ]);
  });
});
