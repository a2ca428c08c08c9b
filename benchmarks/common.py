"""Shared helpers: the machine, the DoD paragraphs, timing, percentiles, local Neo4j servers.

Every benchmark here reports a *ratio* against a reference measured in the same run, with the
runs interleaved (ABBA order, or rotated rounds), because the machine is shared and noisy.
Absolute numbers are reported beside the ratios, never judged on their own.
"""
from __future__ import annotations

import csv
import datetime as _dt
import logging
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DOD_CSV = Path(os.environ.get("KG_BENCH_DOD_CSV", "/work/shared/data/dod-contracts/announcements_2015_2016.csv"))
if not DOD_CSV.exists():  # the layout of a fresh clone: ../shared beside the repository
    alt = Path(__file__).resolve().parents[2] / "shared" / "data" / "dod-contracts" / "announcements_2015_2016.csv"
    if alt.exists():
        DOD_CSV = alt

#: Where the benchmark's own Neo4j servers live (one home per server, wiped before use).
NEO4J_ROOT = Path(os.environ.get("KG_BENCH_NEO4J_ROOT", "/tmp/kg-bench-neo4j-run"))


def quiet_neo4j() -> None:
    """The driver logs every server notification (deprecations, unknown types) as a warning."""
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


# -- data ----------------------------------------------------------------------------------
def dod_rows(limit: int | None = None) -> list[dict[str, str]]:
    """The DoD contract-announcement paragraphs, read in place (column ``announcement``)."""
    csv.field_size_limit(1 << 30)
    with open(DOD_CSV, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if (r.get("announcement") or "").strip()]
    return rows[:limit] if limit else rows


def dod_articles(limit: int | None = None):
    """The paragraphs as :class:`kg.model.Article`, dates normalised as ``kg ingest`` would
    (``kg.corpus`` turns "February 29, 2016" into "2016-02-29" when it reads a file)."""
    from kg.corpus import _clean, iso_date
    from kg.model import Article

    return [Article(id=f"dod-{i:04d}", text=_clean(r["announcement"]), date=iso_date(r.get("date") or ""),
                    outlet="U.S. Department of Defense", title=f"DoD contracts, {r.get('date') or ''}".strip(", "))
            for i, r in enumerate(dod_rows(limit))]


def parse_date_fn():
    """kg's cached date parser, wherever it lives (kg.money, formerly kg.extract.money)."""
    import importlib

    for mod in ("kg.money", "kg.extract.money"):
        try:
            return importlib.import_module(mod).parse_date
        except (ImportError, AttributeError):
            continue
    return None


def word_count(text: str) -> int:
    """Words are whitespace-separated tokens of the raw text (the same count for every variant)."""
    return len(text.split())


# -- timing --------------------------------------------------------------------------------
def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def percentile(values: Sequence[float], q: float) -> float:
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=float), q)) if values else float("nan")


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def rotate(items: Sequence, k: int) -> list:
    """``items`` rotated by ``k``: round k of a rotated-order (Latin square) schedule."""
    items = list(items)
    if not items:
        return items
    k %= len(items)
    return items[k:] + items[:k]


def abba(i: int, a: Any, b: Any) -> list:
    """A, B on even blocks and B, A on odd ones: drift in machine speed hits both alike."""
    return [a, b] if i % 2 == 0 else [b, a]


def rss_mb() -> float:
    """This process's current resident set size, from /proc (no psutil needed)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# -- the machine ---------------------------------------------------------------------------
def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _mem_total_gb() -> float:
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return float("nan")


def _git_commit(repo: Path) -> str | None:
    """The checked-out commit, read from .git without running git."""
    head = repo / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            name = ref[5:]
            f = repo / ".git" / name
            if f.exists():
                return f.read_text().strip()
            packed = repo / ".git" / "packed-refs"
            if packed.exists():
                for line in packed.read_text().splitlines():
                    if line.endswith(" " + name):
                        return line.split()[0]
            return None
        return ref
    except OSError:
        return None


def machine_info(neo4j_server_version: str | None = None) -> dict[str, Any]:
    import spacy

    import kg
    from kg import config

    try:
        import neo4j

        driver_version = neo4j.__version__
    except Exception:  # pragma: no cover - the driver is a dependency
        driver_version = None
    model = config.spacy_model()
    try:
        model_version = spacy.util.get_package_version(model)
    except Exception:
        model_version = None
    try:
        cores_usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores_usable = os.cpu_count()
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "cpu_model": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": cores_usable,
        "memory_gb": _mem_total_gb(),
        "load_average_at_start": load,
        "os": platform.platform(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "spacy_model": f"{model} {model_version or '?'}",
        "neo4j_driver": driver_version,
        "neo4j_server": neo4j_server_version,
        "kg": kg.__version__,
        "kg_source": str(Path(kg.__file__).resolve().parent),
        "kg_commit": _git_commit(Path(__file__).resolve().parents[1]),
    }


# -- local Neo4j servers -------------------------------------------------------------------
@dataclass
class Server:
    name: str
    home: Path
    uri: str
    user: str
    password: str
    version: str

    def store(self):
        from kg.store.neo4j import Neo4jStore

        return Neo4jStore.connect(self.uri, user=self.user, password=self.password)


class Servers:
    """Throw-away Neo4j Community servers, one home each under ``NEO4J_ROOT``, data wiped first.

    Used as a context manager: every server it started is stopped on exit, whatever happens.
    """

    def __init__(self, root: Path = NEO4J_ROOT, heap: str = "1g"):
        self.root = Path(root)
        self.heap = heap
        self.started: list[Server] = []
        self.error: str | None = None

    def __enter__(self) -> "Servers":
        return self

    def __exit__(self, *exc) -> None:
        self.stop_all()

    def start(self, name: str, heap: str | None = None) -> Server | None:
        """Start a server, or return None (and remember why) when Neo4j cannot run here."""
        from kg import server as kgserver

        home = self.root / name
        try:
            if home.exists():
                kgserver.stop(home)
            for sub in ("data", "logs", "run", "kg-password"):
                p = home / sub
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                elif p.exists():
                    p.unlink()
            home.mkdir(parents=True, exist_ok=True)
            self._link_jars(home, kgserver)
            info = kgserver.start(home, heap=heap or self.heap)
        except Exception as exc:  # ServerError (no Java, no jars...) or anything underneath
            self.error = f"{type(exc).__name__}: {exc}"
            return None
        srv = Server(name, home, info.uri, info.user, info.password, info.version)
        self.started.append(srv)
        return srv

    @staticmethod
    def _link_jars(home: Path, kgserver) -> None:
        """Reuse already fetched jars (the ``kg neo4j`` cache) instead of fetching 120 MB again."""
        lib = home / "lib"
        if lib.exists() or lib.is_symlink():
            return
        version = kgserver.DEFAULT_VERSION
        candidates = [Path(os.environ["KG_NEO4J_HOME"]) / "lib"] if os.environ.get("KG_NEO4J_HOME") else []
        candidates.append(Path.home() / ".cache" / "kg" / f"neo4j-{version}" / "lib")
        for c in candidates:
            if kgserver._lib_complete(c, version):
                lib.symlink_to(c.resolve())
                return

    def stop_all(self) -> None:
        from kg import server as kgserver

        while self.started:
            srv = self.started.pop()
            try:
                kgserver.stop(srv.home)
            except Exception as exc:  # pragma: no cover - best effort on the way out
                print(f"warning: could not stop Neo4j in {srv.home}: {exc}", file=sys.stderr)


def neo4j_server_version(store) -> str | None:
    try:
        rows = store._read("CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS v, edition AS e")
        return f"{rows[0]['v']} {rows[0]['e']}"
    except Exception:
        return None


def clear_neo4j(store) -> None:
    """Empty the database (nodes and relationships); kg's constraints and indexes stay."""
    store.clear()
    with store.driver.session(database=store.database) as s:
        left = s.run("MATCH (n) RETURN count(n) AS n").single()["n"]
    if left:
        with store.driver.session(database=store.database) as s:
            s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
