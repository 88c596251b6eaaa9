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
