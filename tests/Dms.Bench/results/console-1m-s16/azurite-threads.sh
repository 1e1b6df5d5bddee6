#!/bin/bash
# samples Azurite's main thread vs V8 worker threads (GC helpers) CPU ticks every 0.5 s
AZ=$1; OUT=$2
prev_m=0; prev_w=0
while kill -0 $AZ 2>/dev/null; do
  m=$(awk '{print $14+$15}' /proc/$AZ/task/$AZ/stat)
  w=0; for t in /proc/$AZ/task/*; do tid=$(basename $t); [ "$tid" = "$AZ" ] && continue; w=$((w + $(awk '{print $14+$15}' $t/stat))); done
  echo "$(date -u +%H:%M:%S.%N | cut -c1-12) main+$((m-prev_m)) workers+$((w-prev_w))" >> $OUT
  prev_m=$m; prev_w=$w
  sleep 0.5
done
