-- Foundation: organizations, people, structure, projects, access and audit.
-- Tenant tables carry org_id, key on (org_id, id) and reference with org_id, so the schema can be
-- distributed by org_id (Citus) without change. The few global tables (login_emails, login_attempts)
-- are small lookup tables that would become reference tables.

CREATE TABLE organizations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  currency char(3) NOT NULL DEFAULT 'USD',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text,
  is_active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, email)
);

-- Login finds the organization from the e-mail address alone.
CREATE TABLE login_emails (
  email text PRIMARY KEY,
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

CREATE TABLE login_attempts (
  key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_key_at ON login_attempts (key, at);

CREATE TABLE sessions (
  org_id uuid NOT NULL,
  token_hash text NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, token_hash),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

CREATE TABLE api_tokens (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  name text NOT NULL,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, token_hash),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

CREATE TABLE business_units (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  parent_id uuid,
  name text NOT NULL,
  code text NOT NULL,
  pmo_mode text NOT NULL DEFAULT 'centralized' CHECK (pmo_mode IN ('centralized', 'decentralized')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code),
  FOREIGN KEY (org_id, parent_id) REFERENCES business_units (org_id, id)
);

CREATE TABLE strategic_objectives (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  weight numeric(6, 2) NOT NULL DEFAULT 0 CHECK (weight >= 0 AND weight <= 100),
  owner_id uuid,
  measure text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id)
);

CREATE TABLE portfolios (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  business_unit_id uuid,
  manager_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, business_unit_id) REFERENCES business_units (org_id, id),
  FOREIGN KEY (org_id, manager_id) REFERENCES users (org_id, id)
);

CREATE TABLE programs (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  portfolio_id uuid NOT NULL,
  name text NOT NULL,
  goal text NOT NULL DEFAULT '',
  manager_id uuid,
  expected_benefits text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, portfolio_id) REFERENCES portfolios (org_id, id),
  FOREIGN KEY (org_id, manager_id) REFERENCES users (org_id, id)
);

CREATE TABLE projects (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  manager_id uuid,
  sponsor_id uuid,
  business_unit_id uuid NOT NULL,
  portfolio_id uuid NOT NULL,
  program_id uuid,
  stage text NOT NULL DEFAULT 'proposal' CHECK (stage IN
    ('proposal', 'initiation', 'planning', 'execution', 'closing', 'closed', 'on_hold', 'terminated')),
  methodology text NOT NULL DEFAULT 'predictive' CHECK (methodology IN ('predictive', 'agile', 'hybrid')),
  target_start date,
  target_finish date,
  budget numeric(18, 2) NOT NULL DEFAULT 0 CHECK (budget >= 0),
  priority integer NOT NULL DEFAULT 50 CHECK (priority BETWEEN 1 AND 100),
  health text CHECK (health IN ('green', 'amber', 'red')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code),
  CHECK (target_finish IS NULL OR target_start IS NULL OR target_finish >= target_start),
  FOREIGN KEY (org_id, business_unit_id) REFERENCES business_units (org_id, id),
  FOREIGN KEY (org_id, portfolio_id) REFERENCES portfolios (org_id, id),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id),
  FOREIGN KEY (org_id, manager_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, sponsor_id) REFERENCES users (org_id, id)
);
CREATE INDEX projects_portfolio ON projects (org_id, portfolio_id);
CREATE INDEX projects_program ON projects (org_id, program_id);
CREATE INDEX projects_business_unit ON projects (org_id, business_unit_id);

CREATE TABLE project_objectives (
  org_id uuid NOT NULL,
  project_id uuid NOT NULL,
  objective_id uuid NOT NULL,
  contribution numeric(4, 1) NOT NULL CHECK (contribution >= 0 AND contribution <= 10),
  PRIMARY KEY (org_id, project_id, objective_id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, objective_id) REFERENCES strategic_objectives (org_id, id) ON DELETE CASCADE
);

CREATE TABLE project_members (
  org_id uuid NOT NULL,
  project_id uuid NOT NULL,
  user_id uuid NOT NULL,
  member_role text NOT NULL DEFAULT 'member',
  PRIMARY KEY (org_id, project_id, user_id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);

CREATE TABLE role_grants (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN
    ('pmo_admin', 'portfolio_manager', 'program_manager', 'project_manager', 'team_member', 'executive_viewer')),
  scope_type text NOT NULL CHECK (scope_type IN ('organization', 'business_unit', 'portfolio', 'program', 'project')),
  scope_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((scope_type = 'organization') = (scope_id IS NULL)),
  FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants
  (org_id, user_id, role, scope_type, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'::uuid));

CREATE TABLE audit_log (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_label text NOT NULL,
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  before jsonb,
  after jsonb,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX audit_log_entity ON audit_log (org_id, entity_type, entity_id, id DESC);
