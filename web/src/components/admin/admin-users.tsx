import { Badge, Button, EmptyState, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUserOff, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useInvalidate, useList, useMe } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { UserForm } from '../../forms/user-form.tsx';
import { formatDate } from '../../lib/format.ts';
import { type Column, DataTable } from '../data-table.tsx';
import { SearchInput } from '../list-controls.tsx';
import { ProblemAlert } from '../problem-alert.tsx';

export function AdminUsers() {
  const me = useMe().data;
  const [q, setQ] = useState<string | undefined>();
  const [debounced] = useDebouncedValue(q, 0);
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ sort: string; order: 'asc' | 'desc' }>({ sort: 'name', order: 'asc' });
  const [creating, setCreating] = useState(false);
  const list = useList('users', { q: debounced, page, pageSize: 25, ...sort });
  const invalidate = useInvalidate();
  const toggle = useMutation({
    mutationFn: (u: User) => api.update('users', u.id, u.version, { isActive: !u.isActive }),
    onSuccess: () => invalidate('users'),
  });

  const columns: Column<User>[] = [
    {
      key: 'name',
      header: 'Name',
      sortable: true,
      render: (u) => (
        <Text size="sm" fw={500}>
          {u.name}
        </Text>
      ),
    },
    { key: 'email', header: 'Email', sortable: true, render: (u) => u.email },
    {
      key: 'isActive',
      header: 'Status',
      width: 110,
      render: (u) => (
        <Badge size="sm" radius="sm" variant="light" color={u.isActive ? 'green' : 'gray'}>
          {u.isActive ? 'Active' : 'Deactivated'}
        </Badge>
      ),
    },
    { key: 'createdAt', header: 'Added', width: 120, render: (u) => formatDate(u.createdAt) },
    {
      key: 'actions',
      header: '',
      width: 130,
      align: 'right',
      render: (u) =>
        u.id === me?.user.id ? (
          <Text size="xs" c="dimmed">
            You
          </Text>
        ) : (
          <Button
            size="compact-xs"
            variant={u.isActive ? 'subtle' : 'light'}
            color={u.isActive ? 'red' : 'green'}
            leftSection={u.isActive ? <IconUserOff size={12} /> : undefined}
            loading={toggle.isPending && toggle.variables?.id === u.id}
            onClick={() => toggle.mutate(u)}
          >
            {u.isActive ? 'Deactivate' : 'Reactivate'}
          </Button>
        ),
    },
  ];

  return (
    <>
      <Group justify="space-between" mb="sm">
        <SearchInput
          value={q}
          onChange={(v) => {
            setQ(v);
            setPage(1);
          }}
          placeholder="Search name or email…"
        />
        <Button
          leftSection={<IconUserPlus size={16} />}
          onClick={() => setCreating(true)}
          data-testid="new-user"
        >
          New user
        </Button>
      </Group>
      {toggle.error ? (
        <div style={{ marginBottom: 8 }}>
          <ProblemAlert error={toggle.error} />
        </div>
      ) : null}
      <DataTable
        testId="users-table"
        columns={columns}
        rows={list.data?.items}
        rowKey={(u) => u.id}
        total={list.data?.total}
        page={page}
        pageSize={25}
        onPage={setPage}
        sort={sort.sort}
        order={sort.order}
        onSort={(s, o) => setSort({ sort: s, order: o })}
        loading={list.isFetching && !list.isLoading}
        error={list.error}
        empty={
          <EmptyState icon={<IconUsers />} title="No user matches" description="Try another name or email." />
        }
      />
      {creating && <UserForm opened onClose={() => setCreating(false)} />}
    </>
  );
}
