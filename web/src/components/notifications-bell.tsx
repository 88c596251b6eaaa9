import { ActionIcon, Box, Indicator, Menu, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { riskEndpoints, riskKeys, useNotifications } from '../api/risks.ts';
import { formatDateTime } from '../lib/format.ts';

/** The header's bell (its auto margin keeps it beside the account menu): unread count, the latest notifications, and "mark all read". */
export function NotificationsBell() {
  const notifications = useNotifications();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const markAll = useMutation({
    mutationFn: riskEndpoints.markAllRead,
    onSuccess: () => qc.invalidateQueries({ queryKey: riskKeys.notifications }),
  });
  const unread = notifications.data?.unread ?? 0;
  return (
    <Box ml="auto" mr={4}>
      <Menu position="bottom-end" width={360} withinPortal>
        <Menu.Target>
          <Indicator disabled={unread === 0} label={unread} size={16} color="red" offset={4}>
            <ActionIcon variant="subtle" color="gray" aria-label="Notifications" data-testid="notifications">
              <IconBell size={20} />
            </ActionIcon>
          </Indicator>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Notifications</Menu.Label>
          {(notifications.data?.items ?? []).slice(0, 8).map((n) => (
            <Menu.Item
              key={n.id}
              onClick={() =>
                n.entityType === 'risk'
                  ? navigate({ to: '/risks/$id', params: { id: n.entityId } })
                  : n.entityType === 'project'
                    ? navigate({ to: '/projects/$id', params: { id: n.entityId } })
                    : n.entityType === 'announcement'
                      ? navigate({ to: '/announcements' })
                      : undefined
              }
            >
              <Text size="xs" fw={n.readAt ? 400 : 600} lineClamp={2}>
                {n.message}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(n.createdAt)}
              </Text>
            </Menu.Item>
          ))}
          {notifications.data?.items.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" py="xs">
              Nothing new.
            </Text>
          )}
          {unread > 0 && (
            <>
              <Menu.Divider />
              <Menu.Item onClick={() => markAll.mutate()} data-testid="mark-all-read">
                Mark all read
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
    </Box>
  );
}
