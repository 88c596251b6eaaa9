import { Grid, NumberInput, Select, Switch, TextInput } from '@mantine/core';
import type { Resource, ResourceKind } from '../api/resource-types.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { FormModal } from './form-modal.tsx';
import { nullIfEmpty, requireFields } from './use-entity-form.ts';
import { type EntityModalProps, useEntityModal } from './use-entity-modal.ts';

interface ResourceValues extends Record<string, unknown> {
  code: string;
  name: string;
  kind: ResourceKind;
  roleId: string | null;
  businessUnitId: string | null;
  userId: string | null;
  maxUnits: number | null;
  materialUnit: string | null;
  email: string | null;
  active: boolean;
}

const toValues = (r?: Partial<Resource>): ResourceValues => ({
  code: r?.code ?? '',
  name: r?.name ?? '',
  kind: r?.kind ?? 'person',
  roleId: r?.roleId ?? null,
  businessUnitId: r?.businessUnitId ?? null,
  userId: r?.userId ?? null,
  maxUnits: r?.maxUnits ?? 1,
  materialUnit: r?.materialUnit ?? null,
  email: r?.email ?? null,
  active: r?.active ?? true,
});

const toBody = (v: Partial<ResourceValues>) => {
  const out: Record<string, unknown> = { ...v };
  for (const key of ['roleId', 'businessUnitId', 'userId', 'materialUnit', 'email'])
    if (key in out) out[key] = nullIfEmpty(out[key]);
  return out;
};

export function ResourceForm({
  resource,
  opened,
  ...modal
}: Omit<EntityModalProps<Resource>, 'defaults'> & { resource?: Resource }) {
  const { form, modalProps } = useEntityModal('resources', {
    entity: resource,
    ...modal,
    toValues,
    toBody,
    check: (v) => {
      const errors = requireFields(v, { code: 'Code', name: 'Name', maxUnits: 'Max units' });
      if (v.kind === 'generic' && !v.roleId) errors.roleId = 'A generic resource stands for a role';
      if (v.maxUnits !== null && (v.maxUnits <= 0 || v.maxUnits > 1000))
        errors.maxUnits = 'Max units must be above 0 and at most 1000';
      return errors;
    },
  });
  const kind = form.values.kind;
  return (
    <FormModal
      opened={opened}
      onClose={modal.onClose}
      title={resource ? `Edit ${resource.name}` : 'New resource'}
      {...modalProps}
      submitLabel={resource ? 'Save changes' : 'Create resource'}
    >
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <TextInput label="Code" required data-autofocus {...form.text('code')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label="Name" required {...form.text('name')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <Select
            label="Kind"
            data={[
              { value: 'person', label: 'Person' },
              { value: 'generic', label: 'Generic role' },
              { value: 'equipment', label: 'Equipment' },
              { value: 'material', label: 'Material' },
            ]}
            allowDeselect={false}
            {...form.select('kind')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="resource-roles"
            label="Role"
            placeholder="None"
            clearable
            currentLabel={resource?.roleName}
            {...form.select('roleId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <EntitySelect
            collection="business-units"
            label="Business unit"
            placeholder="None"
            clearable
            currentLabel={resource?.businessUnitName}
            {...form.select('businessUnitId')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <NumberInput
            label="Max units"
            description="1 = one full-time unit"
            min={0.01}
            max={1000}
            step={0.1}
            decimalScale={2}
            required
            {...form.number('maxUnits')}
          />
        </Grid.Col>
        {kind === 'person' && (
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <EntitySelect
              collection="users"
              label="User"
              placeholder="Not linked"
              clearable
              currentLabel={resource?.userName}
              {...form.select('userId')}
            />
          </Grid.Col>
        )}
        {kind === 'material' ? (
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="Unit of measure" placeholder="t, m3…" {...form.text('materialUnit')} />
          </Grid.Col>
        ) : (
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="Email" {...form.text('email')} />
          </Grid.Col>
        )}
        <Grid.Col span={12}>
          <Switch
            label="Active (counted in capacity and offered for staffing)"
            checked={form.values.active}
            onChange={(e) => form.set('active', e.currentTarget.checked)}
          />
        </Grid.Col>
      </Grid>
    </FormModal>
  );
}
