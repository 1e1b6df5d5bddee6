#!/bin/bash
# The goal table and the saturation/steady rows of the before and after reports side by side.
L=${1:-/tmp/perf11-slot}
for n in before after; do
  echo "== $n: $(sed -n 3p $L/$n/report.md | cut -c1-60)"
  sed -n '/^| goal/,/^$/p' $L/$n/report.md | grep -v "^| goal\|^|---\|^$" | awk -F'|' '{printf "  %-70s %s\n", $2, $4}'
  grep -E "^\| \*\*accepted per second|^\| end to end|^\| acknowledgement latency|^\| hub CPU ms|^\| Azurite CPU|^\| storage round trips per document" $L/$n/report.md | cut -c1-220
done
