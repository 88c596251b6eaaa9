import { Grid, NumberInput, Textarea, TextInput } from '@mantine/core';
import type { Objective } from '../api/types.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { FormModal } from './form-modal.tsx';
import { nullIfEmpty, requireFields } from './use-entity-form.ts';
import { type EntityModalProps, useEntityModal } from './use-entity-modal.ts';

interface ObjectiveValues extends Record<string, unknown> {
  name: string;
  description: string;
  weight: number | null;
  ownerId: string | null;
  measure: string;
}

const toValues = (o?: Partial<Objective>): ObjectiveValues => ({
  name: o?.name ?? '',
  description: o?.description ?? '',
  weight: o?.weight ?? 10,
  ownerId: o?.ownerId ?? null,
  measure: o?.measure ?? '',
});

const toBody = (v: Partial<ObjectiveValues>) => {
  const out: Record<string, unknown> = { ...v };
  if ('ownerId' in out) out.ownerId = nullIfEmpty(out.ownerId);
  return out;
};

export function ObjectiveForm({
  objective,
  opened,
  ...modal
}: Omit<EntityModalProps<Objective>, 'defaults'> & { objective?: Objective }) {
  const { form, modalProps } = useEntityModal('objectives', {
    entity: objective,
    ...modal,
    toValues,
    toBody,
    check: (v) => {
      const errors = requireFields(v, { name: 'Name', weight: 'Weight' });
      if (v.weight !== null && (v.weight < 0 || v.weight > 100))
        errors.weight = 'Weight must be between 0 and 100';
      return errors;
    },
  });
  return (
    <FormModal
      opened={opened}
      onClose={modal.onClose}
      title={objective ? `Edit ${objective.name}` : 'New strategic objective'}
      {...modalProps}
      submitLabel={objective ? 'Save changes' : 'Create objective'}
    >
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 9 }}>
          <TextInput label="Name" required data-autofocus {...form.text('name')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <NumberInput
            label="Weight"
            description="0–100"
            min={0}
            max={100}
            required
            {...form.number('weight')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label="Description" autosize minRows={2} maxRows={5} {...form.text('description')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="Measure" placeholder="e.g. Net promoter score ≥ 40" {...form.text('measure')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="users"
            label="Owner"
            placeholder="Not assigned"
            currentLabel={objective?.ownerName}
            {...form.select('ownerId')}
          />
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
