-- Change control: change requests on a project or a program, the plan operations they carry, their
-- computed impact, who decides them (per organization and level) and the log of every transition.

-- Which role rules on changes at each level; a grant of that role or a higher one covering the
-- request's scope decides. Without a row the defaults hold: project → program_manager, program → pmo_admin.
CREATE TABLE change_authorities (
  org_id uuid NOT NULL REFERENCES organizations (id),
  scope_level text NOT NULL CHECK (scope_level IN ('project', 'program')),
  decider_role text NOT NULL
    CHECK (decider_role IN ('pmo_admin', 'portfolio_manager', 'program_manager')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, scope_level)
);

CREATE TABLE change_requests (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  -- CR-1, CR-2, … numbered across the organization, so a number names one request everywhere.
  number integer NOT NULL CHECK (number > 0),
  scope_type text NOT NULL CHECK (scope_type IN ('project', 'program')),
  project_id uuid,
  program_id uuid,
  title text NOT NULL,
  reason text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  category text NOT NULL DEFAULT 'schedule'
    CHECK (category IN ('scope', 'schedule', 'cost', 'quality', 'resource', 'other')),
  requested_by uuid,
  status text NOT NULL DEFAULT 'submitted'
    CHECK (status IN ('submitted', 'under_review', 'approved', 'rejected', 'deferred')),
  -- The requester's estimate; there is no task cost model to derive one from yet.
  cost_impact numeric(16, 2) NOT NULL DEFAULT 0,
  -- The plan operations, applied in order (see src/model/change-control.ts for their shapes).
  operations jsonb NOT NULL DEFAULT '[]',
  impact jsonb,
  impact_computed_at timestamptz,
  -- Why the last approval could not be applied; the request then stays undecided.
  apply_error text,
  decided_by uuid,
  decided_at timestamptz,
  decision_note text,
  applied_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, number),
  CHECK ((scope_type = 'project') = (project_id IS NOT NULL)),
  CHECK ((scope_type = 'program') = (program_id IS NOT NULL)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, requested_by) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, decided_by) REFERENCES users (org_id, id)
);
CREATE INDEX change_requests_project ON change_requests (org_id, project_id);
CREATE INDEX change_requests_program ON change_requests (org_id, program_id);

-- Every transition of a request: who moved it from what to what, when and why.
CREATE TABLE change_decisions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  change_request_id uuid NOT NULL,
  from_status text,
  to_status text NOT NULL,
  actor_id uuid,
  actor_label text NOT NULL,
  note text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, change_request_id) REFERENCES change_requests (org_id, id) ON DELETE CASCADE
);
CREATE INDEX change_decisions_request ON change_decisions (org_id, change_request_id, at);
