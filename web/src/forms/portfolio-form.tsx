import { Grid, Textarea, TextInput } from '@mantine/core';
import type { Portfolio } from '../api/types.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { FormModal } from './form-modal.tsx';
import { nullIfEmpty, requireFields } from './use-entity-form.ts';
import { type EntityModalProps, useEntityModal } from './use-entity-modal.ts';

interface PortfolioValues extends Record<string, unknown> {
  name: string;
  description: string;
  businessUnitId: string | null;
  managerId: string | null;
}

const toValues = (p?: Partial<Portfolio>): PortfolioValues => ({
  name: p?.name ?? '',
  description: p?.description ?? '',
  businessUnitId: p?.businessUnitId ?? null,
  managerId: p?.managerId ?? null,
});

const toBody = (v: Partial<PortfolioValues>) => {
  const out: Record<string, unknown> = { ...v };
  for (const k of ['businessUnitId', 'managerId']) if (k in out) out[k] = nullIfEmpty(out[k]);
  return out;
};

export function PortfolioForm({
  portfolio,
  opened,
  ...modal
}: EntityModalProps<Portfolio> & { portfolio?: Portfolio }) {
  const { form, modalProps } = useEntityModal('portfolios', {
    entity: portfolio,
    ...modal,
    also: ['business-units', 'projects', 'programs'],
    toValues,
    toBody,
    check: (v) => requireFields(v, { name: 'Name' }),
  });
  return (
    <FormModal
      opened={opened}
      onClose={modal.onClose}
      title={portfolio ? `Edit ${portfolio.name}` : 'New portfolio'}
      {...modalProps}
      submitLabel={portfolio ? 'Save changes' : 'Create portfolio'}
    >
      <Grid gap="sm">
        <Grid.Col span={12}>
          <TextInput label="Name" required data-autofocus {...form.text('name')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.text('description')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="business-units"
            label="Business unit"
            placeholder="Organization-wide"
            currentLabel={portfolio?.businessUnitName}
            {...form.select('businessUnitId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="users"
            label="Portfolio manager"
            placeholder="Not assigned"
            currentLabel={portfolio?.managerName}
            {...form.select('managerId')}
          />
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
