"""The real commands, driven as a user would: exit codes, output, and the resulting graph."""
from __future__ import annotations

import csv
import io
import json
import os
import stat

import click
import pytest
from typer.testing import CliRunner

from kg.cli import app

from .conftest import CORPUS, SEED

runner = CliRunner()


def kg(*args, store=None):
    argv = [str(a) for a in args]
    if store is not None:
        argv += ["--store", str(store)]
    return runner.invoke(app, argv, catch_exceptions=False)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    store = tmp_path_factory.mktemp("cli") / "kg.sqlite"
    r = kg("ingest", CORPUS, SEED, "--format", "json", store=store)
    assert r.exit_code == 0, r.output
    return store, json.loads(r.stdout)


def test_ingest_reports_what_it_read_and_wrote(ingested):
    store, report = ingested
    assert report["read"] == report["written"] == len(list(CORPUS.glob("*.md"))) - 1 + 1  # corpus minus README, plus seed
    assert report["problems"] == [] and report["store"]["entities"] > 50


def test_reingesting_changes_nothing_and_skips_unchanged_articles(ingested):
    store, report = ingested
    before = json.loads(kg("stats", "-f", "json", store=store).stdout)
    again = json.loads(kg("ingest", CORPUS, SEED, "-f", "json", store=store).stdout)
    assert again["unchanged"] == report["read"] and again["written"] == 0
    assert json.loads(kg("stats", "-f", "json", store=store).stdout) == before


def test_query_path_json_gives_each_hop_with_its_sentence(ingested):
    store, _ = ingested
    r = kg("query", "path", "Erik Prince", "CBP", "-f", "json", store=store)
    assert r.exit_code == 0
    best = json.loads(r.stdout)[0]
    assert [h["relation"] for h in best["hops"]] == ["INVESTED_IN", "PAID"]
    assert best["nodes"][-1] == "U.S. Customs and Border Protection"
    assert all(h["fact"]["evidence"][0]["text"] for h in best["hops"])


def test_query_path_table_is_readable(ingested):
    store, _ = ingested
    r = kg("query", "path", "Erik Prince", "CBP", "-k", "1", store=store)
    assert r.exit_code == 0
    assert "INVESTED_IN" in r.stdout and "Disgraced Blackwater founder" in r.stdout


def test_query_money_csv_pipes(ingested):
    store, _ = ingested
    r = kg("query", "money", "--buyer", "CBP", "-f", "csv", store=store)
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and {row["buyer"] for row in rows} == {"U.S. Customs and Border Protection"}
    assert any(row["amount"] == "$714,600" and row["date"] == "2020-09" for row in rows)
    totals = list(csv.DictReader(io.StringIO(kg("query", "money", "--by", "buyer", "-f", "csv", store=store).stdout)))
    assert {"buyer", "currency", "total", "count"} <= set(totals[0])


def test_entities_by_role_lists_investors(ingested):
    store, _ = ingested
    r = kg("entities", "--type", "Investor", "-f", "json", store=store)
    assert "Erik Prince" in {e["name"] for e in json.loads(r.stdout)}


def test_investors_and_neighbors_commands(ingested):
    store, _ = ingested
    inv = json.loads(kg("query", "investors", "Wickr", "-f", "json", store=store).stdout)
    assert "Erik Prince" in {r["investor"] for r in inv["investors"]}
    nb = json.loads(kg("query", "neighbors", "CBP", "-r", "PART_OF", "-f", "json", store=store).stdout)
    assert [n["name"] for n in nb["neighbors"]] == ["Department of Homeland Security"]


def test_view_writes_an_offline_page(ingested, tmp_path):
    store, _ = ingested
    out = tmp_path / "wickr.html"
    r = kg("view", "Wickr", "--depth", "2", "-o", out, store=store)
    assert r.exit_code == 0 and out.exists()
    html = out.read_text(encoding="utf-8")
    assert "<script src" not in html and "cdn" not in html.lower()
    assert "Erik Prince" in html and "INVESTED_IN" in html


def test_view_of_a_path_highlights_it(ingested, tmp_path):
    store, _ = ingested
    out = tmp_path / "path.html"
    assert kg("view", "Erik Prince", "--to", "CBP", "-o", out, store=store).exit_code == 0
    assert "U.S. Customs and Border Protection" in out.read_text(encoding="utf-8")


def test_extract_prints_the_documented_json(tmp_path):
    r = kg("extract", SEED)
    doc = json.loads(r.stdout)["documents"][0]
    types = {e["name"]: e["type"] for e in doc["entities"]}
    assert types["U.S. Customs and Border Protection"] == "Agency" and types["Wickr"] == "Company"
    assert any(rel["type"] == "INVESTED_IN" for rel in doc["relations"])


def test_unknown_name_is_one_line_with_suggestions_and_no_traceback(ingested):
    store, _ = ingested
    r = kg("query", "path", "Erik Prnce", "CBP", store=store)
    assert r.exit_code == 1
    assert "no entity named 'Erik Prnce'" in r.stderr and "Erik Prince" in r.stderr
    assert "Traceback" not in r.output


def test_missing_path_is_a_clear_error(tmp_path):
    r = kg("ingest", tmp_path / "nope", store=tmp_path / "kg.sqlite")
    assert r.exit_code == 1 and "no such file or folder" in r.stderr and "Traceback" not in r.output


def test_bad_files_are_skipped_reported_and_the_rest_ingested(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    (folder / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (folder / "good.txt").write_text("Peter Thiel is an investor in Palantir Technologies.", encoding="utf-8")
    r = kg("ingest", folder, "-f", "json", store=tmp_path / "kg.sqlite")
    assert r.exit_code == 2
    report = json.loads(r.stdout)
    assert report["written"] == 1 and len(report["problems"]) == 3
    assert "empty.txt: empty file" in r.stderr and "not UTF-8" in r.stderr


def test_nothing_in_the_store_is_lost_when_a_later_run_fails(ingested, tmp_path):
    store, _ = ingested
    before = kg("stats", "-f", "json", store=store).stdout
    r = kg("ingest", tmp_path / "missing", store=store)
    assert r.exit_code == 1
    assert kg("stats", "-f", "json", store=store).stdout == before


def _read_only(path):
    """Make a folder unwritable, even for root (chattr +i), or skip where that is impossible."""
    import subprocess

    if os.geteuid() != 0:
        path.chmod(stat.S_IRUSR | stat.S_IXUSR)
        return lambda: path.chmod(stat.S_IRWXU)
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a folder read-only here (no chattr)")
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def test_unwritable_store_is_a_clear_error_and_loses_nothing(ingested, tmp_path):
    import shutil

    store, _ = ingested
    ro = tmp_path / "ro"
    ro.mkdir()
    shutil.copy(store, ro / "kg.sqlite")
    before = kg("stats", "-f", "json", store=ro / "kg.sqlite").stdout
    undo = _read_only(ro)
    try:
        r = kg("ingest", SEED, "--force", store=ro / "kg.sqlite")
        assert r.exit_code == 1 and "cannot" in r.stderr and "Traceback" not in r.output
    finally:
        undo()
    assert kg("stats", "-f", "json", store=ro / "kg.sqlite").stdout == before


def test_store_that_is_a_folder_is_a_clear_error(tmp_path):
    r = kg("stats", store=tmp_path)
    assert r.exit_code == 1 and "store path is a folder" in r.stderr


def test_debug_shows_the_traceback(ingested):
    from kg.errors import NotFoundError

    store, _ = ingested
    with pytest.raises(NotFoundError):
        runner.invoke(app, ["--debug", "query", "path", "Nobody At All", "CBP", "--store", str(store)], catch_exceptions=False)
    kg("--no-debug", "stats", store=store) if False else None
    from kg.cli.app import state

    state["debug"] = False


def test_cypher_on_the_embedded_store_explains_it_needs_neo4j(ingested):
    store, _ = ingested
    r = kg("cypher", "MATCH (n) RETURN count(n)", store=store)
    assert r.exit_code == 1 and "needs a Neo4j store" in r.stderr


def _commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


def test_every_command_has_help_text():
    import typer.main

    root = typer.main.get_command(app)
    for path, cmd in _commands(root):
        assert cmd.help and len(cmd.help) > 20, path
        r = runner.invoke(app, [*path, "--help"])
        assert r.exit_code == 0, path


def test_owners_follow_acquisitions_and_parents(ingested):
    store, _ = ingested
    data = json.loads(kg("query", "owners", "Wickr", "-f", "json", store=store).stdout)
    owners = {(r["owner"], r["relation"]) for r in data["owners"]}
    assert ("Amazon Web Services", "ACQUIRED") in owners
    assert all(r["evidence"] for r in data["owners"])


def test_neighbors_date_range_keeps_only_claims_of_that_period(ingested):
    store, _ = ingested
    every = json.loads(kg("query", "neighbors", "Wickr", "-f", "json", store=store).stdout)["neighbors"]
    later = json.loads(kg("query", "neighbors", "Wickr", "--since", "2021", "-f", "json", store=store).stdout)["neighbors"]
    assert later and len(later) < len(every)
    key = lambda n: (n["name"], n["relation"])  # noqa: E731
    assert {key(n) for n in later} < {key(n) for n in every}
    before = json.loads(kg("query", "neighbors", "Wickr", "--until", "2016", "-f", "json", store=store).stdout)["neighbors"]
    assert before and {key(n) for n in before} < {key(n) for n in every}
    assert all(ev["date"][:4] <= "2020" for n in before for ev in n["evidence"] if ev["date"] and n["relation"] not in ("PAID", "AWARDED"))


def test_view_of_the_money_flow_and_of_a_saved_result(ingested, tmp_path):
    store, _ = ingested
    out = tmp_path / "money.html"
    assert kg("view", "--money", "--buyer", "CBP", "-o", out, store=store).exit_code == 0
    assert "AWARDED" in out.read_text(encoding="utf-8")
    saved = tmp_path / "path.json"
    saved.write_text(kg("query", "path", "Erik Prince", "CBP", "-f", "json", store=store).stdout, encoding="utf-8")
    out2 = tmp_path / "saved.html"
    assert kg("view", "--from-json", saved, "-o", out2, store=store).exit_code == 0
    html = out2.read_text(encoding="utf-8")
    assert "Erik Prince" in html and "INVESTED_IN" in html
    r = kg("view", "-o", tmp_path / "none.html", store=store)
    assert r.exit_code == 1 and "nothing to draw" in r.stderr


def test_export_and_import_round_trip_through_the_cli(ingested, tmp_path):
    store, _ = ingested
    out = tmp_path / "kg.jsonl"
    assert kg("export", "--format", "jsonl", "-o", out, store=store).exit_code == 0
    copy = tmp_path / "copy.sqlite"
    assert kg("import", out, "--format", "jsonl", store=copy).exit_code == 0
    assert json.loads(kg("stats", "-f", "json", store=copy).stdout)["claims"] == json.loads(kg("stats", "-f", "json", store=store).stdout)["claims"]
    ftm = tmp_path / "kg.ftm.jsonl"
    assert kg("export", "--format", "ftm", "-o", ftm, store=store).exit_code == 0
    assert ftm.read_text(encoding="utf-8").count("\n") > 50
    assert kg("export", "--format", "nope", store=store).exit_code == 1


def test_neighbors_limit_shows_the_best_reported_and_says_how_many_were_left_out(ingested):
    store, _ = ingested
    every = json.loads(kg("query", "neighbors", "Wickr", "--limit", "0", "-f", "json", store=store).stdout)
    r = kg("query", "neighbors", "Wickr", "--limit", "2", "-f", "json", store=store)
    top = json.loads(r.stdout)
    assert len({n["id"] for n in top["neighbors"]}) == 2
    assert top["neighbors_total"] == every["neighbors_total"] == len({n["id"] for n in every["neighbors"]}) > 2
    assert f"showing the 2 of {every['neighbors_total']} neighbours" in r.stderr
