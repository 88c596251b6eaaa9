-- Quality, maturity and oversight, mentoring, communication; and the machinery they run on: a job
-- queue in the database (claimed with FOR UPDATE SKIP LOCKED, so several app servers share it) and
-- an e-mail outbox that the queue delivers over SMTP.

-- One row per unit of background work. A worker claims due rows, runs the handler registered for
-- `kind`, and marks them done, or puts them back with a later `run_at` (backoff) until
-- `max_attempts`. A recurring job is one row with `repeat_seconds` that goes back to queued after
-- each run; `schedule_key` makes scheduling it idempotent.
CREATE TABLE jobs (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  -- The worker holding the job and until when; a crashed worker's job is claimable again after that.
  locked_by text,
  locked_until timestamptz,
  last_error text,
  schedule_key text,
  repeat_seconds integer CHECK (repeat_seconds IS NULL OR repeat_seconds > 0),
  finished_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status IN ('queued', 'running');
CREATE UNIQUE INDEX jobs_schedule ON jobs (org_id, schedule_key) WHERE schedule_key IS NOT NULL;

-- Every e-mail Orrery sends: written in the transaction of the change that causes it, delivered by a
-- job, and kept with the SMTP server's answer, so a bounced address loses nothing and can be retried.
CREATE TABLE email_outbox (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  sent_at timestamptz,
  -- What caused it ("announcement", "communication_plan", "corrective_action"), for the outbox view.
  source_type text,
  source_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX email_outbox_status ON email_outbox (org_id, status, created_at DESC);

-- Reminders and announcements reach people in-app as notifications too.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('escalation', 'assignment', 'action_overdue', 'report_late', 'report_reviewed',
    'report_comment', 'project_terminated', 'announcement', 'reminder'));

-- Quality standards apply per project type; the project type is the project's methodology
-- (predictive, agile, hybrid), null meaning every type. `required_from` ties a standard to the
-- oversight a project is under: 'light' standards apply to every project, 'standard' ones to projects
-- under standard or intensive oversight, 'intensive' ones only under intensive oversight.
CREATE TABLE quality_standards (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  project_type text CHECK (project_type IN ('predictive', 'agile', 'hybrid')),
  required_from text NOT NULL DEFAULT 'light' CHECK (required_from IN ('light', 'standard', 'intensive')),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code)
);

CREATE TABLE quality_checklist_items (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  standard_id uuid NOT NULL,
  position integer NOT NULL,
  text text NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, standard_id, position),
  FOREIGN KEY (org_id, standard_id) REFERENCES quality_standards (org_id, id) ON DELETE CASCADE
);

-- An inspection (by the team) or an audit (independent) of a project against one standard's checklist.
CREATE TABLE quality_inspections (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  standard_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('inspection', 'audit')),
  title text NOT NULL,
  held_on date NOT NULL,
  inspector_id uuid,
  notes text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, standard_id) REFERENCES quality_standards (org_id, id),
  FOREIGN KEY (org_id, inspector_id) REFERENCES users (org_id, id)
);
CREATE INDEX quality_inspections_project ON quality_inspections (org_id, project_id, held_on DESC);

CREATE TABLE quality_check_results (
  org_id uuid NOT NULL,
  inspection_id uuid NOT NULL,
  item_id uuid NOT NULL,
  result text NOT NULL CHECK (result IN ('pass', 'fail', 'na')),
  note text NOT NULL DEFAULT '',
  PRIMARY KEY (org_id, inspection_id, item_id),
  FOREIGN KEY (org_id, inspection_id) REFERENCES quality_inspections (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, item_id) REFERENCES quality_checklist_items (org_id, id) ON DELETE CASCADE
);

CREATE TABLE quality_findings (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  inspection_id uuid NOT NULL,
  project_id uuid NOT NULL,
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  description text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, inspection_id) REFERENCES quality_inspections (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);
CREATE INDEX quality_findings_project ON quality_findings (org_id, project_id, status);

CREATE TABLE corrective_actions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  finding_id uuid NOT NULL,
  project_id uuid NOT NULL,
  title text NOT NULL,
  owner_id uuid,
  due_date date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
  done_on date,
  -- The due date the owner was last reminded of; a new due date earns a new reminder.
  reminded_for date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, finding_id) REFERENCES quality_findings (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id)
);
CREATE INDEX corrective_actions_due ON corrective_actions (org_id, due_date) WHERE status <> 'done';

-- Maturity questionnaires: questions grouped by knowledge area, answered on a 1–5 scale. A
-- questionnaire is frozen by its first assessment, so old scores keep meaning what they meant.
CREATE TABLE maturity_questionnaires (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  frozen boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name)
);

CREATE TABLE maturity_questions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  questionnaire_id uuid NOT NULL,
  position integer NOT NULL,
  knowledge_area text NOT NULL,
  text text NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, questionnaire_id, position),
  FOREIGN KEY (org_id, questionnaire_id) REFERENCES maturity_questionnaires (org_id, id) ON DELETE CASCADE
);

-- The subject is a person (a project manager) or a team (the members of one project).
CREATE TABLE maturity_assessments (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  questionnaire_id uuid NOT NULL,
  subject_type text NOT NULL CHECK (subject_type IN ('user', 'team')),
  subject_user_id uuid,
  subject_project_id uuid,
  assessor_id uuid,
  assessed_on date NOT NULL,
  score numeric(4, 2) NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  notes text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((subject_type = 'user') = (subject_user_id IS NOT NULL)),
  CHECK ((subject_type = 'team') = (subject_project_id IS NOT NULL)),
  FOREIGN KEY (org_id, questionnaire_id) REFERENCES maturity_questionnaires (org_id, id),
  FOREIGN KEY (org_id, subject_user_id) REFERENCES users (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, subject_project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, assessor_id) REFERENCES users (org_id, id)
);
CREATE INDEX maturity_assessments_user ON maturity_assessments (org_id, subject_user_id, assessed_on DESC);
CREATE INDEX maturity_assessments_team ON maturity_assessments (org_id, subject_project_id, assessed_on DESC);

CREATE TABLE maturity_answers (
  org_id uuid NOT NULL,
  assessment_id uuid NOT NULL,
  question_id uuid NOT NULL,
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  PRIMARY KEY (org_id, assessment_id, question_id),
  FOREIGN KEY (org_id, assessment_id) REFERENCES maturity_assessments (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, question_id) REFERENCES maturity_questions (org_id, id)
);

-- The organization's oversight policy (one row; the defaults apply until it is saved): maturity
-- levels below `standard_from` get intensive oversight, from `light_from` light, standard between;
-- each oversight level has its reporting cadence and the gates that need PMO review.
CREATE TABLE oversight_policies (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  standard_from smallint NOT NULL DEFAULT 3 CHECK (standard_from BETWEEN 2 AND 5),
  light_from smallint NOT NULL DEFAULT 4 CHECK (light_from BETWEEN 2 AND 6),
  intensive_cadence text NOT NULL DEFAULT 'weekly',
  standard_cadence text NOT NULL DEFAULT 'fortnightly',
  light_cadence text NOT NULL DEFAULT 'monthly',
  intensive_gates text NOT NULL DEFAULT 'all',
  standard_gates text NOT NULL DEFAULT 'major',
  light_gates text NOT NULL DEFAULT 'none',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id),
  CHECK (light_from >= standard_from),
  CHECK (intensive_cadence IN ('weekly', 'fortnightly', 'monthly')),
  CHECK (standard_cadence IN ('weekly', 'fortnightly', 'monthly')),
  CHECK (light_cadence IN ('weekly', 'fortnightly', 'monthly')),
  CHECK (intensive_gates IN ('all', 'major', 'none')),
  CHECK (standard_gates IN ('all', 'major', 'none')),
  CHECK (light_gates IN ('all', 'major', 'none'))
);

CREATE TABLE mentorships (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  mentor_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  goals text NOT NULL DEFAULT '',
  starts_on date NOT NULL,
  ends_on date,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'cancelled')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (mentor_id <> mentee_id),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  FOREIGN KEY (org_id, mentor_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, mentee_id) REFERENCES users (org_id, id)
);

CREATE TABLE mentoring_sessions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  mentorship_id uuid NOT NULL,
  held_on date NOT NULL,
  notes text NOT NULL DEFAULT '',
  follow_ups text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, mentorship_id) REFERENCES mentorships (org_id, id) ON DELETE CASCADE
);

-- Stakeholders and communication plans belong to a project or a program (exactly one of the two).
CREATE TABLE stakeholders (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid,
  program_id uuid,
  name text NOT NULL,
  user_id uuid,
  organization text NOT NULL DEFAULT '',
  role text NOT NULL DEFAULT '',
  influence smallint NOT NULL CHECK (influence BETWEEN 1 AND 5),
  interest smallint NOT NULL CHECK (interest BETWEEN 1 AND 5),
  attitude text NOT NULL DEFAULT 'neutral'
    CHECK (attitude IN ('resistant', 'skeptical', 'neutral', 'supportive', 'champion')),
  engagement_current text NOT NULL DEFAULT 'neutral'
    CHECK (engagement_current IN ('unaware', 'resistant', 'neutral', 'supportive', 'leading')),
  engagement_desired text NOT NULL DEFAULT 'supportive'
    CHECK (engagement_desired IN ('unaware', 'resistant', 'neutral', 'supportive', 'leading')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((project_id IS NULL) <> (program_id IS NULL)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE INDEX stakeholders_project ON stakeholders (org_id, project_id);
CREATE INDEX stakeholders_program ON stakeholders (org_id, program_id);

CREATE TABLE communication_plans (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid,
  program_id uuid,
  audience text NOT NULL,
  content text NOT NULL,
  cadence text NOT NULL CHECK (cadence IN ('weekly', 'fortnightly', 'monthly', 'quarterly')),
  channel text NOT NULL CHECK (channel IN ('email', 'meeting', 'report', 'in_app')),
  owner_id uuid,
  next_due date NOT NULL,
  -- The due date the owner was last reminded of, so a reminder run twice tells them once.
  reminded_for date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((project_id IS NULL) <> (program_id IS NULL)),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id)
);
CREATE INDEX communication_plans_due ON communication_plans (org_id, next_due);

-- An announcement from the PMO to everyone holding a grant within a scope; published once, never edited.
CREATE TABLE announcements (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  scope_type text NOT NULL
    CHECK (scope_type IN ('organization', 'business_unit', 'portfolio', 'program', 'project')),
  scope_id uuid,
  title text NOT NULL,
  body text NOT NULL,
  send_email boolean NOT NULL DEFAULT false,
  author_id uuid,
  recipients integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((scope_type = 'organization') = (scope_id IS NULL)),
  FOREIGN KEY (org_id, author_id) REFERENCES users (org_id, id)
);
CREATE INDEX announcements_recent ON announcements (org_id, created_at DESC);

-- The organization's own mail server, when it has one (else ORRERY_SMTP_URL applies); one row.
CREATE TABLE mail_settings (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  smtp_url text NOT NULL CHECK (smtp_url ~ '^smtps?://'),
  from_address text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id)
);
