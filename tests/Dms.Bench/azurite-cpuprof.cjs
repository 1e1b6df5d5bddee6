// Preloaded into Azurite (DMS_AZURITE_NODE_ARGS="--require <this file>", DMS_AZURITE_PROF_DIR=<folder>): V8's sampling
// profiler, cut on each SIGUSR2 — the first signal starts it, each next one writes <folder>/N.cpuprofile (N = 0, 1, …)
// and starts the next. Send the signal as each console page's line is printed and profile N is the pages' N-th
// interval: where Azurite's CPU goes for one page's requests (azurite-cpuprof-report.py prints it). Writing a profile
// takes Azurite a few seconds, so a page's first samples after a cut are slow: read costs from it, not latencies.
const inspector = require('inspector');
const fs = require('fs');
const dir = process.env.DMS_AZURITE_PROF_DIR;
const session = new inspector.Session();
session.connect();
let n = 0;
let running = false;
session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }));
process.on('SIGUSR2', () => {
  const start = () => session.post('Profiler.start', () => { running = true; });
  if (!running) {
    start();
    return;
  }

  session.post('Profiler.stop', (err, { profile }) => {
    running = false;
    fs.writeFileSync(`${dir}/${n++}.cpuprofile`, JSON.stringify(profile));
    start();
  });
});
