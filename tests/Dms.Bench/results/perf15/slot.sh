#!/bin/bash
# perf15's MEASUREMENT slot 05:02–05:13 UTC, run under flock /work/bench.lock. Nothing is built here: the binaries were
# built in the build window. One `bench --no-reporting` of perf15's final binaries; report and log copied beside this.
set -u
W=/work/wt-perf15; L=/tmp/perf15-slot; R=$W/tests/Dms.Bench/results/perf15; END=$(date -d 05:12:40 +%s)
mkdir -p $L
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a $R/slot-times.txt; }
left() { echo $(( END - $(date +%s) )); }
# A run stopped by its timeout may leave its stack behind: end the processes it printed (by id, ours only).
reap() { for p in $(sed -n 's/^Stack: hub pid \([0-9]*\), Azurite pid \([0-9]*\), OEM simulator pid \([0-9]*\).*/\1 \2 \3/p' $1); do
  grep -qaE "Dms.Functions|azurite|Dms.OemSimulator" /proc/$p/cmdline 2>/dev/null && kill $p && log "ended leftover pid $p"; done; }
cd $W
log "bench start, commit $(git rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
timeout $(left) dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --no-reporting > $L/bench.log 2>&1
rc=$?
log "bench end rc $rc, load $(cut -d' ' -f1-3 /proc/loadavg)"; reap $L/bench.log
mkdir -p $R/bench && cp artifacts/bench/report.md artifacts/bench/report.json $R/bench/ 2>/dev/null
cp $L/bench.log $R/bench/bench.log
log "slot done"
