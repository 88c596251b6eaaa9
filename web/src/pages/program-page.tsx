import { Paper, Tabs } from '@mantine/core';
import { IconListDetails, IconTimeline } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useItem } from '../api/queries.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { ChangeRequestsPanel } from '../components/change-requests/change-requests-panel.tsx';
import { DetailFields } from '../components/detail-fields.tsx';
import { EnvelopePanel } from '../components/finance/envelope-panel.tsx';
import { BenefitsPanel } from '../components/governance/benefits-panel.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { ScheduleRiskPanel } from '../components/schedule-risk/panel.tsx';
import { useScopeCrumbs } from '../components/scope-crumbs.ts';
import {
  CountTab,
  DashboardTab,
  DashboardTabPanel,
  HistoryTabPanel,
  ScopeEditButton,
  ScopeNewButton,
} from '../components/scope-page.tsx';
import { ScopeProjectsTable, useScopeProjects } from '../components/scope-projects-table.tsx';
import { ScopeRisks } from '../components/scope-risks.tsx';
import { ProgramForm } from '../forms/program-form.tsx';
import { ProjectForm } from '../forms/project-form.tsx';
import { GanttTab } from '../gantt/gantt-tab.tsx';
import { formatDateTime, formatMoney } from '../lib/format.ts';

export function ProgramPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can, currency } = usePermissions();
  const item = useItem('programs', id);
  const [editing, setEditing] = useState(false);
  const [creating, setCreating] = useState(false);
  const scopeProjects = useScopeProjects({ programId: id });
  const { projects } = scopeProjects;
  const p = item.data?.data;
  const portfolio = useItem('portfolios', p?.portfolioId);
  const { crumbs, businessUnitIds } = useScopeCrumbs({
    businessUnitId: portfolio.data?.data.businessUnitId,
    portfolio: p ? { id: p.portfolioId, name: p.portfolioName ?? portfolio.data?.data.name ?? '…' } : null,
    current: p?.name ?? '…',
  });

  if (item.isLoading) return <PageLoader />;
  if (item.error || !p) return <LoadError error={item.error} what="program" />;

  const ctx = {
    businessUnitIds,
    portfolioId: p.portfolioId,
    programId: p.id,
  };
  const pageBudget = projects.data?.items.reduce((s, r) => s + (r.budget ?? 0), 0);
  const allOnPage = projects.data && projects.data.total <= projects.data.items.length;

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={p.name}
        subtitle="Program"
        actions={
          <>
            {can('project.create', ctx) && (
              <ScopeNewButton label="New project" onClick={() => setCreating(true)} />
            )}
            {can('program.edit', ctx) && <ScopeEditButton onClick={() => setEditing(true)} />}
          </>
        }
      />
      <Paper withBorder radius="sm" p="md" mb="md">
        <DetailFields
          fields={[
            {
              label: 'Portfolio',
              value: (
                <AnchorLink to="/portfolios/$id" params={{ id: p.portfolioId }} size="sm">
                  {p.portfolioName ?? portfolio.data?.data.name ?? '…'}
                </AnchorLink>
              ),
            },
            { label: 'Program manager', value: p.managerName ?? 'Not assigned' },
            { label: 'Projects', value: projects.data?.total ?? '…' },
            {
              label: 'Total budget',
              value: allOnPage && pageBudget !== undefined ? formatMoney(pageBudget, currency) : '—',
            },
            { label: 'Goal', value: p.goal, wide: true },
            { label: 'Expected benefits', value: p.expectedBenefits, wide: true },
            { label: 'Last changed', value: formatDateTime(p.updatedAt) },
          ]}
        />
      </Paper>
      <Tabs defaultValue="projects" keepMounted={false}>
        <Tabs.List mb="sm">
          <CountTab value="projects" icon={IconListDetails} label="Projects" list={projects} />
          <Tabs.Tab value="risks">Risks & issues</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
          <Tabs.Tab value="changes" data-testid="tab-changes">
            Change requests
          </Tabs.Tab>
          <Tabs.Tab value="schedule-risk">Schedule risk</Tabs.Tab>
          <Tabs.Tab value="envelope" data-testid="tab-envelope">
            Envelope
          </Tabs.Tab>
          <Tabs.Tab value="gantt" leftSection={<IconTimeline size={14} />} data-testid="gantt-tab">
            Timeline
          </Tabs.Tab>
          <Tabs.Tab value="benefits" data-testid="tab-benefits">
            Benefits
          </Tabs.Tab>
          <DashboardTab />
        </Tabs.List>
        <Tabs.Panel value="benefits">
          <BenefitsPanel filter={{ programId: p.id }} canEdit={can('program.edit', ctx)} />
        </Tabs.Panel>
        <Tabs.Panel value="gantt">
          <GanttTab kind="program" id={p.id} canEdit={can('project.edit', ctx)} />
        </Tabs.Panel>
        <Tabs.Panel value="projects">
          <ScopeProjectsTable
            {...scopeProjects}
            currency={currency}
            hide={['portfolioName', 'programName']}
            minWidth={900}
            emptyTitle="No projects in this program yet"
            emptyDescription="Add the interrelated projects that deliver this program's benefits."
          />
        </Tabs.Panel>
        <Tabs.Panel value="risks">
          <ScopeRisks scope={{ programId: p.id }} />
        </Tabs.Panel>
        <HistoryTabPanel entityType="program" id={p.id} />
        <Tabs.Panel value="changes">
          <ChangeRequestsPanel
            level="program"
            scopeId={p.id}
            canRequest={can('change.request', {
              businessUnitIds,
              portfolioId: p.portfolioId,
              programId: p.id,
            })}
            currency={currency}
          />
        </Tabs.Panel>
        <Tabs.Panel value="envelope">
          <EnvelopePanel scope="programs" id={p.id} currency={currency} canEdit={can('program.edit', ctx)} />
        </Tabs.Panel>
        <Tabs.Panel value="schedule-risk">
          <ScheduleRiskPanel scope={{ kind: 'program', id: p.id }} canEdit={can('risk.manage', ctx)} />
        </Tabs.Panel>
        <DashboardTabPanel scopeType="program" id={p.id} />
      </Tabs>
      {editing && (
        <ProgramForm opened onClose={() => setEditing(false)} program={p} version={item.data?.version} />
      )}
      {creating && (
        <ProjectForm
          opened
          onClose={() => setCreating(false)}
          defaults={{
            portfolioId: p.portfolioId,
            programId: p.id,
            businessUnitId: portfolio.data?.data.businessUnitId ?? undefined,
          }}
        />
      )}
    </>
  );
}
