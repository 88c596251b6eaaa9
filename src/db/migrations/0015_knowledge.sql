-- The knowledge hub and configuration management: process assets (methodology, standards, policies …)
-- with immutable published versions and full-text search; project templates with versions; and per
-- project configuration items, their versions, baselines and the change requests that approve them.

-- array_to_string is only STABLE in the catalog (element output functions could vary); for text[] it
-- cannot, and a generated column needs an IMMUTABLE expression.
CREATE FUNCTION knowledge_tags_text(tags text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_to_string(tags, ' '), '') $$;

CREATE TABLE process_assets (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  kind text NOT NULL
    CHECK (kind IN ('methodology', 'standard', 'guideline', 'policy', 'procedure', 'template', 'checklist')),
  title text NOT NULL,
  summary text NOT NULL DEFAULT '',
  owner_id uuid,
  tags text[] NOT NULL DEFAULT '{}',
  -- Applicability: which projects the asset is meant for; null means all of them.
  methodology text CHECK (methodology IN ('predictive', 'agile', 'hybrid')),
  business_unit_id uuid,
  project_type text,
  -- The body members read: that of the published version, kept by the service on publish and retire,
  -- so the search vector can be a generated column of this one row.
  published_version_id uuid,
  published_body text NOT NULL DEFAULT '',
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A')
      || setweight(to_tsvector('english', knowledge_tags_text(tags)), 'B')
      || setweight(to_tsvector('english', summary || ' ' || published_body), 'C')
  ) STORED,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, title),
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, business_unit_id) REFERENCES business_units (org_id, id)
);
CREATE INDEX process_assets_search ON process_assets USING gin (search);
CREATE INDEX process_assets_tags ON process_assets USING gin (tags);

CREATE TABLE asset_versions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  asset_id uuid NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  body text NOT NULL DEFAULT '',
  change_note text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'published', 'retired')),
  author_id uuid,
  submitted_at timestamptz,
  published_at timestamptz,
  published_by uuid,
  retired_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, asset_id, number),
  FOREIGN KEY (org_id, asset_id) REFERENCES process_assets (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, author_id) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, published_by) REFERENCES users (org_id, id)
);
-- One version in the works at a time, so "the draft" of an asset is never ambiguous.
CREATE UNIQUE INDEX asset_versions_one_open ON asset_versions (org_id, asset_id)
  WHERE status IN ('draft', 'in_review');

-- What was published stays as it was read: the service refuses such edits, and this refuses them
-- from any other SQL too. The one change left is published → retired.
CREATE FUNCTION keep_published_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('published', 'retired') THEN
      RAISE EXCEPTION 'version % of % is %, and published versions are immutable', OLD.number, TG_TABLE_NAME, OLD.status
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('published', 'retired') AND NOT (
    OLD.status = 'published' AND NEW.status = 'retired'
    AND (to_jsonb(NEW) - ARRAY['status', 'retired_at', 'version', 'updated_at'])
      = (to_jsonb(OLD) - ARRAY['status', 'retired_at', 'version', 'updated_at'])
  ) THEN
    RAISE EXCEPTION 'version % of % is %, and published versions are immutable', OLD.number, TG_TABLE_NAME, OLD.status
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER asset_versions_immutable BEFORE UPDATE OR DELETE ON asset_versions
  FOR EACH ROW EXECUTE FUNCTION keep_published_version();

CREATE TABLE asset_attachments (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  asset_id uuid NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  -- 5 MB: forms and checklists, not a document store.
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 0 AND 5242880),
  content bytea NOT NULL,
  uploaded_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, asset_id) REFERENCES process_assets (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, uploaded_by) REFERENCES users (org_id, id)
);
CREATE INDEX asset_attachments_asset ON asset_attachments (org_id, asset_id);

CREATE TABLE project_templates (
  org_id uuid NOT NULL REFERENCES organizations (id),
  id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  methodology text NOT NULL DEFAULT 'predictive' CHECK (methodology IN ('predictive', 'agile', 'hybrid')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name)
);

-- The template's content (WBS, links, standard risks, required documents, gate checklists) is one
-- JSON document validated by src/model/knowledge-templates.ts: it is read and instantiated whole.
CREATE TABLE template_versions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  template_id uuid NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
  content jsonb NOT NULL,
  change_note text NOT NULL DEFAULT '',
  author_id uuid,
  published_at timestamptz,
  retired_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, template_id, number),
  FOREIGN KEY (org_id, template_id) REFERENCES project_templates (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, author_id) REFERENCES users (org_id, id)
);
CREATE UNIQUE INDEX template_versions_one_draft ON template_versions (org_id, template_id)
  WHERE status = 'draft';
CREATE TRIGGER template_versions_immutable BEFORE UPDATE OR DELETE ON template_versions
  FOR EACH ROW EXECUTE FUNCTION keep_published_version();

-- Which template version a project was made from.
CREATE TABLE project_template_origins (
  org_id uuid NOT NULL,
  project_id uuid NOT NULL,
  template_version_id uuid NOT NULL,
  instantiated_by uuid,
  instantiated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, project_id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, template_version_id) REFERENCES template_versions (org_id, id),
  FOREIGN KEY (org_id, instantiated_by) REFERENCES users (org_id, id)
);

CREATE TABLE configuration_items (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('deliverable', 'specification', 'document')),
  identifier text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  owner_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, project_id, identifier),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, owner_id) REFERENCES users (org_id, id)
);

-- A version is proposed, then approved (it becomes the item's current one from approved_at on, and
-- the one before is superseded). approved_at is what "the configuration on date X" is read from.
CREATE TABLE ci_versions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  ci_id uuid NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  content text NOT NULL DEFAULT '',
  reference text NOT NULL DEFAULT '',
  note text NOT NULL DEFAULT '',
  -- The version as a file (a signed PDF, a drawing), 5 MB at most; the content and reference may describe it.
  file_name text,
  file_type text,
  file_size integer CHECK (file_size BETWEEN 0 AND 5242880),
  file_content bytea,
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'current', 'superseded')),
  change_request_id uuid,
  created_by uuid,
  approved_by uuid,
  approved_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, ci_id, number),
  CHECK ((status = 'proposed') = (approved_at IS NULL)),
  CHECK ((file_name IS NULL) = (file_content IS NULL)),
  FOREIGN KEY (org_id, ci_id) REFERENCES configuration_items (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, change_request_id) REFERENCES change_requests (org_id, id),
  FOREIGN KEY (org_id, created_by) REFERENCES users (org_id, id),
  FOREIGN KEY (org_id, approved_by) REFERENCES users (org_id, id)
);
CREATE UNIQUE INDEX ci_versions_one_current ON ci_versions (org_id, ci_id) WHERE status = 'current';
CREATE INDEX ci_versions_approved ON ci_versions (org_id, ci_id, approved_at);

-- An approved version is history: only its status may move on (current → superseded).
CREATE FUNCTION keep_approved_ci_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.approved_at IS NOT NULL AND (
    (to_jsonb(NEW) - ARRAY['status', 'version', 'updated_at'])
      <> (to_jsonb(OLD) - ARRAY['status', 'version', 'updated_at'])
    OR NEW.status = 'proposed'
  ) THEN
    RAISE EXCEPTION 'version % of a configuration item is approved, and approved versions are immutable', OLD.number
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ci_versions_immutable BEFORE UPDATE ON ci_versions
  FOR EACH ROW EXECUTE FUNCTION keep_approved_ci_version();

CREATE TABLE config_baselines (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  baselined_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, project_id, name),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, created_by) REFERENCES users (org_id, id)
);

CREATE TABLE config_baseline_items (
  org_id uuid NOT NULL,
  baseline_id uuid NOT NULL,
  ci_id uuid NOT NULL,
  ci_version_id uuid NOT NULL,
  PRIMARY KEY (org_id, baseline_id, ci_id),
  FOREIGN KEY (org_id, baseline_id) REFERENCES config_baselines (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, ci_id) REFERENCES configuration_items (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, ci_version_id) REFERENCES ci_versions (org_id, id)
);
CREATE INDEX config_baseline_items_ci ON config_baseline_items (org_id, ci_id);
