-- Roll-ups and dashboards read the stored per-project figures (0009); the only extra they need is a
-- way to find a scope's next milestones without reading every task: milestones by date.
CREATE INDEX tasks_milestones ON tasks (org_id, early_start) WHERE milestone;

-- A number per organization that moves whenever anything a dashboard aggregates changes, so app
-- servers can keep computed dashboards and know, with one indexed read, whether one is still true.
-- Bumped by deferred constraint triggers: once per transaction and organization, at commit, after
-- every other lock the transaction takes (so it cannot join a lock-order deadlock), and in the same
-- transaction as the change (a reader never sees the change without the new number).
CREATE TABLE rollup_epochs (
  org_id uuid NOT NULL REFERENCES organizations (id),
  subject text NOT NULL DEFAULT 'dashboard',
  epoch bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, subject)
);

CREATE FUNCTION rollup_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org uuid;
  flag text;
BEGIN
  IF TG_OP = 'DELETE' THEN org := OLD.org_id; ELSE org := NEW.org_id; END IF;
  flag := 'orrery.rollup_touched_' || replace(org::text, '-', '');
  IF coalesce(current_setting(flag, true), '') = '1' THEN RETURN NULL; END IF;
  PERFORM set_config(flag, '1', true);
  INSERT INTO rollup_epochs (org_id, subject, epoch) VALUES (org, 'dashboard', 1)
  ON CONFLICT (org_id, subject) DO UPDATE SET epoch = rollup_epochs.epoch + 1;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER projects_rollup_touch AFTER INSERT OR UPDATE OR DELETE ON projects
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_touch();
CREATE CONSTRAINT TRIGGER project_financials_rollup_touch AFTER INSERT OR UPDATE OR DELETE ON project_financials
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_touch();
CREATE CONSTRAINT TRIGGER project_period_figures_rollup_touch AFTER INSERT OR UPDATE OR DELETE ON project_period_figures
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_touch();
CREATE CONSTRAINT TRIGGER project_schedules_rollup_touch AFTER INSERT OR UPDATE OR DELETE ON project_schedules
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_touch();
CREATE CONSTRAINT TRIGGER business_units_rollup_touch AFTER INSERT OR UPDATE OR DELETE ON business_units
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_touch();
CREATE CONSTRAINT TRIGGER portfolios_rollup_touch AFTER INSERT OR UPDATE OR DELETE ON portfolios
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_touch();
CREATE CONSTRAINT TRIGGER programs_rollup_touch AFTER INSERT OR UPDATE OR DELETE ON programs
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_touch();
CREATE CONSTRAINT TRIGGER users_rollup_touch AFTER INSERT OR UPDATE OR DELETE ON users
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rollup_touch();

-- Bulk writes switch ordinary triggers off (session_replication_role = replica, plans.ts); these must
-- still fire, or a kept dashboard would outlive the data it was computed from.
ALTER TABLE projects ENABLE ALWAYS TRIGGER projects_rollup_touch;
ALTER TABLE project_financials ENABLE ALWAYS TRIGGER project_financials_rollup_touch;
ALTER TABLE project_period_figures ENABLE ALWAYS TRIGGER project_period_figures_rollup_touch;
ALTER TABLE project_schedules ENABLE ALWAYS TRIGGER project_schedules_rollup_touch;
ALTER TABLE business_units ENABLE ALWAYS TRIGGER business_units_rollup_touch;
ALTER TABLE portfolios ENABLE ALWAYS TRIGGER portfolios_rollup_touch;
ALTER TABLE programs ENABLE ALWAYS TRIGGER programs_rollup_touch;
ALTER TABLE users ENABLE ALWAYS TRIGGER users_rollup_touch;
