#!/usr/bin/env python3
"""Inclusive share of the hub's samples per managed method (a method counted once per sample, wherever it is on the
stack), and per namespace prefix: which calls the hub's CPU is spent under. Usage: perf script -i FILE | inclusive.py HUBPID"""
import collections, re, sys
hub = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 60
methods = collections.Counter(); spaces = collections.Counter(); total = 0
for block in sys.stdin.read().split('\n\n'):
    rows = [r for r in block.strip('\n').split('\n') if r.strip()]
    if not rows: continue
    m = re.match(r'\s*(\S.*?)\s+(\d+)(?:/(\d+))?\s+', rows[0])
    if not m or m.group(2) != hub: continue
    total += 1
    seen, seen_ns = set(), set()
    for r in rows[1:]:
        fm = re.match(r'\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$', r)
        if not fm: continue
        sym = fm.group(1)
        # "[OptimizedTier1]" etc. and argument lists off: one name per method.
        name = re.sub(r'\[(Optimized|Tier|QuickJitted|PreJIT|OptimizedTier1|Instrumented)[^\]]*\]$', '', sym)
        name = re.sub(r'\(.*$', '', name)
        cls = re.search(r'\] ([\w.`+<>,\[\]]+)::', name)
        if name not in seen: seen.add(name); methods[name[:150]] += 1
        if cls:
            ns = '.'.join(cls.group(1).split('.')[:3])
            if ns not in seen_ns: seen_ns.add(ns); spaces[ns] += 1
print(f"hub {hub}: {total} samples")
print("inclusive by namespace (first three parts):")
for n, c in spaces.most_common(40): print(f"  {100 * c / max(1, total):5.1f}%  {n}")
print(f"inclusive by method (top {top}):")
for n, c in methods.most_common(top): print(f"  {100 * c / max(1, total):5.1f}%  {n}")
