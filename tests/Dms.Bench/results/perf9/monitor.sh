#!/bin/bash
# Per-interval CPU (in cores) of a chaos run's processes and of the whole machine, with the OEM simulator's counters.
# Usage: monitor.sh RUNLOG OUT — waits for the run's "Stack:" line, samples about every 2 s until the hub exits,
# and saves the OEM's effect ledger (OUT.effects.json) when the drain's line appears.
log="$1"; out="$2"
until grep -q "^Stack: hub pid" "$log" 2>/dev/null; do sleep 0.5; done
line=$(grep "^Stack: hub pid" "$log")
hub=$(echo "$line" | sed -E 's/.*hub pid ([0-9]+).*/\1/'); az=$(echo "$line" | sed -E 's/.*Azurite pid ([0-9]+).*/\1/'); oem=$(echo "$line" | sed -E 's/.*OEM simulator pid ([0-9]+).*/\1/')
bench=$(pgrep -f "^dotnet .*Dms.Bench.dll" | head -1)
sleep 2
oemport=$(ss -ltnp 2>/dev/null | grep "pid=$oem," | awk '{print $4}' | sed 's/.*://' | head -1)
echo "# hub $hub azurite $az oem $oem:$oemport bench(dealers+harness) $bench; cpus $(nproc)" > "$out"
echo "# utc seconds hub azurite oem bench machine_busy (cores over the interval) oem_requests oem_effects max_in_flight load1" >> "$out"
ticks() { awk '{print $14+$15}' /proc/$1/stat 2>/dev/null || echo 0; }
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
declare -A prev
for p in $hub $az $oem $bench; do prev[$p]=$(ticks $p); done
pb=$(busy); pt=$(date +%s.%N)
while kill -0 $hub 2>/dev/null; do
  sleep 2
  now=$(date +%s.%N); el=$(awk -v a=$now -v b=$pt 'BEGIN{print a-b}')
  row="$(date -u +%H:%M:%S) $(printf %.1f $el)"
  for p in $hub $az $oem $bench; do t=$(ticks $p); row="$row $(awk -v a=$t -v b=${prev[$p]} -v e=$el 'BEGIN{printf "%.2f",(a-b)/100/e}')"; prev[$p]=$t; done
  b=$(busy); row="$row $(awk -v a=$b -v c=$pb -v e=$el 'BEGIN{printf "%.2f",(a-c)/100/e}')"; pb=$b; pt=$now
  s=$(curl -s -m 1 http://127.0.0.1:$oemport/stats)
  row="$row $(echo "$s" | grep -o '"requests":[0-9]*\|"effects":[0-9]*\|"maxInFlight":[0-9]*' | cut -d: -f2 | tr '\n' ' ')"
  row="$row$(cut -d' ' -f1 /proc/loadavg)"
  echo "$row" >> "$out"
  if [ -z "$saved" ] && grep -q "drained in" "$log"; then curl -s -m 30 http://127.0.0.1:$oemport/effects > "$out.effects.json"; saved=1; fi
done
