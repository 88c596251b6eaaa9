-- A gate criterion may belong to one project only: the gate checklist a project template brings is
-- added to the lifecycle's criteria of the same gate for the projects made from it. A lifecycle's own
-- criteria keep project_id null, and editing the lifecycle never touches a project's.
ALTER TABLE gate_criteria ADD COLUMN project_id uuid;
ALTER TABLE gate_criteria ADD CONSTRAINT gate_criteria_project_fkey
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE;
CREATE INDEX gate_criteria_project ON gate_criteria (org_id, project_id) WHERE project_id IS NOT NULL;
