/** The machine a benchmark ran on, printed with every table so that figures are read against it. */
import os from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: other processes sharing the cores skew every figure. */
  load: number;
}

/** `machineInfo()` → `{ cpus: 2, cpuModel: 'AMD EPYC …', memoryGb: 23.5, node: 'v20.20.2', … }` */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    load: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

/** One line for the table's header. */
export function describeMachine(m: MachineInfo): string {
  return `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}, load ${m.load} at start`;
}
