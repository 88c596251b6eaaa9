import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconMapOff } from '@tabler/icons-react';
import { type ErrorComponentProps, useRouter } from '@tanstack/react-router';
import { isApiError } from '../api/client.ts';
import { ButtonLink } from './links.tsx';

export function PageLoader({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl">
      <Group gap="xs">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

export function NotFound() {
  return (
    <Center py={80}>
      <Stack align="center" gap="xs">
        <IconMapOff size={40} stroke={1.4} color="var(--mantine-color-gray-5)" />
        <Title order={3}>Page not found</Title>
        <Text c="dimmed" size="sm">
          The address does not match any page in Orrery.
        </Text>
        <ButtonLink to="/" variant="light" size="xs" mt="sm">
          Go to the organization overview
        </ButtonLink>
      </Stack>
    </Center>
  );
}

/** What a page shows when loading its main record failed: 404, 403 or anything else. */
export function LoadError({ error, what }: { error: unknown; what: string }) {
  // A malformed id in the address is a 400 from the API; to the reader it is simply not there.
  if (isApiError(error, 404) || isApiError(error, 400)) {
    return (
      <Center py={60}>
        <Stack align="center" gap="xs">
          <IconMapOff size={36} stroke={1.4} color="var(--mantine-color-gray-5)" />
          <Title order={4}>This {what} does not exist</Title>
          <Text c="dimmed" size="sm">
            It may have been deleted, or the link is wrong.
          </Text>
        </Stack>
      </Center>
    );
  }
  if (isApiError(error, 403)) {
    return (
      <Center py={60}>
        <Stack align="center" gap="xs">
          <IconLock size={36} stroke={1.4} color="var(--mantine-color-gray-5)" />
          <Title order={4}>You do not have access to this {what}</Title>
          <Text c="dimmed" size="sm">
            Ask your PMO administrator for a role that covers it.
          </Text>
        </Stack>
      </Center>
    );
  }
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={`Could not load this ${what}`}>
      {error instanceof Error ? error.message : String(error)}
    </Alert>
  );
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <Stack p="lg" maw={640}>
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Something went wrong">
        <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>
        <Button
          mt="sm"
          size="xs"
          variant="white"
          color="red"
          onClick={() => {
            reset();
            void router.invalidate();
          }}
        >
          Try again
        </Button>
      </Alert>
    </Stack>
  );
}
