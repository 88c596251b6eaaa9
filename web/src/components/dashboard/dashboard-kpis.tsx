import { Card, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DashboardFilters, DashboardScope, RollupFigures } from '../../api/dashboard.ts';
import { formatDate, formatMoney, formatNumber } from '../../lib/format.ts';
import { FigureLink, type OpenFigure } from './figure-link.tsx';

function Kpi({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder radius="sm" padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text fz={24} fw={650} lh={1.25} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

const indexColor = (value: number | null) =>
  value === null ? undefined : value < 0.9 ? 'red.7' : value < 0.97 ? 'yellow.8' : 'green.7';

/** The scope's headline figures; each opens the projects that make it. */
export function DashboardKpis({
  kpis,
  scope,
  filters,
  currency,
  open,
}: {
  kpis: RollupFigures;
  scope: DashboardScope;
  filters: DashboardFilters;
  currency: string;
  open: OpenFigure;
}) {
  const link = (figure: string, label: string, children: ReactNode, testId?: string) => (
    <FigureLink figure={figure} label={label} scope={scope} filters={filters} open={open} testId={testId}>
      {children}
    </FigureLink>
  );
  const money = (n: number) => formatMoney(n, currency, true);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="sm">
      <Kpi
        label="Projects"
        testId="stat-projects"
        value={link('projects', 'Projects', formatNumber(kpis.projects), 'kpi-projects')}
        hint={`${formatDate(kpis.start)} → ${formatDate(kpis.finish)}`}
      />
      <Kpi
        label="Budget"
        value={link('budget', 'Budget', money(kpis.budget), 'kpi-budget')}
        hint={`BAC ${money(kpis.bac)}`}
      />
      <Kpi
        label="Actual"
        value={link('actual', 'Actual cost', money(kpis.actual), 'kpi-actual')}
        hint={`AC ${money(kpis.ac)}`}
      />
      <Kpi
        label="Forecast (EAC)"
        value={link('eac', 'Estimate at completion', money(kpis.eac), 'kpi-eac')}
        hint={
          <Text span size="xs" c={kpis.vac < 0 ? 'red.7' : 'dimmed'}>
            VAC {link('vac', 'Variance at completion', money(kpis.vac))}
          </Text>
        }
      />
      <Kpi
        label="SPI"
        value={
          <Text span inherit c={indexColor(kpis.spi)}>
            {link('spi', 'Schedule performance index', kpis.spi?.toFixed(2) ?? '—', 'kpi-spi')}
          </Text>
        }
        hint={`EV ${money(kpis.measured.ev)} ÷ PV ${money(kpis.measured.pv)}, of projects with progress`}
      />
      <Kpi
        label="CPI"
        value={
          <Text span inherit c={indexColor(kpis.cpi)}>
            {link('cpi', 'Cost performance index', kpis.cpi?.toFixed(2) ?? '—', 'kpi-cpi')}
          </Text>
        }
        hint={`EV ${money(kpis.measured.ev)} ÷ AC ${money(kpis.measured.ac)}, of projects with progress`}
      />
      <Kpi
        label="Late"
        value={link('late', 'Forecast to finish late', formatNumber(kpis.late), 'kpi-late')}
        hint="forecast past target finish"
      />
      <Kpi
        label="Overdue"
        value={link('overdue', 'Overdue projects', formatNumber(kpis.overdue), 'kpi-overdue')}
        hint="past target finish, still open"
      />
    </SimpleGrid>
  );
}
