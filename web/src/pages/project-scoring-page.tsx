import { Paper, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useItem, useList } from '../api/queries.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { ScoringPanel } from '../components/intake/scoring-panel.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { LoadError, PageLoader } from '../components/route-states.tsx';

/** A running project scored beside the proposals, so the optimizer can weigh continuing it. */
export function ProjectScoringPage() {
  const { id } = useParams({ from: '/app/intake/projects/$id' });
  const { can, me } = usePermissions();
  const item = useItem('projects', id);
  const models = useList('scoring-models', { pageSize: 100 });
  const project = item.data?.data;
  if (item.isLoading) return <PageLoader />;
  if (item.error || !project) return <LoadError error={item.error} what="project" />;
  const active = models.data?.items.find((m) => m.active);
  const scope = {
    businessUnitIds: [project.businessUnitId],
    portfolioId: project.portfolioId,
    programId: project.programId,
    projectId: project.id,
  };
  return (
    <>
      <PageHeader
        crumbs={[
          { label: 'Organization', to: '/' },
          { label: 'Intake', to: '/intake' },
          { label: project.code },
        ]}
        title={`Scoring · ${project.code} · ${project.name}`}
        subtitle={
          <AnchorLink to="/projects/$id" params={{ id: project.id }} size="sm">
            Open the project
          </AnchorLink>
        }
      />
      <Paper withBorder radius="sm" p="sm" maw={900}>
        {active ? (
          <ScoringPanel
            model={active}
            candidateType="project"
            candidateId={project.id}
            canEvaluate={
              can('proposal.evaluate', scope) || active.evaluators.some((e) => e.userId === me?.user.id)
            }
          />
        ) : (
          <Text size="sm" c="dimmed">
            No active scoring model.
          </Text>
        )}
      </Paper>
    </>
  );
}
