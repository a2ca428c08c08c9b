"""Peak memory of ``kg ingest`` (embedded store) as a subprocess, at two corpus sizes.

The DoD paragraphs are written to JSON Lines (one article per paragraph) and ingested into
a fresh SQLite file by ``python -m kg ingest``. The peak resident set size comes from the
kernel: ``/usr/bin/time -f %M`` (GNU time, which forks ``kg`` from a small process and reads
its ``ru_maxrss`` with wait4), cross-checked by the last ``VmHWM`` read from ``/proc``.
(``os.wait4`` straight from this benchmark process would not do: a child forked from a big
parent inherits the parent's high-water mark through ``exec``.) While it runs, ``/proc/<pid>``
is sampled every 0.2 s for a timeline (RSS at 10/25/50/75/100 % of the run), which shows
whether memory climbs with the number of articles or stays flat after the model loads.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import dod_rows


def _status_kb(pid: int, field: str = "VmRSS") -> int | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _child(pid: int) -> int | None:
    try:
        kids = open(f"/proc/{pid}/task/{pid}/children").read().split()
        return int(kids[0]) if kids else None
    except (OSError, ValueError):
        return None


def write_jsonl(path: Path, n: int) -> int:
    rows = dod_rows(n)
    with open(path, "w", encoding="utf-8") as fh:
        for i, r in enumerate(rows):
            fh.write(json.dumps({"id": f"dod-{i:04d}", "text": r["announcement"], "date": r.get("date") or "",
                                 "outlet": "U.S. Department of Defense"}) + "\n")
    return len(rows)


def ingest_peak(jsonl: Path, store: Path, workers: int = 1) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "kg", "ingest", str(jsonl), "--store", str(store), "--format", "json",
           "--workers", str(workers)]
    out_file = store.with_suffix(".out.json")
    time_file = store.with_suffix(".time.txt")
    gnu_time = "/usr/bin/time" if Path("/usr/bin/time").exists() else None  # GNU time (Debian package "time")
    if gnu_time:
        cmd = [gnu_time, "-f", "%M", "-o", str(time_file)] + cmd
    samples: list[tuple[float, int]] = []
    hwm = 0
    t0 = time.perf_counter()
    with open(out_file, "w") as out, open(store.with_suffix(".err.txt"), "w") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        while proc.poll() is None:
            kg_pid = _child(proc.pid) if gnu_time else proc.pid
            if kg_pid:
                rss = _status_kb(kg_pid)
                if rss:
                    samples.append((time.perf_counter() - t0, rss))
                hwm = max(hwm, _status_kb(kg_pid, "VmHWM") or 0)
            time.sleep(0.2)
    elapsed = time.perf_counter() - t0
    peak_kb = None
    if gnu_time:
        try:
            peak_kb = int(time_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            peak_kb = None
    try:
        report = json.loads(out_file.read_text())
    except (OSError, ValueError):
        report = {}
    timeline = {}
    for frac in (0.1, 0.25, 0.5, 0.75, 1.0):
        before = [kb for t, kb in samples if t <= frac * elapsed]
        timeline[f"{int(frac * 100)}%"] = round(before[-1] / 1024, 1) if before else None
    return {"exit_code": proc.returncode, "seconds": round(elapsed, 1),
            "peak_rss_mb": round((peak_kb or hwm) / 1024, 1),
            "peak_source": "GNU time %M (ru_maxrss)" if peak_kb else "last VmHWM sample",
            "vmhwm_last_sample_mb": round(hwm / 1024, 1),
            "rss_timeline_mb": timeline, "written": report.get("written"),
            "store": {k: report.get("store", {}).get(k) for k in ("entities", "claims", "articles")}}


def run(counts: tuple[int, int], log=print, workdir: Path | None = None) -> dict[str, Any]:
    tmp = Path(workdir or tempfile.mkdtemp(prefix="kg-bench-mem-"))
    tmp.mkdir(parents=True, exist_ok=True)
    res: dict[str, Any] = {"runs": {}}
    for n in counts:
        jsonl = tmp / f"dod-{n}.jsonl"
        real = write_jsonl(jsonl, n)
        store = tmp / f"kg-{n}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(str(store) + suffix).unlink(missing_ok=True)
        r = ingest_peak(jsonl, store)
        r["articles"] = real
        res["runs"][real] = r
        log(f"  memory: kg ingest of {real} articles: peak RSS {r['peak_rss_mb']:.0f} MB in {r['seconds']:.0f}s (exit {r['exit_code']})")
    small, big = (res["runs"][k] for k in sorted(res["runs"]))
    res["small"], res["big"] = min(res["runs"]), max(res["runs"])
    res["peak_rss_mb"] = big["peak_rss_mb"]
    res["flatness_ratio"] = round(big["peak_rss_mb"] / small["peak_rss_mb"], 3)
    res["command"] = "python -m kg ingest FILE.jsonl --store FILE.sqlite --format json --workers 1"
    res["workdir"] = str(tmp)
    return res
