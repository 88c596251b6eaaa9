import { EmptyState } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useList } from '../api/queries.ts';
import type { Page, Project } from '../api/types.ts';
import { projectColumns } from '../pages/projects-page.tsx';
import { DataTable } from './data-table.tsx';

const SCOPE_PROJECTS_PAGE_SIZE = 25;

/** One page of the scope's projects, highest priority first, and the page shown. */
export function useScopeProjects(scope: {
  businessUnitId?: string;
  portfolioId?: string;
  programId?: string;
}) {
  const [page, setPage] = useState(1);
  const projects = useList('projects', {
    ...scope,
    pageSize: SCOPE_PROJECTS_PAGE_SIZE,
    page,
    sort: 'priority',
    order: 'desc',
  });
  return { projects, page, onPage: setPage };
}

/** The projects inside one scope (business unit, portfolio, program), paged by the server. */
export function ScopeProjectsTable(props: {
  projects: UseQueryResult<Page<Project>>;
  currency: string;
  /** Columns that would only repeat the scope itself. */
  hide: string[];
  page: number;
  onPage: (page: number) => void;
  minWidth: number;
  emptyTitle: string;
  emptyDescription: string;
}) {
  const { projects } = props;
  return (
    <DataTable
      columns={projectColumns(props.currency, props.hide)}
      rows={projects.data?.items}
      rowKey={(r) => r.id}
      total={projects.data?.total}
      page={props.page}
      pageSize={SCOPE_PROJECTS_PAGE_SIZE}
      onPage={props.onPage}
      error={projects.error}
      minWidth={props.minWidth}
      empty={
        <EmptyState
          icon={<IconListDetails />}
          title={props.emptyTitle}
          description={props.emptyDescription}
        />
      }
    />
  );
}
