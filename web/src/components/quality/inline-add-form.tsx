import { Button, Group, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { ProblemAlert } from '../problem-alert.tsx';

/**
 * A one-line form that adds a record: its fields side by side, the submit button at the end of
 * the row and a failed save below. The fields' own state stays with the caller, which also
 * clears them once the mutation succeeds.
 */
export function InlineAddForm({
  mutation,
  submitLabel,
  canSubmit,
  submitIcon,
  submitTestId,
  mt,
  children,
}: {
  mutation: { mutate: (variables: undefined) => void; isPending: boolean; error: unknown };
  submitLabel: string;
  canSubmit: boolean;
  submitIcon?: ReactNode;
  submitTestId?: string;
  mt?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate(undefined);
      }}
    >
      <Group gap="xs" mt={mt} align="flex-end">
        {children}
        <Button
          size="xs"
          type="submit"
          leftSection={submitIcon}
          disabled={!canSubmit}
          loading={mutation.isPending}
          data-testid={submitTestId}
        >
          {submitLabel}
        </Button>
      </Group>
      <ProblemAlert error={mutation.error} />
    </form>
  );
}
