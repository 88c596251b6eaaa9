-- Schedule risk: three-point duration estimates per task, and stored Monte Carlo simulation runs of
-- a project (with the projects linked to it) or of a whole program.

CREATE TABLE task_estimates (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  task_id uuid NOT NULL,
  -- Denormalised from the task so a project's estimates are one index read.
  project_id uuid NOT NULL,
  distribution text NOT NULL CHECK (distribution IN ('triangular', 'pert', 'uniform')),
  optimistic_minutes integer NOT NULL CHECK (optimistic_minutes >= 0),
  likely_minutes integer NOT NULL,
  pessimistic_minutes integer NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, task_id),
  CHECK (optimistic_minutes <= likely_minutes AND likely_minutes <= pessimistic_minutes),
  FOREIGN KEY (org_id, task_id) REFERENCES tasks (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);
CREATE INDEX task_estimates_project ON task_estimates (org_id, project_id);

CREATE TABLE schedule_simulations (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  scope_type text NOT NULL CHECK (scope_type IN ('project', 'program')),
  project_id uuid,
  program_id uuid,
  iterations integer NOT NULL CHECK (iterations > 0),
  seed bigint NOT NULL,
  target_date timestamp,
  -- The options as given (default spread, iterations, seed, target date).
  options jsonb NOT NULL,
  -- The engine's result: percentiles, histogram, S-curve, criticality and sensitivity per task.
  result jsonb NOT NULL,
  -- Headline figures kept as columns so a list of runs needs no JSON.
  p50_finish timestamp NOT NULL,
  p80_finish timestamp NOT NULL,
  target_probability double precision,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  CHECK ((scope_type = 'project') = (project_id IS NOT NULL)),
  CHECK ((scope_type = 'program') = (program_id IS NOT NULL)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, created_by) REFERENCES users (org_id, id)
);
CREATE INDEX schedule_simulations_project ON schedule_simulations (org_id, project_id, created_at DESC);
CREATE INDEX schedule_simulations_program ON schedule_simulations (org_id, program_id, created_at DESC);
