#!/bin/bash
# perf13's MEASUREMENT slot 23:37–23:50: bench --no-reporting of perf13 (after), then main+measurement 81a31f7 (before) if it can still end by 23:50
R=/work/wt-perf13/tests/Dms.Bench/results/perf13
T=$R/bench-slot-times.txt
run() { # name tree
  local name=$1 tree=$2
  echo "$name start $(date -u +%H:%M:%S) commit $(git -C $tree rev-parse --short HEAD) load $(cut -d' ' -f1-3 /proc/loadavg)" >> $T
  (cd $tree && dotnet tests/Dms.Bench/bin/Release/net10.0/Dms.Bench.dll bench --no-reporting > /tmp/perf13/slot-$name.log 2>&1); local rc=$?
  echo "$name end   $(date -u +%H:%M:%S) rc $rc load $(cut -d' ' -f1-3 /proc/loadavg)" >> $T
  mkdir -p $R/$name && cp $tree/artifacts/bench/report.md $tree/artifacts/bench/report.json $R/$name/ 2>/dev/null
  grep -v "^\[" /tmp/perf13/slot-$name.log | tail -60 > $R/$name/bench-tail.log
}
run after /work/wt-perf13
if [ $(date -u +%H%M%S) -le 234420 ]; then run before /work/wt-perf13-base; else echo "before skipped at $(date -u +%H:%M:%S): would not end by 23:50" >> $T; fi
