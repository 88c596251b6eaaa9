import { dayOf, parseTimeOfDay } from '../../engine/calendar/epoch.ts';
import type {
  CalendarDefinition,
  CalendarException,
  DayPattern,
  WorkingInterval,
} from '../../engine/calendar/types.ts';
import { MspdiFormatError } from './errors.ts';
import { asArray, type ValueReader, type XmlNode } from './values.ts';

function intervals(vr: ValueReader, day: XmlNode, where: string): WorkingInterval[] {
  const out: WorkingInterval[] = [];
  const times = asArray((day.WorkingTimes as XmlNode | undefined)?.WorkingTime);
  for (const [k, wt] of times.entries()) {
    const from = vr.text(wt, 'FromTime');
    const to = vr.text(wt, 'ToTime');
    if (from === null || to === null) continue;
    try {
      const f = parseTimeOfDay(from);
      const t = parseTimeOfDay(to, true);
      // A shift written as 22:00-06:00 runs over midnight: keep the part on this day.
      if (t > f) out.push({ from: f, to: t });
      else if (t < f) out.push({ from: f, to: 1440 });
    } catch {
      throw new MspdiFormatError(vr.file, `${where}/WorkingTime[${k}]`, `has a bad time ${from}-${to}`);
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

function weekDays(
  vr: ValueReader,
  days: XmlNode[],
  where: string,
): { week: DayPattern[]; exceptions: CalendarException[] } {
  const week: DayPattern[] = [null, null, null, null, null, null, null];
  const exceptions: CalendarException[] = [];
  for (const [k, day] of days.entries()) {
    const type = vr.int(day, 'DayType', `${where}/WeekDay[${k}]`);
    const working = vr.bool(day, 'DayWorking');
    const ivs = working ? intervals(vr, day, `${where}/WeekDay[${k}]`) : [];
    if (type !== null && type >= 1 && type <= 7) week[type - 1] = ivs;
    else if (type === 0) {
      const tp = day.TimePeriod as XmlNode | undefined;
      if (!tp) continue;
      const from = vr.date(tp, 'FromDate', `${where}/WeekDay[${k}]/TimePeriod`);
      const to = vr.date(tp, 'ToDate', `${where}/WeekDay[${k}]/TimePeriod`);
      if (from === null || to === null) continue;
      exceptions.push({ from: dayOf(from), to: dayOf(to - 1), intervals: ivs });
    }
  }
  return { week, exceptions };
}

/**
 * Reads `<Calendars>`: weekdays, old-style exceptions (WeekDay DayType 0), new-style
 * `<Exceptions>` (used only when there are no old-style ones, because MS Project writes both
 * for the same days), `<WorkWeeks>`, and the base calendar.
 */
export function readCalendars(vr: ValueReader, root: XmlNode): CalendarDefinition[] {
  const out: CalendarDefinition[] = [];
  const cals = asArray((root.Calendars as XmlNode | undefined)?.Calendar);
  for (const [k, cal] of cals.entries()) {
    const where = `Calendar[${k}]`;
    const uid = vr.int(cal, 'UID', where);
    if (uid === null) throw new MspdiFormatError(vr.file, where, 'has no <UID>');
    const isBase = vr.bool(cal, 'IsBaseCalendar');
    const baseUid = vr.int(cal, 'BaseCalendarUID', where);
    const { week, exceptions } = weekDays(vr, asArray((cal.WeekDays as XmlNode | undefined)?.WeekDay), where);
    if (exceptions.length === 0) {
      for (const [j, ex] of asArray((cal.Exceptions as XmlNode | undefined)?.Exception).entries()) {
        const w = `${where}/Exception[${j}]`;
        const tp = ex.TimePeriod as XmlNode | undefined;
        if (!tp) continue;
        const from = vr.date(tp, 'FromDate', w);
        const to = vr.date(tp, 'ToDate', w);
        if (from === null || to === null) continue;
        const ivs = vr.bool(ex, 'DayWorking') ? intervals(vr, ex, w) : [];
        exceptions.push({
          from: dayOf(from),
          to: dayOf(to - 1),
          intervals: ivs,
          name: vr.text(ex, 'Name') ?? undefined,
        });
      }
    }
    const workWeeks = asArray((cal.WorkWeeks as XmlNode | undefined)?.WorkWeek).flatMap((ww, j) => {
      const w = `${where}/WorkWeek[${j}]`;
      const tp = ww.TimePeriod as XmlNode | undefined;
      const from = tp ? vr.date(tp, 'FromDate', w) : null;
      const to = tp ? vr.date(tp, 'ToDate', w) : null;
      if (from === null || to === null) return [];
      const { week: wk } = weekDays(vr, asArray((ww.WeekDays as XmlNode | undefined)?.WeekDay), w);
      const name = vr.text(ww, 'Name');
      return [{ ...(name ? { name } : {}), from: dayOf(from), to: dayOf(to - 1), week: wk }];
    });
    const hasBase = !isBase && baseUid !== null && baseUid >= 0 && baseUid !== uid;
    out.push({
      id: uid,
      name: vr.text(cal, 'Name') ?? undefined,
      baseId: hasBase ? baseUid : null,
      // a base calendar's unlisted days are non-working
      week: hasBase ? week : week.map((d) => d ?? []),
      workWeeks,
      exceptions,
    });
  }
  const ids = new Set(out.map((c) => c.id));
  return out.map((c) =>
    c.baseId !== null && c.baseId !== undefined && !ids.has(c.baseId) ? { ...c, baseId: null } : c,
  );
}
