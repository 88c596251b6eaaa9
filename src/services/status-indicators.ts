import type { Queryable } from '../db/connection.ts';
import { indicatorData, loadThresholds } from '../db/repositories/status-reports.ts';
import { type ComputedIndicators, computeIndicators } from '../engine/status/index.ts';
import { loadMatrix } from './risk-matrix.ts';

/**
 * What the data says about a project on a status date: SPI and CPI from its stored earned-value
 * figures, milestones scheduled to finish before the date and not complete, open threats in the red
 * band of the organization's risk matrix, and the forecast finish against the first baseline's,
 * each rated on the organization's thresholds.
 */
export async function computeProjectIndicators(
  q: Queryable,
  orgId: string,
  projectId: string,
  statusDate: string,
): Promise<ComputedIndicators> {
  const [thresholds, data, matrix] = await Promise.all([
    loadThresholds(q, orgId),
    indicatorData(q, orgId, projectId, statusDate),
    loadMatrix(q, orgId),
  ]);
  const { version: _version, ...limits } = thresholds;
  const inRedBand = (risk: { probabilityLevel: number; impactLevel: number }) =>
    matrix.bands[risk.probabilityLevel - 1]?.[risk.impactLevel - 1] === 'red';
  return computeIndicators(
    {
      statusDate,
      spi: data.financials?.spi ?? null,
      cpi: data.financials?.cpi ?? null,
      financialsAsOf: data.financials?.asOf ?? null,
      lateMilestones: data.milestones,
      openHighRisks: data.risks
        .filter(inRedBand)
        .map(({ riskId, reference, title, score }) => ({ riskId, reference, title, score })),
      baselineFinish: data.finishes?.baselineFinish ?? null,
      forecastFinish: data.finishes?.forecastFinish ?? null,
    },
    limits,
  );
}
