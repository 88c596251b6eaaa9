-- The shared resource pool: people, generic roles, equipment and materials; skills; cost rates with
-- effective dates; task assignments; staffing requests and bookings; stored leveling runs.

-- Job roles a person fills and a generic resource stands for ("Electrical engineer").
CREATE TABLE resource_roles (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name)
);

CREATE TABLE skills (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name)
);

CREATE TABLE resources (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  -- person: a named individual (optionally a user); generic: a placeholder for a role;
  -- equipment: a work resource that is not a person; material: consumed by quantity, never over-allocated.
  kind text NOT NULL CHECK (kind IN ('person', 'generic', 'equipment', 'material')),
  user_id uuid,
  role_id uuid,
  business_unit_id uuid,
  -- The resource's own working time (vacations are its exceptions); null means the organization's default.
  calendar_id uuid,
  -- 1.00 = one full-time unit; a team of three is 3.00.
  max_units numeric(7, 2) NOT NULL DEFAULT 1 CHECK (max_units > 0 AND max_units <= 1000),
  -- For materials: what a unit is ("t", "m3").
  material_unit text,
  email text,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code),
  CHECK (kind = 'person' OR user_id IS NULL),
  -- A generic resource is nothing but a role.
  CHECK (kind <> 'generic' OR role_id IS NOT NULL),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, role_id) REFERENCES resource_roles (org_id, id),
  FOREIGN KEY (org_id, business_unit_id) REFERENCES business_units (org_id, id),
  FOREIGN KEY (org_id, calendar_id) REFERENCES calendars (org_id, id)
);
CREATE INDEX resources_business_unit ON resources (org_id, business_unit_id);
CREATE INDEX resources_role ON resources (org_id, role_id);
CREATE UNIQUE INDEX resources_user ON resources (org_id, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE resource_skills (
  org_id uuid NOT NULL,
  resource_id uuid NOT NULL,
  skill_id uuid NOT NULL,
  -- 1 novice … 5 expert.
  proficiency smallint NOT NULL CHECK (proficiency BETWEEN 1 AND 5),
  PRIMARY KEY (org_id, resource_id, skill_id),
  FOREIGN KEY (org_id, resource_id) REFERENCES resources (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, skill_id) REFERENCES skills (org_id, id) ON DELETE CASCADE
);
CREATE INDEX resource_skills_skill ON resource_skills (org_id, skill_id);

-- A rate table row applies from its date until the next row's date (MS Project's cost rate tables).
CREATE TABLE resource_rates (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  resource_id uuid NOT NULL,
  effective_from date NOT NULL,
  -- Per hour of work (per unit for materials), in the organization's currency.
  standard_rate numeric(14, 2) NOT NULL DEFAULT 0 CHECK (standard_rate >= 0),
  overtime_rate numeric(14, 2) NOT NULL DEFAULT 0 CHECK (overtime_rate >= 0),
  per_use_cost numeric(14, 2) NOT NULL DEFAULT 0 CHECK (per_use_cost >= 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, resource_id, effective_from),
  FOREIGN KEY (org_id, resource_id) REFERENCES resources (org_id, id) ON DELETE CASCADE
);

-- MS Project's leveling delay and task priority; projects already carry a priority.
ALTER TABLE tasks ADD COLUMN leveling_delay_minutes integer NOT NULL DEFAULT 0 CHECK (leveling_delay_minutes >= 0);
ALTER TABLE tasks ADD COLUMN priority integer NOT NULL DEFAULT 500 CHECK (priority BETWEEN 0 AND 1000);

CREATE TABLE assignments (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  task_id uuid NOT NULL,
  -- Denormalised from the task so capacity queries read one index per project.
  project_id uuid NOT NULL,
  resource_id uuid NOT NULL,
  -- 1.00 = 100% of one unit over the task's working time.
  units numeric(7, 2) NOT NULL DEFAULT 1 CHECK (units >= 0 AND units <= 1000),
  work_minutes integer NOT NULL DEFAULT 0 CHECK (work_minutes >= 0),
  actual_work_minutes integer NOT NULL DEFAULT 0 CHECK (actual_work_minutes >= 0),
  contour text NOT NULL DEFAULT 'flat'
    CHECK (contour IN ('flat', 'front_loaded', 'back_loaded', 'bell')),
  -- Work × rate in effect at the task's start plus the per-use cost; recomputed when either changes.
  cost numeric(16, 2) NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, task_id, resource_id),
  FOREIGN KEY (org_id, task_id) REFERENCES tasks (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, resource_id) REFERENCES resources (org_id, id)
);
CREATE INDEX assignments_project ON assignments (org_id, project_id);
CREATE INDEX assignments_resource ON assignments (org_id, resource_id);

-- A project asks for a role or a skill for a period; a resource manager fills it with bookings.
CREATE TABLE staffing_requests (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  role_id uuid,
  skill_id uuid,
  min_proficiency smallint CHECK (min_proficiency BETWEEN 1 AND 5),
  start_date date NOT NULL,
  finish_date date NOT NULL,
  units numeric(7, 2) NOT NULL DEFAULT 1 CHECK (units > 0 AND units <= 1000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'partially_filled', 'filled', 'cancelled')),
  note text NOT NULL DEFAULT '',
  requested_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (role_id IS NOT NULL OR skill_id IS NOT NULL),
  CHECK (finish_date >= start_date),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, role_id) REFERENCES resource_roles (org_id, id),
  FOREIGN KEY (org_id, skill_id) REFERENCES skills (org_id, id),
  FOREIGN KEY (org_id, requested_by) REFERENCES users (org_id, id)
);
CREATE INDEX staffing_requests_project ON staffing_requests (org_id, project_id);
CREATE INDEX staffing_requests_status ON staffing_requests (org_id, status);

-- A named resource booked on a project for a period: soft (tentative) or hard (committed).
CREATE TABLE bookings (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  resource_id uuid NOT NULL,
  project_id uuid NOT NULL,
  staffing_request_id uuid,
  kind text NOT NULL CHECK (kind IN ('soft', 'hard')),
  start_date date NOT NULL,
  finish_date date NOT NULL,
  units numeric(7, 2) NOT NULL DEFAULT 1 CHECK (units > 0 AND units <= 1000),
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (finish_date >= start_date),
  FOREIGN KEY (org_id, resource_id) REFERENCES resources (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, staffing_request_id) REFERENCES staffing_requests (org_id, id) ON DELETE SET NULL
);
CREATE INDEX bookings_resource ON bookings (org_id, resource_id, start_date);
CREATE INDEX bookings_project ON bookings (org_id, project_id);

-- Leveling of a project, a program or a portfolio: a preview is stored, then applied (its leveling
-- delays written to the tasks), discarded, or — once applied — undone from the delays it replaced.
CREATE TABLE leveling_runs (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  scope_type text NOT NULL CHECK (scope_type IN ('project', 'program', 'portfolio')),
  scope_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'applied', 'discarded', 'undone')),
  -- The options as given (within slack only, schedules budget, seed).
  options jsonb NOT NULL,
  -- Per task: delay added, old and new start and finish, the resource conflict that caused the move;
  -- per project: finish before and after.
  result jsonb NOT NULL,
  -- The leveling delays the apply replaced, per task id, so undo restores them exactly.
  replaced_delays jsonb,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, created_by) REFERENCES users (org_id, id)
);
CREATE INDEX leveling_runs_scope ON leveling_runs (org_id, scope_type, scope_id, created_at DESC);

-- Resource managers own the pool: they keep resources, rates and skills and fill staffing requests.
ALTER TABLE role_grants DROP CONSTRAINT role_grants_role_check;
ALTER TABLE role_grants ADD CONSTRAINT role_grants_role_check CHECK (role IN
  ('pmo_admin', 'portfolio_manager', 'program_manager', 'project_manager', 'team_member', 'executive_viewer',
   'resource_manager'));
