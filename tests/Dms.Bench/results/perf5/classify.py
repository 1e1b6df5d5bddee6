#!/usr/bin/env python3
"""Classifies `perf script` samples (system-wide, with call graphs) by process and, for one process, by category.
Usage: perf script -i FILE | classify.py HUBPID AZURITEPID"""
import sys, re, collections
hub, azurite = sys.argv[1], sys.argv[2]
procs = collections.Counter(); self_cat = collections.Counter(); incl_cat = collections.Counter(); leaf_sym = collections.Counter()
az_self = collections.Counter(); az_incl = collections.Counter(); az_sym = collections.Counter()
total = 0

def cat_of(sym, dso):
    s = sym; d = dso
    if 'kallsyms' in d or d.startswith('[kernel'): return 'kernel'
    if 'libclrjit' in d: return 'JIT'
    if re.search(r'gc_heap|GCHeap|WKS::|SVR::|GCToEE|memset|memmove|Alloc', s) and 'libcoreclr' in d: return 'GC/alloc (runtime)'
    if 'OpenTelemetry' in s or 'System.Diagnostics.Activity' in s or 'DiagnosticSource' in s or 'System.Diagnostics.Metrics' in s: return 'OpenTelemetry/Activity/metrics'
    if 'Azure.' in s: return 'Azure SDK'
    if 'System.Text.Json' in s: return 'System.Text.Json'
    if 'System.Net.Sockets' in s or 'System.Net.Http' in s or 'System.Net.Security' in s: return 'HTTP client/sockets'
    if 'Microsoft.AspNetCore' in s: return 'ASP.NET Core/Kestrel'
    if 'Dms.' in s: return 'hub code (Dms.*)'
    if 'Json.Schema' in s or 'JsonSchema' in s: return 'schema validation'
    if re.search(r'ThreadPool|PortableThreadPool|LowLevelLifoSemaphore|WorkerThread|Semaphore|SpinWait|Thread\.Sleep|IOCompletion|SocketAsyncEngine', s): return 'thread pool / wait'
    if 'System.Security.Cryptography' in s or 'libcrypto' in d or 'libssl' in d: return 'crypto (signing)'
    if 'libcoreclr' in d: return 'runtime (other)'
    if 'libSystem.Native' in d or 'libc' in d: return 'libc/native'
    if s.startswith('System.') or s.startswith('Microsoft.') or 'System.Private.CoreLib' in d: return 'BCL (other)'
    return 'other/unresolved'

def az_cat(sym, dso):
    if 'kallsyms' in dso: return 'kernel'
    if re.search(r'Loki|loki', sym): return 'LokiJS (table store)'
    if re.search(r'^LazyCompile|^JS:|^Function:', sym) and ('loki' in sym.lower()): return 'LokiJS (table store)'
    if 'v8::internal::Heap' in sym or 'Scavenger' in sym or 'MarkCompact' in sym or 'GC' in sym: return 'V8 GC'
    if sym.startswith(('LazyCompile', 'JS:', 'Function:', 'InterpretedFunction', 'Builtin', 'Script:')) or '.js' in sym: return 'JS (other)'
    if 'node' in dso: return 'node/V8 runtime'
    return 'other'

lines = sys.stdin.read().split('\n\n')
for block in lines:
    rows = [r for r in block.strip('\n').split('\n') if r.strip()]
    if not rows: continue
    head = rows[0]
    m = re.match(r'\s*(\S.*?)\s+(\d+)(?:/(\d+))?\s+', head)
    if not m: continue
    comm, pid = m.group(1), m.group(2)
    total += 1
    procs[(pid, comm.split()[0])] += 1
    frames = []
    for r in rows[1:]:
        fm = re.match(r'\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$', r)
        if fm: frames.append((fm.group(1), fm.group(2)))
    if not frames: continue
    if pid == hub:
        sc = cat_of(*frames[0]); self_cat[sc] += 1; leaf_sym[frames[0][0][:110]] += 1
        # inclusive: the first recognizable managed category up the stack (skip kernel/libc/runtime)
        ic = None
        for f in frames:
            c = cat_of(*f)
            if c not in ('kernel', 'libc/native', 'runtime (other)', 'other/unresolved', 'BCL (other)', 'GC/alloc (runtime)'):
                ic = c; break
        incl_cat[ic or sc] += 1
    elif pid == azurite:
        az_self[az_cat(*frames[0])] += 1; az_sym[frames[0][0][:110]] += 1
        ic = None
        for f in frames:
            c = az_cat(*f)
            if c == 'LokiJS (table store)': ic = c; break
        az_incl[ic or az_cat(*frames[0])] += 1

print(f"samples: {total}")
print("by process (top 12):")
for (pid, comm), n in procs.most_common(12): print(f"  {n:6d} {100*n/total:5.1f}%  {comm} {pid}")
h = sum(self_cat.values())
print(f"\nhub {hub}: {h} samples")
print(" self (leaf frame):")
for c, n in self_cat.most_common(): print(f"  {100*n/max(1,h):5.1f}%  {c}")
print(" attributed to the nearest managed caller category:")
for c, n in incl_cat.most_common(): print(f"  {100*n/max(1,h):5.1f}%  {c}")
print(" top leaf symbols:")
for c, n in leaf_sym.most_common(25): print(f"  {100*n/max(1,h):5.1f}%  {c}")
a = sum(az_self.values())
print(f"\nazurite {azurite}: {a} samples")
for c, n in az_incl.most_common(): print(f"  {100*n/max(1,a):5.1f}%  {c} (inclusive)")
print(" top leaf symbols:")
for c, n in az_sym.most_common(20): print(f"  {100*n/max(1,a):5.1f}%  {c}")
