import { createAssignment } from '../../../src/services/assignments.ts';
import { createCalendar } from '../../../src/services/calendars.ts';
import {
  createResource,
  createResourceRate,
  roleCatalog,
  skillCatalog,
} from '../../../src/services/resources.ts';
import { createBooking, createStaffingRequest } from '../../../src/services/staffing.ts';
import { addTimeOff } from '../../../src/services/time-off.ts';
import { db, inScope, nextSequence, standingTask, systemFor, type Target, tree } from './world.ts';

// The resource pool's fixtures: a fresh record per request, in the target's unit and project.
export const resourceKeepers = inScope(['pmoOrg', 'pmoUnit', 'resourceUnit']);
export const roleAt = (t: Target) => roleCatalog.create(db, systemFor(t), { name: `Role ${nextSequence()}` });
export const skillAt = (t: Target) =>
  skillCatalog.create(db, systemFor(t), { name: `Skill ${nextSequence()}` });
export const resourceAt = (t: Target) =>
  createResource(db, systemFor(t), {
    code: `RS${nextSequence()}`,
    name: 'Pooled',
    businessUnitId: tree[t].unit,
  });
export const rateAt = async (t: Target) =>
  createResourceRate(db, systemFor(t), (await resourceAt(t)).id, {
    effectiveFrom: '2027-01-01',
    standardRate: 50,
  });
// Calendars: the organization's are the PMO's; a resource's time off is its resource managers'.
export const calendarAt = (t: Target) =>
  createCalendar(db, systemFor(t), {
    name: `Calendar ${nextSequence()}`,
    week: [[], [{ from: 480, to: 960 }], [], [], [], [], []],
  });
export const timeOffAt = async (t: Target) => {
  const resource = await resourceAt(t);
  return {
    resource,
    timeOff: await addTimeOff(db, systemFor(t), resource.id, { from: '2027-03-01', to: '2027-03-05' }),
  };
};
export const assignmentAt = async (t: Target) =>
  createAssignment(db, systemFor(t), { taskId: await standingTask(t), resourceId: (await resourceAt(t)).id });
export const staffingRequestAt = async (t: Target) =>
  createStaffingRequest(db, systemFor(t), {
    projectId: tree[t].project,
    roleId: (await roleAt(t)).id,
    startDate: '2027-03-01',
    finishDate: '2027-03-31',
  });
export const bookingAt = async (t: Target) =>
  createBooking(db, systemFor(t), {
    resourceId: (await resourceAt(t)).id,
    projectId: tree[t].project,
    startDate: '2027-03-01',
    finishDate: '2027-03-12',
  });
