import { Grid, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { useMe } from '../api/queries.ts';
import { METHODOLOGIES, type Project, STAGES } from '../api/types.ts';
import { can } from '../auth/permissions.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { humanize } from '../lib/format.ts';
import { FormModal } from './form-modal.tsx';
import { nullIfEmpty, requireFields } from './use-entity-form.ts';
import { type EntityModalProps, useEntityModal } from './use-entity-modal.ts';

interface ProjectValues extends Record<string, unknown> {
  code: string;
  name: string;
  description: string;
  managerId: string | null;
  sponsorId: string | null;
  businessUnitId: string | null;
  portfolioId: string | null;
  programId: string | null;
  stage: string | null;
  methodology: string | null;
  targetStart: string;
  targetFinish: string;
  budget: number | null;
  priority: number | null;
  health: string | null;
}

function toValues(p?: Partial<Project>): ProjectValues {
  return {
    code: p?.code ?? '',
    name: p?.name ?? '',
    description: p?.description ?? '',
    managerId: p?.managerId ?? null,
    sponsorId: p?.sponsorId ?? null,
    businessUnitId: p?.businessUnitId ?? null,
    portfolioId: p?.portfolioId ?? null,
    programId: p?.programId ?? null,
    stage: p?.stage ?? 'proposal',
    methodology: p?.methodology ?? 'predictive',
    targetStart: p?.targetStart ?? '',
    targetFinish: p?.targetFinish ?? '',
    budget: p?.budget ?? 0,
    priority: p?.priority ?? 50,
    health: p?.health ?? null,
  };
}

const NULLABLE = new Set(['managerId', 'sponsorId', 'programId', 'targetStart', 'targetFinish', 'health']);

function toBody(values: Partial<ProjectValues>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = NULLABLE.has(k) ? nullIfEmpty(v) : v;
  return out;
}

function check(v: ProjectValues): Record<string, string> {
  const errors = requireFields(v, {
    code: 'Code',
    name: 'Name',
    businessUnitId: 'Business unit',
    portfolioId: 'Portfolio',
  });
  if (v.targetStart && v.targetFinish && v.targetFinish < v.targetStart) {
    errors.targetFinish = 'Target finish must not be before target start';
  }
  return errors;
}

/**
 * Create a project (no `project`) or edit one (sends only changed fields with If-Match).
 * `defaults` pre-fills a new project, e.g. the portfolio whose page the user is on.
 */
export function ProjectForm({
  project,
  opened,
  ...modal
}: EntityModalProps<Project> & { project?: Project }) {
  const me = useMe().data;
  const currency = me?.org.currency ?? 'USD';
  const stageEditable = can(me, 'project.stage', {
    businessUnitIds: [project?.businessUnitId],
    portfolioId: project?.portfolioId,
    programId: project?.programId,
    projectId: project?.id,
  });
  const { form, modalProps } = useEntityModal('projects', {
    entity: project,
    ...modal,
    also: ['portfolios', 'programs', 'business-units'],
    toValues,
    toBody,
    check,
  });
  const v = form.values;

  return (
    <FormModal
      opened={opened}
      onClose={modal.onClose}
      title={project ? `Edit ${project.code} · ${project.name}` : 'New project'}
      {...modalProps}
      submitLabel={project ? 'Save changes' : 'Create project'}
      size="xl"
    >
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput label="Code" required placeholder="PRJ-042" {...form.text('code')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 9 }}>
          <TextInput label="Name" required {...form.text('name')} data-autofocus />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.text('description')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="business-units"
            label="Business unit"
            required
            currentLabel={project?.businessUnitName}
            {...form.select('businessUnitId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="portfolios"
            label="Portfolio"
            required
            currentLabel={project?.portfolioName}
            {...form.select('portfolioId')}
            onChange={(id) => {
              form.set('portfolioId', id);
              // A program belongs to one portfolio: moving the project clears a program that no longer fits.
              if (id !== v.portfolioId) form.set('programId', null);
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="programs"
            label="Program"
            placeholder={v.portfolioId ? 'None (standalone project)' : 'Choose a portfolio first'}
            disabled={!v.portfolioId}
            params={v.portfolioId ? { portfolioId: v.portfolioId } : undefined}
            currentLabel={project?.programId === v.programId ? project?.programName : undefined}
            {...form.select('programId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }} />
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="users"
            label="Project manager"
            placeholder="Not assigned"
            currentLabel={project?.managerName}
            {...form.select('managerId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="users"
            label="Sponsor"
            placeholder="Not assigned"
            currentLabel={project?.sponsorName}
            {...form.select('sponsorId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Select
            label="Stage"
            allowDeselect={false}
            disabled={!!project && (!stageEditable || project.stage === 'terminated')}
            description={project && !stageEditable ? 'Moves at gate reviews' : undefined}
            data={STAGES.filter((s) => s !== 'terminated' || project?.stage === 'terminated').map((s) => ({
              value: s,
              label: humanize(s),
            }))}
            {...form.select('stage')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Select
            label="Methodology"
            allowDeselect={false}
            data={METHODOLOGIES.map((s) => ({ value: s, label: humanize(s) }))}
            {...form.select('methodology')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Select
            label="Health"
            clearable
            placeholder="Not rated"
            data={[
              { value: 'green', label: 'Green — on track' },
              { value: 'amber', label: 'Amber — at risk' },
              { value: 'red', label: 'Red — off track' },
            ]}
            {...form.select('health')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <NumberInput
            label="Priority"
            description="1 (low) – 100 (high)"
            min={1}
            max={100}
            allowDecimal={false}
            {...form.number('priority')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label="Target start" type="date" {...form.text('targetStart')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label="Target finish" type="date" {...form.text('targetFinish')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <NumberInput
            label={`Budget (${currency})`}
            min={0}
            thousandSeparator=","
            allowNegative={false}
            decimalScale={2}
            {...form.number('budget')}
          />
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
