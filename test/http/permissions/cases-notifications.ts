import { insertNotification } from '../../../src/db/repositories/notifications.ts';
import { makeActor } from '../../support/factories.ts';
import { actors, type Case, db, orgB, v1 } from './world.ts';

export const notificationCases: Case[] = [
  // Notifications are personal: another person's is not found.
  {
    route: 'GET /notifications',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/notifications?unread=true` }),
  },
  {
    route: 'POST /notifications/read-all',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'POST', url: `${v1}/notifications/read-all` }),
  },
  {
    route: 'POST /notifications/:id/read',
    allowed: (_a, target) => target === 'in',
    targets: ['in', 'other'],
    request: async (target, actor) => {
      const owner = target === 'in' ? actors[actor] : await makeActor(db, orgB, 'team_member');
      const id = crypto.randomUUID();
      await insertNotification(db, owner.orgId, {
        userId: owner.userId as string,
        kind: 'assignment',
        entityType: 'risk',
        entityId: id,
        message: 'You own a risk',
      });
      const [row] = await db.query<{ id: string }>(
        'SELECT id FROM notifications WHERE org_id = $1 AND entity_id = $2',
        [owner.orgId, id],
      );
      return { method: 'POST', url: `${v1}/notifications/${row.id}/read` };
    },
  },
];
