// Shapes of the resource pool API: resources, skills, rates, assignments, staffing and capacity.

export type ResourceKind = 'person' | 'generic' | 'equipment' | 'material';
export type StaffingStatus = 'open' | 'partially_filled' | 'filled' | 'cancelled';
export type CapacityGrouping = 'resource' | 'skill' | 'role' | 'business_unit';

interface Versioned {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NamedEntry extends Versioned {
  name: string;
  description: string;
}

export interface ResourceSkill {
  skillId: string;
  skillName: string;
  proficiency: number;
}

export interface Resource extends Versioned {
  code: string;
  name: string;
  kind: ResourceKind;
  userId: string | null;
  userName: string | null;
  roleId: string | null;
  roleName: string | null;
  businessUnitId: string | null;
  businessUnitName: string | null;
  calendarId: string | null;
  calendarName: string | null;
  maxUnits: number;
  materialUnit: string | null;
  email: string | null;
  active: boolean;
  skills: ResourceSkill[];
}

export interface Rate extends Versioned {
  resourceId: string;
  effectiveFrom: string;
  standardRate: number;
  overtimeRate: number;
  perUseCost: number;
}

export interface Assignment extends Versioned {
  taskId: string;
  taskName: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  resourceId: string;
  resourceName: string;
  units: number;
  workMinutes: number;
  cost: number;
  start: string | null;
  finish: string | null;
}

export interface StaffingRequest extends Versioned {
  projectId: string;
  projectCode: string;
  projectName: string;
  roleId: string | null;
  roleName: string | null;
  skillId: string | null;
  skillName: string | null;
  minProficiency: number | null;
  startDate: string;
  finishDate: string;
  units: number;
  bookedUnits: number;
  status: StaffingStatus;
  note: string;
}

export interface Booking extends Versioned {
  resourceId: string;
  resourceName: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  staffingRequestId: string | null;
  kind: 'soft' | 'hard';
  startDate: string;
  finishDate: string;
  units: number;
  note: string;
}

export interface Candidate {
  resourceId: string;
  code: string;
  name: string;
  roleName: string | null;
  businessUnitName: string | null;
  proficiency: number | null;
  capacityHours: number;
  demandHours: number;
  freeHours: number;
}

export interface CapacityRow {
  key: string;
  label: string;
  resourceCount: number;
  capacityHours: number[];
  demandHours: number[];
  softHours: number[];
  overAllocated: boolean[];
}

export interface CapacityReport {
  groupBy: CapacityGrouping;
  period: 'day' | 'week' | 'month';
  periods: string[];
  rows: CapacityRow[];
  total: number;
}

export interface DemandSource {
  resourceId: string;
  resourceName: string;
  source: 'assignment' | 'hard_booking' | 'soft_booking';
  projectId: string | null;
  projectCode: string | null;
  projectName: string;
  taskId: string | null;
  taskName: string | null;
  hours: number;
}

export interface CapacityCell {
  from: string;
  to: string;
  capacityHours: number;
  demandHours: number;
  softHours: number;
  sources: DemandSource[];
}
