import { Center, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconLock, IconShieldCheck, IconSitemap, IconUsers } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { usePermissions } from '../auth/use-permissions.ts';
import { AdminBusinessUnits } from '../components/admin/admin-business-units.tsx';
import { AdminGrants } from '../components/admin/admin-grants.tsx';
import { AdminUsers } from '../components/admin/admin-users.tsx';
import { PageHeader } from '../components/page-header.tsx';
import type { AdminSearch } from '../lib/search.ts';

export function AdminPage() {
  const { can } = usePermissions();
  const { tab = 'users' } = useSearch({ strict: false }) as AdminSearch;
  const navigate = useNavigate();

  if (!can('admin')) {
    return (
      <Center py={80}>
        <Stack align="center" gap="xs">
          <IconLock size={36} stroke={1.4} color="var(--mantine-color-gray-5)" />
          <Title order={4}>Administration is for PMO administrators</Title>
          <Text c="dimmed" size="sm">
            Ask a PMO administrator if you need a user, a role or a business unit changed.
          </Text>
        </Stack>
      </Center>
    );
  }

  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Admin' }]}
        title="Administration"
        subtitle="People, who may do what where, and the organization's structure."
      />
      <Tabs
        value={tab}
        onChange={(t) =>
          navigate({ to: '/admin', search: { tab: (t ?? 'users') as AdminSearch['tab'] }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="sm">
          <Tabs.Tab value="users" leftSection={<IconUsers size={14} />}>
            Users
          </Tabs.Tab>
          <Tabs.Tab value="grants" leftSection={<IconShieldCheck size={14} />}>
            Role grants
          </Tabs.Tab>
          <Tabs.Tab value="business-units" leftSection={<IconSitemap size={14} />}>
            Business units
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">
          <AdminUsers />
        </Tabs.Panel>
        <Tabs.Panel value="grants">
          <AdminGrants />
        </Tabs.Panel>
        <Tabs.Panel value="business-units">
          <AdminBusinessUnits />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
