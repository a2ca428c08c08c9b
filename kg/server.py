"""Run a local Neo4j Community server for development and tests, without Docker.

Neo4j publishes its Community server to Maven Central: ``org.neo4j:neo4j``
carries the server entry point (``org.neo4j.server.CommunityEntryPoint``) and
pulls in every other runtime jar, including ``org.neo4j:neo4j-command-line``
with ``org.neo4j.cli.AdminTool`` (the ``neo4j-admin`` implementation). This
module lets Maven copy those jars into a cache once, then starts the server
straight from them with ``java -cp 'lib/*'`` -- no tarball, no Docker, no
network after the first fetch.

Layout of a *home* (default ``$KG_NEO4J_HOME`` or
``~/.cache/kg/neo4j-<version>``)::

    lib/            the jars (+ ``.kg-complete`` marker once fully fetched)
    maven/pom.xml   the throw-away pom Maven resolves the jars with
    conf/neo4j.conf rewritten on every start (fresh Bolt port)
    data/ logs/ run/ import/
    logs/console.log the server's stdout/stderr
    kg-password     the generated password of user ``neo4j`` (0600, kept)
    kg-server.json  connection info of the running server (0600, removed on stop)

Jars do not depend on the home, so a home without its own complete ``lib/``
uses the default home's ``lib/`` for the same version: tests can start a
throw-away server in a temporary home without copying 120 MB of jars.

The module is POSIX-only (signals, ``/bin/sh``, ``fcntl``). It never prints
and never exits; every failure is a :class:`kg.errors.ServerError` with a
one-line message and a hint (the message adds the server log tail when the
server does not come up).
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

from kg.errors import ServerError

__all__ = [
    "DEFAULT_VERSION",
    "ServerError",
    "ServerInfo",
    "default_home",
    "fetch",
    "java_executable",
    "start",
    "status",
    "stop",
]

#: Newest 5.26 LTS patch release on Maven Central when this was written (its
#: metadata lists 5.26.0-5.26.30, without 5.26.27). 5.26 runs on Java 17 or 21.
DEFAULT_VERSION = "5.26.30"

GROUP_ID = "org.neo4j"
ARTIFACT_ID = "neo4j"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
USER = "neo4j"

STATE_FILE = "kg-server.json"
PASSWORD_FILE = "kg-password"
LOCK_FILE = "kg-server.lock"
COMPLETE_MARKER = ".kg-complete"
CONSOLE_LOG = "console.log"

PAGE_CACHE = "512m"

# JVM flags the Neo4j launcher would take from the stock neo4j.conf
# (server.jvm.additional). Without the --add-opens/--enable-native-access
# ones Neo4j falls back to slower page-cache and tx-log code paths and fills
# debug.log with warnings. -XX:+AlwaysPreTouch is left out on purpose: it
# would commit the whole heap up front, which a shared dev box does not want.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)

#: Initial heap (-Xms), capped by the requested maximum. Neo4j's advice of
#: -Xms = -Xmx suits dedicated servers; on a shared dev box it makes RSS
#: ~750 MiB right after startup instead of ~480 MiB, for no benefit.
INITIAL_HEAP = "256m"

_SIZE_RE = re.compile(r"^([1-9][0-9]*)([kmgKMG]?)$")


def _size_bytes(size: str) -> int:
    """Bytes in a JVM-style size (``512m``, ``1g``); ServerError if malformed."""
    match = _SIZE_RE.match(size)
    if not match:
        raise ServerError(f"heap must look like 512m or 1g, not {size!r}")
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[match.group(2).lower()]
    return int(match.group(1)) * scale


@dataclasses.dataclass(frozen=True)
class ServerInfo:
    """How to reach a running local Neo4j server, as recorded in its state file."""

    uri: str
    user: str
    password: str
    pid: int
    port: int
    home: Path
    version: str

    def env(self) -> dict[str, str]:
        """Connection settings as environment variables, for child processes and tools."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USER": self.user,
            "NEO4J_PASSWORD": self.password,
        }

    def to_json(self) -> dict:
        """The state-file form (``home`` as a string)."""
        data = dataclasses.asdict(self)
        data["home"] = str(self.home)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "ServerInfo":
        """Build from a state file's content; unknown keys are ignored."""
        fields = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in fields}
        values["home"] = Path(values["home"])
        values["pid"] = int(values["pid"])
        values["port"] = int(values["port"])
        return cls(**values)


# --------------------------------------------------------------------------- paths


def default_home(version: str = DEFAULT_VERSION) -> Path:
    """``$KG_NEO4J_HOME`` if set, else ``~/.cache/kg/neo4j-<version>``."""
    env = os.environ.get("KG_NEO4J_HOME")
    if env:
        return Path(env).expanduser().resolve()
    return (Path.home() / ".cache" / "kg" / f"neo4j-{version}").resolve()


def _home(home: Path | str | None, version: str = DEFAULT_VERSION) -> Path:
    return default_home(version) if home is None else Path(home).expanduser().resolve()


def _lib_complete(lib: Path, version: str) -> bool:
    """True when ``lib`` holds a finished fetch of ``version``."""
    marker = lib / COMPLETE_MARKER
    try:
        return (
            marker.read_text().strip() == version
            and (lib / f"{ARTIFACT_ID}-{version}.jar").is_file()
        )
    except OSError:
        return False


# --------------------------------------------------------------------------- fetch


def _pom(version: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by kg.server: only used to let Maven resolve the Neo4j jars. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>kg.local</groupId>
  <artifactId>neo4j-server-jars</artifactId>
  <version>{version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>{GROUP_ID}</groupId>
      <artifactId>{ARTIFACT_ID}</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""


def _fill_lib(home: Path, version: str) -> Path:
    """Have Maven copy ``org.neo4j:neo4j:<version>`` and its runtime deps to ``home/lib``.

    Copies into a scratch folder first and renames it into place, so an
    interrupted fetch never leaves a ``lib/`` that looks complete.
    """
    lib = home / "lib"
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError(
            f"Maven (mvn) is not on PATH; it is needed once to download "
            f"Neo4j {version} into {lib}",
            hint="install Maven (e.g. apt-get install maven), or copy a filled lib/ there",
        )
    maven_dir = home / "maven"
    maven_dir.mkdir(parents=True, exist_ok=True)
    pom = maven_dir / "pom.xml"
    pom.write_text(_pom(version))
    scratch = home / f"lib.partial-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    cmd = [
        mvn, "-B", "-q", "-f", str(pom),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={scratch}",
    ]
    try:
        proc = subprocess.run(
            cmd, cwd=maven_dir, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, check=False,
        )
    except OSError as exc:
        raise ServerError(f"could not run {mvn}: {exc}") from exc
    if proc.returncode != 0 or not (scratch / f"{ARTIFACT_ID}-{version}.jar").is_file():
        shutil.rmtree(scratch, ignore_errors=True)
        tail = " | ".join(line for line in proc.stdout.splitlines()[-8:] if line.strip())
        raise ServerError(
            f"Maven could not resolve {GROUP_ID}:{ARTIFACT_ID}:{version} "
            f"(exit {proc.returncode}): {tail}",
            hint="check the version exists on Maven Central and that Maven can reach it",
        )
    (scratch / COMPLETE_MARKER).write_text(version + "\n")
    if lib.exists():
        old = home / f"lib.old-{os.getpid()}"
        lib.rename(old)
        shutil.rmtree(old, ignore_errors=True)
    scratch.rename(lib)
    return lib


def fetch(home: Path | str | None = None, version: str = DEFAULT_VERSION) -> Path:
    """Make sure the Neo4j ``version`` jars are in ``home/lib``; return that folder.

    Does nothing (and needs no network or Maven) when the folder is already
    complete; otherwise runs ``mvn dependency:copy-dependencies`` once, which
    uses and fills ``~/.m2``. Meant for CI to warm the cache up front.
    """
    home = _home(home, version)
    lib = home / "lib"
    if _lib_complete(lib, version):
        return lib
    home.mkdir(parents=True, exist_ok=True)
    with _locked(home):
        if _lib_complete(lib, version):
            return lib
        return _fill_lib(home, version)


def _lib_for(home: Path, version: str) -> Path:
    """The jar folder a server in ``home`` runs from, fetching into the default home if needed."""
    own = home / "lib"
    if _lib_complete(own, version):
        return own
    shared = default_home(version)
    if shared == home:  # the caller already holds this home's lock
        return _fill_lib(home, version)
    return fetch(shared, version)


# --------------------------------------------------------------------------- java


def _java_major(java: str) -> int | None:
    """The feature release (17, 21, ...) of a ``java`` binary, or None if it will not run."""
    try:
        proc = subprocess.run(
            [java, "-XshowSettings:properties", "-version"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"java\.specification\.version = (\d+)(?:\.(\d+))?", proc.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def _supported_java(version: str) -> tuple[int, ...]:
    """Java releases a Neo4j version runs on (its launcher warns on anything else)."""
    if version.startswith("5."):
        return (17, 21)
    if version.startswith("4."):
        return (11,)
    return (21,)


def java_executable(version: str = DEFAULT_VERSION) -> str:
    """Path of a ``java`` that can run Neo4j ``version`` (Java 17 or 21 for 5.x).

    Looks at ``$JAVA_HOME`` first, then ``java`` on PATH, then the JDKs under
    ``/usr/lib/jvm`` and ``/opt``; among those it prefers the oldest supported
    release (17 for 5.26, which is what Neo4j tests it on most).
    """
    wanted = _supported_java(version)
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        cand = str(Path(java_home) / "bin" / "java")
        if _java_major(cand) in wanted:
            return cand
    candidates: list[str] = []
    on_path = shutil.which("java")
    if on_path:
        candidates.append(on_path)
    for root in (Path("/usr/lib/jvm"), Path("/opt")):
        if root.is_dir():
            candidates.extend(str(p) for p in sorted(root.glob("*/bin/java")))
    found: dict[int, str] = {}
    seen: set[str] = set()
    for cand in candidates:
        real = os.path.realpath(cand)
        if real in seen or not os.access(real, os.X_OK):
            continue
        seen.add(real)
        major = _java_major(cand)
        if major == wanted[0]:
            return cand
        if major in wanted:
            found.setdefault(major, cand)
    for major in wanted:
        if major in found:
            return found[major]
    note = f" (JAVA_HOME={java_home} does not fit)" if java_home else ""
    raise ServerError(
        f"no Java {' or '.join(map(str, wanted))} found for Neo4j {version}{note}",
        hint="install one (e.g. apt-get install openjdk-17-jre-headless) or point JAVA_HOME at it",
    )


# --------------------------------------------------------------------------- process helpers


@contextlib.contextmanager
def _locked(home: Path) -> Iterator[None]:
    """Serialise fetch/start/stop on one home across processes."""
    home.mkdir(parents=True, exist_ok=True)
    with open(home / LOCK_FILE, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _pid_alive(pid: int, home: Path | None = None) -> bool:
    """True if ``pid`` is a live (non-zombie) process, and -- where ``/proc``
    allows checking -- still the Neo4j server of ``home`` (guards against
    pid reuse, so we never signal an unrelated process)."""
    if pid <= 0:
        return False
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)  # reap it if it happens to be our child
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    proc = Path("/proc") / str(pid)
    if not proc.is_dir():
        return True  # no procfs (macOS): trust kill(0)
    try:
        stat = (proc / "stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return False
        cmdline = (proc / "cmdline").read_bytes().split(b"\0")
    except (OSError, IndexError):
        return False
    if MAIN_CLASS.encode() not in cmdline:
        return False
    return home is None or str(home).encode() in cmdline


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically with mode 0600 (it holds a password)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def _log_tail(home: Path, lines: int = 25) -> str:
    try:
        text = (home / "logs" / CONSOLE_LOG).read_text(errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:]) or "(server log is empty)"


def _read_state(home: Path) -> ServerInfo | None:
    try:
        return ServerInfo.from_json(json.loads((home / STATE_FILE).read_text()))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _orphan_pid(home: Path) -> int | None:
    """Pid of a server running in ``home`` per Neo4j's own ``run/neo4j.pid``
    (which Neo4j deletes on shutdown), e.g. one whose state file was lost."""
    try:
        pid = int((home / "run" / "neo4j.pid").read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _pid_alive(pid, home) else None


def _remove_state(home: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (home / STATE_FILE).unlink()


# --------------------------------------------------------------------------- setup


def _conf_text(home: Path, port: int) -> str:
    """The ``neo4j.conf`` for a local, Bolt-only, authenticated dev server."""
    return f"""# Written by kg.server on every start; edits are overwritten.
server.directories.data={home / "data"}
server.directories.logs={home / "logs"}
server.directories.run={home / "run"}
server.directories.import={home / "import"}
server.directories.plugins={home / "plugins"}

server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:{port}
server.bolt.advertised_address=127.0.0.1:{port}
server.bolt.tls_level=DISABLED
server.http.enabled=false
server.https.enabled=false

dbms.security.auth_enabled=true
dbms.usage_report.enabled=false

# Heap is set with -Xms/-Xmx on the java command line.
server.memory.pagecache.size={PAGE_CACHE}
db.tx_log.rotation.retention_policy=2 days 1G

# Netty waits a 5 s quiet period per event loop group on shutdown (10 s in
# all); a dev server has no in-flight clients worth waiting for.
internal.dbms.bolt.netty_server_shutdown_quiet_period=0
"""


def _password(home: Path, java: str, lib: Path) -> str:
    """The password of user ``neo4j``, generating and installing one on first use.

    Neo4j only reads an initial password before its system database is
    created, so the password is generated once per home, stored in
    ``kg-password`` and set with ``neo4j-admin dbms set-initial-password``
    (``org.neo4j.cli.AdminTool``, which writes ``data/dbms/auth.ini``).
    """
    pw_file = home / PASSWORD_FILE
    password = pw_file.read_text().strip() if pw_file.is_file() else ""
    if (home / "data" / "databases" / "system").exists():
        if password:
            return password
        raise ServerError(
            f"{home} holds a Neo4j database but no {PASSWORD_FILE}, so its password is unknown",
            hint=f"delete {home / 'data'} to start afresh",
        )
    # a password is a command-line argument of neo4j-admin: one starting with "-" would be read
    # as an option (a 1-in-64 chance with url-safe characters), so generated ones never do
    while not password or password.startswith("-"):
        password = secrets.token_urlsafe(18)
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    proc = subprocess.run(
        [java, "-cp", str(lib / "*"), ADMIN_CLASS, "dbms", "set-initial-password", password],
        cwd=home, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, timeout=120, check=False,
    )
    if proc.returncode != 0:
        tail = " | ".join(line for line in proc.stdout.splitlines()[-5:] if line.strip())
        raise ServerError(
            f"neo4j-admin set-initial-password failed (exit {proc.returncode}): {tail}"
        )
    _write_private(pw_file, password + "\n")
    return password


def _spawn(home: Path, java: str, lib: Path, heap: str) -> int:
    """Launch the server detached from us; return its pid.

    A throw-away ``sh`` starts java in the background and exits, so the JVM
    is re-parented to init: it outlives the caller, never becomes our zombie,
    and sits in its own session away from the caller's terminal signals.
    """
    log = home / "logs" / CONSOLE_LOG
    initial = min(heap, INITIAL_HEAP, key=_size_bytes)
    args = [
        java, "-cp", str(lib / "*"), f"-Xms{initial}", f"-Xmx{heap}", *JVM_FLAGS,
        MAIN_CLASS, "--home-dir", str(home), "--config-dir", str(home / "conf"),
        "--console-mode",
    ]
    script = 'log=$1; shift; "$@" </dev/null >>"$log" 2>&1 & echo $!'
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_HOME", "NEO4J_CONF")}
    proc = subprocess.run(
        ["/bin/sh", "-c", script, "sh", str(log), *args],
        cwd=home, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, timeout=30, check=False, start_new_session=True,
    )
    try:
        return int(proc.stdout.strip())
    except ValueError:
        reason = proc.stderr.strip() or "no pid reported"
        raise ServerError(f"could not launch java: {reason}") from None


def _neo4j_driver():
    """The ``neo4j`` driver package, imported lazily so this module loads without it."""
    try:
        import neo4j
        import neo4j.exceptions
    except ImportError as exc:
        raise ServerError(
            "the neo4j Python driver is not installed", hint="pip install neo4j"
        ) from exc
    return neo4j


def _connect_check(info: ServerInfo, timeout: float) -> None:
    """One Bolt round trip with the recorded credentials; raises the driver's errors."""
    with _neo4j_driver().GraphDatabase.driver(
        info.uri, auth=(info.user, info.password), connection_timeout=timeout,
        connection_acquisition_timeout=timeout, max_connection_pool_size=1,
    ) as driver:
        driver.verify_connectivity()


def _wait_until_up(info: ServerInfo, timeout: float) -> None:
    """Poll Bolt until the server answers, it dies, auth fails, or ``timeout`` passes."""
    AuthError = _neo4j_driver().exceptions.AuthError
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while True:
        if not _pid_alive(info.pid, info.home):
            raise ServerError(
                f"Neo4j exited during startup; log tail:\n{_log_tail(info.home)}",
                hint=f"see {info.home / 'logs'} (console.log, debug.log)",
            )
        try:
            _connect_check(info, timeout=2.0)
            return
        except AuthError as exc:
            raise ServerError(
                f"Neo4j in {info.home} refused the stored password ({exc})",
                hint=f"delete {info.home / 'data'} and {info.home / PASSWORD_FILE} to start afresh",
            ) from exc
        except ServerError:
            raise
        except Exception as exc:  # ServiceUnavailable, connection refused, ...
            last = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        if time.monotonic() >= deadline:
            raise ServerError(
                f"Neo4j did not answer on {info.uri} within {timeout:g}s ({last}); "
                f"log tail:\n{_log_tail(info.home)}",
                hint=f"see {info.home / 'logs'}; a slow machine may need a longer timeout",
            )
        time.sleep(0.5)


# --------------------------------------------------------------------------- public API


def status(home: Path | str | None = None) -> ServerInfo | None:
    """Info on the server running in ``home``, or None if none is.

    Only checks that the recorded process is alive (cheap, no Bolt round
    trip). A state file whose process is gone is removed.
    """
    home = _home(home)
    info = _read_state(home)
    if info is None:
        if (home / STATE_FILE).exists():
            _remove_state(home)
        return None
    if not _pid_alive(info.pid, home):
        _remove_state(home)
        return None
    return info


def start(
    home: Path | str | None = None,
    *,
    version: str = DEFAULT_VERSION,
    heap: str = "1g",
    timeout: float = 120,
) -> ServerInfo:
    """Start a Neo4j Community server in ``home`` and wait until Bolt answers.

    Idempotent: if a server already runs there and answers, its info is
    returned unchanged. Otherwise the jars are fetched if needed, a fresh
    ``neo4j.conf`` is written (Bolt on a free 127.0.0.1 port, HTTP/HTTPS
    off, auth on), the password is set on first use, and the JVM is started
    detached with ``-Xmx`` = ``heap`` (``-Xms`` at most 256m). Data
    persists in the home across restarts. If the server does not come up
    within ``timeout`` seconds it is killed and a :class:`ServerError`
    carries its log tail.
    """
    _size_bytes(heap)  # validate early
    home = _home(home, version)
    with _locked(home):
        info = status(home)
        if info is not None:
            if info.version != version:
                raise ServerError(
                    f"Neo4j {info.version} is already running in {home} (pid {info.pid}), "
                    f"not {version}",
                    hint="stop it first",
                )
            _wait_until_up(info, timeout)
            return info

        orphan = _orphan_pid(home)
        if orphan is not None:
            raise ServerError(
                f"a Neo4j server (pid {orphan}) runs in {home} without a {STATE_FILE}",
                hint="stop it with kg.server.stop() or kill, then start again",
            )
        lib = _lib_for(home, version)
        java = java_executable(version)
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        port = _free_port()
        (home / "conf" / "neo4j.conf").write_text(_conf_text(home, port))
        password = _password(home, java, lib)

        log = home / "logs" / CONSOLE_LOG
        with open(log, "a") as fh:
            fh.write(f"\n--- kg.server: starting Neo4j {version} on port {port} at "
                     f"{time.strftime('%Y-%m-%d %H:%M:%S')} ---\n")
        pid = _spawn(home, java, lib, heap)
        info = ServerInfo(
            uri=f"bolt://127.0.0.1:{port}", user=USER, password=password,
            pid=pid, port=port, home=home, version=version,
        )
        state = {**info.to_json(), "java": java, "lib": str(lib), "heap": heap,
                 "log": str(log), "started_at": time.time()}
        _write_private(home / STATE_FILE, json.dumps(state, indent=2) + "\n")
        try:
            _wait_until_up(info, timeout)
        except BaseException:
            _terminate(pid, home, grace=10)
            _remove_state(home)
            raise
        return info


def _terminate(pid: int, home: Path, grace: float) -> bool:
    """SIGTERM ``pid``, wait up to ``grace`` s, then SIGKILL; True once it is gone."""
    if not _pid_alive(pid, home):
        return True
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _pid_alive(pid, home):
            return True
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not _pid_alive(pid, home):
            return True
        time.sleep(0.1)
    return False


def stop(home: Path | str | None = None, timeout: float = 60) -> bool:
    """Stop the server running in ``home``: SIGTERM, wait up to ``timeout`` s, then SIGKILL.

    Returns True if a server was running and is now stopped, False if none
    was running. A server whose state file was lost is found through
    Neo4j's ``run/neo4j.pid``. Data, password and jars stay in the home.
    """
    home = _home(home)
    with _locked(home):
        info = status(home)
        pid = info.pid if info is not None else _orphan_pid(home)
        if pid is None:
            return False
        if not _terminate(pid, home, grace=timeout):
            raise ServerError(f"Neo4j (pid {pid}) in {home} did not die even after SIGKILL")
        _remove_state(home)
        return True
