import { Badge, EmptyState, Paper, Table, Tabs, Text } from '@mantine/core';
import { IconBriefcase, IconListDetails, IconSitemap } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useItem, useList } from '../api/queries.ts';
import type { Portfolio } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import type { Column } from '../components/data-table.tsx';
import { DetailFields } from '../components/detail-fields.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { useScopeCrumbs } from '../components/scope-crumbs.ts';
import {
  CountTab,
  DashboardTab,
  DashboardTabPanel,
  HistoryTabPanel,
  ScopeChildrenTable,
  ScopeEditButton,
  ScopeNewButton,
} from '../components/scope-page.tsx';
import { ScopeProjectsTable, useScopeProjects } from '../components/scope-projects-table.tsx';
import { BusinessUnitForm } from '../forms/business-unit-form.tsx';
import { PortfolioForm } from '../forms/portfolio-form.tsx';
import { formatDateTime, humanize } from '../lib/format.ts';

const portfolioColumns: Column<Portfolio>[] = [
  {
    key: 'name',
    header: 'Portfolio',
    render: (p) => (
      <AnchorLink to="/portfolios/$id" params={{ id: p.id }} fw={500} size="sm">
        {p.name}
      </AnchorLink>
    ),
  },
  { key: 'managerName', header: 'Manager', render: (p) => p.managerName ?? '—' },
  {
    key: 'description',
    header: 'Description',
    render: (p) => (
      <Text size="sm" c="dimmed" lineClamp={1}>
        {p.description || '—'}
      </Text>
    ),
  },
];

export function BusinessUnitPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can, currency } = usePermissions();
  const item = useItem('business-units', id);
  const [editing, setEditing] = useState<'unit' | 'child' | 'portfolio' | null>(null);
  const children = useList('business-units', { parentId: id, pageSize: 100, sort: 'name', order: 'asc' });
  const portfolios = useList('portfolios', { businessUnitId: id, pageSize: 100, sort: 'name', order: 'asc' });
  const scopeProjects = useScopeProjects({ businessUnitId: id });
  const { projects } = scopeProjects;
  const u = item.data?.data;
  const { crumbs, businessUnitIds: ancestors } = useScopeCrumbs({
    businessUnitId: u?.parentId,
    current: u?.name ?? '…',
  });

  if (item.isLoading) return <PageLoader />;
  if (item.error || !u) return <LoadError error={item.error} what="business unit" />;

  // Editing a unit is decided at its parent's scope; adding under it, at its own.
  const parentCtx = { businessUnitIds: ancestors };
  const ownCtx = { businessUnitIds: [...ancestors, u.id] };

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={u.name}
        badges={
          <Badge
            size="sm"
            radius="sm"
            variant="light"
            color={u.pmoMode === 'centralized' ? 'indigo' : 'teal'}
          >
            {humanize(u.pmoMode)} PMO
          </Badge>
        }
        subtitle={`Business unit · ${u.code}`}
        actions={
          <>
            {can('portfolio.create', ownCtx) && (
              <ScopeNewButton label="New portfolio" onClick={() => setEditing('portfolio')} />
            )}
            {can('businessUnit.manage', ownCtx) && (
              <ScopeNewButton label="New sub-unit" onClick={() => setEditing('child')} />
            )}
            {can('businessUnit.manage', parentCtx) && <ScopeEditButton onClick={() => setEditing('unit')} />}
          </>
        }
      />
      <Paper withBorder radius="sm" p="md" mb="md">
        <DetailFields
          fields={[
            { label: 'Code', value: u.code },
            {
              label: 'Parent unit',
              value: u.parentId ? (
                <AnchorLink to="/business-units/$id" params={{ id: u.parentId }} size="sm">
                  {u.parentName ?? '…'}
                </AnchorLink>
              ) : (
                'Top level'
              ),
            },
            { label: 'PMO mode', value: humanize(u.pmoMode) },
            { label: 'Last changed', value: formatDateTime(u.updatedAt) },
          ]}
        />
      </Paper>
      <Tabs defaultValue="projects" keepMounted={false}>
        <Tabs.List mb="sm">
          <CountTab value="projects" icon={IconListDetails} label="Projects" list={projects} />
          <CountTab value="portfolios" icon={IconBriefcase} label="Portfolios" list={portfolios} />
          <CountTab value="children" icon={IconSitemap} label="Sub-units" list={children} />
          <Tabs.Tab value="history">History</Tabs.Tab>
          <DashboardTab />
        </Tabs.List>
        <Tabs.Panel value="projects">
          <ScopeProjectsTable
            {...scopeProjects}
            currency={currency}
            hide={['programName']}
            minWidth={1000}
            emptyTitle="No projects in this business unit"
            emptyDescription="Projects whose business unit is this one appear here."
          />
        </Tabs.Panel>
        <Tabs.Panel value="portfolios">
          <ScopeChildrenTable
            columns={portfolioColumns}
            list={portfolios}
            icon={IconBriefcase}
            emptyTitle="No portfolios in this business unit"
            emptyDescription="Create a portfolio here to steer this unit's programs and projects together."
          />
        </Tabs.Panel>
        <Tabs.Panel value="children">
          {children.data && children.data.items.length === 0 ? (
            <Paper withBorder radius="sm" py="lg">
              <EmptyState
                icon={<IconSitemap />}
                title="No sub-units"
                description="This unit has no child business units."
              />
            </Paper>
          ) : (
            <Paper withBorder radius="sm">
              <Table verticalSpacing={5} fz="sm" striped>
                <Table.Tbody>
                  {(children.data?.items ?? []).map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <AnchorLink to="/business-units/$id" params={{ id: c.id }} size="sm" fw={500}>
                          {c.name}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td w={120}>
                        <Text size="xs" ff="monospace" c="dimmed">
                          {c.code}
                        </Text>
                      </Table.Td>
                      <Table.Td w={140}>{humanize(c.pmoMode)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </Tabs.Panel>
        <HistoryTabPanel entityType="business_unit" id={u.id} />
        <DashboardTabPanel scopeType="business_unit" id={u.id} />
      </Tabs>
      {editing === 'unit' && (
        <BusinessUnitForm opened onClose={() => setEditing(null)} unit={u} version={item.data?.version} />
      )}
      {editing === 'child' && (
        <BusinessUnitForm
          opened
          onClose={() => setEditing(null)}
          defaults={{ parentId: u.id, pmoMode: u.pmoMode }}
        />
      )}
      {editing === 'portfolio' && (
        <PortfolioForm opened onClose={() => setEditing(null)} defaults={{ businessUnitId: u.id }} />
      )}
    </>
  );
}
