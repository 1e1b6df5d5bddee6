#!/usr/bin/env python3
"""Core contention beside the acknowledgement tail, from a latency run's files (latency-acks.csv, latency-timeline.json):
for acknowledgements >= SLOW ms and for all, the machine's idle share and the five processes' cores in the second each
started in. Usage: contention.py RUN_FOLDER [SLOW_MS]"""
import csv, json, sys
from datetime import datetime
run = sys.argv[1]; slow_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 100
secs = json.load(open(f'{run}/latency-timeline.json'))
def t(s): return datetime.fromisoformat(s).timestamp()
def tod(x): h, m, s = x.split(':'); return int(h) * 3600 + int(m) * 60 + float(s)
timeline = [(t(s['at']) % 86400, s) for s in secs]
acks = [(tod(r['startedAtUtc']), float(r['ms'])) for r in csv.DictReader(open(f'{run}/latency-acks.csv'))]
def second_of(a):
    best = None
    for at, s in timeline:
        if at <= a: best = s
        else: break
    return best
def summary(name, sample):
    rows = [second_of(a) for a, _ in sample]; rows = [r for r in rows if r]
    if not rows: return
    mean = lambda k: sum(r[k] for r in rows) / len(rows)
    busy = sum(1 for r in rows if r['machineIdle'] < 0.1) / len(rows)
    used = mean('hubCores') + mean('azuriteCores') + mean('benchCores') + mean('oemCores')
    print(f"{name}: {len(rows)} acks; in their second: machine idle {mean('machineIdle'):.2f} of 1 (< 0.10 in {100 * busy:.0f} %), "
          f"hub {mean('hubCores'):.2f} + Azurite {mean('azuriteCores'):.2f} + dealers {mean('benchCores'):.2f} + OEM {mean('oemCores'):.2f} = {used:.2f} of 2 cores")
phase = [a for a in acks if timeline and a[0] >= timeline[0][0]]
summary('all', phase)
summary(f'>= {slow_ms:.0f} ms', [a for a in phase if a[1] >= slow_ms])
summary('< 50 ms', [a for a in phase if a[1] < 50])
