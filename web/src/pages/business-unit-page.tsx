import { Badge, Button, EmptyState, Paper, Table, Tabs, Text } from '@mantine/core';
import {
  IconBriefcase,
  IconGauge,
  IconListDetails,
  IconPencil,
  IconPlus,
  IconSitemap,
} from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useItem, useList } from '../api/queries.ts';
import type { Portfolio } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { EnterpriseDashboard } from '../components/dashboard/enterprise-dashboard.tsx';
import { type Column, DataTable } from '../components/data-table.tsx';
import { DetailFields } from '../components/detail-fields.tsx';
import { HistoryTimeline } from '../components/history-timeline.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { useScopeCrumbs } from '../components/scope-crumbs.ts';
import { ScopeProjectsTable } from '../components/scope-projects-table.tsx';
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
  const [page, setPage] = useState(1);
  const children = useList('business-units', { parentId: id, pageSize: 100, sort: 'name', order: 'asc' });
  const portfolios = useList('portfolios', { businessUnitId: id, pageSize: 100, sort: 'name', order: 'asc' });
  const projects = useList('projects', {
    businessUnitId: id,
    pageSize: 25,
    page,
    sort: 'priority',
    order: 'desc',
  });
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
              <Button
                variant="default"
                leftSection={<IconPlus size={16} />}
                onClick={() => setEditing('portfolio')}
              >
                New portfolio
              </Button>
            )}
            {can('businessUnit.manage', ownCtx) && (
              <Button
                variant="default"
                leftSection={<IconPlus size={16} />}
                onClick={() => setEditing('child')}
              >
                New sub-unit
              </Button>
            )}
            {can('businessUnit.manage', parentCtx) && (
              <Button
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing('unit')}
                data-testid="edit"
              >
                Edit
              </Button>
            )}
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
          <Tabs.Tab value="projects" leftSection={<IconListDetails size={14} />}>
            Projects {projects.data ? `(${projects.data.total})` : ''}
          </Tabs.Tab>
          <Tabs.Tab value="portfolios" leftSection={<IconBriefcase size={14} />}>
            Portfolios {portfolios.data ? `(${portfolios.data.total})` : ''}
          </Tabs.Tab>
          <Tabs.Tab value="children" leftSection={<IconSitemap size={14} />}>
            Sub-units {children.data ? `(${children.data.total})` : ''}
          </Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
          <Tabs.Tab value="dashboard" leftSection={<IconGauge size={14} />} data-testid="tab-dashboard">
            Dashboard
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="projects">
          <ScopeProjectsTable
            projects={projects}
            currency={currency}
            hide={['programName']}
            page={page}
            onPage={setPage}
            minWidth={1000}
            emptyTitle="No projects in this business unit"
            emptyDescription="Projects whose business unit is this one appear here."
          />
        </Tabs.Panel>
        <Tabs.Panel value="portfolios">
          <DataTable
            columns={portfolioColumns}
            rows={portfolios.data?.items}
            rowKey={(r) => r.id}
            error={portfolios.error}
            empty={
              <EmptyState
                icon={<IconBriefcase />}
                title="No portfolios in this business unit"
                description="Create a portfolio here to steer this unit's programs and projects together."
              />
            }
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
        <Tabs.Panel value="history">
          <Paper withBorder radius="sm" p="md">
            <HistoryTimeline entityType="business_unit" id={u.id} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="dashboard">
          <EnterpriseDashboard key={u.id} scope={{ scopeType: 'business_unit', scopeId: u.id }} />
        </Tabs.Panel>
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
