// Preloaded into a benchmarked CLI run (node --require): writes the process's peak RSS (KB) and CPU time (µs) to $MAXRSS_FILE at exit.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload script, loaded by node --require
const fs = require('node:fs');

process.on('exit', () => {
  const u = process.resourceUsage();
  fs.writeFileSync(process.env.MAXRSS_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime }));
});
