import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { financeEndpoints, financeKeys, useBudget } from '../../api/finance.ts';
import { formatMoney } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';
import { PageLoader } from '../route-states.tsx';
import { type CellValues, MoneyGrid, monthRange, toCells, toValues } from './money-grid.tsx';

/** The project's budget: category × month, saved as one grid. */
export function BudgetPanel({
  projectId,
  span,
  currency,
  canEdit,
}: {
  projectId: string;
  span: { first: string | null; last: string | null };
  currency: string;
  canEdit: boolean;
}) {
  const qc = useQueryClient();
  const budget = useBudget(projectId);
  const [values, setValues] = useState<CellValues>({});
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (budget.data && !dirty) setValues(toValues(budget.data.cells));
  }, [budget.data, dirty]);
  const months = useMemo(() => {
    const periods = (budget.data?.cells ?? []).map((c) => c.period).sort();
    const first = [span.first, periods[0]].filter(Boolean).sort()[0];
    const last = [span.last, periods[periods.length - 1]].filter(Boolean).sort().reverse()[0];
    return first && last ? monthRange(first, last) : [];
  }, [budget.data, span.first, span.last]);
  const save = useMutation({
    mutationFn: () => financeEndpoints.setBudget(projectId, toCells(values)),
    onSuccess: async () => {
      setDirty(false);
      await qc.invalidateQueries({ queryKey: financeKeys.all(projectId) });
    },
  });
  if (budget.isLoading) return <PageLoader />;
  if (budget.error) return <ProblemAlert error={budget.error} />;
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="budget-panel">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={5}>Budget</Title>
          <Text size="xs" c="dimmed">
            By cost category and month · total {formatMoney(budget.data?.total ?? 0, currency)}
          </Text>
        </div>
        {canEdit && (
          <Button
            size="xs"
            leftSection={<IconDeviceFloppy size={14} />}
            disabled={!dirty}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="save-budget"
          >
            Save budget
          </Button>
        )}
      </Group>
      {months.length === 0 ? (
        <Text size="sm" c="dimmed">
          Give the project target dates (or a schedule) to budget it by month.
        </Text>
      ) : (
        <MoneyGrid
          months={months}
          values={values}
          currency={currency}
          testId="budget-grid"
          onChange={
            canEdit
              ? (next) => {
                  setDirty(true);
                  setValues(next);
                }
              : undefined
          }
        />
      )}
      <ProblemAlert error={save.error} />
    </Paper>
  );
}
