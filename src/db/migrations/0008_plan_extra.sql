-- Baselines carry work and cost (the sum of the task's assignments when saved, or what an imported
-- file stored); null for baselines saved before this, which knew neither.
ALTER TABLE baseline_tasks ADD COLUMN work_minutes integer CHECK (work_minutes >= 0);
ALTER TABLE baseline_tasks ADD COLUMN cost numeric(16, 2);
