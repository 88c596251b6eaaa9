import os from 'node:os';

/** The machine a benchmark ran on, and how busy it was (the 1, 5 and 15 minute load averages). */
export function machineInfo() {
  return {
    cpu: os.cpus()[0].model,
    cores: os.cpus().length,
    node: process.version,
    loadAverage: os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' '),
  };
}
