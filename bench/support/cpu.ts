// CPU time of the processes a bench measures, read from /proc the same way whatever they run.
import { readdirSync, readFileSync } from 'node:fs';

/** utime and stime (fields 14 and 15 of /proc/<pid>/stat, in clock ticks) and the parent pid (field 4). */
function procStat(pid: number): { ticks: number; ppid: number } | undefined {
  try {
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ticks: Number(fields[11]) + Number(fields[12]), ppid: Number(fields[1]) };
  } catch {
    return undefined; // gone, or not Linux
  }
}

// USER_HZ: 100 on every Linux the kernel's ABI has shipped for (sysconf(_SC_CLK_TCK)).
const MS_PER_TICK = 10;

/**
 * CPU time (user + system, ms) a process and its direct children have used since they started, read
 * from /proc the same way for every side of a bench whatever it runs (node, nginx's master and its
 * worker). Resolution 10 ms: take it over seconds of load.
 */
export function processCpuMs(pid: number): number {
  let ticks = procStat(pid)?.ticks ?? Number.NaN;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat?.ppid === pid) ticks += stat.ticks;
  }
  return ticks * MS_PER_TICK;
}
