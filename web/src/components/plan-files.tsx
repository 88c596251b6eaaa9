import { Alert, Anchor, Button, FileButton, Group, List, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileImport } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client.ts';
import { PLAN_EXPORT_FORMATS, PLAN_IMPORT_ACCEPT, planExportUrl, uploadPlanFile } from '../api/plan-files.ts';
import { formatDateTime } from '../lib/format.ts';
import { ProblemAlert } from './problem-alert.tsx';

/**
 * Plan files: download the plan in each export format, and (for editors) replace it with an
 * MS Project XML, Primavera P6 XER or Excel task sheet upload.
 */
export function PlanFiles({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => uploadPlanFile(projectId, file),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
  const done = upload.data;
  const movedNames = done
    ? [...done.movedToDefaultCalendar.resources, ...done.movedToDefaultCalendar.calendars]
    : [];
  const refused = isApiError(upload.error, 400) ? upload.error : null;

  return (
    <Paper withBorder radius="sm" p="md" data-testid="plan-files">
      <Stack gap="md">
        <div>
          <Text fw={600} size="sm" mb={4}>
            Download the plan
          </Text>
          <Group gap="xs">
            {PLAN_EXPORT_FORMATS.map((f) => (
              <Button
                key={f.format}
                component="a"
                href={planExportUrl(projectId, f.format)}
                variant="default"
                size="xs"
                leftSection={<IconDownload size={14} />}
                data-testid={`export-${f.format}`}
              >
                {f.label}
              </Button>
            ))}
          </Group>
        </div>
        {canEdit && (
          <div>
            <Text fw={600} size="sm" mb={4}>
              Import a plan
            </Text>
            <Text size="sm" c="dimmed" mb="xs">
              MS Project XML (.xml), Primavera P6 (.xer) or an Excel task sheet (.xlsx). The file replaces the
              whole plan, in one step: a file with errors changes nothing.
            </Text>
            <FileButton onChange={(file) => file && upload.mutate(file)} accept={PLAN_IMPORT_ACCEPT}>
              {(props) => (
                <Button
                  {...props}
                  size="xs"
                  leftSection={<IconFileImport size={14} />}
                  loading={upload.isPending}
                  data-testid="import-plan"
                >
                  Choose a file…
                </Button>
              )}
            </FileButton>
          </div>
        )}
        {refused ? (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title="The file was not imported; the plan is unchanged"
            data-testid="import-error"
          >
            {(refused.problem.errors ?? []).map((e) => (
              <Text key={e.field + e.message} size="sm" ff="monospace">
                {e.message}
              </Text>
            ))}
          </Alert>
        ) : (
          <ProblemAlert error={upload.error} />
        )}
        {done && (
          <Alert color="teal" title={`Imported ${done.file}`} data-testid="import-result">
            <Text size="sm">
              {done.tasks} tasks, {done.links} links and {done.calendars} calendars; scheduled finish{' '}
              {done.computedFinish ? formatDateTime(done.computedFinish) : 'n/a'}.
            </Text>
            {movedNames.length > 0 && (
              <Text size="sm" mt="xs" data-testid="moved-to-default-calendar">
                These worked on the replaced plan's calendars and now use the organization's default calendar:{' '}
                {movedNames.join(', ')}.
              </Text>
            )}
            {done.warnings.length > 0 && (
              <List size="sm" mt="xs">
                {done.warnings.slice(0, 5).map((w) => (
                  <List.Item key={w}>{w}</List.Item>
                ))}
                {done.warnings.length > 5 && <List.Item>… and {done.warnings.length - 5} more</List.Item>}
              </List>
            )}
            <Anchor href={planExportUrl(projectId, 'xer')} size="sm" mt="xs" display="block">
              Download it back as XER
            </Anchor>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
