import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconArrowUpRight } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../api/client.ts';
import { useEscalate } from '../api/risks.ts';
import { ProblemAlert } from './problem-alert.tsx';

/** Escalates a risk or an issue one level up, with the reason the receiving level reads. */
export function EscalateButton({
  type,
  id,
  compact = false,
}: {
  type: 'risk' | 'issue';
  id: string;
  compact?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const escalate = useEscalate();
  const close = () => {
    setOpen(false);
    escalate.reset();
  };
  return (
    <>
      <Button
        variant={compact ? 'subtle' : 'default'}
        size={compact ? 'compact-xs' : 'sm'}
        leftSection={<IconArrowUpRight size={compact ? 12 : 16} />}
        onClick={() => setOpen(true)}
        data-testid="escalate"
      >
        Escalate
      </Button>
      <Modal opened={open} onClose={close} title={`Escalate this ${type}`} radius="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            escalate.mutate({ type, id, reason }, { onSuccess: close });
          }}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              It moves one level up: project → program (or portfolio) → PMO. Its owner and the managers there
              are told.
            </Text>
            <Textarea
              label="Why"
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="escalate-reason"
            />
            {isApiError(escalate.error, 400) && escalate.error.problem.errors?.length ? (
              <Alert
                color="red"
                icon={<IconAlertTriangle size={18} />}
                title="Cannot escalate"
                data-testid="escalate-error"
              >
                {escalate.error.problem.errors.map((e) => e.message).join('; ')}
              </Alert>
            ) : (
              <ProblemAlert error={escalate.error} />
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={escalate.isPending} data-testid="escalate-submit">
                Escalate
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
