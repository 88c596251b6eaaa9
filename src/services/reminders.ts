import type { Database } from '../db/connection.ts';
import { takeDuePlanReminders } from '../db/repositories/communication.ts';
import { takeDueActionReminders } from '../db/repositories/quality.ts';
import { systemActor } from './access.ts';
import { queueEmailToUsers } from './email.ts';
import { type JobContext, registerJobHandler } from './jobs.ts';
import { notify } from './notifications.ts';

/** Communications and corrective actions are brought up this many days before they fall due. */
export const REMINDER_LEAD_DAYS = 2;

const horizonFrom = (today: Date) =>
  new Date(today.getTime() + REMINDER_LEAD_DAYS * 86_400_000).toISOString().slice(0, 10);

/**
 * Tells the owners of communications due soon (or overdue), once per due date, in-app and by
 * e-mail. Marking and notifying share one transaction, so a crash never loses or doubles a reminder.
 */
export async function remindDueCommunications(db: Database, orgId: string, today = new Date()) {
  return db.transaction(async (tx) => {
    const due = await takeDuePlanReminders(tx, orgId, horizonFrom(today));
    const system = systemActor(orgId, 'reminders');
    for (const plan of due) {
      const message = `Communication due ${plan.nextDue} for ${plan.placeName}: ${plan.content} to ${plan.audience} (${plan.channel.replace('_', '-')})`;
      await notify(
        tx,
        system,
        [plan.ownerId],
        'reminder',
        { type: 'communication_plan', id: plan.id },
        message,
      );
      await queueEmailToUsers(tx, orgId, [plan.ownerId], {
        subject: `Reminder: communication due ${plan.nextDue}`,
        body: `${message}\n\nOnce it has gone out, move the plan's next due date on in Orrery.`,
        sourceType: 'communication_plan',
        sourceId: plan.id,
      });
    }
    return due.length;
  });
}

export async function remindDueCorrectiveActions(db: Database, orgId: string, today = new Date()) {
  return db.transaction(async (tx) => {
    const due = await takeDueActionReminders(tx, orgId, horizonFrom(today));
    const system = systemActor(orgId, 'reminders');
    for (const action of due) {
      const message = `Corrective action "${action.title}" on ${action.projectName} is due ${action.dueDate}`;
      await notify(
        tx,
        system,
        [action.ownerId],
        'reminder',
        { type: 'corrective_action', id: action.id },
        message,
      );
      await queueEmailToUsers(tx, orgId, [action.ownerId], {
        subject: `Reminder: corrective action due ${action.dueDate}`,
        body: message,
        sourceType: 'corrective_action',
        sourceId: action.id,
      });
    }
    return due.length;
  });
}

export const COMMUNICATION_REMINDERS = 'communication_reminders';
export const CORRECTIVE_ACTION_REMINDERS = 'corrective_action_reminders';

registerJobHandler(
  COMMUNICATION_REMINDERS,
  async (db: Database, job: JobContext) => void (await remindDueCommunications(db, job.orgId)),
  { everySeconds: 3600 },
);
registerJobHandler(
  CORRECTIVE_ACTION_REMINDERS,
  async (db: Database, job: JobContext) => void (await remindDueCorrectiveActions(db, job.orgId)),
  { everySeconds: 3600 },
);
