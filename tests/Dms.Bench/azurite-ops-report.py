#!/usr/bin/env python3
"""Per-row costs from azurite-ops.cjs's output, in slices of the file.

usage: azurite-ops-report.py OPS_FILE [--slices 4] [--top 14] [--rows-key "benchreservations insertTableEntity retail@vin"] [--tables]

The probe appends cumulative totals every 10 s; a file row is counted by the rows-key operation (one VIN reservation
per accepted RDR). Slices split the rows evenly; each prints Azurite's CPU per row, the share spent inside table-store
operations, the costliest operations per row, and the written rows by their property count (the probe's widths).
--tables adds, per table, its size at the slice's end and what a row did there: inserts, updates (merge or replace)
and deletes per row and the time they took — LokiJS's updates and deletes cost time proportional to their table's size.
"""
import argparse
import json


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ops")
    ap.add_argument("--slices", type=int, default=4)
    ap.add_argument("--top", type=int, default=14)
    ap.add_argument("--rows-key", default="benchreservations insertTableEntity retail@vin")
    ap.add_argument("--tables", action="store_true")
    a = ap.parse_args()
    lines = [json.loads(l) for l in open(a.ops) if l.strip()]
    rows = lambda l: l["stats"].get(a.rows_key, {}).get("n", 0)
    lines = [l for l in lines if rows(l) > 0] or lines
    start = next((i for i, l in enumerate(lines) if rows(l) > 0), 0)
    first = lines[max(start - 1, 0)]
    total = rows(lines[-1]) - rows(first)
    bounds = [first]
    for k in range(1, a.slices + 1):
        target = rows(first) + total * k / a.slices
        bounds.append(next(l for l in lines if rows(l) >= target) if k < a.slices else lines[-1])
    for lo, hi in zip(bounds, bounds[1:]):
        n = rows(hi) - rows(lo)
        if n <= 0:
            continue
        cpu = (hi["cpuMs"] - lo["cpuMs"]) / n
        ops = []
        for key, s in hi["stats"].items():
            b = lo["stats"].get(key, {"n": 0, "ms": 0})
            dn, dms = s["n"] - b["n"], s["ms"] - b["ms"]
            if dn > 0:
                ops.append((dms / n, dn / n, 1000 * dms / dn, key))
        inside = sum(o[0] for o in ops)
        docs = lambda l: next((v for k, v in l.get("sizes", {}).items() if k.endswith("documents")), "?")
        print(f"== rows {rows(lo)}-{rows(hi)} ({n} rows; documents table {docs(lo)}-{docs(hi)} rows; "
              f"{(hi['t'] - lo['t']) / 1000:.0f} s): Azurite CPU {cpu:.2f} ms/row, in table-store operations {inside:.2f} ms/row")
        for ms, per, us, key in sorted(ops, reverse=True)[: a.top]:
            print(f"    {ms:7.3f} ms/row {per:7.3f} ops/row {us:9.0f} us/op  {key}")
        widths = []
        for key, w in hi.get("widths", {}).items():
            b = lo.get("widths", {}).get(key, {"n": 0, "ms": 0})
            dn, dms = w["n"] - b["n"], w["ms"] - b["ms"]
            if dn > 0:
                widths.append((dms / n, dn / n, 1000 * dms / dn, w["max"], key))
        for ms, per, us, most, key in sorted(widths, reverse=True)[: a.top]:
            print(f"      by width {ms:7.3f} ms/row {per:7.3f} ops/row {us:9.0f} us/op  widest {most:6d}  {key}")
        if a.tables:
            print_tables(lo, hi, n)


def print_tables(lo, hi, n):
    """Per table: rows at the slice's end; inserts, updates and deletes per file row, and their cost per row."""
    kinds = {"insertTableEntity": 0, "updateTableEntity": 1, "mergeTableEntity": 1, "deleteTableEntity": 2}
    per = {}
    for key, s in hi["stats"].items():
        table, op = key.split(" ")[:2]
        if op not in kinds:
            continue
        b = lo["stats"].get(key, {"n": 0, "ms": 0})
        t = per.setdefault(table, [0.0] * 6)
        t[kinds[op]] += (s["n"] - b["n"]) / n
        t[3 + kinds[op]] += (s["ms"] - b["ms"]) / n
    print("      table                              rows at end   inserts/row  updates/row  deletes/row   ms/row in inserts / updates / deletes")
    for table, t in sorted(per.items(), key=lambda kv: -(kv[1][4] + kv[1][5])):
        if sum(t[:3]) >= 0.001:
            print(f"      {table:34} {hi.get('sizes', {}).get(table, '?'):>11}   {t[0]:11.3f}  {t[1]:11.3f}  {t[2]:11.3f}   {t[3]:7.3f} / {t[4]:7.3f} / {t[5]:7.3f}")


if __name__ == "__main__":
    main()
