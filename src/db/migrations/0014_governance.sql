-- Governance: configurable lifecycles (stages and the gates between them, with criteria), gate reviews
-- and their decisions, benefits measured over time, and lessons learned with proposed changes to the
-- organization's templates and standards.

-- One lifecycle for the organization (business_unit_id null) and at most one per business unit; a
-- project follows the lifecycle of the nearest unit up its tree that has one, else the organization's.
CREATE TABLE lifecycles (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  business_unit_id uuid,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, business_unit_id) REFERENCES business_units (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX lifecycles_unit ON lifecycles (org_id, business_unit_id) WHERE business_unit_id IS NOT NULL;
CREATE UNIQUE INDEX lifecycles_organization ON lifecycles (org_id) WHERE business_unit_id IS NULL;

-- Stages in order; each names the project stage (the fixed lifecycle state of projects.stage) it maps onto,
-- so reports that know only the fixed stages still read a configured lifecycle right.
CREATE TABLE lifecycle_stages (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  lifecycle_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  name text NOT NULL,
  project_stage text NOT NULL CHECK (project_stage IN
    ('proposal', 'initiation', 'planning', 'execution', 'closing', 'closed')),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, lifecycle_id, position) DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (org_id, lifecycle_id) REFERENCES lifecycles (org_id, id) ON DELETE CASCADE
);

-- The gate at the end of a stage: passing it ("go") moves the project into the next stage.
CREATE TABLE lifecycle_gates (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  stage_id uuid NOT NULL,
  name text NOT NULL,
  -- The least role that may decide; the roles above it may too (pmo > portfolio manager > program manager).
  decider_role text NOT NULL DEFAULT 'pmo' CHECK (decider_role IN ('pmo', 'portfolio_manager', 'program_manager')),
  -- A PMO must have reviewed the checklist before anyone else decides.
  pmo_review_required boolean NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, stage_id),
  FOREIGN KEY (org_id, stage_id) REFERENCES lifecycle_stages (org_id, id) ON DELETE CASCADE
);

CREATE TABLE gate_criteria (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  gate_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 0),
  kind text NOT NULL CHECK (kind IN ('document', 'check')),
  text text NOT NULL,
  required boolean NOT NULL DEFAULT true,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, gate_id) REFERENCES lifecycle_gates (org_id, id) ON DELETE CASCADE
);
CREATE INDEX gate_criteria_gate ON gate_criteria (org_id, gate_id, position);

-- One review of one gate for one project. A recycle closes the review and opens a fresh one for the same
-- gate (its results carried over), so the history keeps every decision.
CREATE TABLE gate_reviews (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  -- Restrict: a lifecycle cannot drop a gate that has been reviewed; the history would lose its meaning.
  gate_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
  decision text CHECK (decision IN ('go', 'hold', 'recycle', 'terminate')),
  reason text,
  decided_by uuid,
  decided_at timestamptz,
  pmo_reviewed_by uuid,
  pmo_reviewed_at timestamptz,
  pmo_review_note text,
  opened_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((status = 'open') = (decision IS NULL)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, gate_id) REFERENCES lifecycle_gates (org_id, id),
  FOREIGN KEY (org_id, decided_by) REFERENCES users (org_id, id) ON DELETE SET NULL (decided_by),
  FOREIGN KEY (org_id, pmo_reviewed_by) REFERENCES users (org_id, id) ON DELETE SET NULL (pmo_reviewed_by),
  FOREIGN KEY (org_id, opened_by) REFERENCES users (org_id, id) ON DELETE SET NULL (opened_by)
);
CREATE INDEX gate_reviews_project ON gate_reviews (org_id, project_id, created_at);
-- At most one open review per project: the gate in front of it.
CREATE UNIQUE INDEX gate_reviews_open ON gate_reviews (org_id, project_id) WHERE status = 'open';

CREATE TABLE gate_review_results (
  org_id uuid NOT NULL,
  review_id uuid NOT NULL,
  criterion_id uuid NOT NULL,
  result text CHECK (result IN ('met', 'not_met', 'waived')),
  evidence text NOT NULL DEFAULT '',
  PRIMARY KEY (org_id, review_id, criterion_id),
  FOREIGN KEY (org_id, review_id) REFERENCES gate_reviews (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, criterion_id) REFERENCES gate_criteria (org_id, id) ON DELETE CASCADE
);

-- A benefit a program or a project promises, measured against its baseline and target after the work ends.
CREATE TABLE benefits (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid,
  project_id uuid,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  measure text NOT NULL,
  unit text NOT NULL DEFAULT '',
  baseline numeric(18, 4) NOT NULL DEFAULT 0,
  target numeric(18, 4) NOT NULL,
  target_date date,
  owner_id uuid,
  status text NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'tracking', 'achieved', 'at_risk', 'not_achieved', 'cancelled')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((program_id IS NULL) <> (project_id IS NULL)),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id) ON DELETE SET NULL (owner_id)
);
CREATE INDEX benefits_program ON benefits (org_id, program_id);
CREATE INDEX benefits_project ON benefits (org_id, project_id);

CREATE TABLE benefit_measurements (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  benefit_id uuid NOT NULL,
  measured_on date NOT NULL,
  value numeric(18, 4) NOT NULL,
  note text NOT NULL DEFAULT '',
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, benefit_id, measured_on),
  FOREIGN KEY (org_id, benefit_id) REFERENCES benefits (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, recorded_by) REFERENCES users (org_id, id) ON DELETE SET NULL (recorded_by)
);

CREATE TABLE lessons (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid,
  gate_review_id uuid,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  category text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('success', 'problem', 'recommendation')),
  source text NOT NULL CHECK (source IN ('gate_review', 'closure', 'termination', 'ad_hoc')),
  tags text[] NOT NULL DEFAULT '{}',
  author_id uuid,
  -- Written by the repository on every change (title weighs most, then category and tags, then the body):
  -- a generated column cannot use array_to_string, which PostgreSQL does not mark immutable.
  search tsvector NOT NULL DEFAULT ''::tsvector,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE SET NULL (project_id),
  FOREIGN KEY (org_id, gate_review_id) REFERENCES gate_reviews (org_id, id) ON DELETE SET NULL (gate_review_id),
  FOREIGN KEY (org_id, author_id) REFERENCES users (org_id, id) ON DELETE SET NULL (author_id)
);
CREATE INDEX lessons_search ON lessons USING gin (search);
CREATE INDEX lessons_project ON lessons (org_id, project_id);

CREATE TABLE lesson_risks (
  org_id uuid NOT NULL,
  lesson_id uuid NOT NULL,
  risk_id uuid NOT NULL,
  PRIMARY KEY (org_id, lesson_id, risk_id),
  FOREIGN KEY (org_id, lesson_id) REFERENCES lessons (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE
);
CREATE INDEX lesson_risks_risk ON lesson_risks (org_id, risk_id);

-- A lesson turned into a proposed change of a template or a standard. The target is free text until the
-- process assets land; the PMO accepts or rejects it.
CREATE TABLE lesson_change_proposals (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  lesson_id uuid NOT NULL,
  target_kind text NOT NULL CHECK (target_kind IN ('template', 'standard', 'checklist', 'process', 'other')),
  target_reference text NOT NULL,
  proposed_text text NOT NULL,
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected', 'implemented')),
  decision_note text NOT NULL DEFAULT '',
  proposed_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, lesson_id) REFERENCES lessons (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, proposed_by) REFERENCES users (org_id, id) ON DELETE SET NULL (proposed_by)
);
CREATE INDEX lesson_change_proposals_lesson ON lesson_change_proposals (org_id, lesson_id);

-- Managers of successor projects hear when a project they depend on is terminated.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('escalation', 'assignment', 'action_overdue', 'report_late', 'report_reviewed', 'report_comment', 'project_terminated'));
