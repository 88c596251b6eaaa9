import {
  assignmentAt,
  bookingAt,
  calendarAt,
  rateAt,
  resourceAt,
  resourceKeepers,
  roleAt,
  skillAt,
  staffingRequestAt,
  timeOffAt,
} from './fixtures-resources.ts';
import {
  type Case,
  everyMember,
  nextSequence,
  orgAdminOnly,
  projectEditors,
  readersOut,
  standingTask,
  tree,
  v1,
} from './world.ts';

export const resourceCases: Case[] = [
  // The resource pool: everyone in the organization reads it; resource managers (and PMO administrators)
  // keep it over their unit; roles and skills are the organization's. Plans' assignments and staffing
  // requests follow the project's editors; bookings, the resource's managers.
  {
    route: 'GET /resource-roles',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/resource-roles` }),
  },
  {
    route: 'GET /resource-roles/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/resource-roles/${(await roleAt(t)).id}` }),
  },
  {
    route: 'POST /resource-roles',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/resource-roles`,
      payload: { name: `Role ${nextSequence()}` },
    }),
  },
  {
    route: 'PATCH /resource-roles/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const role = await roleAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/resource-roles/${role.id}`,
        headers: { 'if-match': `"${role.version}"` },
        payload: { description: 'changed' },
      };
    },
  },
  {
    route: 'DELETE /resource-roles/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const role = await roleAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/resource-roles/${role.id}`,
        headers: { 'if-match': `"${role.version}"` },
      };
    },
  },
  {
    route: 'GET /skills',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/skills` }),
  },
  {
    route: 'GET /skills/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/skills/${(await skillAt(t)).id}` }),
  },
  {
    route: 'POST /skills',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/skills`,
      payload: { name: `Skill ${nextSequence()}` },
    }),
  },
  {
    route: 'PATCH /skills/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const skill = await skillAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/skills/${skill.id}`,
        headers: { 'if-match': `"${skill.version}"` },
        payload: { description: 'changed' },
      };
    },
  },
  {
    route: 'DELETE /skills/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const skill = await skillAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/skills/${skill.id}`,
        headers: { 'if-match': `"${skill.version}"` },
      };
    },
  },
  {
    route: 'GET /resources',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/resources?kind=person` }),
  },
  {
    route: 'GET /resources/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/resources/${(await resourceAt(t)).id}` }),
  },
  {
    route: 'POST /resources',
    allowed: resourceKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/resources`,
      payload: { code: `NR${nextSequence()}`, name: 'New resource', businessUnitId: tree[t].unit },
    }),
  },
  {
    route: 'PATCH /resources/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const resource = await resourceAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/resources/${resource.id}`,
        headers: { 'if-match': `"${resource.version}"` },
        payload: { maxUnits: 0.5 },
      };
    },
  },
  {
    route: 'DELETE /resources/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const resource = await resourceAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/resources/${resource.id}`,
        headers: { 'if-match': `"${resource.version}"` },
      };
    },
  },
  {
    route: 'PUT /resources/:id/skills',
    allowed: resourceKeepers,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/resources/${(await resourceAt(t)).id}/skills`,
      payload: { skills: [{ skillId: (await skillAt(t)).id, proficiency: 3 }] },
    }),
  },
  {
    route: 'GET /resources/:id/rates',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/resources/${(await resourceAt(t)).id}/rates` }),
  },
  {
    route: 'POST /resources/:id/rates',
    allowed: resourceKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/resources/${(await resourceAt(t)).id}/rates`,
      payload: { effectiveFrom: '2027-01-01', standardRate: 80 },
    }),
  },
  {
    route: 'PATCH /resource-rates/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const rate = await rateAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/resource-rates/${rate.id}`,
        headers: { 'if-match': `"${rate.version}"` },
        payload: { standardRate: 95 },
      };
    },
  },
  {
    route: 'DELETE /resource-rates/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const rate = await rateAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/resource-rates/${rate.id}`,
        headers: { 'if-match': `"${rate.version}"` },
      };
    },
  },
  {
    route: 'GET /calendars',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/calendars?scope=all` }),
  },
  {
    route: 'GET /calendars/:id',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/calendars/${(await calendarAt(t)).id}` }),
  },
  {
    route: 'POST /calendars',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/calendars`,
      payload: {
        name: `Calendar ${nextSequence()}`,
        week: [[], [{ from: 480, to: 960 }], [], [], [], [], []],
      },
    }),
  },
  {
    route: 'PATCH /calendars/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const calendar = await calendarAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/calendars/${calendar.id}`,
        headers: { 'if-match': `"${calendar.version}"` },
        payload: { exceptions: [{ name: 'Holiday', from: '2027-05-01' }] },
      };
    },
  },
  {
    route: 'DELETE /calendars/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const calendar = await calendarAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/calendars/${calendar.id}`,
        headers: { 'if-match': `"${calendar.version}"` },
      };
    },
  },
  {
    route: 'GET /resources/:id/time-off',
    allowed: everyMember,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/resources/${(await timeOffAt(t)).resource.id}/time-off`,
    }),
  },
  {
    route: 'POST /resources/:id/time-off',
    allowed: resourceKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/resources/${(await resourceAt(t)).id}/time-off`,
      payload: { from: '2027-04-05', to: '2027-04-09', name: 'Vacation' },
    }),
  },
  {
    route: 'DELETE /resources/:id/time-off/:timeOffId',
    allowed: resourceKeepers,
    request: async (t) => {
      const { resource, timeOff } = await timeOffAt(t);
      return { method: 'DELETE', url: `${v1}/resources/${resource.id}/time-off/${timeOff.id}` };
    },
  },
  {
    route: 'GET /resources/:id/assignments',
    allowed: everyMember,
    request: async (t) => ({ method: 'GET', url: `${v1}/resources/${(await resourceAt(t)).id}/assignments` }),
  },
  {
    route: 'GET /assignments',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/assignments?projectId=${tree[t].project}` }),
  },
  {
    route: 'GET /assignments/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/assignments/${(await assignmentAt(t)).id}` }),
  },
  {
    route: 'POST /assignments',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/assignments`,
      payload: { taskId: await standingTask(t), resourceId: (await resourceAt(t)).id, units: 0.5 },
    }),
  },
  {
    route: 'PATCH /assignments/:id',
    allowed: projectEditors,
    request: async (t) => {
      const assignment = await assignmentAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/assignments/${assignment.id}`,
        headers: { 'if-match': `"${assignment.version}"` },
        payload: { units: 0.25 },
      };
    },
  },
  {
    route: 'DELETE /assignments/:id',
    allowed: projectEditors,
    request: async (t) => {
      const assignment = await assignmentAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/assignments/${assignment.id}`,
        headers: { 'if-match': `"${assignment.version}"` },
      };
    },
  },
  {
    route: 'GET /tasks/:id/assignments',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/tasks/${await standingTask(t)}/assignments` }),
  },
  {
    route: 'GET /staffing-requests',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/staffing-requests?status=open` }),
  },
  {
    route: 'GET /staffing-requests/:id',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/staffing-requests/${(await staffingRequestAt(t)).id}`,
    }),
  },
  {
    route: 'POST /staffing-requests',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/staffing-requests`,
      payload: {
        projectId: tree[t].project,
        roleId: (await roleAt(t)).id,
        startDate: '2027-03-01',
        finishDate: '2027-03-31',
      },
    }),
  },
  {
    route: 'PATCH /staffing-requests/:id',
    allowed: projectEditors,
    request: async (t) => {
      const request = await staffingRequestAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/staffing-requests/${request.id}`,
        headers: { 'if-match': `"${request.version}"` },
        payload: { units: 2 },
      };
    },
  },
  {
    route: 'DELETE /staffing-requests/:id',
    allowed: projectEditors,
    request: async (t) => {
      const request = await staffingRequestAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/staffing-requests/${request.id}`,
        headers: { 'if-match': `"${request.version}"` },
      };
    },
  },
  {
    route: 'GET /staffing-requests/:id/candidates',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/staffing-requests/${(await staffingRequestAt(t)).id}/candidates`,
    }),
  },
  {
    route: 'GET /bookings',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/bookings` }),
  },
  {
    route: 'GET /bookings/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/bookings/${(await bookingAt(t)).id}` }),
  },
  {
    route: 'POST /bookings',
    allowed: resourceKeepers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/bookings`,
      payload: {
        resourceId: (await resourceAt(t)).id,
        staffingRequestId: (await staffingRequestAt(t)).id,
        kind: 'hard',
        startDate: '2027-03-01',
        finishDate: '2027-03-12',
      },
    }),
  },
  {
    route: 'PATCH /bookings/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const booking = await bookingAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/bookings/${booking.id}`,
        headers: { 'if-match': `"${booking.version}"` },
        payload: { kind: 'hard' },
      };
    },
  },
  {
    route: 'DELETE /bookings/:id',
    allowed: resourceKeepers,
    request: async (t) => {
      const booking = await bookingAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/bookings/${booking.id}`,
        headers: { 'if-match': `"${booking.version}"` },
      };
    },
  },
  {
    route: 'GET /capacity',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({
      method: 'GET',
      url: `${v1}/capacity?from=2027-01-04&to=2027-03-28&groupBy=skill&businessUnitId=${tree.in.unit}`,
    }),
  },
  {
    route: 'GET /capacity/cell',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({
      method: 'GET',
      url: `${v1}/capacity/cell?from=2027-01-04&to=2027-01-10&key=${(await resourceAt('in')).id}`,
    }),
  },
  {
    route: 'GET /capacity/over-allocations',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({
      method: 'GET',
      url: `${v1}/capacity/over-allocations?from=2027-01-04&to=2027-03-28`,
    }),
  },
];
