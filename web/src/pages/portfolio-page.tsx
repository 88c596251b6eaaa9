import { Paper, Tabs, Text } from '@mantine/core';
import { IconListDetails, IconStack2 } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useItem, useList } from '../api/queries.ts';
import type { Program } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import type { Column } from '../components/data-table.tsx';
import { DetailFields } from '../components/detail-fields.tsx';
import { EnvelopePanel } from '../components/finance/envelope-panel.tsx';
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
import { PortfolioForm } from '../forms/portfolio-form.tsx';
import { ProgramForm } from '../forms/program-form.tsx';
import { ProjectForm } from '../forms/project-form.tsx';
import { formatDateTime } from '../lib/format.ts';

export const programColumns: Column<Program>[] = [
  {
    key: 'name',
    header: 'Program',
    sortable: true,
    render: (p) => (
      <AnchorLink to="/programs/$id" params={{ id: p.id }} fw={500} size="sm">
        {p.name}
      </AnchorLink>
    ),
  },
  {
    key: 'goal',
    header: 'Goal',
    render: (p) => (
      <Text size="sm" c="dimmed" lineClamp={1} maw={460}>
        {p.goal || '—'}
      </Text>
    ),
  },
  { key: 'managerName', header: 'Manager', render: (p) => p.managerName ?? '—' },
];

export function PortfolioPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can, currency } = usePermissions();
  const item = useItem('portfolios', id);
  const [editing, setEditing] = useState(false);
  const [creating, setCreating] = useState<'program' | 'project' | null>(null);
  const programs = useList('programs', { portfolioId: id, pageSize: 100, sort: 'name', order: 'asc' });
  const scopeProjects = useScopeProjects({ portfolioId: id });
  const { projects } = scopeProjects;
  const p = item.data?.data;
  const { crumbs, businessUnitIds } = useScopeCrumbs({
    businessUnitId: p?.businessUnitId,
    current: p?.name ?? '…',
  });

  if (item.isLoading) return <PageLoader />;
  if (item.error || !p) return <LoadError error={item.error} what="portfolio" />;

  const ctx = { businessUnitIds, portfolioId: p.id };

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={p.name}
        subtitle="Portfolio"
        actions={
          <>
            {can('program.create', ctx) && (
              <ScopeNewButton label="New program" onClick={() => setCreating('program')} />
            )}
            {can('project.create', ctx) && (
              <ScopeNewButton label="New project" onClick={() => setCreating('project')} />
            )}
            {can('portfolio.edit', ctx) && <ScopeEditButton onClick={() => setEditing(true)} />}
          </>
        }
      />
      <Paper withBorder radius="sm" p="md" mb="md">
        <DetailFields
          fields={[
            {
              label: 'Business unit',
              value: p.businessUnitId ? (
                <AnchorLink to="/business-units/$id" params={{ id: p.businessUnitId }} size="sm">
                  {p.businessUnitName ?? '…'}
                </AnchorLink>
              ) : (
                'Organization-wide'
              ),
            },
            { label: 'Manager', value: p.managerName ?? 'Not assigned' },
            { label: 'Programs', value: programs.data?.total ?? '…' },
            { label: 'Projects', value: projects.data?.total ?? '…' },
            { label: 'Description', value: p.description, wide: true },
            { label: 'Last changed', value: formatDateTime(p.updatedAt) },
          ]}
        />
      </Paper>
      <Tabs defaultValue="projects" keepMounted={false}>
        <Tabs.List mb="sm">
          <CountTab value="projects" icon={IconListDetails} label="Projects" list={projects} />
          <CountTab value="programs" icon={IconStack2} label="Programs" list={programs} />
          <Tabs.Tab value="history">History</Tabs.Tab>
          <Tabs.Tab value="envelope" data-testid="tab-envelope">
            Envelope
          </Tabs.Tab>
          <DashboardTab />
        </Tabs.List>
        <Tabs.Panel value="projects">
          <ScopeProjectsTable
            {...scopeProjects}
            currency={currency}
            hide={['portfolioName']}
            minWidth={1000}
            emptyTitle="No projects in this portfolio"
            emptyDescription="Create a project here, or move an existing one by editing its portfolio."
          />
        </Tabs.Panel>
        <Tabs.Panel value="programs">
          <ScopeChildrenTable
            columns={programColumns}
            list={programs}
            icon={IconStack2}
            emptyTitle="No programs in this portfolio"
            emptyDescription="Group interrelated projects into a program to manage their dependencies and benefits together."
          />
        </Tabs.Panel>
        <Tabs.Panel value="envelope">
          <EnvelopePanel
            scope="portfolios"
            id={p.id}
            currency={currency}
            canEdit={can('portfolio.edit', ctx)}
          />
        </Tabs.Panel>
        <HistoryTabPanel entityType="portfolio" id={p.id} />
        <DashboardTabPanel scopeType="portfolio" id={p.id} />
      </Tabs>
      {editing && (
        <PortfolioForm opened onClose={() => setEditing(false)} portfolio={p} version={item.data?.version} />
      )}
      {creating === 'program' && (
        <ProgramForm
          opened
          onClose={() => setCreating(null)}
          defaults={{ portfolioId: p.id, portfolioName: p.name }}
        />
      )}
      {creating === 'project' && (
        <ProjectForm
          opened
          onClose={() => setCreating(null)}
          defaults={{ portfolioId: p.id, businessUnitId: p.businessUnitId ?? undefined }}
        />
      )}
    </>
  );
}
