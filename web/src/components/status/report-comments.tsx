import { Box, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type ReportComment,
  type StatusReportDetail,
  statusApi,
  statusKeys,
} from '../../api/status-reports.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ProblemAlert } from '../problem-alert.tsx';

/** The review conversation: comments in threads, a reply under each thread and a new comment at the end. */
export function ReportComments({ report }: { report: StatusReportDetail }) {
  const roots = report.comments.filter((c) => !c.parentId);
  const repliesTo = (id: string) => report.comments.filter((c) => c.parentId === id);
  return (
    <Stack gap="xs" data-testid="report-comments">
      {roots.length === 0 && (
        <Text size="sm" c="dimmed">
          No comments yet.
        </Text>
      )}
      {roots.map((root) => (
        <Paper key={root.id} withBorder radius="sm" p="xs">
          <CommentLine comment={root} />
          <Box pl="lg" mt={4}>
            <Stack gap={4}>
              {repliesTo(root.id).map((reply) => (
                <CommentLine key={reply.id} comment={reply} />
              ))}
              {report.allowed.comment && <CommentBox reportId={report.id} parentId={root.id} compact />}
            </Stack>
          </Box>
        </Paper>
      ))}
      {report.allowed.comment && <CommentBox reportId={report.id} parentId={null} />}
    </Stack>
  );
}

function CommentLine({ comment }: { comment: ReportComment }) {
  return (
    <Box data-testid="comment">
      <Group gap={6}>
        <Text size="xs" fw={600}>
          {comment.authorLabel}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(comment.createdAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {comment.body}
      </Text>
    </Box>
  );
}

function CommentBox({
  reportId,
  parentId,
  compact,
}: {
  reportId: string;
  parentId: string | null;
  compact?: boolean;
}) {
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [open, setOpen] = useState(!compact);
  const send = useMutation({
    mutationFn: () => statusApi.comment(reportId, body, parentId),
    onSuccess: (updated) => {
      qc.setQueryData(statusKeys.item(reportId), updated);
      void qc.invalidateQueries({ queryKey: statusKeys.all });
      setBody('');
      if (compact) setOpen(false);
    },
  });
  if (!open)
    return (
      <Button variant="subtle" size="compact-xs" w="fit-content" onClick={() => setOpen(true)}>
        Reply
      </Button>
    );
  return (
    <Stack gap={4}>
      <Textarea
        placeholder={parentId ? 'Reply in this thread' : 'Ask a question or leave a comment'}
        autosize
        minRows={compact ? 1 : 2}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        data-testid={parentId ? 'reply-body' : 'comment-body'}
      />
      <ProblemAlert error={send.error} />
      <Group gap="xs">
        <Button
          size="xs"
          disabled={!body.trim()}
          loading={send.isPending}
          onClick={() => send.mutate()}
          data-testid={parentId ? 'send-reply' : 'send-comment'}
        >
          {parentId ? 'Reply' : 'Comment'}
        </Button>
        {compact && (
          <Button size="xs" variant="default" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        )}
      </Group>
    </Stack>
  );
}
