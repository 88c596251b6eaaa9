import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Database } from '../db/connection.ts';
import { aggregateSelection, childLevel, pageOfProjects } from '../db/repositories/rollups.ts';
import { exportQuery, type RollupFigures } from '../model/dashboard.ts';
import { figuresOf } from './dashboard.ts';
import type { Actor } from './policy.ts';
import { resolveSelection, todayUtc } from './rollups.ts';
import { parseInput } from './validate.ts';

/** Projects are read and written a page at a time, so a large organization never sits in memory. */
const PAGE = 500;
/** Past this the sheet says it was cut: a workbook of more rows helps nobody read a report. */
export const EXPORT_PROJECT_LIMIT = 50_000;

const figureColumns: Array<{ header: string; key: keyof RollupFigures; width: number; money?: boolean }> = [
  { header: 'Projects', key: 'projects', width: 10 },
  { header: 'Budget', key: 'budget', width: 16, money: true },
  { header: 'Actual', key: 'actual', width: 16, money: true },
  { header: 'EAC', key: 'eac', width: 16, money: true },
  { header: 'BAC', key: 'bac', width: 16, money: true },
  { header: 'PV', key: 'pv', width: 16, money: true },
  { header: 'EV', key: 'ev', width: 16, money: true },
  { header: 'AC', key: 'ac', width: 16, money: true },
  { header: 'VAC', key: 'vac', width: 16, money: true },
  { header: 'SPI', key: 'spi', width: 8 },
  { header: 'CPI', key: 'cpi', width: 8 },
  { header: 'Start', key: 'start', width: 12 },
  { header: 'Finish', key: 'finish', width: 12 },
  { header: 'Late', key: 'late', width: 8 },
  { header: 'Overdue', key: 'overdue', width: 9 },
  { header: 'Red', key: 'red', width: 7 },
  { header: 'Amber', key: 'amber', width: 7 },
  { header: 'Green', key: 'green', width: 7 },
  { header: 'Unrated', key: 'unrated', width: 9 },
];
const MONEY = '#,##0.00';

export interface DashboardWorkbook {
  fileName: string;
  contentType: string;
  body: Readable;
}

/**
 * The consolidated report of a scope as a workbook streamed while it is written: a summary sheet
 * (the scope's figures), the rows of the next level, and every project of the selection.
 */
export async function exportDashboard(
  db: Database,
  actor: Actor,
  input: unknown,
  options: { today?: string } = {},
): Promise<DashboardWorkbook> {
  const query = parseInput(exportQuery, input);
  const today = options.today ?? todayUtc();
  // Authorization and the aggregates come first, so a refusal is an error response and not a broken file.
  const { selection, scope } = await resolveSelection(db, actor, query, today);
  const aggregates = await aggregateSelection(db, selection);
  const body = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: body, useStyles: true });
  const write = async () => {
    const summary = workbook.addWorksheet('Summary');
    summary.columns = [
      { header: 'Figure', key: 'figure', width: 22 },
      { header: 'Value', key: 'value', width: 20 },
    ];
    summary.addRow({ figure: 'Scope', value: `${scope.type.replace('_', ' ')}: ${scope.name}` }).commit();
    summary.addRow({ figure: 'As of', value: today }).commit();
    for (const [key, value] of Object.entries(selection.filters))
      summary.addRow({ figure: `Filter ${key}`, value }).commit();
    const totals = figuresOf(aggregates.find((row) => row.kind === 'total'));
    for (const column of figureColumns) {
      const row = summary.addRow({ figure: column.header, value: totals[column.key] });
      if (column.money) row.getCell('value').numFmt = MONEY;
      row.commit();
    }
    summary.commit();

    const level = childLevel(scope.type);
    const children = workbook.addWorksheet('Children');
    children.columns = [
      { header: level ? level.replace('_', ' ') : 'level', key: 'name', width: 32 },
      ...figureColumns.map((column) => ({ header: column.header, key: column.key, width: column.width })),
    ];
    if (level)
      for (const row of aggregates
        .filter((a) => a.kind === 'child')
        .sort((a, b) => b.eac - a.eac || (a.name ?? '').localeCompare(b.name ?? ''))) {
        const figures = figuresOf(row);
        const line = children.addRow({ name: row.name ?? 'Outside any program', ...figures });
        for (const column of figureColumns) if (column.money) line.getCell(column.key).numFmt = MONEY;
        line.commit();
      }
    children.commit();

    const projects = workbook.addWorksheet('Projects');
    projects.columns = [
      { header: 'Code', key: 'code', width: 14 },
      { header: 'Name', key: 'name', width: 36 },
      { header: 'Business unit', key: 'businessUnitName', width: 22 },
      { header: 'Portfolio', key: 'portfolioName', width: 22 },
      { header: 'Program', key: 'programName', width: 22 },
      { header: 'Manager', key: 'managerName', width: 20 },
      { header: 'Stage', key: 'stage', width: 12 },
      { header: 'Health', key: 'health', width: 9 },
      { header: 'Budget', key: 'budget', width: 16 },
      { header: 'Actual', key: 'actual', width: 16 },
      { header: 'EAC', key: 'eac', width: 16 },
      { header: 'VAC', key: 'vac', width: 16 },
      { header: 'SPI', key: 'spi', width: 8 },
      { header: 'CPI', key: 'cpi', width: 8 },
      { header: 'Start', key: 'start', width: 12 },
      { header: 'Finish', key: 'finish', width: 12 },
      { header: 'Target finish', key: 'targetFinish', width: 13 },
    ];
    let written = 0;
    for (let offset = 0; offset < EXPORT_PROJECT_LIMIT; offset += PAGE) {
      const page = await pageOfProjects(db, selection, {
        sort: 'code',
        descending: false,
        limit: Math.min(PAGE, EXPORT_PROJECT_LIMIT - offset),
        offset,
      });
      for (const project of page) {
        const line = projects.addRow(project);
        for (const key of ['budget', 'actual', 'eac', 'vac']) line.getCell(key).numFmt = MONEY;
        line.commit();
      }
      written += page.length;
      if (page.length < PAGE) break;
    }
    const total = aggregates.find((row) => row.kind === 'total')?.projects ?? 0;
    if (written < total)
      projects.addRow({ code: `… cut at ${EXPORT_PROJECT_LIMIT} of ${total} projects` }).commit();
    projects.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))));
  const slug = scope.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'organization';
  return {
    fileName: `dashboard-${slug}-${today}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body,
  };
}
