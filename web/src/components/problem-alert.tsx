import { Alert, Button, List } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconRefresh } from '@tabler/icons-react';
import { isApiError } from '../api/client.ts';

/**
 * A failed save, explained: a version conflict offers a reload, a permission refusal says
 * so politely, validation errors not tied to a visible field are listed.
 */
export function ProblemAlert({
  error,
  onReload,
  shownFields = [],
}: {
  error: unknown;
  onReload?: () => void;
  shownFields?: string[];
}) {
  if (!error) return null;
  if (isApiError(error, 409)) {
    return (
      <Alert
        color="orange"
        icon={<IconRefresh size={18} />}
        title="Someone else changed this since you opened it"
        data-testid="conflict-alert"
      >
        Your changes were not saved, so nothing of theirs was overwritten. Reload to see the current version,
        then make your change again.
        {onReload && (
          <Button size="xs" mt="xs" color="orange" variant="white" onClick={onReload} display="block">
            Reload the latest version
          </Button>
        )}
      </Alert>
    );
  }
  if (isApiError(error, 403)) {
    return (
      <Alert color="gray" icon={<IconLock size={18} />} title="You do not have permission to do this">
        {error.problem.detail ?? 'Your roles do not allow this change. Ask your PMO administrator.'}
      </Alert>
    );
  }
  if (isApiError(error, 428)) {
    return (
      <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Reload before saving">
        The server needs to know which version you edited. Reload and try again.
      </Alert>
    );
  }
  if (isApiError(error)) {
    const others = (error.problem.errors ?? []).filter(
      (e) => !shownFields.includes(e.field.replace(/^(body|query|params)[./]/, '').replace(/^\//, '')),
    );
    const fieldCount = (error.problem.errors ?? []).length - others.length;
    return (
      <Alert
        color="red"
        icon={<IconAlertTriangle size={18} />}
        title={error.problem.title}
        data-testid="problem-alert"
      >
        {fieldCount > 0 && others.length === 0 ? 'Check the highlighted fields.' : error.problem.detail}
        {others.length > 0 && (
          <List size="sm" mt={4}>
            {others.map((e) => (
              <List.Item key={e.field + e.message}>
                {e.field ? `${e.field}: ` : ''}
                {e.message}
              </List.Item>
            ))}
          </List>
        )}
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Something went wrong">
      {error instanceof Error ? error.message : String(error)}
    </Alert>
  );
}
