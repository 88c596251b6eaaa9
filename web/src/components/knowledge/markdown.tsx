import {
  Anchor,
  Blockquote,
  Checkbox,
  Code,
  Divider,
  List,
  Table,
  Text,
  Title,
  Typography,
} from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A small Markdown renderer that builds React elements and never HTML strings, so an asset's body
 * cannot inject markup or scripts whatever it contains. It covers what process documents use:
 * headings, paragraphs, lists (with task boxes), quotes, fenced code, pipe tables, rules, and inline
 * bold, italic, code and links (http, https, mailto and in-app paths only).
 */
export function Markdown({ source }: { source: string }) {
  return (
    <Typography>
      <div data-testid="markdown">{renderBlocks(source.replace(/\r\n?/g, '\n').split('\n'))}</div>
    </Typography>
  );
}

const SAFE_URL = /^(https?:\/\/|mailto:|\/(?!\/))/i;

export function renderInline(text: string, keyPrefix = 'i'): ReactNode[] {
  const nodes: ReactNode[] = [];
  const pattern =
    /(`[^`]+`)|(\*\*[^*]+\*\*)|(__[^_]+__)|(\*[^*\s][^*]*\*)|(_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/g;
  let last = 0;
  let match: RegExpExecArray | null = pattern.exec(text);
  let n = 0;
  while (match !== null) {
    if (match.index > last) nodes.push(text.slice(last, match.index));
    const token = match[0];
    const key = `${keyPrefix}-${n++}`;
    if (token.startsWith('`')) nodes.push(<Code key={key}>{token.slice(1, -1)}</Code>);
    else if (token.startsWith('**') || token.startsWith('__'))
      nodes.push(<strong key={key}>{renderInline(token.slice(2, -2), key)}</strong>);
    else if (token.startsWith('*') || token.startsWith('_'))
      nodes.push(<em key={key}>{renderInline(token.slice(1, -1), key)}</em>);
    else {
      const [, label = '', url = ''] = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token) ?? [];
      nodes.push(
        SAFE_URL.test(url) ? (
          <Anchor
            key={key}
            href={url}
            target={url.startsWith('/') ? undefined : '_blank'}
            rel="noopener noreferrer"
          >
            {label}
          </Anchor>
        ) : (
          label
        ),
      );
    }
    last = match.index + token.length;
    match = pattern.exec(text);
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

const isTableRow = (line: string) => /^\s*\|.*\|\s*$/.test(line);
const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
const listItem = /^\s*([-*+]|\d+[.)])\s+(.*)$/;

function renderBlocks(lines: string[]): ReactNode[] {
  const blocks: ReactNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const key = `b${i}`;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.startsWith('```')) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] as string).startsWith('```')) code.push(lines[i++] as string);
      i++;
      blocks.push(
        <Code key={key} block>
          {code.join('\n')}
        </Code>,
      );
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, (heading[1] as string).length) as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push(
        <Title key={key} order={level} mt={level <= 2 ? 'md' : 'sm'} mb="xs">
          {renderInline(heading[2] as string, key)}
        </Title>,
      );
      i++;
      continue;
    }
    if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      blocks.push(<Divider key={key} my="sm" />);
      i++;
      continue;
    }
    if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (i < lines.length && (lines[i] as string).startsWith('>'))
        quoted.push((lines[i++] as string).replace(/^>\s?/, ''));
      blocks.push(
        <Blockquote key={key} my="sm" p="sm">
          {renderBlocks(quoted)}
        </Blockquote>,
      );
      continue;
    }
    if (isTableRow(line) && i + 1 < lines.length && /^\s*\|?[\s:|-]+\|?\s*$/.test(lines[i + 1] as string)) {
      const header = cells(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && isTableRow(lines[i] as string)) rows.push(cells(lines[i++] as string));
      // Keys are positions in a document rendered whole: rows and cells never reorder.
      const keyed = (row: string[], prefix: string) =>
        row.map((text, c) => ({ text, key: `${prefix}c${c}` }));
      const head = keyed(header, `${key}h`);
      const body = rows.map((row, r) => ({ key: `${key}r${r}`, cells: keyed(row, `${key}r${r}`) }));
      blocks.push(
        <Table key={key} withTableBorder withColumnBorders my="sm" striped>
          <Table.Thead>
            <Table.Tr>
              {head.map((cell) => (
                <Table.Th key={cell.key}>{renderInline(cell.text, cell.key)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {body.map((row) => (
              <Table.Tr key={row.key}>
                {row.cells.map((cell) => (
                  <Table.Td key={cell.key}>{renderInline(cell.text, cell.key)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>,
      );
      continue;
    }
    if (listItem.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: Array<{ text: string; key: string }> = [];
      while (i < lines.length && listItem.test(lines[i] as string))
        items.push({
          text: (listItem.exec(lines[i] as string) as RegExpExecArray)[2] as string,
          key: `${key}-${i++}`,
        });
      blocks.push(
        <List key={key} type={ordered ? 'ordered' : 'unordered'} my="xs" spacing={4}>
          {items.map((item) => {
            const task = /^\[( |x|X)\]\s+(.*)$/.exec(item.text);
            return (
              <List.Item key={item.key}>
                {task ? (
                  <Checkbox
                    size="xs"
                    readOnly
                    checked={task[1] !== ' '}
                    label={renderInline(task[2] as string, item.key)}
                  />
                ) : (
                  renderInline(item.text, item.key)
                )}
              </List.Item>
            );
          })}
        </List>,
      );
      continue;
    }
    const paragraph: string[] = [];
    while (
      i < lines.length &&
      (lines[i] as string).trim() !== '' &&
      !/^(#{1,6}\s|```|>)/.test(lines[i] as string) &&
      !listItem.test(lines[i] as string) &&
      !isTableRow(lines[i] as string)
    )
      paragraph.push(lines[i++] as string);
    blocks.push(
      <Text key={key} my="xs">
        {renderInline(paragraph.join(' '), key)}
      </Text>,
    );
  }
  return blocks;
}
