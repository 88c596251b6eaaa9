import { Grid, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { BusinessUnit } from '../api/types.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { FormModal } from './form-modal.tsx';
import { nullIfEmpty, requireFields } from './use-entity-form.ts';
import { type EntityModalProps, useEntityModal } from './use-entity-modal.ts';

interface BusinessUnitValues extends Record<string, unknown> {
  name: string;
  code: string;
  parentId: string | null;
  pmoMode: string;
}

const toValues = (b?: Partial<BusinessUnit>): BusinessUnitValues => ({
  name: b?.name ?? '',
  code: b?.code ?? '',
  parentId: b?.parentId ?? null,
  pmoMode: b?.pmoMode ?? 'centralized',
});

const toBody = (v: Partial<BusinessUnitValues>) => {
  const out: Record<string, unknown> = { ...v };
  if ('parentId' in out) out.parentId = nullIfEmpty(out.parentId);
  return out;
};

export function BusinessUnitForm({
  unit,
  opened,
  ...modal
}: EntityModalProps<BusinessUnit> & { unit?: BusinessUnit }) {
  const { form, modalProps } = useEntityModal('business-units', {
    entity: unit,
    ...modal,
    also: ['portfolios', 'projects'],
    toValues,
    toBody,
    check: (v) => {
      const errors = requireFields(v, { name: 'Name', code: 'Code' });
      if (unit && v.parentId === unit.id) errors.parentId = 'A business unit cannot be its own parent';
      return errors;
    },
  });
  return (
    <FormModal
      opened={opened}
      onClose={modal.onClose}
      title={unit ? `Edit ${unit.name}` : 'New business unit'}
      {...modalProps}
      submitLabel={unit ? 'Save changes' : 'Create business unit'}
      size="md"
    >
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput label="Name" required data-autofocus {...form.text('name')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label="Code" required placeholder="FIN" {...form.text('code')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <EntitySelect
            collection="business-units"
            label="Parent unit"
            placeholder="None (top level)"
            currentLabel={unit?.parentName}
            {...form.select('parentId')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              PMO mode
            </Text>
            <SegmentedControl
              size="xs"
              data={[
                { value: 'centralized', label: 'Centralized' },
                { value: 'decentralized', label: 'Decentralized' },
              ]}
              value={form.values.pmoMode}
              onChange={(v) => form.set('pmoMode', v)}
            />
            <Text size="xs" c={form.errors.pmoMode ? 'red' : 'dimmed'}>
              {form.errors.pmoMode ??
                (form.values.pmoMode === 'centralized'
                  ? 'The central PMO governs this unit’s projects directly.'
                  : 'The unit runs its own PMO; the central PMO sets standards and consolidates.')}
            </Text>
          </Stack>
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
