import {
  Accordion,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type CorrectiveAction,
  type Finding,
  qualityApi,
  useQualityMutation,
  useQualityQuery,
} from '../../api/quality.ts';
import { formatDate, humanize } from '../../lib/format.ts';
import { EntitySelect } from '../entity-select.tsx';
import { ProblemAlert } from '../problem-alert.tsx';
import { InlineAddForm } from './inline-add-form.tsx';
import { InspectionForm } from './inspection-form.tsx';
import { ComplianceBadge, OversightBadge, ResultBadge, SeverityBadge } from './quality-badges.tsx';

const today = () => new Date().toISOString().slice(0, 10);

/** The project's Quality tab: compliance and oversight, inspections with their checklists, findings and actions. */
export function ProjectQuality({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const compliance = useQualityQuery(['compliance', projectId], (s) =>
    qualityApi.projectCompliance(projectId, s),
  );
  const oversight = useQualityQuery(['oversight', projectId], (s) =>
    qualityApi.projectOversight(projectId, s),
  );
  const inspections = useQualityQuery(['inspections', projectId], (s) =>
    qualityApi.inspections(projectId, s),
  );
  const findings = useQualityQuery(['findings', projectId], (s) => qualityApi.findings(projectId, s));
  const actions = useQualityQuery(['actions', projectId], (s) => qualityApi.actions(projectId, s));
  const [recording, setRecording] = useState(false);
  const c = compliance.data;
  return (
    <Stack gap="md" data-testid="project-quality">
      <Paper withBorder radius="sm" p="md">
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              Compliance
            </Text>
            {c && <ComplianceBadge figures={c} />}
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              Checks passed
            </Text>
            <Text fw={600}>{c ? `${c.checksPassed} / ${c.applicableChecks}` : '…'}</Text>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              Open findings
            </Text>
            <Text fw={600}>
              {c
                ? c.openFindings.critical + c.openFindings.high + c.openFindings.medium + c.openFindings.low
                : '…'}
            </Text>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              Overdue actions
            </Text>
            <Text fw={600} c={c && c.overdueActions > 0 ? 'red' : undefined}>
              {c?.overdueActions ?? '…'}
            </Text>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              Oversight
            </Text>
            {oversight.data && (
              <Group gap={6}>
                <OversightBadge oversight={oversight.data.oversight} />
                <Text size="xs" c="dimmed">
                  level {oversight.data.level ?? 'not assessed'} · {oversight.data.reportingCadence} reports ·
                  PMO reviews {oversight.data.pmoReviewGates} gates
                </Text>
              </Group>
            )}
          </Stack>
        </SimpleGrid>
      </Paper>
      <Group justify="space-between">
        <Title order={4}>Inspections and audits</Title>
        {canEdit && (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setRecording(true)}
            data-testid="record-inspection"
          >
            Record inspection
          </Button>
        )}
      </Group>
      <Accordion variant="separated" radius="sm" data-testid="inspections">
        {(inspections.data?.items ?? []).map((inspection) => (
          <Accordion.Item key={inspection.id} value={inspection.id}>
            <Accordion.Control>
              <Group gap="sm">
                <Badge variant="outline" radius="sm" size="sm">
                  {inspection.kind}
                </Badge>
                <Text size="sm" fw={600}>
                  {inspection.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDate(inspection.heldOn)} · {inspection.standardName}
                </Text>
                <Text size="xs" c="teal">
                  {inspection.passed} passed
                </Text>
                {inspection.failed > 0 && (
                  <Text size="xs" c="red">
                    {inspection.failed} failed
                  </Text>
                )}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Table fz="sm" verticalSpacing={4}>
                <Table.Tbody>
                  {inspection.results.map((r) => (
                    <Table.Tr key={r.itemId}>
                      <Table.Td>{r.text}</Table.Td>
                      <Table.Td w={60}>
                        <ResultBadge result={r.result} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {canEdit && <AddFinding inspectionId={inspection.id} />}
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {inspections.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          No inspection or audit recorded yet.
        </Text>
      )}
      <Title order={4}>Findings and corrective actions</Title>
      <Paper withBorder radius="sm" p="sm">
        <Table fz="sm" verticalSpacing={6} data-testid="findings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>Severity</Table.Th>
              <Table.Th>Finding</Table.Th>
              <Table.Th>Corrective actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(findings.data?.items ?? []).map((finding) => (
              <FindingRow
                key={finding.id}
                finding={finding}
                actions={(actions.data?.items ?? []).filter((a) => a.findingId === finding.id)}
                canEdit={canEdit}
              />
            ))}
            {findings.data?.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <Text size="sm" c="dimmed">
                    No findings.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>
      {recording && <InspectionForm projectId={projectId} onClose={() => setRecording(false)} />}
    </Stack>
  );
}

function AddFinding({ inspectionId }: { inspectionId: string }) {
  const [severity, setSeverity] = useState<string | null>('medium');
  const [description, setDescription] = useState('');
  const add = useQualityMutation(
    () => qualityApi.createFinding({ inspectionId, severity, description }),
    () => setDescription(''),
  );
  return (
    <InlineAddForm mutation={add} submitLabel="Add finding" canSubmit={!!description} mt="sm">
      <Select
        size="xs"
        label="Severity"
        w={120}
        data={['low', 'medium', 'high', 'critical']}
        value={severity}
        onChange={setSeverity}
        allowDeselect={false}
      />
      <TextInput
        size="xs"
        label="New finding"
        style={{ flex: 1 }}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
    </InlineAddForm>
  );
}

const ACTION_STATUSES = ['open', 'in_progress', 'done'].map((s) => ({ value: s, label: humanize(s) }));

function FindingRow({
  finding,
  actions,
  canEdit,
}: {
  finding: Finding;
  actions: CorrectiveAction[];
  canEdit: boolean;
}) {
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState('');
  const add = useQualityMutation(
    () => qualityApi.createAction({ findingId: finding.id, title, ownerId, dueDate: dueDate || null }),
    () => setTitle(''),
  );
  const change = useQualityMutation((v: { action: CorrectiveAction; status: string }) =>
    qualityApi.updateAction(v.action.id, v.action.version, { status: v.status }),
  );
  const close = useQualityMutation(() =>
    qualityApi.updateFinding(finding.id, finding.version, {
      status: finding.status === 'open' ? 'closed' : 'open',
    }),
  );
  return (
    <Table.Tr>
      <Table.Td>
        <SeverityBadge severity={finding.severity} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" td={finding.status === 'closed' ? 'line-through' : undefined}>
          {finding.description}
        </Text>
        {canEdit && (
          <Button size="compact-xs" variant="subtle" onClick={() => close.mutate(undefined)}>
            {finding.status === 'open' ? 'Close finding' : 'Reopen'}
          </Button>
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          {actions.map((a) => {
            const overdue = a.status !== 'done' && a.dueDate !== null && a.dueDate < today();
            return (
              <Group key={a.id} gap="xs" wrap="nowrap">
                <Text size="sm" style={{ flex: 1 }}>
                  {a.title}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {a.ownerName ?? 'no owner'} · due {formatDate(a.dueDate)}
                  </Text>
                  {overdue && (
                    <Badge ml={6} size="xs" color="red" variant="filled">
                      Overdue
                    </Badge>
                  )}
                </Text>
                {canEdit ? (
                  <Select
                    size="xs"
                    w={130}
                    data={ACTION_STATUSES}
                    value={a.status}
                    allowDeselect={false}
                    aria-label={`Status of ${a.title}`}
                    onChange={(v) => v && change.mutate({ action: a, status: v })}
                  />
                ) : (
                  <Text size="xs">{humanize(a.status)}</Text>
                )}
              </Group>
            );
          })}
          {canEdit && finding.status === 'open' && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                add.mutate(undefined);
              }}
            >
              <Group gap={6} align="flex-end" wrap="nowrap">
                <TextInput
                  size="xs"
                  placeholder="New corrective action"
                  value={title}
                  onChange={(e) => setTitle(e.currentTarget.value)}
                  style={{ flex: 1 }}
                />
                <EntitySelect
                  collection="users"
                  size="xs"
                  placeholder="Owner"
                  w={150}
                  value={ownerId}
                  onChange={setOwnerId}
                />
                <TextInput
                  size="xs"
                  type="date"
                  value={dueDate}
                  onChange={(e) => setDueDate(e.currentTarget.value)}
                  aria-label="Due"
                />
                <Button size="xs" type="submit" disabled={!title} loading={add.isPending}>
                  Add
                </Button>
              </Group>
            </form>
          )}
          <ProblemAlert error={add.error ?? change.error ?? close.error} />
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
