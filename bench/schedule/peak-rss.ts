import { readFileSync, writeFileSync } from 'node:fs';

const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;

/** Linux's high-water mark of resident memory (VmHWM), in kB; the rusage peak elsewhere. */
function highWaterKb(): number {
  try {
    const match = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

/**
 * Peak RSS of one phase of a benchmark and of the whole process. Linux resets the high-water
 * mark when 5 is written to /proc/self/clear_refs, which also resets the rusage peak, so the
 * process's peak is kept here across resets. Where the reset is not possible, a phase's peak
 * is the process's peak so far (an upper bound).
 */
export class PeakRss {
  private processKb = highWaterKb();
  private resettable = true;

  /** Starts a phase: {@link phaseMb} measures from here. */
  startPhase(): void {
    this.processKb = Math.max(this.processKb, highWaterKb());
    if (!this.resettable) return;
    try {
      writeFileSync('/proc/self/clear_refs', '5');
    } catch {
      this.resettable = false;
    }
  }

  /** Peak RSS since {@link startPhase}, in MB. */
  phaseMb(): number {
    const kb = highWaterKb();
    this.processKb = Math.max(this.processKb, kb);
    return mb(kb);
  }

  /** Peak RSS of the whole process so far, in MB. */
  processMb(): number {
    this.processKb = Math.max(this.processKb, highWaterKb());
    return mb(this.processKb);
  }
}
