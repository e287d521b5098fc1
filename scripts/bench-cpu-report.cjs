// Preloaded (`node -r`) into every child a benchmark measures: as the process exits, it writes
// its own CPU time (user + system, in milliseconds) to file descriptor 3, which the benchmark
// reads (scripts/bench-lib.mjs). Costs a fraction of a millisecond, the same for every command.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  try {
    writeSync(3, `${(user + system) / 1000}\n`);
  } catch {
    /* not run by a benchmark: nothing to report to */
  }
});
