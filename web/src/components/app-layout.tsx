import {
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Divider,
  Group,
  Menu,
  ScrollArea,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertOctagon,
  IconAlertTriangle,
  IconBooks,
  IconBriefcase,
  IconBuildingSkyscraper,
  IconBulb,
  IconCalendarTime,
  IconChartDots3,
  IconChevronDown,
  IconGridDots,
  IconInbox,
  IconListDetails,
  IconLogout,
  IconReportAnalytics,
  IconRosette,
  IconRoute,
  IconSettings,
  IconSitemap,
  IconSpeakerphone,
  IconStack2,
  IconStairsUp,
  IconTarget,
  IconTrendingUp,
  IconUserSearch,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { Suspense, useEffect } from 'react';
import { endpoints } from '../api/endpoints.ts';
import { useMe } from '../api/queries.ts';
import { can } from '../auth/permissions.ts';
import { humanize, initials } from '../lib/format.ts';
import { OrreryMark } from './brand.tsx';
import { NavItemLink } from './links.tsx';
import { NotificationsBell } from './notifications-bell.tsx';
import { PageLoader } from './route-states.tsx';

// Grouped the way a PMO's week divides: what it oversees, what it decides, what it delivers with, what it keeps.
const NAV_GROUPS = [
  {
    title: 'Oversight',
    items: [
      { to: '/', label: 'Organization', icon: IconBuildingSkyscraper, exact: true },
      { to: '/business-units', label: 'Business units', icon: IconSitemap },
      { to: '/portfolios', label: 'Portfolios', icon: IconBriefcase },
      { to: '/programs', label: 'Programs', icon: IconStack2 },
      { to: '/projects', label: 'Projects', icon: IconListDetails },
      { to: '/reports', label: 'Status reports', icon: IconReportAnalytics },
    ],
  },
  {
    title: 'Governance',
    items: [
      { to: '/objectives', label: 'Objectives', icon: IconTarget },
      { to: '/intake', label: 'Intake', icon: IconInbox },
      { to: '/scenarios', label: 'Scenarios', icon: IconChartDots3 },
      { to: '/lifecycle', label: 'Lifecycle', icon: IconRoute },
      { to: '/benefits', label: 'Benefits', icon: IconTrendingUp },
    ],
  },
  {
    title: 'Delivery',
    items: [
      { to: '/risks', label: 'Risks', icon: IconAlertTriangle },
      { to: '/issues', label: 'Issues', icon: IconAlertOctagon },
      { to: '/quality', label: 'Quality', icon: IconRosette },
    ],
  },
  {
    title: 'Resources',
    items: [
      { to: '/resources', label: 'Resources', icon: IconUsersGroup },
      { to: '/capacity', label: 'Capacity', icon: IconGridDots },
      { to: '/staffing', label: 'Staffing', icon: IconUserSearch },
      { to: '/calendars', label: 'Calendars', icon: IconCalendarTime },
    ],
  },
  {
    title: 'Knowledge',
    items: [
      { to: '/knowledge', label: 'Knowledge hub', icon: IconBooks },
      { to: '/lessons', label: 'Lessons learned', icon: IconBulb },
      { to: '/maturity', label: 'Maturity', icon: IconStairsUp },
      { to: '/announcements', label: 'Announcements', icon: IconSpeakerphone },
    ],
  },
] as const;

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe().data;
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const signOut = async () => {
    await endpoints.logout().catch(() => undefined);
    queryClient.clear();
    await navigate({ to: '/login', search: {} });
  };

  const isActive = (to: string, exact?: boolean) =>
    exact ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);

  const topRole = me?.grants[0];

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <OrreryMark />
            <Divider orientation="vertical" my={14} />
            <Text fw={600} size="sm" data-testid="org-name" truncate>
              {me?.org.name}
            </Text>
            {me && (
              <Badge variant="light" color="gray" size="sm" radius="sm">
                {me.org.currency}
              </Badge>
            )}
          </Group>
          {me && <NotificationsBell />}
          {me && (
            <Menu position="bottom-end" width={240} withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label="Account menu" data-testid="user-menu">
                  <Group gap={8} wrap="nowrap">
                    <Avatar size={28} radius="xl" color="blue">
                      {initials(me.user.name)}
                    </Avatar>
                    <Box visibleFrom="xs">
                      <Text size="sm" fw={500} lh={1.1}>
                        {me.user.name}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.1}>
                        {topRole ? humanize(topRole.role) : 'No role'}
                      </Text>
                    </Box>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.user.email}</Menu.Label>
                {me.grants.slice(0, 6).map((g) => (
                  <Menu.Item key={g.id} disabled fz="xs">
                    {humanize(g.role)} ·{' '}
                    {g.scopeType === 'organization' ? me.org.name : (g.scopeName ?? humanize(g.scopeType))}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut} data-testid="logout">
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          {NAV_GROUPS.map((group) => (
            <nav key={group.title} aria-label={group.title}>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt={8} pb={4}>
                {group.title}
              </Text>
              {group.items.map((item) => (
                <NavItemLink
                  key={item.to}
                  to={item.to}
                  label={item.label}
                  leftSection={<item.icon size={18} stroke={1.6} />}
                  active={isActive(item.to, 'exact' in item && item.exact)}
                  onClick={close}
                  styles={{ root: { borderRadius: 'var(--mantine-radius-sm)', paddingBlock: 6 } }}
                />
              ))}
            </nav>
          ))}
          {can(me, 'admin') && (
            <>
              <Divider my="xs" />
              <NavItemLink
                to="/admin"
                label="Admin"
                leftSection={<IconSettings size={18} stroke={1.6} />}
                active={isActive('/admin')}
                onClick={close}
                data-testid="nav-admin"
                styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
              />
            </>
          )}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" py={6}>
            Orrery · open-source PMO
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
          <RenderedRouteMarker />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

/**
 * Publishes the path of the page actually on screen as `data-route` on <body>. The address bar
 * changes as soon as a navigation starts, while the previous page stays up until the next one has
 * loaded; browser tests (and anything else watching) wait on this instead of the URL.
 */
function RenderedRouteMarker() {
  const renderedPath = useRouterState({ select: (s) => s.matches[s.matches.length - 1]?.pathname ?? '' });
  useEffect(() => {
    document.body.dataset.route = renderedPath;
  }, [renderedPath]);
  return null;
}
