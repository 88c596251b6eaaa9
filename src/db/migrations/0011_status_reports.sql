-- Status reporting: each project's reporting cadence, the organization's indicator thresholds, the
-- periodic status reports with their self-assessed RAG and the indicators computed when submitted,
-- reviewers' comments, and the record of late reports already flagged (so each is flagged once).

-- How often a project reports. The anchor is the first due date; later ones follow every 7 or 14
-- days, or monthly on the anchor's day of the month (the month's last day when it is shorter).
CREATE TABLE reporting_cadences (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'monthly')),
  anchor_date date NOT NULL,
  -- Days after a due date before a missing report counts as late.
  grace_days integer NOT NULL DEFAULT 0 CHECK (grace_days BETWEEN 0 AND 30),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, project_id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);

-- Where computed indicators turn amber and red; one row per organization, made with the defaults on first use.
CREATE TABLE status_thresholds (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  spi_amber numeric(6, 3) NOT NULL DEFAULT 0.95,
  spi_red numeric(6, 3) NOT NULL DEFAULT 0.90,
  cpi_amber numeric(6, 3) NOT NULL DEFAULT 0.95,
  cpi_red numeric(6, 3) NOT NULL DEFAULT 0.90,
  late_milestones_amber integer NOT NULL DEFAULT 1,
  late_milestones_red integer NOT NULL DEFAULT 3,
  high_risks_amber integer NOT NULL DEFAULT 1,
  high_risks_red integer NOT NULL DEFAULT 3,
  slip_days_amber integer NOT NULL DEFAULT 5,
  slip_days_red integer NOT NULL DEFAULT 20,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id),
  CHECK (spi_red <= spi_amber AND cpi_red <= cpi_amber),
  CHECK (late_milestones_amber <= late_milestones_red AND high_risks_amber <= high_risks_red),
  CHECK (slip_days_amber <= slip_days_red)
);

CREATE TABLE status_reports (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  period_start date NOT NULL,
  -- The status date: computed indicators are measured as of this day.
  period_end date NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'reviewed')),
  -- Self-assessed; a draft may leave them open, submission needs all seven.
  overall_rag text CHECK (overall_rag IN ('green', 'amber', 'red')),
  schedule_rag text CHECK (schedule_rag IN ('green', 'amber', 'red')),
  cost_rag text CHECK (cost_rag IN ('green', 'amber', 'red')),
  scope_rag text CHECK (scope_rag IN ('green', 'amber', 'red')),
  resources_rag text CHECK (resources_rag IN ('green', 'amber', 'red')),
  risk_rag text CHECK (risk_rag IN ('green', 'amber', 'red')),
  quality_rag text CHECK (quality_rag IN ('green', 'amber', 'red')),
  narrative text NOT NULL DEFAULT '',
  achievements text NOT NULL DEFAULT '',
  next_steps text NOT NULL DEFAULT '',
  decisions_needed text NOT NULL DEFAULT '',
  created_by uuid,
  submitted_by uuid,
  submitted_at timestamptz,
  -- Frozen at submission: the indicators as the data stood then, and where they contradict the RAG.
  indicators jsonb,
  disagreements jsonb NOT NULL DEFAULT '[]',
  reviewed_by uuid,
  reviewed_at timestamptz,
  review_note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (period_end >= period_start),
  CHECK ((status = 'draft') = (submitted_at IS NULL)),
  CHECK ((status = 'reviewed') = (reviewed_at IS NOT NULL)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, created_by) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, submitted_by) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, reviewed_by) REFERENCES users (org_id, id)
);
CREATE INDEX status_reports_project ON status_reports (org_id, project_id, period_end DESC);
CREATE INDEX status_reports_awaiting ON status_reports (org_id, submitted_at) WHERE status = 'submitted';

-- Reviewers' comments and the answers to them; a comment with a parent is a reply in its thread.
CREATE TABLE status_report_comments (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  report_id uuid NOT NULL,
  parent_id uuid,
  author_id uuid,
  author_label text NOT NULL,
  body text NOT NULL CHECK (length(body) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, report_id) REFERENCES status_reports (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, parent_id) REFERENCES status_report_comments (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, author_id) REFERENCES users (org_id, id) ON DELETE SET NULL (author_id)
);
CREATE INDEX status_report_comments_report ON status_report_comments (org_id, report_id, created_at);

-- One row per project and missed due date once its program manager and the PMO were told.
CREATE TABLE late_report_flags (
  org_id uuid NOT NULL,
  project_id uuid NOT NULL,
  due_date date NOT NULL,
  flagged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, project_id, due_date),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);

-- Late reports, reviews and review comments are new kinds of notification.
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('escalation', 'assignment', 'action_overdue', 'report_late', 'report_reviewed', 'report_comment'));
