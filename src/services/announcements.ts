import type { Database } from '../db/connection.ts';
import {
  announcements,
  peopleWithinScope,
  setRecipientCount,
  wasNotified,
} from '../db/repositories/communication.ts';
import { findRow, listRows, type SqlParams } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import { type Announcement, announcementInput } from '../model/communication.ts';
import { queueEmailToUsers } from './email.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { requireAtLevel } from './escalation.ts';
import { createAudited } from './mutation.ts';
import { notify } from './notifications.ts';
import { type Actor, can, organizationChain } from './policy.ts';
import { parseInput } from './validate.ts';

/**
 * The PMO announces to a scope: everyone holding a grant there or beneath it gets a notification, and
 * an e-mail through the outbox when asked. Announcements are never edited once sent.
 */
export async function createAnnouncement(db: Database, actor: Actor, input: unknown): Promise<Announcement> {
  const values = parseInput(announcementInput, input);
  if ((values.scopeType === 'organization') !== (values.scopeId === null))
    throw new ValidationError([
      {
        field: 'scopeId',
        message: values.scopeType === 'organization' ? 'must be null for the organization' : 'is required',
      },
    ]);
  return createAudited<Announcement>(
    db,
    actor,
    'announcement',
    announcements,
    { ...values, authorId: actor.userId },
    (tx) => requireAtLevel(tx, actor, values, 'announce'),
    async (tx, id) => {
      const people = await peopleWithinScope(tx, actor.orgId, values.scopeType, values.scopeId);
      await notify(tx, actor, people, 'announcement', { type: 'announcement', id }, values.title);
      if (values.sendEmail)
        await queueEmailToUsers(
          tx,
          actor.orgId,
          people.filter((person) => person !== actor.userId),
          { subject: values.title, body: values.body, sourceType: 'announcement', sourceId: id },
        );
      await setRecipientCount(tx, actor.orgId, id, people.filter((person) => person !== actor.userId).length);
    },
  );
}

/**
 * Announcements the actor sent or could have received: the organization's PMO sees them all,
 * anyone else those addressed to a scope covering one of their grants.
 */
export async function listAnnouncements(
  db: Database,
  actor: Actor,
  query: ListQuery,
): Promise<Page<Announcement>> {
  const everything = can(actor, 'announce', organizationChain);
  const page = await listRows<Announcement>(db, announcements, actor.orgId, {
    ...query,
    sort: 'createdAt',
    order: 'desc',
    where: everything
      ? undefined
      : (params: SqlParams) => {
          const me = params.add(actor.userId);
          return `(t.author_id = ${me}::uuid OR EXISTS (SELECT 1 FROM notifications n
            WHERE n.org_id = t.org_id AND n.entity_type = 'announcement' AND n.entity_id = t.id AND n.user_id = ${me}::uuid))`;
        },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getAnnouncement(db: Database, actor: Actor, id: string): Promise<Announcement> {
  const found = await findRow<Announcement>(db, announcements, actor.orgId, id);
  if (!found) throw new NotFoundError('announcement', id);
  if (can(actor, 'announce', organizationChain) || found.authorId === actor.userId) return found;
  if (!(await wasNotified(db, actor.orgId, id, actor.userId))) throw new NotFoundError('announcement', id);
  return found;
}
