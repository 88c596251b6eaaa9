import { useMe } from '../api/queries.ts';
import { type Action, can, type ScopeContext } from './permissions.ts';

/** `can(action, ctx)` for the signed-in user, plus the org's currency for money columns. */
export function usePermissions() {
  const me = useMe().data;
  return {
    me,
    currency: me?.org.currency ?? 'USD',
    can: (action: Action, ctx?: ScopeContext) => can(me, action, ctx),
  };
}
