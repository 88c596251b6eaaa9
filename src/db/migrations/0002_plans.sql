-- Plans: calendars, tasks in a WBS tree, links (also across projects of one organization), and the
-- computed schedule stored beside the plan. Dates of a plan are wall-clock local times
-- (`timestamp` without zone), as MS Project and P6 keep them; durations and lags are minutes.

CREATE TABLE calendars (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  project_id uuid,
  name text NOT NULL,
  base_calendar_id uuid,
  -- The engine's calendar as data: { week, workWeeks, exceptions } (see src/engine/calendar/types.ts).
  definition jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, base_calendar_id) REFERENCES calendars (org_id, id)
);

CREATE TABLE project_schedules (
  org_id uuid NOT NULL,
  project_id uuid NOT NULL,
  calendar_id uuid NOT NULL,
  start_date timestamp NOT NULL,
  schedule_from_finish boolean NOT NULL DEFAULT false,
  finish_date timestamp,
  status_date timestamp,
  critical_slack_minutes integer NOT NULL DEFAULT 0,
  minutes_per_day integer NOT NULL DEFAULT 480 CHECK (minutes_per_day > 0),
  computed_start timestamp,
  computed_finish timestamp,
  computed_at timestamptz,
  schedule_error text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, project_id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, calendar_id) REFERENCES calendars (org_id, id)
);

CREATE TABLE tasks (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  parent_id uuid,
  -- Order among siblings; the WBS tree is read depth-first by (parent, position).
  position integer NOT NULL,
  wbs_code text NOT NULL DEFAULT '',
  name text NOT NULL,
  duration_minutes integer NOT NULL DEFAULT 0 CHECK (duration_minutes >= 0),
  duration_elapsed boolean NOT NULL DEFAULT false,
  milestone boolean NOT NULL DEFAULT false,
  constraint_type text NOT NULL DEFAULT 'ASAP'
    CHECK (constraint_type IN ('ASAP', 'ALAP', 'SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO')),
  constraint_date timestamp,
  deadline timestamp,
  actual_start timestamp,
  actual_finish timestamp,
  percent_complete numeric(5, 2) NOT NULL DEFAULT 0 CHECK (percent_complete BETWEEN 0 AND 100),
  calendar_id uuid,
  early_start timestamp,
  early_finish timestamp,
  late_start timestamp,
  late_finish timestamp,
  total_slack_minutes integer,
  free_slack_minutes integer,
  critical boolean NOT NULL DEFAULT false,
  is_summary boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((constraint_type IN ('ASAP', 'ALAP')) = (constraint_date IS NULL)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, parent_id) REFERENCES tasks (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, calendar_id) REFERENCES calendars (org_id, id)
);
CREATE INDEX tasks_project_order ON tasks (org_id, project_id, parent_id, position);

CREATE TABLE task_links (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  predecessor_id uuid NOT NULL,
  successor_id uuid NOT NULL,
  type text NOT NULL DEFAULT 'FS' CHECK (type IN ('FS', 'SS', 'FF', 'SF')),
  lag_minutes integer NOT NULL DEFAULT 0,
  lag_percent numeric(7, 2),
  lag_elapsed boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id),
  FOREIGN KEY (org_id, predecessor_id) REFERENCES tasks (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, successor_id) REFERENCES tasks (org_id, id) ON DELETE CASCADE
);
CREATE INDEX task_links_successor ON task_links (org_id, successor_id);
