#!/usr/bin/env python3
"""Self and inclusive CPU time by function of a .cpuprofile (azurite-cpuprof.cjs writes one per console page).

usage: azurite-cpuprof-report.py FILE.cpuprofile [--top 25] [--under Resultset.where]

--under NAME prints only the self time spent below a frame whose name starts with NAME (e.g. what the table walk
costs per query node). Times are in ms of the profile's samples; "(garbage collector)" is V8's collections.
"""
import argparse
import json
import os
from collections import defaultdict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("profile")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--under")
    args = ap.parse_args()
    p = json.load(open(args.profile))
    nodes = {n["id"]: n for n in p["nodes"]}
    parent = {c: n["id"] for n in p["nodes"] for c in n.get("children", [])}
    self_ms = defaultdict(float)
    for sample, delta in zip(p["samples"], p["timeDeltas"]):
        self_ms[sample] += delta / 1000.0

    def name(node):
        frame = node["callFrame"]
        return f"{frame['functionName'] or '(anon)'} {os.path.basename(frame['url'])}:{frame['lineNumber']}"

    def chain(node_id):
        while node_id is not None:
            yield name(nodes[node_id])
            node_id = parent.get(node_id)

    by_self, inclusive = defaultdict(float), defaultdict(float)
    for node_id, ms in self_ms.items():
        frames = list(chain(node_id))
        if args.under and not any(f.startswith(args.under) for f in frames):
            continue
        by_self[frames[0]] += ms
        for frame in set(frames):
            inclusive[frame] += ms

    print(f"total {sum(self_ms.values()):.0f} ms")
    for title, table in (("self", by_self), ("inclusive", inclusive)):
        print(f"-- {title}")
        for frame, ms in sorted(table.items(), key=lambda x: -x[1])[: args.top]:
            print(f"{ms:8.0f} {frame}")


if __name__ == "__main__":
    main()
