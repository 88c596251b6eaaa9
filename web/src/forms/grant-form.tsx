import { Select, Stack, Text } from '@mantine/core';
import { ROLES, SCOPE_TYPES, type ScopeType } from '../api/types.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { humanize } from '../lib/format.ts';
import { FormModal } from './form-modal.tsx';
import { requireFields, useEntityForm, useSaveEntity } from './use-entity-form.ts';

interface GrantValues extends Record<string, unknown> {
  userId: string | null;
  role: string | null;
  scopeType: string | null;
  scopeId: string | null;
}

const SCOPE_COLLECTION = {
  business_unit: 'business-units',
  portfolio: 'portfolios',
  program: 'programs',
  project: 'projects',
} as const;

const ROLE_HELP: Record<string, string> = {
  pmo_admin: 'Runs the PMO: manages units, users, roles and every project in scope.',
  portfolio_manager: 'Steers portfolios: creates and edits programs and projects in them.',
  program_manager: 'Runs programs: edits the program and its projects.',
  project_manager: 'Runs projects: edits the project, its members and objectives.',
  team_member: 'Works on projects: reads them.',
  executive_viewer: 'Reads everything in scope, changes nothing.',
  resource_manager: 'Keeps the resource pool of the scope and fills staffing requests.',
};

export function GrantForm({
  opened,
  onClose,
  userId,
}: {
  opened: boolean;
  onClose: () => void;
  userId?: string | null;
}) {
  const form = useEntityForm<GrantValues>({
    userId: userId ?? null,
    role: 'project_manager',
    scopeType: 'project',
    scopeId: null,
  });
  const save = useSaveEntity('role-grants', form, { also: ['users'], onSaved: onClose });
  const scopeType = form.values.scopeType as ScopeType | null;
  const collection = scopeType && scopeType !== 'organization' ? SCOPE_COLLECTION[scopeType] : null;

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Grant a role"
      size="md"
      onSubmit={save.submit(
        (all) => ({ ...all, scopeId: all.scopeType === 'organization' ? null : all.scopeId }),
        (v) => {
          const errors = requireFields(v, { userId: 'User', role: 'Role', scopeType: 'Scope type' });
          if (v.scopeType !== 'organization' && !v.scopeId)
            errors.scopeId = 'Choose what the role applies to';
          return errors;
        },
      )}
      saving={save.mutation.isPending}
      error={save.mutation.error}
      shownFields={['userId', 'role', 'scopeType', 'scopeId']}
      submitLabel="Grant role"
    >
      <Stack gap="sm">
        <EntitySelect collection="users" label="User" required {...form.select('userId')} />
        <Select
          label="Role"
          required
          allowDeselect={false}
          data={ROLES.map((r) => ({ value: r, label: humanize(r) }))}
          {...form.select('role')}
        />
        {form.values.role && (
          <Text size="xs" c="dimmed" mt={-6}>
            {ROLE_HELP[form.values.role as string]}
          </Text>
        )}
        <Select
          label="Scope"
          required
          allowDeselect={false}
          data={SCOPE_TYPES.map((s) => ({ value: s, label: humanize(s) }))}
          {...form.select('scopeType')}
          onChange={(v) => {
            form.set('scopeType', v);
            form.set('scopeId', null);
          }}
        />
        {collection && (
          <EntitySelect
            key={collection}
            collection={collection}
            label={humanize(scopeType)}
            required
            {...form.select('scopeId')}
          />
        )}
      </Stack>
    </FormModal>
  );
}
