import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runXerConformance, XER_DATA_DIR, xerConformanceFiles } from '../../../bench/xer/conformance-lib.ts';
import { XER_COMPARED_FIELDS } from '../../../src/interop/xer/index.ts';

interface Committed {
  files: Record<string, { tasks: number; all: number; matched: Record<string, number> }>;
}
const committed = JSON.parse(readFileSync('docs/xer-conformance.json', 'utf8')) as Committed;
const files = existsSync(XER_DATA_DIR) ? xerConformanceFiles() : [];

describe.skipIf(files.length === 0)('conformance with Primavera P6 (ratchet)', () => {
  it('still covers every file of the committed table', () => {
    expect(files).toEqual(Object.keys(committed.files).sort());
  });

  it.each(files)('matches P6 at least as often as committed on %s', (file) => {
    const before = committed.files[file];
    const { row } = runXerConformance(file);
    expect(row.tasks).toBe(before.tasks);
    for (const field of XER_COMPARED_FIELDS) {
      expect({ field, matched: row.matched[field] }).toEqual({
        field,
        matched: Math.max(row.matched[field], before.matched[field]),
      });
    }
    expect(row.all).toBeGreaterThanOrEqual(before.all);
  });
});
