import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { governanceEndpoints, useGovernanceMutation, useTerminationImpact } from '../../api/governance.ts';
import { formatDate } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';

/**
 * Termination, in two steps: first what it touches (projects waiting on this one, shared risks, booked
 * people), then the reason and the confirmation. On success the caller asks for lessons learned.
 */
export function TerminateModal({
  projectId,
  onClose,
  onTerminated,
}: {
  projectId: string;
  onClose: () => void;
  onTerminated: () => void;
}) {
  const impact = useTerminationImpact(projectId, true);
  const [reason, setReason] = useState('');
  const terminate = useGovernanceMutation(() =>
    governanceEndpoints.terminate(projectId, { reason, expectedVersion: impact.data?.projectVersion ?? 0 }),
  );
  const data = impact.data;
  const reasonError = isApiError(terminate.error) ? terminate.error.fieldErrors().reason : undefined;
  return (
    <Modal opened onClose={onClose} title="Terminate the project" size="xl" data-testid="terminate-modal">
      {!data ? (
        <Group justify="center" p="lg">
          <Loader size="sm" />
        </Group>
      ) : (
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
            Terminating <b>{data.projectName}</b> stops it for good. Its bookings from today on are released,
            open staffing requests are cancelled and the managers of projects that depend on it are told.
          </Alert>
          <div data-testid="impact-successors">
            <Title order={5} mb={4}>
              Projects waiting on it ({data.successors.length})
            </Title>
            {data.successors.length === 0 ? (
              <Text size="sm" c="dimmed">
                No other project has a task linked after this one's.
              </Text>
            ) : (
              <List size="sm" spacing={2}>
                {data.successors.map((s) => (
                  <List.Item key={s.projectId}>
                    <b>{s.projectCode}</b> {s.projectName} — {s.links} link{s.links === 1 ? '' : 's'}
                    {s.managerName ? `, managed by ${s.managerName} (will be notified)` : ''}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
          <div data-testid="impact-risks">
            <Title order={5} mb={4}>
              Shared risks ({data.sharedRisks.length})
            </Title>
            {data.sharedRisks.length === 0 ? (
              <Text size="sm" c="dimmed">
                No risk is shared with another project.
              </Text>
            ) : (
              <List size="sm" spacing={2}>
                {data.sharedRisks.map((r) => (
                  <List.Item key={r.riskId}>
                    {r.title} — also threatens {r.otherProjects.join(', ')}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
          <div data-testid="impact-bookings">
            <Title order={5} mb={4}>
              Bookings to release ({data.bookings.length})
              {data.openStaffingRequests > 0 && (
                <Text span size="sm" c="dimmed" fw={400}>
                  {' '}
                  · {data.openStaffingRequests} open staffing request
                  {data.openStaffingRequests === 1 ? '' : 's'} to cancel
                </Text>
              )}
            </Title>
            {data.bookings.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nobody is booked from today on.
              </Text>
            ) : (
              <Table withTableBorder fz="sm" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Resource</Table.Th>
                    <Table.Th>Booked</Table.Th>
                    <Table.Th ta="right">Units</Table.Th>
                    <Table.Th>Release</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.bookings.map((b) => (
                    <Table.Tr key={b.bookingId}>
                      <Table.Td>
                        {b.resourceName}{' '}
                        <Badge size="xs" variant="light" color={b.kind === 'hard' ? 'blue' : 'gray'}>
                          {b.kind}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {formatDate(b.startDate)} – {formatDate(b.finishDate)}
                      </Table.Td>
                      <Table.Td ta="right">{b.units}</Table.Td>
                      <Table.Td>{b.release === 'cancel' ? 'Cancelled' : 'Ends yesterday'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </div>
          <Textarea
            label="Reason"
            description="Recorded with the gate decision and sent to the managers of dependent projects."
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError}
            data-testid="terminate-reason"
          />
          <ProblemAlert error={terminate.error} shownFields={['reason']} onReload={() => impact.refetch()} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={terminate.isPending}
              onClick={() => terminate.mutate(undefined, { onSuccess: onTerminated })}
              data-testid="terminate-confirm"
            >
              Terminate project
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
