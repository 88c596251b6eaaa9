import { Badge, Button, Paper, Tabs, Text, Timeline } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useItem } from '../api/queries.ts';
import { useEscalations, useRiskTasks } from '../api/risks.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { DetailFields } from '../components/detail-fields.tsx';
import { EscalateButton } from '../components/escalate-button.tsx';
import { HistoryTimeline } from '../components/history-timeline.tsx';
import { useLevelContext } from '../components/level-context.ts';
import { PageHeader } from '../components/page-header.tsx';
import { RiskActions } from '../components/risk-actions.tsx';
import { LevelLabel, ScoreBadge } from '../components/risk-badges.tsx';
import { RiskTasks } from '../components/risk-tasks.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { RiskForm } from '../forms/risk-form.tsx';
import { formatDate, formatDateTime, humanize } from '../lib/format.ts';

export function RiskPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = usePermissions();
  const item = useItem('risks', id);
  const tasks = useRiskTasks(id);
  const escalations = useEscalations('risk', id);
  const [editing, setEditing] = useState(false);
  const current = useLevelContext(item.data?.data.scopeType, item.data?.data.scopeId);
  const origin = useLevelContext(item.data?.data.originScopeType, item.data?.data.originScopeId);
  if (item.isLoading) return <PageLoader />;
  const r = item.data?.data;
  if (item.error || !r) return <LoadError error={item.error} what="risk" />;
  // As the server decides: changes by whoever manages risks where it is or where it was raised;
  // escalation only from where it is now.
  const mayEscalate = can('risk.manage', current);
  const mayEdit = mayEscalate || can('risk.manage', origin);
  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Organization', to: '/' },
          { label: 'Risks', to: '/risks' },
          { label: `R-${r.reference}` },
        ]}
        title={`R-${r.reference} ${r.title}`}
        subtitle={`${humanize(r.kind)} · ${humanize(r.status)}`}
        badges={<ScoreBadge score={r.score} band={r.band} />}
        actions={
          mayEdit && (
            <>
              {mayEscalate && <EscalateButton type="risk" id={r.id} />}
              <Button
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
                data-testid="edit"
              >
                Edit
              </Button>
            </>
          )
        }
      />
      <Paper withBorder radius="sm" p="md" mb="md">
        <DetailFields
          fields={[
            {
              label: 'Register',
              value: (
                <LevelLabel
                  scopeType={r.scopeType}
                  scopeName={r.scopeName}
                  originScopeName={r.originScopeName}
                  escalated={r.escalationLevel > 0}
                />
              ),
            },
            { label: 'Owner', value: r.ownerName ?? 'Not assigned' },
            { label: 'Response', value: humanize(r.strategy) || 'Not decided' },
            { label: 'Proximity', value: formatDate(r.proximity) },
            { label: 'Cause', value: r.cause, wide: true },
            { label: 'Event', value: r.event, wide: true },
            { label: 'Effect', value: r.effect, wide: true },
            {
              label: 'Probability',
              value: `${Math.round(r.probability * 100)} % (level ${r.probabilityLevel})`,
            },
            {
              label: 'Impact S / C / Sc / Q',
              value: `${r.impactSchedule} / ${r.impactCost} / ${r.impactScope} / ${r.impactQuality}`,
            },
            { label: 'Score', value: `${r.score} (P${r.probabilityLevel} × I${r.impactLevel})` },
            {
              label: 'Residual',
              value:
                r.residualScore === null
                  ? 'Not assessed'
                  : `${r.residualScore} (${Math.round((r.residualProbability ?? 0) * 100)} %)`,
            },
            { label: 'Trigger', value: r.trigger || '—', wide: true },
            { label: 'Projects', value: r.projectNames.join(', ') || '—', wide: true },
            { label: 'Category', value: r.categoryName ?? '—' },
            { label: 'Last changed', value: formatDateTime(r.updatedAt) },
          ]}
        />
      </Paper>
      <Tabs defaultValue="actions" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="actions">Response actions</Tabs.Tab>
          <Tabs.Tab value="tasks">Affected tasks {tasks.data ? `(${tasks.data.length})` : ''}</Tabs.Tab>
          <Tabs.Tab value="escalations">
            Escalations {escalations.data ? `(${escalations.data.length})` : ''}
          </Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="actions">
          <RiskActions riskId={r.id} canEdit={mayEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="tasks">
          <RiskTasks riskId={r.id} projectIds={r.projectIds} canEdit={mayEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="escalations">
          <Paper withBorder radius="sm" p="md">
            {escalations.data?.length === 0 && (
              <Text size="sm" c="dimmed">
                Never escalated.
              </Text>
            )}
            <Timeline bulletSize={18} lineWidth={2}>
              {(escalations.data ?? []).map((e) => (
                <Timeline.Item
                  key={e.id}
                  title={`${e.fromScopeName ?? humanize(e.fromScopeType)} → ${e.toScopeName ?? humanize(e.toScopeType)}`}
                >
                  <Text size="sm">{e.reason}</Text>
                  <Text size="xs" c="dimmed">
                    {e.automatic ? (
                      <Badge size="xs" variant="light" mr={4}>
                        Rule
                      </Badge>
                    ) : (
                      `${e.actorName ?? 'Someone'} · `
                    )}
                    {formatDateTime(e.at)}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <Paper withBorder radius="sm" p="md">
            <HistoryTimeline entityType="risk" id={r.id} />
          </Paper>
        </Tabs.Panel>
      </Tabs>
      {editing && <RiskForm opened onClose={() => setEditing(false)} risk={r} version={item.data?.version} />}
    </>
  );
}
