import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { computeOnce } from '../../src/services/dashboard-cache.ts';

// The cache keys on the database object only; these tests need no database behind it.
const db = {} as Database;

describe('computing a cold dashboard once', () => {
  it('gives concurrent readers of one key the same computation, and computes again once it is done', async () => {
    let runs = 0;
    let release: (value: string) => void = () => {};
    const compute = () => {
      runs += 1;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const readers = [
      computeOnce(db, 'k', compute),
      computeOnce(db, 'k', compute),
      computeOnce(db, 'k', compute),
    ];
    release('dashboard');
    expect(await Promise.all(readers)).toEqual(['dashboard', 'dashboard', 'dashboard']);
    expect(runs).toBe(1);
    await computeOnce(db, 'k', async () => {
      runs += 1;
      return 'again';
    });
    expect(runs).toBe(2);
  });

  it('hands every waiting reader the error, and keeps other keys apart', async () => {
    const failing = computeOnce(db, 'bad', async () => {
      throw new Error('the database went away');
    });
    const waiting = computeOnce(db, 'bad', async () => 'never');
    await expect(failing).rejects.toThrow('went away');
    await expect(waiting).rejects.toThrow('went away');
    expect(await computeOnce(db, 'other', async () => 'fine')).toBe('fine');
  });
});
