import { useItem } from '../api/queries.ts';
import type { RiskLevel } from '../api/risk-types.ts';
import type { ScopeContext } from '../auth/permissions.ts';
import { useBusinessUnitPath } from './scope-crumbs.ts';

/** Where a risk's or an issue's level sits, for the permission check that shows or hides its buttons. */
export function useLevelContext(
  scopeType: RiskLevel | undefined,
  scopeId: string | null | undefined,
): ScopeContext {
  const project = useItem('projects', scopeType === 'project' ? scopeId : null).data?.data;
  const program = useItem('programs', scopeType === 'program' ? scopeId : null).data?.data;
  const portfolioId =
    scopeType === 'portfolio'
      ? scopeId
      : scopeType === 'program'
        ? program?.portfolioId
        : project?.portfolioId;
  const portfolio = useItem(
    'portfolios',
    scopeType === 'portfolio' || scopeType === 'program' ? portfolioId : null,
  ).data?.data;
  const unitId =
    scopeType === 'business_unit'
      ? scopeId
      : scopeType === 'project'
        ? project?.businessUnitId
        : portfolio?.businessUnitId;
  const units = useBusinessUnitPath(unitId).data?.map((unit) => unit.id) ?? [];
  if (scopeType === 'organization' || !scopeType) return {};
  return {
    businessUnitIds: units,
    portfolioId: portfolioId ?? null,
    programId:
      scopeType === 'program' ? scopeId : scopeType === 'project' ? (project?.programId ?? null) : null,
    projectId: scopeType === 'project' ? scopeId : null,
  };
}
