-- Calendars become managed: the organization may mark one of its own calendars as the default that
-- resources without a calendar work on, and the usage counts (and the refusal to delete a calendar in
-- use) look calendars up from resources, tasks, plans and derived calendars without scanning them.
ALTER TABLE calendars ADD COLUMN is_default boolean NOT NULL DEFAULT false;
ALTER TABLE calendars ADD CHECK (NOT is_default OR project_id IS NULL);
CREATE UNIQUE INDEX calendars_default ON calendars (org_id) WHERE is_default;
CREATE INDEX calendars_base ON calendars (org_id, base_calendar_id) WHERE base_calendar_id IS NOT NULL;
CREATE INDEX tasks_calendar ON tasks (org_id, calendar_id) WHERE calendar_id IS NOT NULL;
CREATE INDEX resources_calendar ON resources (org_id, calendar_id) WHERE calendar_id IS NOT NULL;
CREATE INDEX project_schedules_calendar ON project_schedules (org_id, calendar_id);

-- A resource's own calendar (made for its time off) names its resource: its resource managers keep it,
-- and it is never mistaken for an organization calendar that happens to have one user.
ALTER TABLE calendars ADD COLUMN resource_id uuid;
ALTER TABLE calendars ADD CONSTRAINT calendars_resource_fkey
  FOREIGN KEY (org_id, resource_id) REFERENCES resources (org_id, id) ON DELETE SET NULL (resource_id);
ALTER TABLE calendars ADD CHECK (resource_id IS NULL OR (project_id IS NULL AND NOT is_default));
CREATE UNIQUE INDEX calendars_resource ON calendars (org_id, resource_id) WHERE resource_id IS NOT NULL;
