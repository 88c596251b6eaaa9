-- Baselines: up to eleven saved copies (0–10, as MS Project numbers them) of a project's task dates
-- and durations, to measure the current plan against.

CREATE TABLE baselines (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  number smallint NOT NULL CHECK (number BETWEEN 0 AND 10),
  name text NOT NULL,
  saved_at timestamptz NOT NULL DEFAULT now(),
  saved_by uuid,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, project_id, number),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);

CREATE TABLE baseline_tasks (
  org_id uuid NOT NULL,
  baseline_id uuid NOT NULL,
  task_id uuid NOT NULL,
  start_date timestamp,
  finish_date timestamp,
  duration_minutes integer NOT NULL,
  PRIMARY KEY (org_id, baseline_id, task_id),
  FOREIGN KEY (org_id, baseline_id) REFERENCES baselines (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, task_id) REFERENCES tasks (org_id, id) ON DELETE CASCADE
);
