import type { CollectionName, Collections } from '../api/types.ts';
import { useEntityForm, useSaveEntity } from './use-entity-form.ts';

type Values = Record<string, unknown>;

/** What a create-or-edit modal of one entity takes besides the entity itself. */
export interface EntityModalProps<T> {
  opened: boolean;
  onClose: () => void;
  /** The version read with the edited entity, sent as If-Match. */
  version?: string | null;
  /** Pre-fills a new entity, e.g. with the scope whose page the user is on. */
  defaults?: Partial<T>;
  onSaved?: (saved: T | undefined) => void;
}

/**
 * The form and save wiring of a modal that creates an entity (no `entity`) or edits one. An
 * edit sends only the changed fields, a create all of them; a successful save closes the modal.
 * Returns the form to bind fields to and the props FormModal needs for saving.
 */
export function useEntityModal<C extends CollectionName, V extends Values>(
  collection: C,
  {
    entity,
    defaults,
    version,
    onSaved,
    onClose,
    also,
    toValues,
    toBody,
    check,
  }: Omit<EntityModalProps<Collections[C]>, 'opened'> & {
    entity: Collections[C] | undefined;
    /** Other collections whose cached lists show this entity (counts, names). */
    also?: CollectionName[];
    toValues: (entity?: Partial<Collections[C]>) => V;
    toBody: (values: Partial<V>) => Record<string, unknown>;
    check: (values: V) => Record<string, string>;
  },
) {
  const form = useEntityForm<V>(toValues(entity ?? defaults));
  const save = useSaveEntity(collection, form, {
    id: entity?.id,
    version,
    also,
    onSaved: (saved) => {
      onSaved?.(saved);
      onClose();
    },
  });
  return {
    form,
    modalProps: {
      onSubmit: save.submit((all, changed) => toBody(entity ? changed : all), check),
      saving: save.mutation.isPending,
      error: save.mutation.error,
      onReload: () => save.reload(toValues),
      shownFields: Object.keys(toValues()),
    },
  };
}
