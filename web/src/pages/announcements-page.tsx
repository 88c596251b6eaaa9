import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconMail, IconSpeakerphone } from '@tabler/icons-react';
import { useState } from 'react';
import { type OutboxEmail, qualityApi, useQualityMutation, useQualityQuery } from '../api/quality.ts';
import type { CollectionName } from '../api/types.ts';
import { usePermissions } from '../auth/use-permissions.ts';
import { EntitySelect } from '../components/entity-select.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ProblemAlert } from '../components/problem-alert.tsx';
import { formatDateTime, humanize } from '../lib/format.ts';

const SCOPE_COLLECTIONS: Record<string, CollectionName | null> = {
  organization: null,
  business_unit: 'business-units',
  portfolio: 'portfolios',
  program: 'programs',
  project: 'projects',
};

/** Announcements from the PMO to a scope (they land in everyone's notifications), and the e-mail outbox. */
export function AnnouncementsPage() {
  const { can } = usePermissions();
  const isPmo = can('admin');
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Organization', to: '/' }, { label: 'Announcements' }]}
        title="Announcements"
        subtitle="The PMO writes to everyone within a scope: in-app, and by e-mail when asked"
      />
      <Tabs defaultValue="announcements" keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="announcements" leftSection={<IconSpeakerphone size={14} />}>
            Announcements
          </Tabs.Tab>
          {isPmo && (
            <Tabs.Tab value="outbox" leftSection={<IconMail size={14} />} data-testid="tab-outbox">
              E-mail outbox
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="announcements">
          <Stack gap="md">
            {isPmo && <Compose />}
            <AnnouncementList />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="outbox">
          <Stack gap="md">
            <MailServer />
            <Outbox />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Compose() {
  const [scopeType, setScopeType] = useState('organization');
  const [scopeId, setScopeId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [sendEmail, setSendEmail] = useState(false);
  const send = useQualityMutation(
    () =>
      qualityApi.announce({
        scopeType,
        scopeId: scopeType === 'organization' ? null : scopeId,
        title,
        body,
        sendEmail,
      }),
    () => {
      setTitle('');
      setBody('');
    },
  );
  const collection = SCOPE_COLLECTIONS[scopeType];
  return (
    <Paper withBorder radius="sm" p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate(undefined);
        }}
      >
        <Stack gap="sm">
          <Group align="flex-end">
            <Select
              label="To everyone in"
              w={180}
              data={Object.keys(SCOPE_COLLECTIONS).map((v) => ({ value: v, label: humanize(v) }))}
              value={scopeType}
              onChange={(v) => {
                setScopeType(v ?? 'organization');
                setScopeId(null);
              }}
              allowDeselect={false}
              data-testid="announce-scope-type"
            />
            {collection && (
              <EntitySelect
                key={collection}
                collection={collection}
                label={humanize(scopeType)}
                w={280}
                value={scopeId}
                onChange={setScopeId}
              />
            )}
          </Group>
          <TextInput
            label="Title"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            data-testid="announce-title"
          />
          <Textarea
            label="Message"
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            data-testid="announce-body"
          />
          <Group justify="space-between">
            <Checkbox
              label="Also send by e-mail"
              checked={sendEmail}
              onChange={(e) => setSendEmail(e.currentTarget.checked)}
            />
            <Button
              type="submit"
              loading={send.isPending}
              disabled={!title || !body}
              data-testid="announce-send"
            >
              Send announcement
            </Button>
          </Group>
          <ProblemAlert error={send.error} />
        </Stack>
      </form>
    </Paper>
  );
}

function AnnouncementList() {
  const list = useQualityQuery(['announcements'], qualityApi.announcements);
  return (
    <Stack gap="sm" data-testid="announcement-list">
      {(list.data?.items ?? []).map((a) => (
        <Paper key={a.id} withBorder radius="sm" p="md">
          <Group justify="space-between" mb={4}>
            <Text fw={600}>{a.title}</Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(a.createdAt)}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.body}
          </Text>
          <Text size="xs" c="dimmed" mt={6}>
            {a.authorName ?? 'PMO'} to {a.scopeName ?? humanize(a.scopeType)} · {a.recipients} recipient(s)
            {a.sendEmail ? ' · also by e-mail' : ''}
          </Text>
        </Paper>
      ))}
      {list.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          No announcements.
        </Text>
      )}
    </Stack>
  );
}

/** Where this organization's mail goes: its own SMTP server, or the installation's. */
function MailServer() {
  const settings = useQualityQuery(['mail-settings'], qualityApi.mailSettings);
  const [smtpUrl, setSmtpUrl] = useState('');
  const [fromAddress, setFromAddress] = useState('');
  const save = useQualityMutation(
    () => qualityApi.saveMailSettings(settings.data?.version ?? 0, { smtpUrl, fromAddress }),
    () => setSmtpUrl(''),
  );
  const current = settings.data;
  return (
    <Paper withBorder radius="sm" p="sm" data-testid="mail-server">
      <Text size="sm" mb="xs">
        {current?.smtpUrl
          ? `Mail goes through ${current.smtpUrl}${current.own ? " (this organization's server)" : ' (the installation default)'}`
          : 'No mail server is set: messages wait in the outbox and fail with that reason.'}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(undefined);
        }}
      >
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            label="SMTP URL"
            placeholder="smtp://user:password@mail.example.com:587"
            value={smtpUrl}
            onChange={(e) => setSmtpUrl(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <TextInput
            size="xs"
            label="From"
            placeholder="PMO <pmo@example.com>"
            value={fromAddress}
            onChange={(e) => setFromAddress(e.currentTarget.value)}
            w={260}
          />
          <Button size="xs" type="submit" disabled={!smtpUrl} loading={save.isPending}>
            Use this server
          </Button>
        </Group>
        <ProblemAlert error={save.error} />
      </form>
    </Paper>
  );
}

const STATUS_COLORS: Record<OutboxEmail['status'], string> = { queued: 'blue', sent: 'teal', failed: 'red' };

function Outbox() {
  const [status, setStatus] = useState('all');
  const outbox = useQualityQuery(['outbox', status], (s) =>
    qualityApi.outbox(status === 'all' ? null : status, s),
  );
  const retry = useQualityMutation((m: OutboxEmail) => qualityApi.retryEmail(m.id, m.version));
  return (
    <Paper withBorder radius="sm" p="sm">
      <SegmentedControl
        mb="sm"
        value={status}
        onChange={setStatus}
        data={[
          { value: 'all', label: 'All' },
          { value: 'queued', label: 'Queued' },
          { value: 'sent', label: 'Sent' },
          { value: 'failed', label: 'Failed' },
        ]}
      />
      <Table fz="sm" verticalSpacing={6} data-testid="outbox">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>To</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Server's answer</Table.Th>
            <Table.Th>Queued</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(outbox.data?.items ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.to}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{m.subject}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge color={STATUS_COLORS[m.status]} variant="light" radius="sm" size="sm" miw={64}>
                  {m.status}
                </Badge>
              </Table.Td>
              <Table.Td>{m.attempts}</Table.Td>
              <Table.Td maw={320}>
                <Text size="xs" c={m.status === 'failed' ? 'red' : 'dimmed'} lineClamp={2}>
                  {m.lastError ?? (m.sentAt ? `sent ${formatDateTime(m.sentAt)}` : '')}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt)}</Table.Td>
              <Table.Td>
                {m.status === 'failed' && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={() => retry.mutate(m)}
                    data-testid="retry-email"
                  >
                    Retry
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          {outbox.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text size="sm" c="dimmed">
                  Nothing here.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <ProblemAlert error={retry.error} />
    </Paper>
  );
}
