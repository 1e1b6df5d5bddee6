#!/bin/bash
# perf10's measurement slot (13:30–14:13 UTC), run under flock /work/bench.lock. Nothing is built here.
set -u
W=/work/wt-perf10; B=/work/wt-perf10-base; R=$W/tests/Dms.Bench/results/perf10; L=/tmp/perf10
mkdir -p $R $L/a4-logs
log() { echo "$(date -u +%H:%M:%S) $*" | tee -a $L/slot.txt; }

# (a) A4: 600 s outage + the same-stack saturation phase, final code.
cd $W
log "A4 start; $(uptime)"
{ echo "perf10 A4 on $(git -C $W rev-parse --short HEAD), start $(date -u)  $(uptime)"; } > $L/a4.log
bash $W/tests/Dms.Bench/results/perf9/monitor.sh $L/a4.log $L/a4-monitor.txt &
DMS_CHILD_LOGS=$L/a4-logs DMS_BENCH_HUB_SETTINGS="Logging:LogLevel:Dms.Hub.Workflow.DocumentCommitter=Information" \
  timeout 1800 dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll chaos oem-outage --outage-seconds 600 >> $L/a4.log 2>&1
echo "rc=$?" >> $L/a4.log
echo "end $(date -u)  $(uptime)" >> $L/a4.log
cp artifacts/chaos/oem-outage.json $L/a4-oem-outage.json 2>/dev/null
log "A4 end; $(uptime)"

profile_steady() { # $1 = run log; records the whole machine 25 s into the steady phase
  until grep -q "^== Steady" "$1" 2>/dev/null; do sleep 0.5; kill -0 $2 2>/dev/null || return; done
  sleep 4; log "perf record start ($(grep '^Stack: hub pid' $1))"
  perf record -a -g -F 149 -o $L/steady.perf.data -- sleep 25 > $L/perf-record.txt 2>&1
  log "perf record end"
}

bench() { # $1 = tree, $2 = name, $3 = profile?
  cd $1
  echo "perf10 bench --no-reporting ($2) on $(git -C $1 rev-parse --short HEAD), start $(date -u)  $(uptime)" > $L/bench-$2.log
  DMS_BENCH_HUB_ENV="DOTNET_PerfMapEnabled=1;DOTNET_EnableWriteXorExecute=0" \
    timeout $4 dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --no-reporting >> $L/bench-$2.log 2>&1 &
  local pid=$!
  [ "$3" = yes ] && profile_steady $L/bench-$2.log $pid &
  wait $pid; echo "rc=$?" >> $L/bench-$2.log
  echo "end $(date -u)  $(uptime)" >> $L/bench-$2.log
  mkdir -p $L/$2; cp artifacts/bench/report.md artifacts/bench/report.json $L/$2/ 2>/dev/null
  wait
}

# (b) after (final code) with the hub profile in its steady phase, then before (main) if it still fits.
left=$(( $(date -d 14:12:30 +%s) - $(date +%s) ))
if [ $left -gt 360 ]; then log "bench after start; $(uptime)"; bench $W after yes $(( left - 30 )); log "bench after end; $(uptime)"; fi
left=$(( $(date -d 14:12:30 +%s) - $(date +%s) ))
if [ $left -gt 330 ]; then log "bench before start; $(uptime)"; bench $B before no $left; log "bench before end; $(uptime)"; else log "no time for the before bench ($left s left)"; fi
log "slot done"
