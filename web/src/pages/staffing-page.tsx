import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useList } from '../api/queries.ts';
import type { StaffingRequest, StaffingStatus } from '../api/resource-types.ts';
import { useBook, useCancelRequest, useCandidates } from '../api/resources.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { FormModal } from '../forms/form-modal.tsx';
import { nullIfEmpty, useEntityForm, useSaveEntity } from '../forms/use-entity-form.ts';
import { formatDate } from '../lib/format.ts';

const COLUMNS: { status: StaffingStatus; title: string; color: string }[] = [
  { status: 'open', title: 'Open', color: 'gray' },
  { status: 'partially_filled', title: 'Partially filled', color: 'yellow' },
  { status: 'filled', title: 'Filled', color: 'teal' },
];

function FillModal({ request, onClose }: { request: StaffingRequest; onClose: () => void }) {
  const candidates = useCandidates(request.id);
  const book = useBook();
  const [kind, setKind] = useState('soft');
  const remaining = Math.max(0.01, Math.round((request.units - request.bookedUnits) * 100) / 100);
  // One person books at most full time; a larger request takes several people.
  const units = Math.min(remaining, 1);
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={`Fill ${request.projectCode}: ${request.roleName ?? ''} ${request.skillName ?? ''}`}
    >
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="sm">
            {formatDate(request.startDate)} – {formatDate(request.finishDate)} · {remaining} units still
            needed
          </Text>
          <SegmentedControl
            size="xs"
            value={kind}
            onChange={setKind}
            data={[
              { value: 'soft', label: 'Soft booking' },
              { value: 'hard', label: 'Hard booking' },
            ]}
          />
        </Group>
        <Table data-testid="candidates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Candidate</Table.Th>
              <Table.Th>Unit</Table.Th>
              <Table.Th ta="center">Proficiency</Table.Th>
              <Table.Th ta="right">Free hours</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(candidates.data ?? []).map((c) => (
              <Table.Tr key={c.resourceId}>
                <Table.Td>
                  {c.name}{' '}
                  <Text span size="xs" c="dimmed">
                    {c.roleName}
                  </Text>
                </Table.Td>
                <Table.Td>{c.businessUnitName ?? '—'}</Table.Td>
                <Table.Td ta="center">{c.proficiency ?? '—'}</Table.Td>
                <Table.Td ta="right" c={c.freeHours < 0 ? 'red' : undefined}>
                  {c.freeHours} of {c.capacityHours}
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="compact-xs"
                    loading={book.isPending}
                    data-testid={`book-${c.code}`}
                    onClick={() =>
                      book.mutate(
                        {
                          resourceId: c.resourceId,
                          staffingRequestId: request.id,
                          kind,
                          startDate: request.startDate,
                          finishDate: request.finishDate,
                          units,
                        },
                        { onSuccess: onClose },
                      )
                    }
                  >
                    Book
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {candidates.data?.length === 0 && <Text c="dimmed">Nobody in the pool has this role and skill.</Text>}
        <ProblemAlert error={book.error ?? candidates.error} />
      </Stack>
    </Modal>
  );
}

/** Withdraws a request from the board in two clicks; its bookings stay until cancelled on the resource. */
function CancelRequest({ request }: { request: StaffingRequest }) {
  const cancel = useCancelRequest();
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <Button
        size="compact-xs"
        variant="subtle"
        color="red"
        leftSection={<IconX size={12} />}
        onClick={() => {
          cancel.reset();
          setConfirming(true);
        }}
        data-testid="cancel-request"
      >
        Cancel
      </Button>
    );
  return (
    <Stack gap={4} mt={6}>
      <Group gap={4} wrap="nowrap">
        <Button
          size="compact-xs"
          color="red"
          loading={cancel.isPending}
          onClick={() => cancel.mutate(request)}
          data-testid="confirm-cancel-request"
        >
          Cancel request
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={() => setConfirming(false)}>
          Keep
        </Button>
      </Group>
      <ProblemAlert error={cancel.error} />
    </Stack>
  );
}

interface RequestValues extends Record<string, unknown> {
  projectId: string | null;
  roleId: string | null;
  skillId: string | null;
  startDate: string;
  finishDate: string;
  units: number | null;
  note: string;
}

function RequestForm({ onClose }: { onClose: () => void }) {
  const form = useEntityForm<RequestValues>({
    projectId: null,
    roleId: null,
    skillId: null,
    startDate: '',
    finishDate: '',
    units: 1,
    note: '',
  });
  const save = useSaveEntity('staffing-requests', form, { onSaved: onClose });
  return (
    <FormModal
      opened
      onClose={onClose}
      title="New staffing request"
      onSubmit={save.submit((all) => ({
        ...all,
        roleId: nullIfEmpty(all.roleId),
        skillId: nullIfEmpty(all.skillId),
      }))}
      saving={save.mutation.isPending}
      error={save.mutation.error}
      shownFields={['projectId', 'roleId', 'skillId', 'startDate', 'finishDate', 'units', 'note']}
      submitLabel="Ask for staff"
    >
      <EntitySelect collection="projects" label="Project" required {...form.select('projectId')} />
      <Group grow>
        <EntitySelect collection="resource-roles" label="Role" clearable {...form.select('roleId')} />
        <EntitySelect collection="skills" label="Skill" clearable {...form.select('skillId')} />
      </Group>
      <Group grow>
        <TextInput label="From" placeholder="YYYY-MM-DD" {...form.text('startDate')} />
        <TextInput label="To" placeholder="YYYY-MM-DD" {...form.text('finishDate')} />
        <NumberInput label="Units" min={0.01} max={1000} step={0.5} {...form.number('units')} />
      </Group>
      <TextInput label="Note" {...form.text('note')} />
    </FormModal>
  );
}

/** The staffing board: requests by status; resource managers fill them from ranked candidates. */
export function StaffingPage() {
  const { can } = usePermissions();
  const list = useList('staffing-requests', { pageSize: 500, sort: 'startDate' });
  const [filling, setFilling] = useState<StaffingRequest | null>(null);
  const [creating, setCreating] = useState(false);
  const canFill = can('resource.manage');
  const canCancel = can('project.edit');
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Staffing' }]}
        title="Staffing requests"
        subtitle="Projects ask for a role or a skill over a period; resource managers fill them with named people."
        actions={
          can('project.edit') && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="new-request"
            >
              New request
            </Button>
          )
        }
      />
      <ProblemAlert error={list.error} />
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        {COLUMNS.map((column) => {
          const requests = (list.data?.items ?? []).filter((r) => r.status === column.status);
          return (
            <Stack key={column.status} gap="xs" data-testid={`column-${column.status}`}>
              <Group gap="xs">
                <Title order={5}>{column.title}</Title>
                <Badge color={column.color} variant="light">
                  {requests.length}
                </Badge>
              </Group>
              {requests.map((r) => (
                <Card key={r.id} withBorder radius="sm" padding="sm" data-testid="request-card">
                  <Group justify="space-between" wrap="nowrap">
                    <Text fw={600} size="sm">
                      {r.projectCode} · {[r.roleName, r.skillName].filter(Boolean).join(' / ')}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      {canFill && r.status !== 'filled' && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => setFilling(r)}
                          data-testid="fill-request"
                        >
                          Fill
                        </Button>
                      )}
                      {canCancel && <CancelRequest request={r} />}
                    </Group>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatDate(r.startDate)} – {formatDate(r.finishDate)}
                    {r.minProficiency ? ` · proficiency ≥ ${r.minProficiency}` : ''}
                  </Text>
                  <Group gap="xs" mt={6} wrap="nowrap">
                    <Progress
                      value={Math.min(100, (r.bookedUnits / r.units) * 100)}
                      size="sm"
                      w="100%"
                      color={column.color}
                    />
                    <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                      {r.bookedUnits} / {r.units}
                    </Text>
                  </Group>
                  {r.note && (
                    <Text size="xs" mt={4} lineClamp={2}>
                      {r.note}
                    </Text>
                  )}
                </Card>
              ))}
            </Stack>
          );
        })}
      </SimpleGrid>
      {filling && <FillModal request={filling} onClose={() => setFilling(null)} />}
      {creating && <RequestForm onClose={() => setCreating(false)} />}
    </>
  );
}
