import { IconArrowLeft } from '@tabler/icons-react';
import { useParams } from '@tanstack/react-router';
import { useItem } from '../api/queries.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useScopeCrumbs } from '../components/scope-crumbs.ts';
import { GanttChart } from './gantt-chart.tsx';

/** A project's Gantt on its own page, as tall as the window. */
export function ProjectGanttPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = usePermissions();
  const project = useItem('projects', id).data?.data;
  const { crumbs, businessUnitIds } = useScopeCrumbs({
    businessUnitId: project?.businessUnitId,
    portfolio: project ? { id: project.portfolioId, name: project.portfolioName ?? 'Portfolio' } : null,
    program: project?.programId ? { id: project.programId, name: project.programName ?? 'Program' } : null,
    current: project ? `${project.code} · ${project.name}` : '…',
  });
  const canEdit =
    !!project &&
    can('project.edit', {
      businessUnitIds,
      portfolioId: project.portfolioId,
      programId: project.programId,
      projectId: project.id,
    });
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={project ? `${project.name}: Gantt` : 'Gantt'}
        actions={
          <AnchorLink to="/projects/$id" params={{ id }} size="sm">
            <IconArrowLeft size={14} style={{ verticalAlign: -2 }} /> Project details
          </AnchorLink>
        }
      />
      <GanttChart kind="project" id={id} canEdit={canEdit} height="calc(100vh - 190px)" />
    </>
  );
}

/** A program's projects on one timeline, on its own page. */
export function ProgramGanttPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { can } = usePermissions();
  const program = useItem('programs', id).data?.data;
  const portfolio = useItem('portfolios', program?.portfolioId).data?.data;
  const { crumbs, businessUnitIds } = useScopeCrumbs({
    businessUnitId: portfolio?.businessUnitId,
    portfolio: program
      ? { id: program.portfolioId, name: program.portfolioName ?? portfolio?.name ?? '…' }
      : null,
    current: program?.name ?? '…',
  });
  const canEdit =
    !!program &&
    can('project.edit', { businessUnitIds, portfolioId: program.portfolioId, programId: program.id });
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={program ? `${program.name}: program timeline` : 'Program timeline'}
        actions={
          <AnchorLink to="/programs/$id" params={{ id }} size="sm">
            <IconArrowLeft size={14} style={{ verticalAlign: -2 }} /> Program details
          </AnchorLink>
        }
      />
      <GanttChart kind="program" id={id} canEdit={canEdit} height="calc(100vh - 190px)" />
    </>
  );
}
