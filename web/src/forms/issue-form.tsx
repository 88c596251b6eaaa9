import { Grid, Select, Textarea, TextInput } from '@mantine/core';
import { ISSUE_PRIORITIES } from '../api/risk-types.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { humanize } from '../lib/format.ts';
import { FormModal } from './form-modal.tsx';
import { nullIfEmpty, requireFields, useEntityForm, useSaveEntity } from './use-entity-form.ts';

interface IssueValues extends Record<string, unknown> {
  scopeType: string;
  scopeId: string | null;
  title: string;
  description: string;
  priority: string;
  ownerId: string | null;
  dueDate: string;
  riskId: string | null;
}

/** Logs a new issue on a project (optionally the risk that occurred). */
export function IssueForm({
  opened,
  onClose,
  projectId,
}: {
  opened: boolean;
  onClose: () => void;
  projectId?: string;
}) {
  const form = useEntityForm<IssueValues>({
    scopeType: 'project',
    scopeId: projectId ?? null,
    title: '',
    description: '',
    priority: 'medium',
    ownerId: null,
    dueDate: '',
    riskId: null,
  });
  const save = useSaveEntity('issues', form, { also: ['risks'], onSaved: onClose });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Log an issue"
      onSubmit={save.submit(
        (all) => ({ ...all, dueDate: nullIfEmpty(all.dueDate) }),
        (v) => requireFields(v, { title: 'Title', scopeId: 'Project' }),
      )}
      saving={save.mutation.isPending}
      error={save.mutation.error}
      shownFields={['scopeId', 'title', 'description', 'priority', 'ownerId', 'dueDate', 'riskId']}
      submitLabel="Log issue"
    >
      <Grid gap="sm">
        <Grid.Col span={12}>
          <TextInput label="Title" required data-autofocus {...form.text('title')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect collection="projects" label="Project" required {...form.select('scopeId')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="risks"
            label="Risk that occurred"
            placeholder="None"
            params={{ sort: 'score', order: 'desc' }}
            clearable
            {...form.select('riskId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label="Priority"
            data={ISSUE_PRIORITIES.map((p) => ({ value: p, label: humanize(p) }))}
            allowDeselect={false}
            {...form.select('priority')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <EntitySelect
            collection="users"
            label="Owner"
            placeholder="Not assigned"
            {...form.select('ownerId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label="Due" type="date" {...form.text('dueDate')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label="Description" autosize minRows={2} {...form.text('description')} />
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
