import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarRegistry, standardWeek } from '../../../src/engine/calendar/index.ts';
import { type ScheduleInput, Scheduler, scheduleProject } from '../../../src/engine/schedule/index.ts';
import { DAY, plan } from './helpers.ts';

const TYPES = ['FS', 'SS', 'FF', 'SF'] as const;

/** Random acyclic networks: links only go from a lower to a higher index. */
const networkArb = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.record({
      durations: fc.array(fc.integer({ min: 0, max: 10 * DAY }), { minLength: n, maxLength: n }),
      links: fc.array(
        fc.record({
          a: fc.integer({ min: 0, max: n - 1 }),
          b: fc.integer({ min: 0, max: n - 1 }),
          type: fc.constantFrom(...TYPES),
          lag: fc.integer({ min: -2 * DAY, max: 3 * DAY }),
        }),
        { maxLength: n * 2 },
      ),
    }),
  )
  .map(({ durations, links }): ScheduleInput => {
    const seen = new Set<string>();
    const ls = links
      .filter((l) => l.a !== l.b)
      .map((l) => ({ a: Math.min(l.a, l.b), b: Math.max(l.a, l.b), type: l.type, lag: l.lag }))
      .filter((l) => !seen.has(`${l.a}-${l.b}`) && seen.add(`${l.a}-${l.b}`))
      .map((l) => ({ predecessorId: l.a, successorId: l.b, type: l.type, lag: l.lag }));
    return plan(
      durations.map((d, i) => ({ id: i, duration: d })),
      ls,
    );
  });

/** The same networks with a WBS on top: three nested summaries, leaves assigned at random. */
const wbsArb = fc
  .tuple(networkArb, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 40, maxLength: 40 }))
  .map(
    ([input, parents]): ScheduleInput => ({
      ...input,
      tasks: [
        { id: 1000, duration: 0 },
        { id: 1001, duration: 0, parentId: 1000 },
        { id: 1002, duration: 0 },
        ...input.tasks.map((t, i) => ({ ...t, parentId: parents[i] === 3 ? null : 1000 + parents[i] })),
      ],
    }),
  );

const cal = new CalendarRegistry([{ id: 'std', week: standardWeek() }]).get('std');

describe('schedule properties', () => {
  it('starts no task before its links allow', () => {
    fc.assert(
      fc.property(networkArb, (input) => {
        const r = scheduleProject(input);
        for (const l of input.links) {
          const p = l.predecessorId as number;
          const s = l.successorId as number;
          const from = l.type === 'FS' || l.type === 'FF' ? r.earlyFinish[p] : r.earlyStart[p];
          const to = l.type === 'FS' || l.type === 'SS' ? r.earlyStart[s] : r.earlyFinish[s];
          // in working time: the successor's end of the link is at least the lag after the predecessor's
          expect(cal.workAt(to) - cal.workAt(from)).toBeGreaterThanOrEqual(l.lag ?? 0);
        }
        for (let i = 0; i < r.taskIds.length; i++)
          expect(r.earlyStart[i]).toBeGreaterThanOrEqual(r.projectStart);
      }),
      { numRuns: 150 },
    );
  });

  it('has zero total float on the critical path and a critical path that ends at the project finish', () => {
    fc.assert(
      fc.property(networkArb, (input) => {
        const r = scheduleProject(input);
        expect(r.criticalPath.length).toBeGreaterThan(0);
        for (const id of r.criticalPath) expect(r.totalSlack[id as number]).toBe(0);
        const last = r.criticalPath.map((id) => r.earlyFinish[id as number]);
        expect(Math.max(...last)).toBe(r.projectFinish);
        for (let i = 0; i < r.taskIds.length; i++) expect(r.totalSlack[i]).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same output for the same input and leaves the input unchanged', () => {
    fc.assert(
      fc.property(networkArb, (input) => {
        const before = structuredClone(input);
        const a = scheduleProject(input);
        const b = scheduleProject(input);
        expect(input).toEqual(before);
        expect(Array.from(a.earlyStart)).toEqual(Array.from(b.earlyStart));
        expect(Array.from(a.lateFinish)).toEqual(Array.from(b.lateFinish));
        expect(Array.from(a.totalSlack)).toEqual(Array.from(b.totalSlack));
        expect(a.criticalPath).toEqual(b.criticalPath);
      }),
      { numRuns: 100 },
    );
  });

  it('reschedules one changed task exactly as a full reschedule would, with or without a WBS', () => {
    fc.assert(
      fc.property(
        fc.oneof(networkArb, wbsArb),
        fc.nat(),
        fc.integer({ min: 0, max: 10 * DAY }),
        (input, pick, duration) => {
          const leaves = input.tasks.filter((t) => (t.id as number) < 1000);
          const k = input.tasks.indexOf(leaves[pick % leaves.length]);
          const s = new Scheduler(input);
          s.updateTask(input.tasks[k].id, { duration });
          const full = scheduleProject({
            ...input,
            tasks: input.tasks.map((t, i) => (i === k ? { ...t, duration } : t)),
          });
          const inc = s.result();
          expect(Array.from(inc.earlyStart)).toEqual(Array.from(full.earlyStart));
          expect(Array.from(inc.earlyFinish)).toEqual(Array.from(full.earlyFinish));
          expect(Array.from(inc.lateStart)).toEqual(Array.from(full.lateStart));
          expect(Array.from(inc.lateFinish)).toEqual(Array.from(full.lateFinish));
          expect(Array.from(inc.freeSlack)).toEqual(Array.from(full.freeSlack));
          expect(Array.from(inc.totalSlack)).toEqual(Array.from(full.totalSlack));
          expect(Array.from(inc.critical)).toEqual(Array.from(full.critical));
        },
      ),
      { numRuns: 100 },
    );
  });
});
