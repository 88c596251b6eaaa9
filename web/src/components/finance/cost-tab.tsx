import { Stack } from '@mantine/core';
import { ActualsPanel } from './actuals-panel.tsx';
import { BudgetPanel } from './budget-panel.tsx';
import { EvmPanel } from './evm-panel.tsx';
import { ForecastsPanel } from './forecasts-panel.tsx';

/** The project's Cost tab: earned value first (what a reader wants), then the rows behind it. */
export function CostTab({
  project,
  currency,
  canEdit,
}: {
  project: { id: string; targetStart: string | null; targetFinish: string | null };
  currency: string;
  // Managing finance is granted to exactly the roles that edit the project (see policy.ts).
  canEdit: boolean;
}) {
  const span = {
    first: project.targetStart?.slice(0, 7) ?? null,
    last: project.targetFinish?.slice(0, 7) ?? null,
  };
  return (
    <Stack gap="md" data-testid="cost-tab">
      <EvmPanel projectId={project.id} currency={currency} />
      <BudgetPanel projectId={project.id} span={span} currency={currency} canEdit={canEdit} />
      <ActualsPanel projectId={project.id} currency={currency} canEdit={canEdit} />
      <ForecastsPanel projectId={project.id} lastMonth={span.last} currency={currency} canEdit={canEdit} />
    </Stack>
  );
}
