#!/usr/bin/env python3
"""Samples per second by process from `perf script -F comm,pid,tid,time,ip,sym,dso` (perf record -a -F 149 on 2 cores:
149 samples = one core busy). Usage: cpu-timeline.py PERF_TXT HUBPID AZURITEPID OEMPID"""
import re, collections, sys
txt, h, a, o = sys.argv[1:5]
per = collections.defaultdict(collections.Counter); t0 = None
for line in open(txt):
    m = re.match(r'\s*(\S.*?)\s+(\d+)/(\d+)\s+([\d.]+):', line)
    if m:
        t = float(m.group(4)); t0 = t0 or t
        pid = m.group(2)
        per[int(t - t0)][{h: 'hub', a: 'azurite', o: 'oem'}.get(pid, 'idle' if pid == '0' else 'other')] += 1
print('second after the OEM came back: hub / azurite / OEM simulator / other processes / idle (cores)')
for s in sorted(per):
    c = per[s]; print(f"{s:3d}  " + '  '.join(f"{k} {c[k]/149:.2f}" for k in ['hub', 'azurite', 'oem', 'other', 'idle']))
