import { z } from 'zod';
import { idSchema } from './common.ts';
import { healths, projectStages } from './organization.ts';

/** The levels a roll-up is read at: project → program → portfolio → business unit → organization. */
export const rollupScopeTypes = ['organization', 'business_unit', 'portfolio', 'program'] as const;
export type RollupScopeType = (typeof rollupScopeTypes)[number];

/** A project without a rating counts as `none` in RAG figures. */
export const healthKeys = [...healths, 'none'] as const;
export type HealthKey = (typeof healthKeys)[number];

export const rollupFiltersSchema = z.object({
  businessUnitId: idSchema.optional(),
  portfolioId: idSchema.optional(),
  programId: idSchema.optional(),
  stage: z.enum(projectStages).optional(),
  health: z.enum(healthKeys).optional(),
  managerId: idSchema.optional(),
});
export type RollupFilters = z.infer<typeof rollupFiltersSchema>;

export const rollupScopeQuery = z.object({
  scopeType: z.enum(rollupScopeTypes).default('organization'),
  scopeId: idSchema.optional(),
});

/** Sort keys of the project list; a leading `-` sorts descending. */
export const projectSortKeys = [
  'code',
  'name',
  'stage',
  'health',
  'budget',
  'actual',
  'eac',
  'vac',
  'spi',
  'cpi',
  'start',
  'finish',
] as const;
export type ProjectSortKey = (typeof projectSortKeys)[number];

export const dashboardQuery = rollupScopeQuery.extend(rollupFiltersSchema.shape).extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  sort: z
    .string()
    .regex(
      new RegExp(`^-?(${projectSortKeys.join('|')})$`),
      `one of ${projectSortKeys.join(', ')}, optionally prefixed by -`,
    )
    .default('code'),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** Money figures summed over projects; the indices are ratios of those sums. */
export const moneyFigures = ['budget', 'actual', 'eac', 'etc', 'bac', 'pv', 'ev', 'ac', 'vac'] as const;
export type MoneyFigure = (typeof moneyFigures)[number];
export const ratioFigures = ['spi', 'cpi'] as const;
export const countFigures = ['projects', 'late', 'overdue'] as const;
/**
 * The monthly figures behind the burn (`month:2027-03:actual`) and the S-curves (`upto:2027-03:pv`).
 * `outturn` is actual plus forecast: what the S-curve's forecast line draws, spent so far and still to come.
 */
export const monthFigureKeys = ['budget', 'actual', 'forecast', 'outturn', 'pv', 'ev'] as const;

/**
 * A figure of a roll-up: a money sum, an index (a ratio of sums), a count, the projects of one health
 * (`health:red`), of one stage (`stage:execution`) or of one cell of the RAG matrix
 * (`cell:red:execution`), or a month's figure (`month:2027-03:actual`) or its running total up to that
 * month (`upto:2027-03:pv`).
 */
export const figureSchema = z
  .string()
  .max(60)
  .refine(
    (value) => {
      const parts = value.split(':');
      const [head, a, b] = parts;
      if ((moneyFigures as readonly string[]).includes(value)) return true;
      if ((ratioFigures as readonly string[]).includes(value)) return true;
      if ((countFigures as readonly string[]).includes(value)) return true;
      if (head === 'health') return (healthKeys as readonly string[]).includes(a) && b === undefined;
      if (head === 'stage') return (projectStages as readonly string[]).includes(a) && b === undefined;
      if (head === 'cell')
        return (
          parts.length === 3 &&
          (healthKeys as readonly string[]).includes(a) &&
          (projectStages as readonly string[]).includes(b)
        );
      if (head === 'month' || head === 'upto')
        return (
          parts.length === 3 &&
          /^\d{4}-(0[1-9]|1[0-2])$/.test(a) &&
          (monthFigureKeys as readonly string[]).includes(b)
        );
      return false;
    },
    {
      message: `must be one of ${[...moneyFigures, ...ratioFigures, ...countFigures].join(', ')}, health:<rag>, stage:<stage>, cell:<rag>:<stage>, month:<YYYY-MM>:<${monthFigureKeys.join('|')}> or upto:<YYYY-MM>:<…>`,
    },
  );

export const contributorsQuery = rollupScopeQuery.extend(rollupFiltersSchema.shape).extend({
  figure: figureSchema,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ContributorsQuery = z.infer<typeof contributorsQuery>;

export const exportQuery = rollupScopeQuery.extend(rollupFiltersSchema.shape);
export type ExportQuery = z.infer<typeof exportQuery>;

const money = z.number();
const ratio = z.number().nullable();

export const rollupFiguresSchema = z.object({
  projects: z.number().int(),
  budget: money,
  actual: money,
  eac: money,
  etc: money,
  bac: money,
  pv: money,
  ev: money,
  ac: money,
  vac: money,
  spi: ratio,
  cpi: ratio,
  /** EV, PV and AC of the projects whose progress is measured: the sums SPI and CPI are ratios of. */
  measured: z.object({ pv: money, ev: money, ac: money }),
  start: z.string().nullable(),
  finish: z.string().nullable(),
  late: z.number().int(),
  overdue: z.number().int(),
  red: z.number().int(),
  amber: z.number().int(),
  green: z.number().int(),
  unrated: z.number().int(),
});
export type RollupFigures = z.infer<typeof rollupFiguresSchema>;

export const rollupChildSchema = rollupFiguresSchema.extend({
  scopeType: z.enum(rollupScopeTypes),
  /** Null for the projects of a portfolio that belong to no program. */
  id: idSchema.nullable(),
  name: z.string(),
});
export type RollupChild = z.infer<typeof rollupChildSchema>;

export const ragCellSchema = z.object({
  health: z.enum(healthKeys),
  stage: z.enum(projectStages),
  projects: z.number().int(),
  eac: money,
});

export const monthFiguresSchema = z.object({
  month: z.string(),
  budget: money,
  actual: money,
  forecast: money,
  pv: money,
  ev: money,
});
export type MonthFigures = z.infer<typeof monthFiguresSchema>;

export const milestoneSchema = z.object({
  taskId: idSchema,
  name: z.string(),
  date: z.string(),
  projectId: idSchema,
  projectCode: z.string(),
  projectName: z.string(),
});

export const programBarSchema = z.object({
  id: idSchema,
  name: z.string(),
  projects: z.number().int(),
  start: z.string().nullable(),
  finish: z.string().nullable(),
  /** The worst rating among its projects. */
  health: z.enum(healthKeys),
  red: z.number().int(),
  amber: z.number().int(),
  green: z.number().int(),
  eac: money,
});

export const dashboardProjectSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  stage: z.enum(projectStages),
  health: z.enum(healths).nullable(),
  businessUnitName: z.string().nullable(),
  portfolioName: z.string().nullable(),
  programName: z.string().nullable(),
  managerName: z.string().nullable(),
  budget: money,
  actual: money,
  eac: money,
  vac: money,
  spi: ratio,
  cpi: ratio,
  start: z.string().nullable(),
  finish: z.string().nullable(),
  targetFinish: z.string().nullable(),
});
export type DashboardProject = z.infer<typeof dashboardProjectSchema>;

export const dashboardSchema = z.object({
  scope: z.object({ type: z.enum(rollupScopeTypes), id: idSchema.nullable(), name: z.string() }),
  filters: rollupFiltersSchema,
  asOf: z.string(),
  kpis: rollupFiguresSchema,
  ragMatrix: z.array(ragCellSchema),
  childScopeType: z.enum(rollupScopeTypes).nullable(),
  children: z.array(rollupChildSchema),
  /** Per month, cumulative: what the S-curves draw. */
  sCurve: z.array(monthFiguresSchema),
  /** Per month, not cumulative: budget against actual spend. */
  burn: z.array(monthFiguresSchema),
  programTimeline: z.object({ items: z.array(programBarSchema), total: z.number().int() }),
  nextMilestones: z.array(milestoneSchema),
  projects: z.object({
    items: z.array(dashboardProjectSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const contributorSchema = z.object({
  projectId: idSchema,
  code: z.string(),
  name: z.string(),
  stage: z.enum(projectStages),
  health: z.enum(healths).nullable(),
  businessUnitName: z.string().nullable(),
  portfolioName: z.string().nullable(),
  programName: z.string().nullable(),
  /** The project's own value of the figure (1 for a count). */
  value: z.number().nullable(),
  /** For an index: the project's part of the numerator and denominator sums. */
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
});
export type Contributor = z.infer<typeof contributorSchema>;

export const contributorsSchema = z.object({
  figure: z.string(),
  scope: z.object({ type: z.enum(rollupScopeTypes), id: idSchema.nullable(), name: z.string() }),
  /** The rolled-up figure: the sum of the contributors' values, or the ratio of their sums for an index. */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  items: z.array(contributorSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type Contributors = z.infer<typeof contributorsSchema>;
