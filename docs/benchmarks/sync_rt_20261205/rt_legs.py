# Where a round trip waits: each named function and every os.fsync timed (perf_counter) around
# `bench_sync.round_trips` (one process, watcher mode). Run from the project root:
#   python docs/benchmarks/sync_rt_20261205/rt_legs.py FOLDER TRIPS module:Qual.name ...
# A diagnostic kept with its output (legs.txt), not a benchmark of the suite.
import sys, random, shutil, time, collections, importlib, statistics, threading, os
from pathlib import Path
ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests" / "benchmarks")); sys.path.insert(0, str(ROOT))
import bench_sync
kit = bench_sync._kit()
D = collections.defaultdict(list)
def wrap(modname, qual, tag=None):
    mod = importlib.import_module(modname)
    parts = qual.split('.')
    owner = mod
    for p in parts[:-1]: owner = getattr(owner, p)
    orig = getattr(owner, parts[-1])
    tag = tag or qual
    def w(*a, **k):
        t = time.perf_counter()
        try: return orig(*a, **k)
        finally: D[tag].append((time.perf_counter() - t) * 1000)
    setattr(owner, parts[-1], w)
for spec in sys.argv[3:]:
    m, q = spec.split(':'); wrap(m, q)
ofs = os.fsync
def fs(fd):
    t = time.perf_counter()
    try: return ofs(fd)
    finally: D['os.fsync[' + threading.current_thread().name[:14] + ']'].append((time.perf_counter() - t) * 1000)
os.fsync = fs
from utils.site.fleet import FleetMonitor
from utils.site.folder_transport import FolderTransport
folder = Path(sys.argv[1]); shutil.rmtree(folder, ignore_errors=True); folder.mkdir(parents=True)
n = int(sys.argv[2])
site = kit.make_site(folder)
fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
session = site.admin.auth.login("ana", kit.ADMIN_PW).session
ctx = site.station(folder, "206", status_interval_ms=1000, rescan_interval_ms=None)
service = kit.start_sync(ctx, watch=True)
waker = bench_sync.AckWaker(fleet.transport, "206")
kit.wait_until(lambda: service.counters["heartbeats"] > 0, timeout=30)
D.clear()
run = bench_sync.round_trips(fleet, session, "206", n, waker=waker, poll_s=0.05, stamps=None,
                             counters=None, gap_ms=(5.0, 30.0), rng=random.Random(1))
waker.stop(); service.stop(); ctx.close(); site.admin.close()
s = sorted(run['totals_ms']); print('trip p50 %.2f p99 %.2f' % (s[len(s)//2], s[int(len(s)*.99)]))
N = n + 10
for k, v in sorted(D.items(), key=lambda kv: -sum(kv[1])):
    v2 = sorted(v)
    print('%-60s calls/trip %5.2f  p50 %6.3f  p90 %6.3f  ms/trip %6.3f' % (k[:60], len(v)/N, v2[len(v2)//2], v2[int(len(v2)*.9)], sum(v)/N))
