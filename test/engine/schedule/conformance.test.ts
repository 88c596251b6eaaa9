import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conformanceFiles, DATA_DIR, runConformance } from '../../../bench/schedule/conformance-lib.ts';
import { COMPARED_FIELDS } from '../../../src/interop/mspdi/compare.ts';

interface Committed {
  files: Record<string, { tasks: number; all: number; matched: Record<string, number> }>;
}
const committed = JSON.parse(readFileSync('docs/scheduling-conformance.json', 'utf8')) as Committed;

// Every MSPDI file and every non-INSISOC dump; every sixth INSISOC instance keeps the test short
// (the report script runs them all).
const files = existsSync(DATA_DIR)
  ? conformanceFiles().filter((f, k) => !f.includes('insisoc_mpsplib') || k % 6 === 0)
  : [];

describe.skipIf(files.length === 0)('conformance with MS Project (ratchet)', () => {
  it('still covers every file of the committed table', () => {
    expect(conformanceFiles().sort()).toEqual(Object.keys(committed.files).sort());
  });

  it.each(files)('matches MS Project at least as often as committed on %s', (file) => {
    const before = committed.files[file];
    const { row } = runConformance(file);
    expect(row.tasks).toBe(before.tasks);
    for (const field of COMPARED_FIELDS) {
      expect({ field, matched: row.matched[field] }).toEqual({
        field,
        matched: Math.max(row.matched[field], before.matched[field]),
      });
    }
    expect(row.all).toBeGreaterThanOrEqual(before.all);
  });
});
