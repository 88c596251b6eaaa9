import { PasswordInput, Stack, TextInput } from '@mantine/core';
import { FormModal } from './form-modal.tsx';
import { requireFields, useEntityForm, useSaveEntity } from './use-entity-form.ts';

interface UserValues extends Record<string, unknown> {
  email: string;
  name: string;
  password: string;
}

export function UserForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useEntityForm<UserValues>({ email: '', name: '', password: '' });
  const save = useSaveEntity('users', form, { onSaved: onClose });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="New user"
      size="md"
      onSubmit={save.submit(
        (all) => ({ ...all, email: all.email.trim(), name: all.name.trim() }),
        (v) => {
          const errors = requireFields(v, { name: 'Name', email: 'Email', password: 'Password' });
          if (!errors.email && !/^[^\s@]+@[^\s@]+$/.test(v.email.trim()))
            errors.email = 'Enter a valid email address';
          if (!errors.password && v.password.length < 10) errors.password = 'Use at least 10 characters';
          return errors;
        },
      )}
      saving={save.mutation.isPending}
      error={save.mutation.error}
      shownFields={['email', 'name', 'password']}
      submitLabel="Create user"
    >
      <Stack gap="sm">
        <TextInput label="Name" required data-autofocus {...form.text('name')} />
        <TextInput label="Email" type="email" required {...form.text('email')} />
        <PasswordInput
          label="Initial password"
          description="At least 10 characters; share it with the person securely."
          required
          autoComplete="new-password"
          {...form.text('password')}
        />
      </Stack>
    </FormModal>
  );
}
