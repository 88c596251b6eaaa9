import { UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DashboardFilters, DashboardScope, FigureRef } from '../../api/dashboard.ts';

/** Opens the contributors of a figure: every number of the dashboard is one of these. */
export type OpenFigure = (ref: FigureRef) => void;

export function FigureLink({
  figure,
  label,
  scope,
  filters,
  open,
  children,
  testId,
}: {
  figure: string;
  label: string;
  scope: DashboardScope;
  filters: DashboardFilters;
  open: OpenFigure;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <UnstyledButton
      onClick={() => open({ figure, label, scope, filters })}
      title={`Show the projects behind ${label.toLowerCase()}`}
      data-testid={testId}
      style={{
        textDecoration: 'underline dotted',
        textUnderlineOffset: 3,
        font: 'inherit',
        color: 'inherit',
      }}
    >
      {children}
    </UnstyledButton>
  );
}
