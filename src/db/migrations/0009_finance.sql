-- Money (in the organization's one currency, organizations.currency): project budgets by cost category and month; envelopes for
-- programs and portfolios; actual costs; versioned forecasts (estimate to complete); and the stored
-- per-project figures (totals and per month) that roll-ups and dashboards read, so no dashboard
-- recomputes earned value for thousands of projects on a request.

-- Months are stored as their first day.
CREATE TABLE budget_lines (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  category text NOT NULL CHECK (category IN ('labour', 'capital', 'operating', 'other')),
  period date NOT NULL CHECK (extract(day FROM period) = 1),
  amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, project_id, category, period),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);

-- A program's or a portfolio's envelope caps what its projects' budgets may sum to; a null category
-- is an envelope over all categories.
CREATE TABLE budget_envelopes (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid,
  portfolio_id uuid,
  category text CHECK (category IN ('labour', 'capital', 'operating', 'other')),
  period date NOT NULL CHECK (extract(day FROM period) = 1),
  amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
  note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((program_id IS NULL) <> (portfolio_id IS NULL)),
  FOREIGN KEY (org_id, program_id) REFERENCES programs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, portfolio_id) REFERENCES portfolios (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX budget_envelopes_unique ON budget_envelopes (org_id,
  coalesce(program_id, portfolio_id), coalesce(category, ''), period);

-- source: 'entered' by hand, 'imported' from a CSV (import_id groups one file's rows), 'derived' from
-- assignments' actual work and the resources' rates.
CREATE TABLE actual_costs (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  task_id uuid,
  resource_id uuid,
  category text NOT NULL CHECK (category IN ('labour', 'capital', 'operating', 'other')),
  incurred_on date NOT NULL,
  amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
  description text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT 'entered' CHECK (source IN ('entered', 'imported', 'derived')),
  import_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, task_id) REFERENCES tasks (org_id, id) ON DELETE SET NULL,
  FOREIGN KEY (org_id, resource_id) REFERENCES resources (org_id, id) ON DELETE SET NULL
);
CREATE INDEX actual_costs_project ON actual_costs (org_id, project_id, incurred_on);

-- A forecast is a numbered version of the estimate to complete, per category and month; the
-- highest number is the current one, earlier ones stay for comparison.
CREATE TABLE cost_forecasts (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  as_of date NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, project_id, number),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, created_by) REFERENCES users (org_id, id)
);

CREATE TABLE cost_forecast_lines (
  org_id uuid NOT NULL,
  forecast_id uuid NOT NULL,
  category text NOT NULL CHECK (category IN ('labour', 'capital', 'operating', 'other')),
  period date NOT NULL CHECK (extract(day FROM period) = 1),
  amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (org_id, forecast_id, category, period),
  FOREIGN KEY (org_id, forecast_id) REFERENCES cost_forecasts (org_id, id) ON DELETE CASCADE
);

-- Stored figures, rewritten by the finance service whenever a project's budget, actuals, forecast,
-- baseline or progress changes (and nightly for the moving status date). Indices are null when
-- their denominator is zero.
CREATE TABLE project_financials (
  org_id uuid NOT NULL,
  project_id uuid NOT NULL,
  as_of date NOT NULL,
  budget numeric(18, 2) NOT NULL DEFAULT 0,
  actual numeric(18, 2) NOT NULL DEFAULT 0,
  forecast_to_complete numeric(18, 2) NOT NULL DEFAULT 0,
  bac numeric(18, 2) NOT NULL DEFAULT 0,
  pv numeric(18, 2) NOT NULL DEFAULT 0,
  ev numeric(18, 2) NOT NULL DEFAULT 0,
  ac numeric(18, 2) NOT NULL DEFAULT 0,
  eac numeric(18, 2) NOT NULL DEFAULT 0,
  etc numeric(18, 2) NOT NULL DEFAULT 0,
  vac numeric(18, 2) NOT NULL DEFAULT 0,
  spi numeric(10, 4),
  cpi numeric(10, 4),
  tcpi numeric(10, 4),
  spi_t numeric(10, 4),
  forecast_finish date,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, project_id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);

-- Per project and month, not cumulative: budget, actual, current forecast, planned value and earned
-- value. Summed over a scope these give the S-curves and budget burn.
CREATE TABLE project_period_figures (
  org_id uuid NOT NULL,
  project_id uuid NOT NULL,
  period date NOT NULL CHECK (extract(day FROM period) = 1),
  budget numeric(18, 2) NOT NULL DEFAULT 0,
  actual numeric(18, 2) NOT NULL DEFAULT 0,
  forecast numeric(18, 2) NOT NULL DEFAULT 0,
  pv numeric(18, 2) NOT NULL DEFAULT 0,
  ev numeric(18, 2) NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, project_id, period),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE
);
