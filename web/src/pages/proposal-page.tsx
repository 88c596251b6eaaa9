import {
  Badge,
  Button,
  Grid,
  Group,
  Menu,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconChevronDown, IconPencil, IconSend } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { intakeEndpoints, useIntakeMutation } from '../api/intake.ts';
import type { Proposal, TriageDecision } from '../api/intake-types.ts';
import { useItem, useList } from '../api/queries.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { DetailFields } from '../components/detail-fields.tsx';
import { ScoringPanel } from '../components/intake/scoring-panel.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';
import { ProposalForm } from '../forms/proposal-form.tsx';
import { formatDate, formatDateTime, formatMoney } from '../lib/format.ts';
import { STATUS_COLORS, STATUS_LABELS } from './intake-page.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="sm" p="sm">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

const DECISIONS: { value: TriageDecision; label: string }[] = [
  { value: 'in_triage', label: 'Take into triage' },
  { value: 'accepted', label: 'Accept for the portfolio' },
  { value: 'deferred', label: 'Defer' },
  { value: 'rejected', label: 'Reject' },
];

function TriageModal({
  proposal,
  decision,
  onClose,
}: {
  proposal: Proposal;
  decision: TriageDecision;
  onClose: () => void;
}) {
  const [note, setNote] = useState('');
  const triage = useIntakeMutation(() =>
    intakeEndpoints.triage(proposal.id, proposal.version, decision, note),
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={`${DECISIONS.find((d) => d.value === decision)?.label}: ${proposal.code}`}
    >
      <Stack gap="sm">
        <Textarea
          label="Note to the submitter"
          autosize
          minRows={3}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <ProblemAlert error={triage.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={triage.isPending}
            onClick={() => triage.mutate(undefined, { onSuccess: onClose })}
            data-testid="confirm-triage"
          >
            Record decision
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Costs per month (all categories) and role hours per month, side by side. */
function MoneyAndDemand({ proposal, currency }: { proposal: Proposal; currency: string }) {
  const months = [
    ...new Set([...proposal.costLines.map((l) => l.period), ...proposal.roleDemand.map((d) => d.period)]),
  ].sort();
  const roles = [...new Map(proposal.roleDemand.map((d) => [d.roleId, d.roleName])).entries()];
  if (months.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No cost or demand estimated yet.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table withTableBorder fz="xs" verticalSpacing={4} data-testid="proposal-months">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {months.map((m) => (
              <Table.Th key={m} ta="right">
                {m.slice(0, 7)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td fw={600}>Cost</Table.Td>
            {months.map((m) => (
              <Table.Td key={m} ta="right">
                {formatMoney(
                  proposal.costLines.filter((l) => l.period === m).reduce((s, l) => s + l.amount, 0),
                  currency,
                  true,
                )}
              </Table.Td>
            ))}
          </Table.Tr>
          {roles.map(([roleId, name]) => (
            <Table.Tr key={roleId}>
              <Table.Td>{name} (h)</Table.Td>
              {months.map((m) => (
                <Table.Td key={m} ta="right">
                  {proposal.roleDemand.find((d) => d.roleId === roleId && d.period === m)?.hours ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One proposal: its business case, money and demand, the PMO's triage, and the scoring screen. */
export function ProposalPage() {
  const { id } = useParams({ from: '/app/intake/$id' });
  const { can, currency, me } = usePermissions();
  const item = useItem('proposals', id);
  const models = useList('scoring-models', { pageSize: 100 });
  const [editing, setEditing] = useState(false);
  const [decision, setDecision] = useState<TriageDecision | null>(null);
  const proposal = item.data?.data;
  const submit = useIntakeMutation(() => intakeEndpoints.submit(id, proposal?.version ?? 0));
  if (item.isLoading) return <PageLoader />;
  if (item.error || !proposal) return <LoadError error={item.error} what="proposal" />;
  const scope = {
    businessUnitIds: [proposal.businessUnitId],
    portfolioId: proposal.portfolioId,
    programId: proposal.programId,
  };
  const active = models.data?.items.find((m) => m.active);
  const open = !proposal.projectId;
  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Organization', to: '/' },
          { label: 'Intake', to: '/intake' },
          { label: proposal.code },
        ]}
        title={`${proposal.code} · ${proposal.title}`}
        badges={
          <Badge color={STATUS_COLORS[proposal.status]} variant="light" data-testid="proposal-status">
            {STATUS_LABELS[proposal.status]}
          </Badge>
        }
        subtitle={`${proposal.portfolioName ?? ''}${proposal.programName ? ` · ${proposal.programName}` : ''} · submitted by ${proposal.submitterName ?? '—'}`}
        actions={
          <Group gap="xs">
            {open && can('proposal.submit', scope) && (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setEditing(true)}
              >
                Edit
              </Button>
            )}
            {open &&
              can('proposal.submit', scope) &&
              (proposal.status === 'draft' || proposal.status === 'deferred') && (
                <Button
                  leftSection={<IconSend size={16} />}
                  loading={submit.isPending}
                  onClick={() => submit.mutate(undefined)}
                  data-testid="submit-proposal"
                >
                  Submit to the PMO
                </Button>
              )}
            {open && can('intake.triage') && proposal.status !== 'draft' && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button rightSection={<IconChevronDown size={14} />} data-testid="triage-menu">
                    Triage
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {DECISIONS.filter((d) => d.value !== proposal.status).map((d) => (
                    <Menu.Item key={d.value} onClick={() => setDecision(d.value)}>
                      {d.label}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
        }
      />
      <ProblemAlert error={submit.error} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <Section title="Business case">
              <DetailFields
                cols={3}
                fields={[
                  { label: 'Business unit', value: proposal.businessUnitName },
                  { label: 'Sponsor', value: proposal.sponsorName },
                  {
                    label: 'Proposed start',
                    value: proposal.proposedStart ? proposal.proposedStart.slice(0, 7) : '—',
                  },
                  { label: 'Duration', value: `${proposal.durationMonths} months` },
                  { label: 'Estimated cost', value: formatMoney(proposal.totalCost, currency) },
                  {
                    label: 'Project',
                    value: proposal.projectId ? (
                      <AnchorLink to="/projects/$id" params={{ id: proposal.projectId }}>
                        Open the project
                      </AnchorLink>
                    ) : (
                      '—'
                    ),
                  },
                  { label: 'Business case', value: proposal.businessCase, wide: true },
                  { label: 'Expected benefits', value: proposal.expectedBenefits, wide: true },
                  { label: 'Key risks', value: proposal.keyRisks, wide: true },
                ]}
              />
            </Section>
            <Section title="Cost and resource demand by month">
              <MoneyAndDemand proposal={proposal} currency={currency} />
            </Section>
            <Section title="Objectives and dependencies">
              <Group gap={6} mb="xs">
                {proposal.objectives.map((o) => (
                  <Badge key={o.objectiveId} variant="light" color="indigo">
                    {o.objectiveName} · {o.contribution}
                  </Badge>
                ))}
                {proposal.objectives.length === 0 && (
                  <Text size="sm" c="dimmed">
                    No objective named.
                  </Text>
                )}
              </Group>
              {proposal.dependencies.map((d) => (
                <Text key={d.proposalId ?? d.projectId} size="sm">
                  Needs {d.label}
                </Text>
              ))}
            </Section>
            {proposal.triagedAt && (
              <Section title="Triage">
                <Text size="sm">
                  {STATUS_LABELS[proposal.status]} by {proposal.triagedByName} on{' '}
                  {formatDateTime(proposal.triagedAt)}
                </Text>
                {proposal.triageNote && (
                  <Text size="sm" c="dimmed" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    {proposal.triageNote}
                  </Text>
                )}
              </Section>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Paper withBorder radius="sm" p="sm">
            {active ? (
              <ScoringPanel
                model={active}
                candidateType="proposal"
                candidateId={proposal.id}
                canEvaluate={
                  can('proposal.evaluate', scope) || active.evaluators.some((e) => e.userId === me?.user.id)
                }
              />
            ) : (
              <Text size="sm" c="dimmed">
                No active scoring model.
              </Text>
            )}
          </Paper>
          <Text size="xs" c="dimmed" mt="xs">
            Created {formatDate(proposal.createdAt)}
          </Text>
        </Grid.Col>
      </Grid>
      {editing && (
        <ProposalForm
          opened
          onClose={() => setEditing(false)}
          proposal={proposal}
          version={item.data?.version}
        />
      )}
      {decision && <TriageModal proposal={proposal} decision={decision} onClose={() => setDecision(null)} />}
    </>
  );
}
