import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { keys } from '../api/queries.ts';
import { OrreryMark } from '../components/brand.tsx';

function loginMessage(error: unknown): { title: string; detail: string } {
  if (isApiError(error, 401)) {
    return {
      title: 'Wrong email or password',
      detail: error.problem.detail ?? 'Check both and try again.',
    };
  }
  if (isApiError(error, 429)) {
    return {
      title: 'Too many attempts',
      detail: error.problem.detail ?? 'Wait a minute before trying again.',
    };
  }
  if (isApiError(error)) return { title: error.problem.title, detail: error.problem.detail ?? '' };
  return { title: 'Could not sign in', detail: error instanceof Error ? error.message : String(error) };
}

export function LoginPage() {
  const { redirect } = useSearch({ from: '/login' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: () => endpoints.login(email.trim(), password),
    onSuccess: async () => {
      queryClient.clear();
      await queryClient.fetchQuery({ queryKey: keys.me, queryFn: () => endpoints.me() });
      await navigate({ to: redirect ?? '/' });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (email.trim() && password) login.mutate();
  };

  const message = login.error ? loginMessage(login.error) : null;

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w={380} gap="lg">
        <Stack gap={4} align="center">
          <OrreryMark size={30} />
          <Text c="dimmed" size="sm">
            Every project, program and portfolio in one place
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <Title order={3} fz={18}>
                Sign in
              </Title>
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                data-autofocus
                autoFocus
                name="email"
              />
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                name="password"
              />
              {message && (
                <Alert
                  color="red"
                  icon={<IconAlertTriangle size={18} />}
                  title={message.title}
                  data-testid="login-error"
                >
                  {message.detail}
                </Alert>
              )}
              <Button type="submit" loading={login.isPending} disabled={!email.trim() || !password} fullWidth>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          Orrery · open-source PMO platform
        </Text>
      </Stack>
    </Center>
  );
}
