import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalculator, IconFileUpload, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client.ts';
import {
  COST_CATEGORIES,
  financeEndpoints,
  financeKeys,
  uploadActualsCsv,
  useActuals,
} from '../../api/finance.ts';
import { formatDate, formatMoney, humanize } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';

const sourceColor = { entered: 'blue', imported: 'grape', derived: 'teal' } as const;

/** Actual costs: the list, a form to enter one, a CSV upload (all or nothing) and derivation from assignments. */
export function ActualsPanel({
  projectId,
  currency,
  canEdit,
}: {
  projectId: string;
  currency: string;
  canEdit: boolean;
}) {
  const qc = useQueryClient();
  const actuals = useActuals(projectId);
  const [form, setForm] = useState({
    incurredOn: '',
    category: 'labour',
    amount: '' as number | '',
    description: '',
  });
  const refresh = () => qc.invalidateQueries({ queryKey: financeKeys.all(projectId) });
  const add = useMutation({
    mutationFn: () =>
      financeEndpoints.addActual(projectId, { ...form, amount: form.amount === '' ? null : form.amount }),
    onSuccess: async () => {
      setForm({ incurredOn: '', category: 'labour', amount: '', description: '' });
      await refresh();
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadActualsCsv(projectId, file),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (cost: { id: string; version: number }) =>
      financeEndpoints.removeActual(cost.id, cost.version),
    onSuccess: refresh,
  });
  const derive = useMutation({
    mutationFn: () => financeEndpoints.deriveActuals(projectId),
    onSuccess: refresh,
  });
  const fieldErrors = isApiError(add.error, 400) ? add.error.fieldErrors() : {};

  if (actuals.isLoading) return <PageLoader />;
  if (actuals.error) return <ProblemAlert error={actuals.error} />;
  const items = actuals.data?.items ?? [];
  const total = items.reduce((s, c) => s + c.amount, 0);
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="actuals-panel">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={5}>Actual costs</Title>
          <Text size="xs" c="dimmed">
            {actuals.data?.total ?? 0} entries · {formatMoney(total, currency)}
          </Text>
        </div>
        {canEdit && (
          <Group gap="xs">
            <FileButton onChange={(file) => file && upload.mutate(file)} accept=".csv,text/csv">
              {(props) => (
                <Button
                  {...props}
                  size="xs"
                  variant="light"
                  leftSection={<IconFileUpload size={14} />}
                  loading={upload.isPending}
                  data-testid="upload-actuals"
                >
                  Import CSV
                </Button>
              )}
            </FileButton>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconCalculator size={14} />}
              loading={derive.isPending}
              onClick={() => derive.mutate()}
            >
              Derive from assignments
            </Button>
          </Group>
        )}
      </Group>
      {upload.data && (
        <Alert color="teal" mb="xs" data-testid="import-result">
          Imported {upload.data.rows} rows, {formatMoney(upload.data.total, currency)}.
        </Alert>
      )}
      {derive.data && (
        <Alert color="teal" mb="xs">
          Derived {derive.data.rows} rows ({formatMoney(derive.data.total, currency)}) from assignments,
          replacing {derive.data.replaced}.
        </Alert>
      )}
      {isApiError(upload.error, 400) ? (
        <Alert
          color="red"
          mb="xs"
          title="The file was not imported: fix these lines and upload it again"
          data-testid="import-errors"
        >
          <List size="sm">
            {(upload.error.problem.errors ?? []).map((e) => (
              <List.Item key={`${e.field}${e.message}`}>
                <Text span fw={600} size="sm">
                  {e.field}
                </Text>{' '}
                — {e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <ProblemAlert error={upload.error ?? derive.error ?? remove.error} />
      )}
      {canEdit && (
        <Group gap="xs" align="flex-start" mb="sm" data-testid="actual-form">
          <TextInput
            size="xs"
            type="date"
            label="Date"
            value={form.incurredOn}
            error={fieldErrors.incurredOn}
            onChange={(e) => setForm({ ...form, incurredOn: e.currentTarget.value })}
          />
          <Select
            size="xs"
            w={130}
            label="Category"
            data={COST_CATEGORIES.map((c) => ({ value: c, label: humanize(c) }))}
            value={form.category}
            onChange={(v) => setForm({ ...form, category: v ?? 'labour' })}
            allowDeselect={false}
          />
          <NumberInput
            size="xs"
            w={130}
            label="Amount"
            min={0}
            thousandSeparator=","
            value={form.amount}
            error={fieldErrors.amount}
            onChange={(v) => setForm({ ...form, amount: typeof v === 'number' ? v : '' })}
          />
          <TextInput
            size="xs"
            w={240}
            label="Description"
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
          />
          <Button
            size="xs"
            mt={22}
            leftSection={<IconPlus size={14} />}
            loading={add.isPending}
            onClick={() => add.mutate()}
            data-testid="add-actual"
          >
            Add
          </Button>
        </Group>
      )}
      <ProblemAlert error={add.error} shownFields={['incurredOn', 'amount']} />
      <Table.ScrollContainer minWidth={600} maxHeight={360}>
        <Table striped fz="xs" stickyHeader data-testid="actuals-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Category</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Task / resource</Table.Th>
              <Table.Th>Source</Table.Th>
              {canEdit && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{formatDate(c.incurredOn)}</Table.Td>
                <Table.Td>{humanize(c.category)}</Table.Td>
                <Table.Td ta="right">{formatMoney(c.amount, currency)}</Table.Td>
                <Table.Td>{c.description}</Table.Td>
                <Table.Td>{[c.taskName, c.resourceName].filter(Boolean).join(' · ') || '—'}</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={sourceColor[c.source]}>
                    {c.source}
                  </Badge>
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    {c.source !== 'derived' && (
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="red"
                        aria-label={`Delete the cost of ${c.incurredOn}`}
                        loading={remove.isPending && remove.variables?.id === c.id}
                        onClick={() => remove.mutate(c)}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={canEdit ? 7 : 6}>
                  <Text size="sm" c="dimmed">
                    No actual costs yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
