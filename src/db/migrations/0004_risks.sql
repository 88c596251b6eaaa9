-- Risks and issues: each organization's probability × impact matrix and risk breakdown structure, the
-- risk register (threats and opportunities at any level, a shared risk linked to several projects),
-- response actions, the quantified schedule impact of risks on plan tasks, the issues log, escalation
-- (history and the organization's automatic rules) and notifications to people.
--
-- Risks and issues sit at a level like role grants do: `scope_type` with `scope_id` (null for the
-- organization). The current scope is where the item appears on a register; it moves up on escalation
-- while `origin_scope_*` keeps where it was raised.

-- One matrix per organization, created with the 5×5 default on first use. Probability levels cut a
-- 0..1 probability at their `upTo` bound ([{ "level": 1, "label": "Very low", "upTo": 0.1 }, …]);
-- impact levels are labelled ([{ "level": 1, "label": "Very low" }, …]); `scores` and `bands` are
-- rows per probability level (lowest first) of cells per impact level (lowest first).
CREATE TABLE risk_matrices (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  probability_levels jsonb NOT NULL,
  impact_levels jsonb NOT NULL,
  scores jsonb NOT NULL,
  bands jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id)
);

-- The risk breakdown structure: a tree of categories per organization.
CREATE TABLE risk_categories (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  parent_id uuid,
  code text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code),
  FOREIGN KEY (org_id, parent_id) REFERENCES risk_categories (org_id, id)
);

CREATE TABLE risks (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  -- Per organization, shown as R-12.
  reference integer NOT NULL,
  kind text NOT NULL DEFAULT 'threat' CHECK (kind IN ('threat', 'opportunity')),
  scope_type text NOT NULL
    CHECK (scope_type IN ('project', 'program', 'portfolio', 'business_unit', 'organization')),
  scope_id uuid,
  origin_scope_type text NOT NULL
    CHECK (origin_scope_type IN ('project', 'program', 'portfolio', 'business_unit', 'organization')),
  origin_scope_id uuid,
  title text NOT NULL,
  cause text NOT NULL DEFAULT '',
  event text NOT NULL DEFAULT '',
  effect text NOT NULL DEFAULT '',
  category_id uuid,
  probability numeric(5, 4) NOT NULL CHECK (probability >= 0 AND probability <= 1),
  impact_schedule smallint NOT NULL CHECK (impact_schedule >= 1),
  impact_cost smallint NOT NULL CHECK (impact_cost >= 1),
  impact_scope smallint NOT NULL CHECK (impact_scope >= 1),
  impact_quality smallint NOT NULL CHECK (impact_quality >= 1),
  -- Computed by the service from the matrix: the probability's level, the worst impact and their cell's score.
  probability_level smallint NOT NULL CHECK (probability_level >= 1),
  impact_level smallint NOT NULL CHECK (impact_level >= 1),
  score integer NOT NULL,
  residual_probability numeric(5, 4) CHECK (residual_probability >= 0 AND residual_probability <= 1),
  residual_impact_schedule smallint CHECK (residual_impact_schedule >= 1),
  residual_impact_cost smallint CHECK (residual_impact_cost >= 1),
  residual_impact_scope smallint CHECK (residual_impact_scope >= 1),
  residual_impact_quality smallint CHECK (residual_impact_quality >= 1),
  residual_probability_level smallint,
  residual_impact_level smallint,
  residual_score integer,
  proximity date,
  trigger text NOT NULL DEFAULT '',
  owner_id uuid,
  strategy text CHECK (strategy IN ('avoid', 'mitigate', 'transfer', 'accept', 'exploit', 'enhance', 'share')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'monitoring', 'occurred', 'closed')),
  escalation_level smallint NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
  escalated_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, reference),
  CHECK ((scope_type = 'organization') = (scope_id IS NULL)),
  CHECK ((origin_scope_type = 'organization') = (origin_scope_id IS NULL)),
  CHECK (strategy IS NULL OR strategy = 'accept'
    OR (kind = 'threat' AND strategy IN ('avoid', 'mitigate', 'transfer'))
    OR (kind = 'opportunity' AND strategy IN ('exploit', 'enhance', 'share'))),
  CHECK ((residual_probability IS NULL) = (residual_score IS NULL)),
  FOREIGN KEY (org_id, category_id) REFERENCES risk_categories (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id)
);
CREATE INDEX risks_scope ON risks (org_id, scope_type, scope_id);
CREATE INDEX risks_origin ON risks (org_id, origin_scope_type, origin_scope_id);
CREATE INDEX risks_score ON risks (org_id, score DESC);

-- The projects a risk threatens; a shared risk has several. A project-level risk lists its own project.
CREATE TABLE risk_projects (
  org_id uuid NOT NULL,
  risk_id uuid NOT NULL,
  project_id uuid NOT NULL,
  PRIMARY KEY (org_id, risk_id, project_id),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);
CREATE INDEX risk_projects_project ON risk_projects (org_id, project_id);

-- The quantified schedule impact of a risk on plan tasks (minutes added when the risk occurs; negative
-- for an opportunity), read by the Monte Carlo simulation as risk events.
CREATE TABLE risk_tasks (
  org_id uuid NOT NULL,
  risk_id uuid NOT NULL,
  task_id uuid NOT NULL,
  impact_optimistic_minutes integer NOT NULL,
  impact_likely_minutes integer NOT NULL,
  impact_pessimistic_minutes integer NOT NULL,
  PRIMARY KEY (org_id, risk_id, task_id),
  CHECK (impact_optimistic_minutes <= impact_likely_minutes AND impact_likely_minutes <= impact_pessimistic_minutes),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, task_id) REFERENCES tasks (org_id, id) ON DELETE CASCADE
);
CREATE INDEX risk_tasks_task ON risk_tasks (org_id, task_id);

CREATE TABLE risk_actions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  risk_id uuid NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  owner_id uuid,
  due_date date,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
  done_date date,
  -- Set when the owner was told the action is overdue, so the sweep tells them once.
  overdue_notified_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((status = 'done') = (done_date IS NOT NULL)),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id)
);
CREATE INDEX risk_actions_risk ON risk_actions (org_id, risk_id);
CREATE INDEX risk_actions_due ON risk_actions (org_id, due_date) WHERE status IN ('planned', 'in_progress');

CREATE TABLE issues (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  -- Per organization, shown as I-7.
  reference integer NOT NULL,
  scope_type text NOT NULL
    CHECK (scope_type IN ('project', 'program', 'portfolio', 'business_unit', 'organization')),
  scope_id uuid,
  origin_scope_type text NOT NULL
    CHECK (origin_scope_type IN ('project', 'program', 'portfolio', 'business_unit', 'organization')),
  origin_scope_id uuid,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  priority text NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  owner_id uuid,
  due_date date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
  resolution text NOT NULL DEFAULT '',
  -- The risk that occurred and became this issue.
  risk_id uuid,
  escalation_level smallint NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
  escalated_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, reference),
  CHECK ((scope_type = 'organization') = (scope_id IS NULL)),
  CHECK ((origin_scope_type = 'organization') = (origin_scope_id IS NULL)),
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE SET NULL (risk_id)
);
CREATE INDEX issues_scope ON issues (org_id, scope_type, scope_id);
CREATE INDEX issues_origin ON issues (org_id, origin_scope_type, origin_scope_id);
CREATE INDEX issues_risk ON issues (org_id, risk_id);

-- The organization's automatic escalation: a risk whose score reaches `min_score`, or an item with an
-- action (or, for an issue, its due date) overdue by `overdue_days`, moves one level up from
-- `from_level` (any level when null). Each rule escalates an item at most once.
CREATE TABLE escalation_rules (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('score_at_least', 'action_overdue')),
  min_score integer,
  overdue_days integer CHECK (overdue_days >= 0),
  from_level text CHECK (from_level IN ('project', 'program', 'portfolio', 'business_unit')),
  enabled boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((kind = 'score_at_least') = (min_score IS NOT NULL)),
  CHECK ((kind = 'action_overdue') = (overdue_days IS NOT NULL))
);

-- Every move of a risk or an issue up a level, manual or by a rule.
CREATE TABLE escalations (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  item_type text NOT NULL CHECK (item_type IN ('risk', 'issue')),
  item_id uuid NOT NULL,
  from_scope_type text NOT NULL,
  from_scope_id uuid,
  to_scope_type text NOT NULL,
  to_scope_id uuid,
  actor_id uuid,
  reason text NOT NULL DEFAULT '',
  automatic boolean NOT NULL DEFAULT false,
  rule_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, actor_id) REFERENCES users (org_id, id) ON DELETE SET NULL (actor_id),
  FOREIGN KEY (org_id, rule_id) REFERENCES escalation_rules (org_id, id) ON DELETE SET NULL (rule_id)
);
CREATE INDEX escalations_item ON escalations (org_id, item_type, item_id, at);
CREATE INDEX escalations_to ON escalations (org_id, to_scope_type, to_scope_id, at DESC);

CREATE TABLE notifications (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('escalation', 'assignment', 'action_overdue')),
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);
CREATE INDEX notifications_user ON notifications (org_id, user_id, created_at DESC);
