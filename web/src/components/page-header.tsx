import { Anchor, Box, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMe } from '../api/queries.ts';
import { AnchorLink } from './links.tsx';

export interface Crumb {
  label: string;
  /** A path inside the app; the last crumb (the current page) has none. */
  to?: string;
}

/** Breadcrumb, title, subtitle and the page's actions, in one dense row. */
export function PageHeader({
  crumbs,
  title,
  subtitle,
  badges,
  actions,
}: {
  crumbs?: Crumb[];
  title: ReactNode;
  subtitle?: ReactNode;
  badges?: ReactNode;
  actions?: ReactNode;
}) {
  // The root of every path is the organization itself, by name.
  const orgName = useMe().data?.org.name;
  const shown = crumbs?.map((c, i) =>
    i === 0 && c.label === 'Organization' && orgName ? { ...c, label: orgName } : c,
  );
  return (
    <Stack gap={6} mb="md">
      {shown && shown.length > 0 && (
        <Breadcrumbs separator="›" separatorMargin={6} fz="xs" data-testid="breadcrumbs">
          {shown.map((c, i) =>
            c.to ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: crumbs are positional
              <AnchorLink key={i} to={c.to} size="xs" c="dimmed">
                {c.label}
              </AnchorLink>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: crumbs are positional
              <Anchor key={i} component="span" size="xs" c="dark.4" underline="never">
                {c.label}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="md">
        <Box miw={0}>
          <Group gap="sm" wrap="nowrap">
            <Title order={2} fz={22} fw={650} lh={1.2} lineClamp={1}>
              {title}
            </Title>
            {badges}
          </Group>
          {subtitle && (
            <Text size="sm" c="dimmed" mt={2}>
              {subtitle}
            </Text>
          )}
        </Box>
        {actions && (
          <Group gap="xs" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
