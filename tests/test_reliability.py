"""Bad input and faults: what kg does with hostile files, huge articles, two writers at once,
a `kill -9` mid-ingest, and Cypher and credentials on a real Neo4j.

What each test found, and the fixes, are written up in docs/reliability.md.
"""
from __future__ import annotations

import base64
import csv
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import configuration as hypothesis_configuration
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.corpus import Problem, iter_articles
from kg.extract import extract_document
from kg.ingest import ingest
from kg.model import Article
from kg.store import open_store

from .conftest import CORPUS, DOD_CSV, ROOT, SEED, _need_neo4j, write_docs

# Hypothesis keeps its files in a temporary folder, not in the repository.
hypothesis_configuration.set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "kg-hypothesis")
FAST = settings(max_examples=30, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])

runner = CliRunner()
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\r]")  # what the loader promises to remove


def load(paths):
    problems: list[Problem] = []
    return list(iter_articles(paths, problems.append)), problems


def assert_clean_article(a: Article) -> None:
    """What every loaded article must be, whatever the file held: text to extract, storable fields."""
    assert isinstance(a.id, str) and a.id
    assert a.text.strip(), f"{a.path}: an article with no text"
    assert not CONTROL.search(a.text), f"{a.path}: control character left in the text"
    for value in (a.id, a.text, a.title, a.outlet, a.date, a.url, a.path, *a.authors):
        assert isinstance(value, str)
        value.encode("utf-8")  # SQLite and Neo4j take only valid Unicode


def kg_cli(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def run_kg(*args, env=None, timeout=300):
    """`python -m kg ...` as a user runs it; stdout and stderr together."""
    p = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], cwd=ROOT, env={**os.environ, **(env or {})},
                       capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout + p.stderr


# == 1. the loader and the extractor on arbitrary input ====================================
SPECIAL = [
    "שלום עולם", "شركة الأمن دفعت", "\u202eevil\u202c", "\u200b\u200d", "\ufeff", "e\u0301\u0302\u0303", "👩‍👩‍👧",
    "🚀💰🇺🇸", "\x00", "\x07", "\x1b[31m", "\x7f", "\r", "\r\n", "\x85", "\u2028", "\u3000", "\t", "---", "---\n",
    "{", "}", "\\", '"', "’", "“", "$", "$5", "CBP paid Wickr Inc. $714,600.", "U.S. Customs and Border Protection",
    "\n\n", "Inc.", "(", ")", "N00019-15-C-0114",
]
unicode_text = st.lists(st.one_of(st.text(max_size=25), st.sampled_from(SPECIAL)), max_size=25).map("".join)
yaml_junk = st.one_of(st.text(max_size=60), st.sampled_from([
    "title: [unclosed", "a: b: c", "- 1\n- 2", "!!python/object/apply:os.system ['true']", "&a [*a]", "{",
    "date: 2020-13-45", "id: {x: 1}", "authors: 5", "date: !!binary aGVsbG8=", "title: *undefined", "? [a]\n: b",
    "\t- tab", "id: null\ntitle: ~", "date: 1e400", "...", "%YAML 1.1", "title: \"\\ud800\"", "id: ''",
    "authors: [[1, 2], {a: b}]", "date: 2021-04-09T10:00:00Z", "title: 12\nurl: [x]",
]))
file_bytes = st.one_of(
    unicode_text.map(lambda s: s.encode("utf-8")),
    st.binary(max_size=300),
    st.tuples(yaml_junk, unicode_text).map(lambda t: f"---\n{t[0]}\n---\n{t[1]}".encode("utf-8")),
    st.lists(st.one_of(st.text(max_size=40), st.sampled_from(['{"text": "CBP paid Wickr."}', "[1]", "null", '{"text": 5}'])),
             max_size=6).map(lambda ls: "\n".join(ls).encode("utf-8")),
    st.sampled_from([b"", b"   \n\t\n", "\u3000\n".encode(), b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"x" * 9000 + b"\x00"]),
)


@FAST
@given(files=st.lists(st.tuples(st.sampled_from([".txt", ".md", ".html", ".jsonl"]), file_bytes), min_size=1, max_size=4))
def test_loader_never_crashes_and_reports_each_unreadable_file_with_its_name(files):
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        paths = []
        for i, (suffix, data) in enumerate(files):
            paths.append(folder / f"f{i}{suffix}")
            paths[-1].write_bytes(data)
        (folder / "zz-good.txt").write_text("U.S. Customs and Border Protection paid Wickr Inc. $714,600.\n", encoding="utf-8")

        arts, problems = load([folder])

        assert all(isinstance(p, Problem) for p in problems)
        for a in arts:
            assert_clean_article(a)
        assert [a.text.strip() for a in arts if a.path.endswith("zz-good.txt")] == [
            "U.S. Customs and Border Protection paid Wickr Inc. $714,600."]
        for path in paths:
            mine = [a for a in arts if a.path == str(path) or a.path.startswith(f"{path}:")]
            reported = [p for p in problems if p.path == str(path)]
            assert all(path.name in str(p) for p in reported)
            if path.suffix != ".jsonl":
                # one file, one article, or one problem that names the file
                assert (len(mine), len(reported)) in ((1, 0), (0, 1)), (path.read_bytes()[:200], mine, reported)
                assert all(p.line is None for p in reported)
            elif any(p.line is None for p in reported):
                assert (mine, len(reported)) == ([], 1)  # the whole file was unreadable
            else:
                # every non-blank line is an article or a problem with that line's number
                text = path.read_bytes().decode("utf-8-sig")
                lines = [n for n, line in enumerate(text.split("\n"), 1) if line.strip()]
                got = sorted([int(a.path.rsplit(":", 1)[1]) for a in mine] + [p.line for p in reported])
                assert got == lines


GOOD_BODY = st.tuples(st.sampled_from(["CBP paid Wickr Inc. $714,600.", "Palantir won an Army contract.", "Text"]),
                      unicode_text).map(lambda t: t[0] + " " + t[1])
ODD_VALUE = st.one_of(st.none(), st.integers(), st.floats(allow_nan=True), st.booleans(), st.text(max_size=20),
                      st.lists(st.text(max_size=8), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
GOOD_RECORD = st.fixed_dictionaries(
    {"text": GOOD_BODY},
    optional={"id": st.text(min_size=1, max_size=20).filter(str.strip), "title": ODD_VALUE, "outlet": ODD_VALUE,
              "date": ODD_VALUE, "url": ODD_VALUE, "authors": ODD_VALUE, "extra": ODD_VALUE})
BAD_LINE = st.one_of(
    # (no NUL: a file holding one is binary, reported whole; the any-file test covers that)
    st.text(min_size=1, max_size=60).filter(lambda s: "\n" not in s and "\x00" not in s and s.strip()
                                             and not s.strip().startswith(("{", "[", '"'))
                                             and not re.fullmatch(r"\s*(-?\d[\d.eE+-]*|true|false|null)\s*", s)),
    GOOD_RECORD.map(lambda r: json.dumps(r)[:-3]),  # cut short
    st.sampled_from([
        "[1, 2]", '"just a string"', "null", "42", '{"title": "no text"}', '{"text": 5}', '{"text": ["a"]}',
        '{"text": "   "}', '{"text": ""}', "{'text': 'single quotes'}", '{"text": "a"} trailing',
        '{"text": "\\u0001\\u0002\\u0003"}',  # nothing left once control characters are removed
        '{"text": "CBP paid Wickr \\ud800 $5."}',  # an unpaired surrogate escape: not text
        '{"text": "ok", "title": "\\udfff"}',
    ]),
)


@FAST
@example(lines=[("good", {"text": "CBP paid Wickr.", "url": 1}), ("bad", '{"text": "\\u0001\\u0002"}'),
                ("bad", '{"text": "CBP paid Wickr \\ud800 $5."}'), ("good", {"text": "ICE paid Clearview AI Inc. $224,000."})])
@given(lines=st.lists(st.one_of(st.tuples(st.just("good"), GOOD_RECORD), st.tuples(st.just("bad"), BAD_LINE)), min_size=1, max_size=10))
def test_jsonl_bad_lines_are_reported_with_their_number_and_the_good_ones_are_loaded(lines):
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "batch.jsonl"
        f.write_text("\n".join(json.dumps(x) if kind == "good" else x for kind, x in lines) + "\n", encoding="utf-8")
        arts, problems = load([f])
    good = [n for n, (kind, _) in enumerate(lines, 1) if kind == "good"]
    bad = [n for n, (kind, _) in enumerate(lines, 1) if kind == "bad"]
    assert [a.path for a in arts] == [f"{f}:{n}" for n in good]
    assert [(p.path, p.line) for p in problems] == [(str(f), n) for n in bad]
    for a, n in zip(arts, good):
        assert_clean_article(a)
        rec = lines[n - 1][1]
        if isinstance(rec.get("id"), str):
            assert a.id == rec["id"]


def test_a_very_long_line_loads_whole(tmp_path):
    line = "U.S. Customs and Border Protection paid Wickr Inc. $714,600 for licenses and support " * 12_000  # ~1 MB, one line
    f = tmp_path / "long.txt"
    f.write_text(line, encoding="utf-8")
    (a,), problems = load([f])
    assert problems == [] and a.text == line


def test_front_matter_alias_bomb_is_refused_not_expanded(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 6)]
    f = tmp_path / "bomb.md"
    f.write_text("---\n" + "\n".join(lines) + "\ntitle: *a5\nauthors: *a4\n---\nCBP paid Wickr Inc. $5.\n", encoding="utf-8")
    arts, problems = load([f])
    if arts:  # loaded: then its metadata is no bigger than the file it came from
        assert len(arts[0].title) + sum(map(len, arts[0].authors)) <= f.stat().st_size
    else:  # or refused, as malformed front matter
        assert len(problems) == 1 and "bomb.md" in str(problems[0])


extract_text = st.one_of(
    unicode_text,
    st.lists(st.sampled_from(SPECIAL + ["paid", "awarded", "a", "contract", "to", "the", "Army", "Navy", "invested", "in",
                                        "founded", "said", ".", ",", "million", "2020", "Lockheed", "Martin", "Corp."]),
             max_size=80).map(" ".join),
)


@FAST
@given(text=extract_text)
def test_extractor_never_crashes_and_every_offset_slices_the_text(nlp, text):
    doc = extract_document(Article(id="fuzz", text=text), nlp)
    ids = {e.id for e in doc.entities}
    assert len(ids) == len(doc.entities)
    for e in doc.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for r in doc.relations:
        assert r.source in ids and r.target in ids and r.status in ("asserted", "hedged", "denied")
        assert text[r.evidence.start:r.evidence.end] == r.evidence.text
        assert 0 < r.confidence <= 1


def test_a_long_run_of_quotes_or_emoji_without_spaces_does_not_stall_the_tokenizer(nlp, tmp_path):
    f = tmp_path / "runs.txt"
    f.write_text("CBP paid Wickr Inc. $5.\n" + '"' * 8000 + " " + "💰" * 3000 + "\nICE paid Clearview AI Inc. $224,000.\n",
                 encoding="utf-8")
    (a,), _ = load([f])
    prose = ("CBP paid Wickr Inc. $5 for licenses. " * (len(a.text) // 38 + 1))[:len(a.text)]
    started = time.perf_counter()
    nlp.make_doc(prose)
    prose_seconds = time.perf_counter() - started
    started = time.perf_counter()
    nlp.make_doc(a.text)
    # a ratio in one run, not a time: before the fix this took ~7 s, over 1,000 times the prose
    assert time.perf_counter() - started < max(0.5, 50 * prose_seconds)
    doc = extract_document(a, nlp)
    assert {r.type for r in doc.relations} >= {"PAID"}
    assert {a.text[r.evidence.start:r.evidence.end] for r in doc.relations if r.type == "PAID"} == {
        "CBP paid Wickr Inc. $5.", "ICE paid Clearview AI Inc. $224,000."}


def _big_article(path: Path, size: int = 5_000_000) -> str:
    import random

    rnd = random.Random(5)
    agencies = ["U.S. Customs and Border Protection", "Immigration and Customs Enforcement", "the Department of Defense",
                "the Army", "the Navy", "the Federal Bureau of Investigation", "the Drug Enforcement Administration"]
    firms = ["Wickr Inc.", "Palantir Technologies Inc.", "Clearview AI Inc.", "Anduril Industries", "Babel Street",
             "Venntel Inc.", "Cellebrite", "Lockheed Martin Corp."]
    templates = ["{a} paid {c} ${m:,}.", "{a} awarded {c} a ${m:,} contract for software licenses in September 2020.",
                 "Records show {c} received ${m:,} from {a}.", "A spokesperson for {c} declined to comment on the work for {a}."]
    paras, total = [], 0
    while total < size:
        para = " ".join(rnd.choice(templates).format(a=rnd.choice(agencies), c=rnd.choice(firms), m=rnd.randint(1000, 9_000_000))
                        for _ in range(5))
        paras.append(para)
        total += len(para) + 2
    paras.append("At the very end, the Secret Service paid Zyxwv Analytics LLC $123,456.")
    text = "\n\n".join(paras) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.slow
def test_a_5_mb_article_is_ingested_whole_in_bounded_time_and_memory(tmp_path):
    """kg's own code at 5 MB. The statistical model is swapped for spaCy's blank English tokenizer
    (KG_SPACY_MODEL=blank:en) so the test measures kg, not spaCy's ~40 s per MB (see docs/reliability.md)."""
    text = _big_article(tmp_path / "big.txt")
    store = tmp_path / "kg.sqlite"
    code = ("import atexit, resource, sys\n"
            "atexit.register(lambda: sys.stderr.write('\\nmaxrss_kb=%d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
            "from kg.cli import main\nsys.argv = ['kg'] + sys.argv[1:]\nmain()\n")
    started = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, "-c", code, "ingest", str(tmp_path / "big.txt"), "--store", str(store), "-f", "json"],
                           cwd=ROOT, env={**os.environ, "KG_SPACY_MODEL": "blank:en"}, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        pytest.fail("a 5 MB article did not finish ingesting within 15 minutes (30 s here on a normal day; "
                    "a quadratic step takes hours)")
    seconds = time.perf_counter() - started
    assert p.returncode == 0, p.stderr[-2000:]
    rss_mb = int(re.search(r"maxrss_kb=(\d+)", p.stderr).group(1)) / 1024
    print(f"5 MB article: {seconds:.1f} s, peak RSS {rss_mb:.0f} MB")
    assert rss_mb < 1024
    report = json.loads(p.stdout)
    assert (report["read"], report["written"], report["problems"]) == (1, 1, [])
    db = sqlite3.connect(store)
    claims = db.execute("SELECT evidence, start, end FROM claims").fetchall()
    assert len(claims) > 1000
    assert all(text[s:e] == ev for ev, s, e in claims)
    # the whole article was read: the last sentence's firm and payment are in the graph
    assert db.execute("SELECT count(*) FROM claims WHERE type='PAID' AND target LIKE 'company:zyxwv-analytics%'").fetchone()[0] == 1
    assert max(e for _, _, e in claims) > len(text) - 100


# == 2. evidence offsets on texts built from templates ======================================
CAP = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)
AGENCY = st.one_of(st.sampled_from(["U.S. Customs and Border Protection", "CBP", "the Department of Defense", "the Army",
                                    "Immigration and Customs Enforcement", "the FBI", "the Navy"]),
                   st.builds("the {} Agency".format, CAP), st.builds("Department of {}".format, CAP))
COMPANY = st.one_of(st.builds("{} {}".format, CAP, st.sampled_from(["Inc.", "LLC", "Corp.", "Technologies", "Systems Inc.", "Co."])),
                    st.builds(lambda a, b: f"{a}{b.lower()} Inc.", CAP, CAP))
PERSON = st.builds("{} {}".format, CAP, CAP)
MONEY = st.one_of(st.builds("${:,}".format, st.integers(1, 10**10)), st.builds("${} million".format, st.integers(1, 999)))
SENTENCE = st.one_of(
    st.builds("{} paid {} {}.".format, AGENCY, COMPANY, MONEY),
    st.builds("{} awarded {} a {} contract.".format, AGENCY, COMPANY, MONEY),
    st.builds("{} was awarded a {} contract by {}.".format, COMPANY, MONEY, AGENCY),
    st.builds("{} is an investor in {}.".format, PERSON, COMPANY),
    st.builds("{} founded {} in 2012.".format, PERSON, COMPANY),
    st.builds("{}, the chief executive of {}, declined to comment.".format, PERSON, COMPANY),
    st.builds("{} acquired {} last year.".format, COMPANY, COMPANY),
    st.builds("{} is a subsidiary of {}.".format, COMPANY, COMPANY),
)
SEPARATOR = st.sampled_from([" ", "\n", "\n\n", "  ", "\r\n", " \u00a0", "\t"])


def test_evidence_offsets_slice_the_article_text_exactly_through_loader_extractor_and_store(nlp, tmp_path_factory):
    found = []

    @FAST
    @given(parts=st.lists(st.tuples(SENTENCE, SEPARATOR), min_size=1, max_size=6))
    def check(parts):
        folder = tmp_path_factory.mktemp("offsets")
        (folder / "a.txt").write_text("".join(s + sep for s, sep in parts), encoding="utf-8")
        (article,), _ = load([folder / "a.txt"])
        doc = extract_document(article, nlp)
        text = article.text
        for r in doc.relations:
            assert text[r.evidence.start:r.evidence.end] == r.evidence.text, (text, r)
            assert r.evidence.text == r.evidence.text.strip() and r.evidence.text
        store = open_store(str(folder / "kg.sqlite"))
        try:
            write_docs(store, [doc])
            edges = store.edges()
        finally:
            store.close()
        for c in edges:
            assert text[c.start:c.end] == c.evidence
        found.append(len([r for r in doc.relations if r.type != "MENTIONED_WITH"]))

    check()
    assert sum(1 for n in found if n) >= 0.8 * len(found), found  # the property was tested on real relations


# == 3. two ingests of the same corpus at once ==============================================
def _graph(store):
    """Entity ids, claim keys, mentions and articles, sorted, duplicates kept (so they show)."""
    return (sorted(e.id for e in store.list_entities()),
            sorted((c.source, c.type, c.target, c.article_id) for c in store.edges()),
            sorted((a, e) for a, e, _ in store.mentions()),
            sorted(a["id"] for a in store.articles()))


def _wait(condition, timeout, what):
    deadline = time.time() + timeout
    while not condition():
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _run_while_other_stopped(running, stopped, done, progress, timeout=240):
    """Let ``running`` work while ``stopped`` is frozen. A frozen process may hold the write lock
    (mid-transaction); when nothing moves for 3 s, thaw it for a moment so it can commit."""
    deadline, last, since = time.time() + timeout, progress(), time.time()
    while not done():
        assert time.time() < deadline, "interleaved ingests did not finish"
        assert running.poll() in (None, 0), "an ingest failed"
        now = progress()
        if now != last:
            last, since = now, time.time()
        elif time.time() - since > 3:
            stopped.send_signal(signal.SIGCONT)
            time.sleep(0.3)
            stopped.send_signal(signal.SIGSTOP)
            since = time.time()
        time.sleep(0.05)


def test_two_ingests_of_the_same_corpus_at_once_give_the_graph_of_one_clean_ingest(store, corpus_docs, tmp_path):
    """Two real `kg ingest` processes on one store. Their interleaving is forced with SIGSTOP/SIGCONT
    so that it is the same every run: B starts with A, is frozen after A's first write while A writes
    half the corpus, then B runs to the end while A is frozen, then A finishes."""
    url = store.url
    cmd = [sys.executable, "-m", "kg", "ingest", str(CORPUS), str(SEED), "--store", url, "--batch-size", "1", "-f", "json"]
    total = len(corpus_docs)
    count = lambda: store.stats()["articles"]  # noqa: E731
    procs, outs = [], []
    try:
        for name in "ab":
            outs.append((open(tmp_path / f"{name}.out", "w+"), open(tmp_path / f"{name}.err", "w+")))
            procs.append(subprocess.Popen(cmd, cwd=ROOT, stdout=outs[-1][0], stderr=outs[-1][1]))
        a, b = procs
        _wait(lambda: count() >= 1 or a.poll() is not None, 180, "the first write")
        b.send_signal(signal.SIGSTOP)
        _run_while_other_stopped(a, b, lambda: count() >= total // 2 or a.poll() is not None, count)
        a.send_signal(signal.SIGSTOP)
        b.send_signal(signal.SIGCONT)
        _run_while_other_stopped(b, a, lambda: b.poll() is not None, count)
        a.send_signal(signal.SIGCONT)
        codes = [p.wait(timeout=300) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGCONT)
                p.kill()
                p.wait()
    reports = []
    for (out, err), code in zip(outs, codes):
        out.seek(0), err.seek(0)
        text_out, text_err = out.read(), err.read()
        assert code == 0, text_err[-2000:]
        assert "Traceback" not in text_err
        reports.append(json.loads(text_out))
    assert all(r["read"] == total for r in reports)
    assert reports[0]["written"] + reports[0]["unchanged"] == total

    together = _graph(store)
    for values in together:
        assert len(values) == len(set(values)), "duplicates"
    store.clear()
    write_docs(store, corpus_docs)  # what one clean `kg ingest` of the same corpus writes
    alone = _graph(store)
    assert [len(v) for v in together] == [len(v) for v in alone]
    assert together == alone


# == 4. kill -9 mid-ingest ==================================================================
def _dod_jsonl(path: Path, n: int) -> None:
    if not DOD_CSV.exists():
        pytest.skip(f"{DOD_CSV} is not here")
    with open(DOD_CSV, newline="", encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        for i, row in enumerate(csv.DictReader(fh)):
            if i >= n:
                break
            out.write(json.dumps({"id": f"dod-{i}", "text": row["announcement"], "date": row["date"]}) + "\n")


def _dump(path: Path) -> dict[str, list]:
    db = sqlite3.connect(path)
    try:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY {order}").fetchall() for t, order in (
            ("articles", "id"), ("entities", "id"), ("entity_keys", "key, entity_id"),
            ("mentions", "article_id, entity_id"), ("claims", "source, type, target, article_id"))}
    finally:
        db.close()


def test_kill_9_mid_ingest_leaves_a_consistent_store_and_the_next_run_completes_it(tmp_path):
    corpus = tmp_path / "dod.jsonl"
    _dod_jsonl(corpus, 150)
    store = tmp_path / "kg.sqlite"
    cmd = [sys.executable, "-m", "kg", "ingest", str(corpus), "--store", str(store), "--batch-size", "8", "-f", "json"]

    def articles() -> int:
        try:
            db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
            try:
                return db.execute("SELECT count(*) FROM articles").fetchone()[0]
            finally:
                db.close()
        except sqlite3.Error:
            return 0

    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: articles() >= 24 or proc.poll() is not None, 180, "three batches")
        assert proc.poll() is None, "the ingest finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    partial = articles()

    db = sqlite3.connect(store)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert 0 < partial < 150 and partial % 8 == 0, partial  # whole batches only
        orphans = {
            "claim without its article": "SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)",
            "claim without its entities": "SELECT count(*) FROM claims WHERE source NOT IN (SELECT id FROM entities) "
                                          "OR target NOT IN (SELECT id FROM entities)",
            "mention without its entity": "SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities)",
            "mention without its article": "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)",
            "entity no article mentions": "SELECT count(*) FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)",
            "key without its entity": "SELECT count(*) FROM entity_keys WHERE entity_id NOT IN (SELECT id FROM entities)",
            "article without mentions": "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM mentions)",
        }
        assert {k: db.execute(q).fetchone()[0] for k, q in orphans.items()} == {k: 0 for k in orphans}
    finally:
        db.close()

    started = time.perf_counter()
    resumed = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    recovery = time.perf_counter() - started
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    report = json.loads(resumed.stdout)
    assert (report["unchanged"], report["written"]) == (partial, 150 - partial)
    print(f"killed after {partial} articles; the next run finished the other {150 - partial} in {recovery:.1f} s")

    clean = tmp_path / "clean.sqlite"
    db = open_store(str(clean))
    try:
        ingest([corpus], db, batch_size=8)
    finally:
        db.close()
    got, want = _dump(store), _dump(clean)
    assert {t: len(v) for t, v in got.items()} == {t: len(v) for t, v in want.items()}
    assert got == want


# == 5. Cypher and credentials on Neo4j =====================================================
@pytest.fixture
def neo(nlp):
    _need_neo4j()
    db = open_store(os.environ["NEO4J_URI"])
    db.clear()
    text = ("U.S. Customs and Border Protection paid Wickr Inc. $714,600 in September 2020.\n\n"
            "Erik Prince is an investor in Wickr Inc., the company said.\n")
    write_docs(db, [extract_document(Article(id="rel-1", text=text), nlp)])
    yield db
    db.close()


def _fingerprint(db) -> tuple:
    """Everything a write could change: nodes, relationships and properties, indexes, labels."""
    with db.driver.session() as s:
        nodes = sorted(json.dumps([sorted(r["l"]), r["p"]], sort_keys=True, default=str)
                       for r in s.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p"))
        rels = sorted(json.dumps([r["t"], r["p"]], sort_keys=True, default=str)
                      for r in s.run("MATCH ()-[r]->() RETURN type(r) AS t, properties(r) AS p"))
        indexes = sorted(r["name"] for r in s.run("SHOW INDEXES YIELD name"))
        labels = sorted(r["label"] for r in s.run("CALL db.labels() YIELD label"))
    return nodes, rels, indexes, labels


DISGUISED_WRITES = [
    "CREATE (:Entity {id: 'x:evil', name: 'evil', type: 'Other'})",
    "CALL { CREATE (:Entity {id: 'x:evil', name: 'evil', type: 'Other'}) } RETURN 1 AS one",
    "CALL { MERGE (x:Entity {id: 'x:evil'}) RETURN x } RETURN x.id AS id",
    "MATCH (e:Entity) WITH e LIMIT 1 CALL { WITH e MERGE (e)-[:OWNS {article_id: 'x'}]->(:Entity {id: 'x:evil'}) } RETURN 1 AS one",
    "FOREACH (i IN [1] | MERGE (:Entity {id: 'x:evil'})) RETURN 1 AS one",
    "MATCH (e:Entity) SET e.name = 'pwned' RETURN count(e) AS n",
    "MATCH (e:Entity) WITH e LIMIT 1 DETACH DELETE e RETURN 1 AS one",
    "MATCH (e:Entity) WITH e LIMIT 1 REMOVE e:Entity RETURN 1 AS one",
    "UNWIND [1] AS i CALL { MERGE (:Entity {id: 'x:evil'}) } IN TRANSACTIONS RETURN i",
    "CREATE INDEX evil IF NOT EXISTS FOR (n:Evil) ON (n.x)",
    "CALL db.createLabel('Evil')",
    "MATCH (n) RETURN count(n) AS n UNION CALL { CREATE (x:Entity {id: 'x:evil'}) RETURN x } RETURN 1 AS n",
]


@pytest.mark.neo4j
@pytest.mark.parametrize("query", DISGUISED_WRITES)
def test_cypher_refuses_writes_without_write_flag_even_disguised(neo, query):
    before = _fingerprint(neo)
    r = kg_cli("cypher", query, "--store", os.environ["NEO4J_URI"])
    assert r.exit_code != 0 and "Traceback" not in r.output, r.output
    assert "error:" in r.stderr
    assert _fingerprint(neo) == before


@pytest.mark.neo4j
def test_cypher_parameters_are_values_never_cypher(neo):
    uri = os.environ["NEO4J_URI"]
    before = neo.stats()
    injected = "x'}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 AS name //"
    # read: a parameter that would match everything if it were pasted into the query matches nothing
    r = kg_cli("cypher", "MATCH (e:Entity) WHERE e.name = $n RETURN count(e) AS n", "-p", "n=x' OR 1=1 OR e.name='",
               "-f", "json", "--store", uri)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"n": 0}] and before["entities"] > 0
    # write: the text is stored as it was given, and nothing else happens
    r = kg_cli("cypher", "MATCH (e:Entity {id: $id}) SET e.note = $note RETURN e.note AS note", "-p", "id=person:erik-prince",
               "-p", f"note={injected}", "--write", "-f", "json", "--store", uri)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"note": injected}]
    after = neo.stats()
    assert (after["entities"], after["claims"], after["articles"]) == (before["entities"], before["claims"], before["articles"])
    with neo.driver.session() as s:
        assert s.run("MATCH (e:Entity {id: 'person:erik-prince'}) RETURN e.note AS n").single()["n"] == injected
    # a JSON-looking value becomes a map or a list, still a value
    r = kg_cli("cypher", "RETURN $p AS p", "-p", 'p={"q": "MATCH (n) DETACH DELETE n"}', "-f", "json", "--store", uri)
    assert r.exit_code == 0 and json.loads(r.stdout) == [{"p": {"q": "MATCH (n) DETACH DELETE n"}}]
    assert neo.stats()["entities"] == before["entities"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_login(uri: str, password: str, timeout: float = 30) -> None:
    """Neo4j locks a user out for a few seconds after three wrong passwords: wait it out, so
    that no later test meets the lock."""
    import neo4j

    deadline = time.time() + timeout
    while True:
        try:
            with neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)) as d:
                d.verify_connectivity()
            return
        except neo4j.exceptions.Neo4jError:
            if time.time() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.neo4j
def test_credentials_never_appear_in_output_errors_or_logs(neo):
    uri, password = os.environ["NEO4J_URI"], os.environ["NEO4J_PASSWORD"]
    wrong = "Wr0ng-" + base64.urlsafe_b64encode(os.urandom(12)).decode()
    dead = f"bolt://127.0.0.1:{_free_port()}"
    runs = {}
    try:
        # the right password first: three wrong ones lock the user out for a while
        runs["ok stats"] = run_kg("stats", "-f", "json", "--store", uri)
        runs["ok cypher"] = run_kg("cypher", "MATCH (e:Entity) RETURN e.name AS name", "--store", uri)
        runs["ok, KG_STORE"] = run_kg("entities", "-f", "csv", env={"KG_STORE": uri})
        runs["bad cypher"] = run_kg("cypher", "MATCH (e:Entity RETURN e", "--store", uri)
        runs["unreachable"] = run_kg("stats", "--store", dead)
        runs["unreachable, --debug"] = run_kg("--debug", "ingest", SEED, "--store", dead)
        runs["wrong password"] = run_kg("stats", "--store", uri, env={"NEO4J_PASSWORD": wrong})
        runs["wrong password, --debug"] = run_kg("--debug", "stats", "--store", uri, env={"NEO4J_PASSWORD": wrong})
        runs["wrong password, cypher"] = run_kg("cypher", "RETURN 1 AS one", "--store", uri, env={"NEO4J_PASSWORD": wrong})
    finally:
        _wait_for_login(uri, password)
    assert {k: out[-1500:] for k, (code, out) in runs.items() if k.startswith("ok") and code != 0} == {}
    assert [k for k, (code, _) in runs.items() if not k.startswith("ok") and code == 0] == []
    assert "refused the credentials" in runs["wrong password"][1] and "cannot reach Neo4j" in runs["unreachable"][1]
    for what, (_, output) in runs.items():
        assert password not in output, what
        assert wrong not in output, what
    for what, (_, output) in runs.items():
        if "--debug" not in what:
            assert "Traceback" not in output, what

    home = os.environ.get("KG_NEO4J_HOME")
    if home and Path(home, "kg-server.json").exists():
        code, output = run_kg("neo4j", "status")
        assert code == 0 and "running" in output and password not in output
        for log in Path(home, "logs").glob("*.log"):
            assert password not in log.read_text(errors="replace"), log


@pytest.mark.neo4j
def test_after_three_wrong_passwords_the_lock_out_is_one_line_not_a_traceback(neo, monkeypatch):
    from kg.errors import StoreError
    from kg.store.neo4j import Neo4jStore

    uri, password = os.environ["NEO4J_URI"], os.environ["NEO4J_PASSWORD"]
    wrong = "Wr0ng-" + base64.urlsafe_b64encode(os.urandom(12)).decode()
    try:
        for _ in range(3):
            with pytest.raises(StoreError, match="refused the credentials"):
                Neo4jStore.connect(uri, password=wrong)
        results = []
        for pw in (wrong, password):  # locked out now: the right password is refused too, for a few seconds
            monkeypatch.setenv("NEO4J_PASSWORD", pw)
            results.append(runner.invoke(app, ["stats", "--store", uri]))
    finally:
        _wait_for_login(uri, password)
    wrong_run, right_run = results
    assert isinstance(wrong_run.exception, SystemExit) and wrong_run.exit_code == 1, repr(wrong_run.exception)
    assert wrong_run.stderr.startswith("error: ") and "NEO4J_PASSWORD" in wrong_run.stderr
    assert isinstance(right_run.exception, SystemExit) or right_run.exception is None, repr(right_run.exception)
    for r in results:
        assert password not in r.output and wrong not in r.output


@pytest.mark.neo4j
def test_credentials_in_the_store_uri_are_never_echoed(neo):
    uri, password = os.environ["NEO4J_URI"], os.environ["NEO4J_PASSWORD"]
    scheme, rest = uri.split("://", 1)
    with_creds = f"{scheme}://neo4j:{password}@{rest}"
    for args in (("stats", "--store", with_creds), ("stats", "--store", f"{scheme}://neo4j:{password}@127.0.0.1:{_free_port()}"),
                 ("--debug", "stats", "--store", with_creds)):
        code, output = run_kg(*args, env={"NEO4J_PASSWORD": ""})
        assert password not in output, args
        assert "Traceback" not in output or "--debug" in args
