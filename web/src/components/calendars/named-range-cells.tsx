import { Table, TextInput } from '@mantine/core';

export interface NamedRange {
  name: string;
  from: string;
  to: string;
}

/**
 * The name, from and to cells of a dated calendar row (an exception, a work week); `subject` names the
 * row kind in the fields' labels ("Exception from", "Work week to").
 */
export function NamedRangeCells({
  subject,
  value,
  toPlaceholder,
  onChange,
}: {
  subject: string;
  value: NamedRange;
  toPlaceholder: string;
  onChange: (patch: Partial<NamedRange>) => void;
}) {
  return (
    <>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={`${subject} name`}
          value={value.name}
          onChange={(ev) => onChange({ name: ev.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td w={120}>
        <TextInput
          size="xs"
          aria-label={`${subject} from`}
          placeholder="YYYY-MM-DD"
          value={value.from}
          onChange={(ev) => onChange({ from: ev.currentTarget.value })}
        />
      </Table.Td>
      <Table.Td w={120}>
        <TextInput
          size="xs"
          aria-label={`${subject} to`}
          placeholder={toPlaceholder}
          value={value.to}
          onChange={(ev) => onChange({ to: ev.currentTarget.value })}
        />
      </Table.Td>
    </>
  );
}
