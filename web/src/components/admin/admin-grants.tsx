import { ActionIcon, Button, EmptyState, Group, Text, Tooltip } from '@mantine/core';
import { IconShieldCheck, IconShieldPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useList, useMe, useRemove } from '../../api/queries.ts';
import type { RoleGrant } from '../../api/types.ts';
import { GrantForm } from '../../forms/grant-form.tsx';
import { humanize } from '../../lib/format.ts';
import { RoleBadge } from '../badges.tsx';
import { type Column, DataTable } from '../data-table.tsx';
import { EntitySelect } from '../entity-select.tsx';
import { ProblemAlert } from '../problem-alert.tsx';

export function AdminGrants() {
  const me = useMe().data;
  const [userId, setUserId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useList('role-grants', { userId: userId ?? undefined, page, pageSize: 25 });
  const revoke = useRemove('role-grants', ['users']);

  const columns: Column<RoleGrant>[] = [
    {
      key: 'userName',
      header: 'User',
      render: (g) => (
        <Text size="sm" fw={500}>
          {g.userName ?? g.userId}
        </Text>
      ),
    },
    { key: 'role', header: 'Role', width: 170, render: (g) => <RoleBadge role={g.role} /> },
    { key: 'scopeType', header: 'Scope', width: 130, render: (g) => humanize(g.scopeType) },
    {
      key: 'scopeName',
      header: 'Applies to',
      render: (g) =>
        g.scopeType === 'organization' ? (me?.org.name ?? 'Whole organization') : (g.scopeName ?? g.scopeId),
    },
    {
      key: 'actions',
      header: '',
      width: 50,
      render: (g) => (
        <Tooltip label="Revoke this role">
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Revoke ${humanize(g.role)} from ${g.userName ?? 'user'}`}
            loading={revoke.isPending && revoke.variables?.id === g.id}
            onClick={() => revoke.mutate({ id: g.id, version: g.version })}
          >
            <IconTrash size={15} />
          </ActionIcon>
        </Tooltip>
      ),
    },
  ];

  return (
    <>
      <Group justify="space-between" mb="sm">
        <EntitySelect
          collection="users"
          size="xs"
          w={240}
          placeholder="Filter by user"
          aria-label="Filter by user"
          value={userId}
          onChange={(v) => {
            setUserId(v);
            setPage(1);
          }}
        />
        <Button
          leftSection={<IconShieldPlus size={16} />}
          onClick={() => setCreating(true)}
          data-testid="new-grant"
        >
          Grant role
        </Button>
      </Group>
      {revoke.error ? (
        <div style={{ marginBottom: 8 }}>
          <ProblemAlert error={revoke.error} />
        </div>
      ) : null}
      <DataTable
        testId="grants-table"
        columns={columns}
        rows={list.data?.items}
        rowKey={(g) => g.id}
        total={list.data?.total}
        page={page}
        pageSize={25}
        onPage={setPage}
        loading={list.isFetching && !list.isLoading}
        error={list.error}
        empty={
          <EmptyState
            icon={<IconShieldCheck />}
            title="No role grants"
            description="Grant a role at the organization, a business unit, a portfolio, a program or a project."
          />
        }
      />
      {creating && <GrantForm opened onClose={() => setCreating(false)} userId={userId} />}
    </>
  );
}
