import { Grid, Textarea, TextInput } from '@mantine/core';
import type { Program } from '../api/types.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { FormModal } from './form-modal.tsx';
import { nullIfEmpty, requireFields } from './use-entity-form.ts';
import { type EntityModalProps, useEntityModal } from './use-entity-modal.ts';

interface ProgramValues extends Record<string, unknown> {
  name: string;
  goal: string;
  portfolioId: string | null;
  managerId: string | null;
  expectedBenefits: string;
}

const toValues = (p?: Partial<Program>): ProgramValues => ({
  name: p?.name ?? '',
  goal: p?.goal ?? '',
  portfolioId: p?.portfolioId ?? null,
  managerId: p?.managerId ?? null,
  expectedBenefits: p?.expectedBenefits ?? '',
});

const toBody = (v: Partial<ProgramValues>) => {
  const out: Record<string, unknown> = { ...v };
  if ('managerId' in out) out.managerId = nullIfEmpty(out.managerId);
  return out;
};

export function ProgramForm({
  program,
  opened,
  ...modal
}: EntityModalProps<Program> & { program?: Program }) {
  const { form, modalProps } = useEntityModal('programs', {
    entity: program,
    ...modal,
    also: ['portfolios', 'projects'],
    toValues,
    toBody,
    check: (v) => requireFields(v, { name: 'Name', portfolioId: 'Portfolio' }),
  });
  return (
    <FormModal
      opened={opened}
      onClose={modal.onClose}
      title={program ? `Edit ${program.name}` : 'New program'}
      {...modalProps}
      submitLabel={program ? 'Save changes' : 'Create program'}
    >
      <Grid gap="sm">
        <Grid.Col span={12}>
          <TextInput label="Name" required data-autofocus {...form.text('name')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="portfolios"
            label="Portfolio"
            required
            currentLabel={program?.portfolioName}
            {...form.select('portfolioId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="users"
            label="Program manager"
            placeholder="Not assigned"
            currentLabel={program?.managerName}
            {...form.select('managerId')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label="Goal" autosize minRows={2} maxRows={5} {...form.text('goal')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea
            label="Expected benefits"
            description="What the organization gains when the program succeeds, and how it will be measured."
            autosize
            minRows={2}
            maxRows={6}
            {...form.text('expectedBenefits')}
          />
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
