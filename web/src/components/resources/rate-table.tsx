import { Button, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { Rate } from '../../api/resource-types.ts';
import { useAddRate, useDeleteRate, useRates, useUpdateRate } from '../../api/resources.ts';
import { formatDate, formatMoney } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';

interface RateValues {
  effectiveFrom: string;
  standardRate: number | string;
  overtimeRate: number | string;
  perUseCost: number | string;
}

const blank: RateValues = { effectiveFrom: '', standardRate: '', overtimeRate: 0, perUseCost: 0 };

const body = (v: RateValues) => ({
  effectiveFrom: v.effectiveFrom.trim(),
  standardRate: Number(v.standardRate || 0),
  overtimeRate: Number(v.overtimeRate || 0),
  perUseCost: Number(v.perUseCost || 0),
});

/** The four inputs of a rate, laid out as table cells (editing a row) or as a row of fields (adding). */
function RateInputs({
  values,
  onChange,
  inCells,
}: {
  values: RateValues;
  onChange: (values: RateValues) => void;
  inCells: boolean;
}) {
  const set = (field: keyof RateValues) => (value: number | string) =>
    onChange({ ...values, [field]: value });
  const fields = [
    <TextInput
      key="from"
      size="xs"
      label={inCells ? undefined : 'From'}
      aria-label="Effective from"
      placeholder="YYYY-MM-DD"
      value={values.effectiveFrom}
      onChange={(e) => set('effectiveFrom')(e.currentTarget.value)}
      w={120}
    />,
    ...(['standardRate', 'overtimeRate', 'perUseCost'] as const).map((field) => (
      <NumberInput
        key={field}
        size="xs"
        label={inCells ? undefined : LABELS[field]}
        aria-label={LABELS[field]}
        min={0}
        decimalScale={2}
        value={values[field]}
        onChange={set(field)}
        w={110}
      />
    )),
  ];
  if (!inCells) return <>{fields}</>;
  return (
    <>
      {fields.map((field, i) => (
        <Table.Td key={field.key} ta={i === 0 ? undefined : 'right'}>
          {field}
        </Table.Td>
      ))}
    </>
  );
}

const LABELS = { standardRate: 'Standard / h', overtimeRate: 'Overtime / h', perUseCost: 'Per use' } as const;

/**
 * A resource's cost rates with their effective dates. A resource manager adds, changes and deletes
 * them here; each change reprices the resource's assignments, which the page then reads again.
 */
export function RateTable({
  resourceId,
  canEdit,
  currency,
}: {
  resourceId: string;
  canEdit: boolean;
  currency: string;
}) {
  const rates = useRates(resourceId);
  const add = useAddRate(resourceId);
  const update = useUpdateRate(resourceId);
  const remove = useDeleteRate(resourceId);
  const [adding, setAdding] = useState<RateValues>(blank);
  const [editing, setEditing] = useState<{ rate: Rate; values: RateValues } | null>(null);
  const startEditing = (rate: Rate) => {
    update.reset();
    remove.reset();
    setEditing({ rate, values: { ...rate } });
  };
  return (
    <Stack gap="xs">
      <Table data-testid="rates-table" withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>From</Table.Th>
            <Table.Th ta="right">Standard / h</Table.Th>
            <Table.Th ta="right">Overtime / h</Table.Th>
            <Table.Th ta="right">Per use</Table.Th>
            {canEdit && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rates.data ?? []).map((r) =>
            editing?.rate.id === r.id ? (
              <Table.Tr key={r.id} data-testid="rate-editing">
                <RateInputs
                  values={editing.values}
                  onChange={(values) => setEditing({ rate: r, values })}
                  inCells
                />
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button
                      size="compact-xs"
                      loading={update.isPending}
                      onClick={() =>
                        update.mutate(
                          { rate: r, body: body(editing.values) },
                          { onSuccess: () => setEditing(null) },
                        )
                      }
                      data-testid="save-rate"
                    >
                      Save
                    </Button>
                    <Button
                      size="compact-xs"
                      color="red"
                      variant="light"
                      loading={remove.isPending}
                      onClick={() => remove.mutate(r, { onSuccess: () => setEditing(null) })}
                      data-testid="delete-rate"
                    >
                      Delete
                    </Button>
                    <Button size="compact-xs" variant="subtle" onClick={() => setEditing(null)}>
                      Cancel
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ) : (
              <Table.Tr key={r.id}>
                <Table.Td>{formatDate(r.effectiveFrom)}</Table.Td>
                <Table.Td ta="right">{formatMoney(r.standardRate, currency)}</Table.Td>
                <Table.Td ta="right">{formatMoney(r.overtimeRate, currency)}</Table.Td>
                <Table.Td ta="right">{formatMoney(r.perUseCost, currency)}</Table.Td>
                {canEdit && (
                  <Table.Td ta="right">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconPencil size={12} />}
                      onClick={() => startEditing(r)}
                      aria-label={`Edit the rate from ${r.effectiveFrom}`}
                      data-testid="edit-rate"
                    >
                      Edit
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ),
          )}
        </Table.Tbody>
      </Table>
      {rates.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          No rates: assignments cost nothing.
        </Text>
      )}
      <ProblemAlert error={update.error ?? remove.error} />
      {canEdit && (
        <Group gap="xs" align="flex-end" data-testid="add-rate-form">
          <RateInputs values={adding} onChange={setAdding} inCells={false} />
          <Button
            size="xs"
            loading={add.isPending}
            onClick={() => add.mutate(body(adding), { onSuccess: () => setAdding(blank) })}
            data-testid="add-rate"
          >
            Add rate
          </Button>
        </Group>
      )}
      <ProblemAlert error={add.error} />
    </Stack>
  );
}
