import { Alert, EmptyState, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconPlus } from '@tabler/icons-react';
import { useList } from '../api/queries.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { EnterpriseDashboard } from '../components/dashboard/enterprise-dashboard.tsx';
import { DataTable } from '../components/data-table.tsx';
import { AnchorLink, ButtonLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { TopRisks } from '../components/top-risks.tsx';
import { projectColumns } from './projects-page.tsx';

/** The organization's enterprise dashboard, with what needs attention first below it. */
export function OverviewPage() {
  const { me, can, currency } = usePermissions();
  const attention = useList('projects', { health: 'red', sort: 'priority', order: 'desc', pageSize: 10 });
  return (
    <>
      <PageHeader
        title={me?.org.name ?? 'Organization'}
        subtitle="The enterprise view: every project you can see, rolled up from project to organization."
        actions={
          can('project.create') && (
            <ButtonLink to="/projects" search={{ new: true }} leftSection={<IconPlus size={16} />}>
              New project
            </ButtonLink>
          )
        }
      />
      <Stack gap="md">
        <EnterpriseDashboard scope={{ scopeType: 'organization' }} />
        <div>
          <Group justify="space-between" mb={6}>
            <Text fw={600} size="sm">
              Red projects, highest priority first
            </Text>
            <AnchorLink to="/projects" search={{ health: 'red', sort: 'priority', order: 'desc' }} size="xs">
              See all red projects
            </AnchorLink>
          </Group>
          <DataTable
            testId="attention-table"
            columns={projectColumns(currency, ['programName', 'health'])}
            rows={attention.data?.items}
            rowKey={(p) => p.id}
            error={attention.error}
            minWidth={800}
            empty={
              <EmptyState
                icon={<IconCircleCheck />}
                color="green"
                title="No project is red"
                description="Projects whose health is set to red appear here, highest priority first."
              />
            }
          />
        </div>
        <TopRisks />
        {me && me.grants.length === 0 && (
          <Alert color="gray" title="You have no role yet">
            Ask your PMO administrator to grant you a role on a business unit, portfolio, program or project.
          </Alert>
        )}
      </Stack>
    </>
  );
}
