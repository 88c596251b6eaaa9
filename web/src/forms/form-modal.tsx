import { Button, Group, Modal, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { ProblemAlert } from '../components/problem-alert.tsx';

/** A modal form with the save/cancel footer and the save error shown above it. */
export function FormModal({
  opened,
  onClose,
  title,
  onSubmit,
  saving,
  error,
  onReload,
  shownFields,
  submitLabel = 'Save',
  size = 'lg',
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  onSubmit: (e: FormEvent) => void;
  saving: boolean;
  error: unknown;
  onReload?: () => void;
  shownFields?: string[];
  submitLabel?: string;
  size?: string;
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} centered={false} radius="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {children}
          <ProblemAlert error={error} onReload={onReload} shownFields={shownFields} />
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose} size="sm">
              Cancel
            </Button>
            <Button type="submit" loading={saving} size="sm" data-testid="form-submit">
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
