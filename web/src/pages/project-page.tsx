import { Badge, Button, Group, Paper, Tabs, Text } from '@mantine/core';
import {
  IconAddressBook,
  IconChartHistogram,
  IconCoin,
  IconFileImport,
  IconGitPullRequest,
  IconHistory,
  IconPencil,
  IconReportAnalytics,
  IconRosette,
  IconRoute,
  IconTarget,
  IconTimeline,
  IconTrendingUp,
  IconUsers,
  IconVersions,
} from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useItem } from '../api/queries.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { HealthBadge, StageBadge } from '../components/badges.tsx';
import { ChangeRequestsPanel } from '../components/change-requests/change-requests-panel.tsx';
import { ConfigurationTab } from '../components/configuration/configuration-tab.tsx';
import { DetailFields } from '../components/detail-fields.tsx';
import { CostTab } from '../components/finance/cost-tab.tsx';
import { BenefitsPanel } from '../components/governance/benefits-panel.tsx';
import { GatesTab } from '../components/governance/gates-tab.tsx';
import { HistoryTimeline } from '../components/history-timeline.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PlanFiles } from '../components/plan-files.tsx';
import { ProjectMembers } from '../components/project-members.tsx';
import { ProjectObjectives } from '../components/project-objectives.tsx';
import { ProjectQuality } from '../components/quality/project-quality.tsx';
import { ProjectStakeholders } from '../components/quality/project-stakeholders.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { ScheduleRiskPanel } from '../components/schedule-risk/panel.tsx';
import { useScopeCrumbs } from '../components/scope-crumbs.ts';
import { ScopeRisks } from '../components/scope-risks.tsx';
import { StatusPanel } from '../components/status/status-panel.tsx';
import { ProjectForm } from '../forms/project-form.tsx';
import { GanttTab } from '../gantt/gantt-tab.tsx';
import { formatDate, formatDateTime, formatMoney, humanize } from '../lib/format.ts';

export function ProjectPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can, currency } = usePermissions();
  const item = useItem('projects', id);
  const [editing, setEditing] = useState(false);
  const p = item.data?.data;
  const { crumbs, businessUnitIds } = useScopeCrumbs({
    businessUnitId: p?.businessUnitId,
    portfolio: p ? { id: p.portfolioId, name: p.portfolioName ?? 'Portfolio' } : null,
    program: p?.programId ? { id: p.programId, name: p.programName ?? 'Program' } : null,
    current: p ? `${p.code} · ${p.name}` : '…',
  });

  if (item.isLoading) return <PageLoader />;
  if (item.error || !p) return <LoadError error={item.error} what="project" />;

  const ctx = {
    businessUnitIds,
    portfolioId: p.portfolioId,
    programId: p.programId,
    projectId: p.id,
  };
  const canEdit = can('project.edit', ctx);

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={p.name}
        badges={
          <Group gap={8} wrap="nowrap">
            <Badge variant="outline" color="gray" radius="sm" ff="monospace" size="sm">
              {p.code}
            </Badge>
            <StageBadge stage={p.stage} />
            <HealthBadge health={p.health} />
          </Group>
        }
        subtitle={`${humanize(p.methodology)} project · priority ${p.priority}`}
        actions={
          canEdit && (
            <Button
              leftSection={<IconPencil size={16} />}
              onClick={() => setEditing(true)}
              data-testid="edit"
            >
              Edit project
            </Button>
          )
        }
      />
      <Paper withBorder radius="sm" p="md" mb="md" data-testid="project-fields">
        <DetailFields
          fields={[
            {
              label: 'Business unit',
              value: (
                <AnchorLink to="/business-units/$id" params={{ id: p.businessUnitId }} size="sm">
                  {p.businessUnitName ?? '…'}
                </AnchorLink>
              ),
            },
            {
              label: 'Portfolio',
              value: (
                <AnchorLink to="/portfolios/$id" params={{ id: p.portfolioId }} size="sm">
                  {p.portfolioName ?? '…'}
                </AnchorLink>
              ),
            },
            {
              label: 'Program',
              value: p.programId ? (
                <AnchorLink to="/programs/$id" params={{ id: p.programId }} size="sm">
                  {p.programName ?? '…'}
                </AnchorLink>
              ) : (
                <Text size="sm" c="dimmed">
                  Standalone project
                </Text>
              ),
            },
            { label: 'Stage', value: <StageBadge stage={p.stage} /> },
            { label: 'Project manager', value: p.managerName ?? '—' },
            { label: 'Sponsor', value: p.sponsorName ?? '—' },
            { label: 'Methodology', value: humanize(p.methodology) },
            { label: 'Health', value: <HealthBadge health={p.health} /> },
            { label: 'Target start', value: formatDate(p.targetStart) },
            { label: 'Target finish', value: formatDate(p.targetFinish) },
            { label: 'Budget', value: formatMoney(p.budget, currency) },
            { label: 'Priority', value: `${p.priority} / 100` },
            { label: 'Description', value: p.description, wide: true },
            { label: 'Created', value: formatDateTime(p.createdAt) },
            { label: 'Last changed', value: formatDateTime(p.updatedAt) },
            { label: 'Version', value: p.version },
          ]}
        />
      </Paper>
      <Tabs defaultValue="objectives" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="objectives" leftSection={<IconTarget size={14} />}>
            Objectives
          </Tabs.Tab>
          <Tabs.Tab value="members" leftSection={<IconUsers size={14} />}>
            Members
          </Tabs.Tab>
          <Tabs.Tab value="risks">Risks & issues</Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={14} />}>
            History
          </Tabs.Tab>
          <Tabs.Tab value="changes" leftSection={<IconGitPullRequest size={14} />} data-testid="tab-changes">
            Change requests
          </Tabs.Tab>
          <Tabs.Tab value="schedule-risk" leftSection={<IconChartHistogram size={14} />}>
            Schedule risk
          </Tabs.Tab>
          <Tabs.Tab value="gantt" leftSection={<IconTimeline size={14} />} data-testid="gantt-tab">
            Gantt
          </Tabs.Tab>
          <Tabs.Tab value="cost" leftSection={<IconCoin size={14} />} data-testid="tab-cost">
            Cost
          </Tabs.Tab>
          <Tabs.Tab value="plan-files" leftSection={<IconFileImport size={14} />}>
            Plan files
          </Tabs.Tab>
          <Tabs.Tab value="gates" leftSection={<IconRoute size={14} />} data-testid="tab-gates">
            Gates
          </Tabs.Tab>
          <Tabs.Tab value="benefits" leftSection={<IconTrendingUp size={14} />} data-testid="tab-benefits">
            Benefits
          </Tabs.Tab>
          <Tabs.Tab value="status" leftSection={<IconReportAnalytics size={14} />} data-testid="tab-status">
            Status
          </Tabs.Tab>
          <Tabs.Tab value="quality" leftSection={<IconRosette size={14} />} data-testid="tab-quality">
            Quality
          </Tabs.Tab>
          <Tabs.Tab
            value="stakeholders"
            leftSection={<IconAddressBook size={14} />}
            data-testid="tab-stakeholders"
          >
            Stakeholders
          </Tabs.Tab>
          <Tabs.Tab
            value="configuration"
            leftSection={<IconVersions size={14} />}
            data-testid="tab-configuration"
          >
            Configuration
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="quality">
          <ProjectQuality projectId={p.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="stakeholders">
          <ProjectStakeholders projectId={p.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="gantt">
          <GanttTab kind="project" id={p.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="objectives">
          <ProjectObjectives projectId={p.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="members">
          <ProjectMembers projectId={p.id} canEdit={can('project.members', ctx)} />
        </Tabs.Panel>
        <Tabs.Panel value="risks">
          <ScopeRisks scope={{ projectId: p.id }} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Paper withBorder radius="sm" p="md">
            <HistoryTimeline entityType="project" id={p.id} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="changes">
          <ChangeRequestsPanel
            level="project"
            scopeId={p.id}
            canRequest={can('change.request', ctx) && p.stage !== 'closed' && p.stage !== 'terminated'}
            currency={currency}
          />
        </Tabs.Panel>
        <Tabs.Panel value="schedule-risk">
          <ScheduleRiskPanel scope={{ kind: 'project', id: p.id }} canEdit={can('risk.manage', ctx)} />
        </Tabs.Panel>
        <Tabs.Panel value="cost">
          <CostTab project={p} currency={currency} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="plan-files">
          <PlanFiles projectId={p.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="gates">
          <GatesTab projectId={p.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="benefits">
          <BenefitsPanel filter={{ projectId: p.id }} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="status">
          <StatusPanel
            projectId={p.id}
            canSubmit={can('status.submit', ctx)}
            canReview={can('status.review', ctx)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="configuration">
          <ConfigurationTab projectId={p.id} canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
      {editing && (
        <ProjectForm opened onClose={() => setEditing(false)} project={p} version={item.data?.version} />
      )}
    </>
  );
}
