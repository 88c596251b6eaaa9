import {
  ActionIcon,
  Button,
  Divider,
  Grid,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import type { CriterionKind, ScoringModel } from '../api/intake-types.ts';
import { useList } from '../api/queries.ts';
import { FormModal } from './form-modal.tsx';
import { requireFields, useEntityForm, useSaveEntity } from './use-entity-form.ts';

export const KIND_LABELS: Record<CriterionKind, string> = {
  objective_alignment: 'Alignment with an objective',
  value: 'Value',
  risk: 'Risk (inverted)',
  urgency: 'Urgency',
  custom: 'Custom',
};

interface CriterionRow {
  id?: string;
  name: string;
  kind: CriterionKind;
  objectiveId: string | null;
  weight: number;
}

interface ModelValues extends Record<string, unknown> {
  name: string;
  description: string;
  active: boolean;
  scaleMin: number | null;
  scaleMax: number | null;
  criteria: CriterionRow[];
  evaluatorIds: string[];
}

function toValues(m?: ScoringModel): ModelValues {
  return {
    name: m?.name ?? '',
    description: m?.description ?? '',
    active: m?.active ?? false,
    scaleMin: m?.scaleMin ?? 1,
    scaleMax: m?.scaleMax ?? 5,
    criteria: m?.criteria.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      objectiveId: c.objectiveId,
      weight: c.weight,
    })) ?? [
      { name: 'Strategic alignment', kind: 'value', objectiveId: null, weight: 3 },
      { name: 'Business value', kind: 'value', objectiveId: null, weight: 3 },
      { name: 'Delivery risk', kind: 'risk', objectiveId: null, weight: 2 },
      { name: 'Urgency', kind: 'urgency', objectiveId: null, weight: 1 },
    ],
    evaluatorIds: m?.evaluators.map((e) => e.userId) ?? [],
  };
}

/** A scoring model: scale, weighted criteria (kept by id so their scores stay), named evaluators. */
export function ScoringModelForm({
  opened,
  onClose,
  model,
  version,
}: {
  opened: boolean;
  onClose: () => void;
  model?: ScoringModel;
  version?: string | null;
}) {
  const form = useEntityForm<ModelValues>(toValues(model));
  const save = useSaveEntity('scoring-models', form, { id: model?.id, version, onSaved: onClose });
  const objectives = useList('objectives', { pageSize: 200, sort: 'name' });
  const users = useList('users', { pageSize: 500, sort: 'name' });
  const v = form.values;
  const setRow = (k: number, patch: Partial<CriterionRow>) =>
    form.set(
      'criteria',
      v.criteria.map((c, n) => (n === k ? { ...c, ...patch } : c)),
    );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={model ? `Edit ${model.name}` : 'New scoring model'}
      onSubmit={save.submit(
        (all, changed) => (model ? changed : all),
        (values) => requireFields(values, { name: 'Name' }),
      )}
      saving={save.mutation.isPending}
      error={save.mutation.error}
      onReload={() => save.reload(toValues)}
      shownFields={Object.keys(toValues())}
      submitLabel={model ? 'Save changes' : 'Create model'}
      size="xl"
    >
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="Name" required {...form.text('name')} data-autofocus />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <NumberInput label="Scale from" {...form.number('scaleMin')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <NumberInput label="to" {...form.number('scaleMax')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 2 }} pt={32}>
          <Switch
            label="Active"
            checked={v.active}
            onChange={(e) => form.set('active', e.currentTarget.checked)}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label="Description" autosize minRows={1} maxRows={4} {...form.text('description')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Divider label="Criteria" labelPosition="left" mb={6} />
          {v.criteria.map((c, k) => (
            <Group key={c.id ?? `new-${k}`} gap="xs" mb={6} wrap="nowrap">
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                aria-label={`Criterion ${k + 1} name`}
                value={c.name}
                onChange={(e) => setRow(k, { name: e.currentTarget.value })}
              />
              <Select
                size="xs"
                w={210}
                aria-label={`Criterion ${k + 1} kind`}
                data={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
                value={c.kind}
                onChange={(kind) => setRow(k, { kind: (kind ?? 'custom') as CriterionKind })}
              />
              <Select
                size="xs"
                w={220}
                placeholder="Objective"
                aria-label={`Criterion ${k + 1} objective`}
                disabled={c.kind !== 'objective_alignment'}
                data={(objectives.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
                value={c.objectiveId}
                onChange={(objectiveId) => setRow(k, { objectiveId })}
              />
              <NumberInput
                size="xs"
                w={80}
                min={0}
                aria-label={`Criterion ${k + 1} weight`}
                value={c.weight}
                onChange={(w) => setRow(k, { weight: Number(w) || 0 })}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label="Remove criterion"
                onClick={() =>
                  form.set(
                    'criteria',
                    v.criteria.filter((_, n) => n !== k),
                  )
                }
              >
                <IconX size={14} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              form.set('criteria', [
                ...v.criteria,
                { name: '', kind: 'custom', objectiveId: null, weight: 1 },
              ])
            }
          >
            Add criterion
          </Button>
        </Grid.Col>
        <Grid.Col span={12}>
          <MultiSelect
            label="Named evaluators (besides the PMO and portfolio managers)"
            searchable
            data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            value={v.evaluatorIds}
            onChange={(ids) => form.set('evaluatorIds', ids)}
          />
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
