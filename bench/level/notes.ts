import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const MARK = '\n## Notes';

/**
 * Writes a generated results page but keeps the hand-written part of the old one: everything
 * from a `## Notes` heading on survives a rerun, so notes are never lost to a bench run.
 */
export function writeWithNotes(path: string, generated: string): void {
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const at = old.indexOf(MARK);
  const notes = at >= 0 ? old.slice(at) : '';
  writeFileSync(path, `${generated.trimEnd()}\n${notes}`);
}
