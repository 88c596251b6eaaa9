-- Project intake, scoring and portfolio scenarios: proposals with their business case, scoring models
-- with weighted criteria and evaluators' scores, and saved optimization scenarios that can be promoted.

-- A proposal competes for a place in a portfolio. Accepted means approved for the portfolio; it becomes
-- a project when a scenario holding it is promoted (project_id then names that project).
CREATE TABLE proposals (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  code text NOT NULL,
  title text NOT NULL,
  business_unit_id uuid NOT NULL,
  portfolio_id uuid NOT NULL,
  program_id uuid,
  sponsor_id uuid,
  submitter_id uuid,
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'in_triage', 'accepted', 'rejected', 'deferred')),
  business_case text NOT NULL DEFAULT '',
  expected_benefits text NOT NULL DEFAULT '',
  key_risks text NOT NULL DEFAULT '',
  proposed_start date CHECK (proposed_start IS NULL OR extract(day FROM proposed_start) = 1),
  duration_months integer NOT NULL DEFAULT 6 CHECK (duration_months BETWEEN 1 AND 120),
  triage_note text NOT NULL DEFAULT '',
  triaged_by uuid,
  triaged_at timestamptz,
  project_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code),
  FOREIGN KEY (org_id, business_unit_id) REFERENCES business_units (org_id, id),
  FOREIGN KEY (org_id, portfolio_id) REFERENCES portfolios (org_id, id),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id),
  FOREIGN KEY (org_id, sponsor_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, submitter_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, triaged_by) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE SET NULL (project_id)
);
CREATE INDEX proposals_portfolio ON proposals (org_id, portfolio_id);
CREATE INDEX proposals_status ON proposals (org_id, status);

CREATE TABLE proposal_objectives (
  org_id uuid NOT NULL,
  proposal_id uuid NOT NULL,
  objective_id uuid NOT NULL,
  -- The same 0..10 scale as project_objectives.
  contribution numeric(4, 1) NOT NULL CHECK (contribution >= 0 AND contribution <= 10),
  PRIMARY KEY (org_id, proposal_id, objective_id),
  FOREIGN KEY (org_id, proposal_id) REFERENCES proposals (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, objective_id) REFERENCES strategic_objectives (org_id, id) ON DELETE CASCADE
);

CREATE TABLE proposal_cost_lines (
  org_id uuid NOT NULL,
  proposal_id uuid NOT NULL,
  period date NOT NULL CHECK (extract(day FROM period) = 1),
  category text NOT NULL CHECK (category IN ('labour', 'capital', 'operating', 'other')),
  amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (org_id, proposal_id, period, category),
  FOREIGN KEY (org_id, proposal_id) REFERENCES proposals (org_id, id) ON DELETE CASCADE
);

-- Demand in hours of a role in a month.
CREATE TABLE proposal_role_demand (
  org_id uuid NOT NULL,
  proposal_id uuid NOT NULL,
  role_id uuid NOT NULL,
  period date NOT NULL CHECK (extract(day FROM period) = 1),
  hours numeric(10, 1) NOT NULL CHECK (hours >= 0),
  PRIMARY KEY (org_id, proposal_id, role_id, period),
  FOREIGN KEY (org_id, proposal_id) REFERENCES proposals (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, role_id) REFERENCES resource_roles (org_id, id)
);

-- "This proposal needs that proposal (or that running project)".
CREATE TABLE proposal_dependencies (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  proposal_id uuid NOT NULL,
  requires_proposal_id uuid,
  requires_project_id uuid,
  PRIMARY KEY (org_id, id),
  CHECK ((requires_proposal_id IS NULL) <> (requires_project_id IS NULL)),
  CHECK (requires_proposal_id IS NULL OR requires_proposal_id <> proposal_id),
  FOREIGN KEY (org_id, proposal_id) REFERENCES proposals (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, requires_proposal_id) REFERENCES proposals (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, requires_project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX proposal_dependencies_unique
  ON proposal_dependencies (org_id, proposal_id, COALESCE(requires_proposal_id, requires_project_id));

CREATE TABLE scoring_models (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT false,
  scale_min numeric(6, 2) NOT NULL DEFAULT 0,
  scale_max numeric(6, 2) NOT NULL DEFAULT 5,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name),
  CHECK (scale_max > scale_min)
);
-- Ranking and optimization use the one active model.
CREATE UNIQUE INDEX scoring_models_one_active ON scoring_models (org_id) WHERE active;

CREATE TABLE scoring_criteria (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  model_id uuid NOT NULL,
  name text NOT NULL,
  -- risk is scored as exposure (high = risky) and inverted before weighting.
  kind text NOT NULL CHECK (kind IN ('objective_alignment', 'value', 'risk', 'urgency', 'custom')),
  objective_id uuid,
  weight numeric(8, 3) NOT NULL CHECK (weight >= 0),
  position integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, model_id, name),
  CHECK (kind <> 'objective_alignment' OR objective_id IS NOT NULL),
  FOREIGN KEY (org_id, model_id) REFERENCES scoring_models (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, objective_id) REFERENCES strategic_objectives (org_id, id)
);

-- People the PMO names to score under a model, beyond the roles that may always evaluate.
CREATE TABLE scoring_model_evaluators (
  org_id uuid NOT NULL,
  model_id uuid NOT NULL,
  user_id uuid NOT NULL,
  PRIMARY KEY (org_id, model_id, user_id),
  FOREIGN KEY (org_id, model_id) REFERENCES scoring_models (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

-- One evaluator's score of one candidate (a proposal or a project) on one criterion.
CREATE TABLE scoring_evaluations (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  model_id uuid NOT NULL,
  criterion_id uuid NOT NULL,
  evaluator_id uuid NOT NULL,
  proposal_id uuid,
  project_id uuid,
  score numeric(8, 2) NOT NULL,
  comment text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((proposal_id IS NULL) <> (project_id IS NULL)),
  FOREIGN KEY (org_id, model_id) REFERENCES scoring_models (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, criterion_id) REFERENCES scoring_criteria (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, evaluator_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, proposal_id) REFERENCES proposals (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX scoring_evaluations_unique
  ON scoring_evaluations (org_id, criterion_id, evaluator_id, COALESCE(proposal_id, project_id));
CREATE INDEX scoring_evaluations_model ON scoring_evaluations (org_id, model_id);

-- A what-if selection: limits over a horizon of months, the optimizer's last result, and promotion.
CREATE TABLE scenarios (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- Null: the whole organization's candidates.
  portfolio_id uuid,
  horizon_start date NOT NULL CHECK (extract(day FROM horizon_start) = 1),
  periods integer NOT NULL CHECK (periods BETWEEN 1 AND 120),
  -- [amount | null per period]; null means no limit.
  budget jsonb NOT NULL DEFAULT '[]',
  -- {roleId: [hours | null per period]}.
  capacity jsonb NOT NULL DEFAULT '{}',
  allow_shift boolean NOT NULL DEFAULT false,
  max_shift integer NOT NULL DEFAULT 0 CHECK (max_shift BETWEEN 0 AND 24),
  -- The last optimization: method, gap, score, selection with shifts, cost and demand, frontier.
  result jsonb,
  optimized_at timestamptz,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'promoted')),
  promoted_at timestamptz,
  promoted_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name),
  FOREIGN KEY (org_id, portfolio_id) REFERENCES portfolios (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, promoted_by) REFERENCES users (org_id, id)
);

CREATE TABLE scenario_items (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  scenario_id uuid NOT NULL,
  proposal_id uuid,
  project_id uuid,
  mandatory boolean NOT NULL DEFAULT false,
  excluded boolean NOT NULL DEFAULT false,
  -- Set by the optimizer: selected, and how many months its start moves.
  included boolean NOT NULL DEFAULT false,
  shift_months integer NOT NULL DEFAULT 0 CHECK (shift_months >= 0),
  -- Set on promotion for a running project the scenario leaves out: the gate owners decide.
  hold_flagged boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((proposal_id IS NULL) <> (project_id IS NULL)),
  CHECK (NOT (mandatory AND excluded)),
  FOREIGN KEY (org_id, scenario_id) REFERENCES scenarios (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, proposal_id) REFERENCES proposals (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX scenario_items_unique ON scenario_items (org_id, scenario_id, COALESCE(proposal_id, project_id));
