-- A gate criterion may belong to one project only: the gate checklist a project template brings is
-- added to the lifecycle's criteria of the same gate for the projects made from it. A lifecycle's own
-- criteria keep project_id null, and editing the lifecycle never touches a project's.
ALTER TABLE gate_criteria ADD COLUMN project_id uuid;
ALTER TABLE gate_criteria ADD CONSTRAINT gate_criteria_project_fkey
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE;
CREATE INDEX gate_criteria_project ON gate_criteria (org_id, project_id) WHERE project_id IS NOT NULL;

-- A lesson's proposed change may point at the process asset or project template it would change,
-- beside the free-text reference (kept for targets outside the hub).
ALTER TABLE lesson_change_proposals ADD COLUMN target_asset_id uuid;
ALTER TABLE lesson_change_proposals ADD COLUMN target_template_id uuid;
ALTER TABLE lesson_change_proposals ADD CONSTRAINT lesson_change_proposals_asset_fkey
  FOREIGN KEY (org_id, target_asset_id) REFERENCES process_assets (org_id, id) ON DELETE SET NULL (target_asset_id);
ALTER TABLE lesson_change_proposals ADD CONSTRAINT lesson_change_proposals_template_fkey
  FOREIGN KEY (org_id, target_template_id) REFERENCES project_templates (org_id, id) ON DELETE SET NULL (target_template_id);
ALTER TABLE lesson_change_proposals ADD CHECK (target_asset_id IS NULL OR target_template_id IS NULL);
