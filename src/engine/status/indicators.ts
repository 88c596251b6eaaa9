/**
 * Indicators computed from a project's data beside its self-assessed RAG, and where the two disagree.
 * Pure: the service gathers the figures, this turns them into ratings and explanations.
 */
export type Rag = 'green' | 'amber' | 'red';
export const ragDimensions = ['schedule', 'cost', 'scope', 'resources', 'risk', 'quality'] as const;
export type RagDimension = (typeof ragDimensions)[number];

export interface IndicatorThresholds {
  spiAmber: number;
  spiRed: number;
  cpiAmber: number;
  cpiRed: number;
  lateMilestonesAmber: number;
  lateMilestonesRed: number;
  highRisksAmber: number;
  highRisksRed: number;
  slipDaysAmber: number;
  slipDaysRed: number;
}

export interface IndicatorFigures {
  statusDate: string;
  /** From the project's earned-value figures; null when unknown. */
  spi: number | null;
  cpi: number | null;
  financialsAsOf: string | null;
  lateMilestones: { taskId: string; name: string; finish: string }[];
  openHighRisks: { riskId: string; reference: number; title: string; score: number }[];
  /** Current forecast finish against the baseline's; null without a baseline or a schedule. */
  baselineFinish: string | null;
  forecastFinish: string | null;
}

export interface Indicator {
  key: 'spi' | 'cpi' | 'lateMilestones' | 'highRisks' | 'scheduleSlip';
  dimension: RagDimension;
  label: string;
  /** The figure (an index, a count or days); null when the data to compute it is missing. */
  value: number | null;
  rag: Rag | null;
  explanation: string;
}

export interface ComputedIndicators {
  statusDate: string;
  financialsAsOf: string | null;
  indicators: Indicator[];
  lateMilestones: IndicatorFigures['lateMilestones'];
  openHighRisks: IndicatorFigures['openHighRisks'];
  baselineFinish: string | null;
  forecastFinish: string | null;
  /** The worst indicator per dimension; a dimension no indicator measures is absent. */
  dimensions: Partial<Record<RagDimension, Rag>>;
  overall: Rag | null;
  thresholds: IndicatorThresholds;
}

export interface Disagreement {
  dimension: RagDimension | 'overall';
  selfAssessed: Rag;
  computed: Rag;
  reason: string;
}

const rank: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

export function worstRag(rags: ReadonlyArray<Rag | null | undefined>): Rag | null {
  let worst: Rag | null = null;
  for (const rag of rags) if (rag && (worst === null || rank[rag] > rank[worst])) worst = rag;
  return worst;
}

function indexRag(value: number | null, amber: number, red: number): Rag | null {
  if (value === null) return null;
  return value < red ? 'red' : value < amber ? 'amber' : 'green';
}

function countRag(value: number, amber: number, red: number): Rag {
  return value >= red ? 'red' : value >= amber ? 'amber' : 'green';
}

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);
const fixed = (value: number) => value.toFixed(2);

function indexExplanation(name: string, value: number | null, rag: Rag | null, amber: number, red: number) {
  if (value === null || rag === null) return `no ${name} yet: the project has no earned-value figures`;
  if (rag === 'red') return `${name} ${fixed(value)} is below the red threshold ${fixed(red)}`;
  if (rag === 'amber') return `${name} ${fixed(value)} is below the amber threshold ${fixed(amber)}`;
  return `${name} ${fixed(value)} is at or above ${fixed(amber)}`;
}

function countExplanation(count: number, rag: Rag, what: string, amber: number, red: number) {
  const subject = `${count} ${what}`;
  if (rag === 'red') return `${subject}, at or above the red threshold of ${red}`;
  if (rag === 'amber') return `${subject}, at or above the amber threshold of ${amber}`;
  return `${subject}`;
}

/**
 * Rates each indicator against the thresholds and rolls them up per dimension: schedule (SPI, late
 * milestones, slip against the baseline), cost (CPI) and risk (open high risks).
 *
 * @example
 * computeIndicators({ statusDate: '2027-03-31', spi: 0.88, cpi: 1.02, … }, defaults).dimensions
 * // → { schedule: 'red', cost: 'green', risk: 'green' }
 */
export function computeIndicators(
  figures: IndicatorFigures,
  thresholds: IndicatorThresholds,
): ComputedIndicators {
  const t = thresholds;
  const spiRag = indexRag(figures.spi, t.spiAmber, t.spiRed);
  const cpiRag = indexRag(figures.cpi, t.cpiAmber, t.cpiRed);
  const late = figures.lateMilestones.length;
  const lateRag = countRag(late, t.lateMilestonesAmber, t.lateMilestonesRed);
  const high = figures.openHighRisks.length;
  const highRag = countRag(high, t.highRisksAmber, t.highRisksRed);
  const slip =
    figures.baselineFinish && figures.forecastFinish
      ? daysBetween(figures.baselineFinish, figures.forecastFinish)
      : null;
  const slipRag = slip === null ? null : countRag(slip, t.slipDaysAmber, t.slipDaysRed);
  const indicators: Indicator[] = [
    {
      key: 'spi',
      dimension: 'schedule',
      label: 'SPI',
      value: figures.spi,
      rag: spiRag,
      explanation: indexExplanation('SPI', figures.spi, spiRag, t.spiAmber, t.spiRed),
    },
    {
      key: 'lateMilestones',
      dimension: 'schedule',
      label: 'Late milestones',
      value: late,
      rag: lateRag,
      explanation: countExplanation(
        late,
        lateRag,
        `milestone${late === 1 ? '' : 's'} due by ${figures.statusDate} not complete`,
        t.lateMilestonesAmber,
        t.lateMilestonesRed,
      ),
    },
    {
      key: 'scheduleSlip',
      dimension: 'schedule',
      label: 'Slip vs baseline',
      value: slip,
      rag: slipRag,
      explanation:
        slip === null
          ? 'no slip measured: the project has no baseline or no scheduled finish'
          : slip <= 0
            ? `forecast finish ${figures.forecastFinish} is on or before the baseline's ${figures.baselineFinish}`
            : countExplanation(
                slip,
                slipRag as Rag,
                `days later than the baseline finish ${figures.baselineFinish}`,
                t.slipDaysAmber,
                t.slipDaysRed,
              ),
    },
    {
      key: 'cpi',
      dimension: 'cost',
      label: 'CPI',
      value: figures.cpi,
      rag: cpiRag,
      explanation: indexExplanation('CPI', figures.cpi, cpiRag, t.cpiAmber, t.cpiRed),
    },
    {
      key: 'highRisks',
      dimension: 'risk',
      label: 'Open high risks',
      value: high,
      rag: highRag,
      explanation: countExplanation(
        high,
        highRag,
        `open risk${high === 1 ? '' : 's'} in the red band of the risk matrix`,
        t.highRisksAmber,
        t.highRisksRed,
      ),
    },
  ];
  const dimensions: Partial<Record<RagDimension, Rag>> = {};
  for (const dimension of ragDimensions) {
    const rag = worstRag(indicators.filter((i) => i.dimension === dimension).map((i) => i.rag));
    if (rag) dimensions[dimension] = rag;
  }
  return {
    statusDate: figures.statusDate,
    financialsAsOf: figures.financialsAsOf,
    indicators,
    lateMilestones: figures.lateMilestones,
    openHighRisks: figures.openHighRisks,
    baselineFinish: figures.baselineFinish,
    forecastFinish: figures.forecastFinish,
    dimensions,
    overall: worstRag(Object.values(dimensions)),
    thresholds,
  };
}

export type SelfAssessment = Partial<Record<RagDimension | 'overall', Rag | null>>;

/**
 * The dimensions where the self-assessment is rosier than the data: green or amber where the
 * indicators say red, green where they say amber. Each names the indicators that disagree.
 */
export function findDisagreements(self: SelfAssessment, computed: ComputedIndicators): Disagreement[] {
  const found: Disagreement[] = [];
  const check = (
    dimension: RagDimension | 'overall',
    computedRag: Rag | null | undefined,
    why: Indicator[],
  ) => {
    const selfRag = self[dimension];
    if (!selfRag || !computedRag || rank[selfRag] >= rank[computedRag]) return;
    const reasons = why.filter((i) => i.rag && rank[i.rag] > rank[selfRag]).map((i) => i.explanation);
    found.push({
      dimension,
      selfAssessed: selfRag,
      computed: computedRag,
      reason: `self-assessed ${selfRag}, but ${reasons.join('; ')}`,
    });
  };
  for (const dimension of ragDimensions)
    check(
      dimension,
      computed.dimensions[dimension],
      computed.indicators.filter((i) => i.dimension === dimension),
    );
  check('overall', computed.overall, computed.indicators);
  return found;
}
