import { Grid, Textarea, TextInput } from '@mantine/core';
import type { Program } from '../api/types.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { FormModal } from './form-modal.tsx';
import { nullIfEmpty, requireFields, useEntityForm, useSaveEntity } from './use-entity-form.ts';

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
  opened,
  onClose,
  program,
  version,
  defaults,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  program?: Program;
  version?: string | null;
  defaults?: Partial<Program>;
  onSaved?: (p: Program | undefined) => void;
}) {
  const form = useEntityForm<ProgramValues>(toValues(program ?? defaults));
  const save = useSaveEntity('programs', form, {
    id: program?.id,
    version,
    also: ['portfolios', 'projects'],
    onSaved: (p) => {
      onSaved?.(p);
      onClose();
    },
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={program ? `Edit ${program.name}` : 'New program'}
      onSubmit={save.submit(
        (all, changed) => toBody(program ? changed : all),
        (v) => requireFields(v, { name: 'Name', portfolioId: 'Portfolio' }),
      )}
      saving={save.mutation.isPending}
      error={save.mutation.error}
      onReload={() => save.reload(toValues)}
      shownFields={Object.keys(toValues())}
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
