#!/usr/bin/env python3
"""The figures README's "Issue 14 goals" subsection quotes, from a bench report.json: per goal, and the floor bound
(with Azurite the only limit, hub ÷ fixed floor ≤ (6 ÷ hub trips per document) × (floor ms per trip ÷ hub ms per
trip on Azurite), taking Azurite's thread at one core for the floor — its best case, so an upper bound).
Usage: figures.py report.json"""
import json, sys
d = json.load(open(sys.argv[1]))
m = d['machine']
print(f"run {m['date']} commit {m['commit']} load {m['loadAverage']}")
for phase in ('saturation', 'steady', 'pair'):
    p = d[phase]; s = p['simulation']
    ack = s.get('ackLatencyMs', {})
    print(f"{phase}: accepted/s {s['acceptedPerSecond']} e2e/s {p['endToEndDocumentsPerSecond']} hub CPU {p['hubCpuMsPerDocument']} ms/doc, "
          f"Azurite {p['azuriteCpuMsPerDocument']} ms/doc, trips {p['storageRoundTripsPerDocument']}, alloc {p.get('hubAllocatedKbPerDocument')} KB, "
          f"ack p50/p95/p99/max {ack.get('p50')}/{ack.get('p95')}/{ack.get('p99')}/{ack.get('max')}")
    if phase == 'pair':
        steps = {(x.get('documentType'), x.get('step')): x for x in p.get('steps', [])}
print(f"idle hub {d['hubIdleCpuMsPerSecond']} ms/s; floors: fixed {d['minimalFloor']['documentsPerSecond']}/s ({d['minimalFloor']['roundTripsPerSecond']} trips/s), "
      f"same-trips {d['sameTripsFloor']['documentsPerSecond']}/s; hub÷fixed {d['hubToMinimalFloor']}, pair÷fixed {d['pairToMinimalFloor']}, hub÷same {d['hubToSameTripsFloor']}, drain {d['drainToSaturation']}")
pair = d['pair']
trips = pair['storageRoundTripsPerDocument']
hub_ms_trip = pair['azuriteCpuMsPerDocument'] / trips
floor_ms_trip = 1000 / d['minimalFloor']['roundTripsPerSecond']
print(f"floor bound (claim + RDR): Azurite {hub_ms_trip:.2f} ms per hub trip vs ≤ {floor_ms_trip:.2f} per floor trip at one core; "
      f"(6 ÷ {trips}) × ({floor_ms_trip:.2f} ÷ {hub_ms_trip:.2f}) = {6 / trips * floor_ms_trip / hub_ms_trip:.2f}")
steady = d['steady']
print(f"steady: {steady['hubCpuMsPerDocument']} ms/doc of which the idle hub's per-second cost over the phase ≈ "
      f"{d['hubIdleCpuMsPerSecond'] * steady['endToEndSeconds'] / steady['simulation']['accepted']:.2f} ms/doc")
# Worst OEM event and the release effect, from the saturation phase's steps.
rows = []
for x in d['saturation'].get('steps', []):
    name = x.get('step', '')
    if name.startswith('oem-event:') or 'release' in name:
        total = x.get('roundTripsPerRun') or x.get('perRun')
        rows.append((x.get('documentType'), name, x.get('runs'), total, x.get('byKind') or x.get('roundTrips')))
for r in sorted(rows, key=lambda r: -(r[3] or 0))[:8]:
    print('  ', r)
# The HTTP exchanges a document of each phase causes, from its steps: inbound (intake, OEM events, dealer commands),
# outbound (deliveries to the OEM, pushes to dealers) and storage round trips — hub CPU per exchange.
for phase in ('steady', 'pair', 'saturation'):
    p = d[phase]; docs = p['simulation']['accepted'] + p['simulation'].get('refused', 0)
    inbound = sum(x['runs'] for x in p['steps'] if x['step'].split(':')[0] in ('intake', 'oem-event', 'oem-event-replayed', 'command') or x['step'].startswith(('intake', 'oem-event', 'command')))
    outbound = sum(x['runs'] for x in p['steps'] if x['step'].startswith(('deliver:', 'notify:')))
    trips = p['storageRoundTripsPerDocument']
    per_doc = (inbound + outbound) / docs + trips
    print(f"{phase}: per document {inbound / docs:.2f} inbound requests + {outbound / docs:.2f} outbound calls + {trips} storage trips = "
          f"{per_doc:.1f} exchanges; hub CPU {p['hubCpuMsPerDocument']} ms → {p['hubCpuMsPerDocument'] / per_doc:.2f} ms per exchange "
          f"(4 ms would allow {4 / (p['hubCpuMsPerDocument'] / per_doc):.1f} at that cost)")
