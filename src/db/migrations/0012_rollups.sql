-- Roll-ups and dashboards read the stored per-project figures (0009); the only extra they need is a
-- way to find a scope's next milestones without reading every task: milestones by date.
CREATE INDEX tasks_milestones ON tasks (org_id, early_start) WHERE milestone;
