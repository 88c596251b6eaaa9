import type { Database, Queryable } from '../db/connection.ts';
import {
  insertNotification,
  listNotifications,
  markNotificationsRead,
  notificationOwner,
} from '../db/repositories/notifications.ts';
import type { Notification } from '../model/risk.ts';
import { ForbiddenError, NotFoundError } from './errors.ts';
import type { Actor } from './policy.ts';

export type NotificationKind = Notification['kind'];

/** Tells each person once (never the one who acted), in the transaction of the change that caused it. */
export async function notify(
  tx: Queryable,
  actor: Actor,
  userIds: ReadonlyArray<string | null | undefined>,
  kind: NotificationKind,
  entity: {
    type:
      | 'risk'
      | 'issue'
      | 'risk_action'
      | 'project'
      | 'corrective_action'
      | 'communication_plan'
      | 'announcement';
    id: string;
  },
  message: string,
): Promise<void> {
  const recipients = new Set(userIds.filter((id): id is string => Boolean(id) && id !== actor.userId));
  for (const userId of recipients)
    await insertNotification(tx, actor.orgId, {
      userId,
      kind,
      entityType: entity.type,
      entityId: entity.id,
      message,
    });
}

export async function listMyNotifications(
  db: Database,
  actor: Actor,
  query: { unread?: 'true' | 'false'; page: number; pageSize: number },
): Promise<{ items: Notification[]; total: number; unread: number; page: number; pageSize: number }> {
  if (!actor.userId) return { items: [], total: 0, unread: 0, page: query.page, pageSize: query.pageSize };
  const result = await listNotifications(db, actor.orgId, actor.userId, {
    unreadOnly: query.unread === 'true',
    page: query.page,
    pageSize: query.pageSize,
  });
  return {
    ...(result as { items: Notification[]; total: number; unread: number }),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Marks one of my notifications read, or all of them when `id` is null; returns how many changed. */
export async function markRead(db: Database, actor: Actor, id: string | null): Promise<{ marked: number }> {
  if (!actor.userId) throw new ForbiddenError('only a person has notifications');
  if (id) {
    const owner = await notificationOwner(db, actor.orgId, id);
    if (!owner || owner !== actor.userId) throw new NotFoundError('notification', id);
  }
  return { marked: await markNotificationsRead(db, actor.orgId, actor.userId, id) };
}
