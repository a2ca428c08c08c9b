"""The loader reads every supported format and reports, rather than crashes on, bad input."""
from __future__ import annotations

import json

import pytest

from kg.corpus import iter_articles
from kg.errors import InputError
from kg.model import Article

from .conftest import CORPUS


def load(paths):
    problems = []
    arts = list(iter_articles(paths, problems.append))
    return arts, problems


def test_markdown_front_matter_becomes_article_metadata(tmp_path):
    f = tmp_path / "story.md"
    f.write_text('---\ntitle: "CBP pays Wickr"\noutlet: Example\ndate: 2021-04-09\nurl: https://example.org/x\n'
                 'authors: [A. Writer]\n---\nCBP paid Wickr $714,600.\n', encoding="utf-8")
    (a,), problems = load([f])
    assert problems == []
    assert (a.id, a.title, a.outlet, a.date, a.url, a.authors) == (
        "story", "CBP pays Wickr", "Example", "2021-04-09", "https://example.org/x", ["A. Writer"])
    assert a.text.strip() == "CBP paid Wickr $714,600."


def test_the_outlet_an_article_retells_is_read_from_front_matter_and_json_lines(tmp_path):
    (tmp_path / "retold.md").write_text('---\noutlet: "kg corpus"\nsource_outlet: "ABC News"\n'
                                        'url: https://abcnews.go.com/x\n---\nXe is the new name of Blackwater.\n', encoding="utf-8")
    (tmp_path / "batch.jsonl").write_text(
        json.dumps({"id": "j1", "text": "CBP paid Wickr.", "outlet": "Wire", "source_outlet": " Reuters "}) + "\n"
        + json.dumps({"id": "j2", "text": "ICE paid Wickr.", "url": "https://www.Example.org/2"}) + "\n", encoding="utf-8")
    arts, problems = load([tmp_path])
    assert problems == []
    by_id = {a.id: a for a in arts}
    assert (by_id["retold"].outlet, by_id["retold"].source_outlet) == ("kg corpus", "ABC News")
    assert by_id["j1"].source_outlet == "Reuters"
    # the independent source: the retold outlet, else the outlet, else the URL's host, else the article
    assert [by_id[i].independent_source for i in ("retold", "j1", "j2")] == ["ABC News", "Reuters", "example.org"]
    assert Article(id="bare", text="x").independent_source == "bare"


def test_every_corpus_article_names_the_outlet_it_retells():
    arts, _ = load([CORPUS])
    assert arts and all(a.outlet == "kg corpus" and a.source_outlet for a in arts)
    assert len({a.independent_source for a in arts}) > 20


def test_html_main_text_is_extracted_without_boilerplate(tmp_path):
    body = " ".join(["U.S. Customs and Border Protection paid the encrypted messaging company Wickr $714,600."] * 6)
    html = (f"<html><head><title>CBP and Wickr</title></head><body><nav>Home | Subscribe | Login</nav>"
            f"<article><h1>CBP and Wickr</h1><p>{body}</p><p>{body}</p></article>"
            f"<footer>Copyright 2021 Example Media. All rights reserved.</footer></body></html>")
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    (a,), problems = load([f])
    assert "Wickr $714,600" in a.text
    assert "Subscribe" not in a.text and "All rights reserved" not in a.text
    assert a.title == "CBP and Wickr"


def test_jsonl_reads_each_line_and_reports_bad_lines_with_their_number(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text(json.dumps({"id": "a1", "text": "CBP paid Wickr.", "title": "One"}) + "\n"
                 + "{not json\n"
                 + json.dumps({"title": "no text"}) + "\n"
                 + json.dumps({"text": "ICE paid Clearview AI.", "url": "https://example.org/2"}) + "\n", encoding="utf-8")
    arts, problems = load([f])
    assert [a.title for a in arts] == ["One", ""]
    assert arts[0].id == "a1" and arts[1].id  # an id is derived from the url when missing
    assert [(p.line, p.reason.split(":")[0]) for p in problems] == [(2, "not valid JSON"), (3, 'no "text" field')]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("Caf\xe9 owner paid".encode("latin-1"), "not UTF-8"),
])
def test_unreadable_files_are_reported_and_skipped(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("CBP paid Wickr.", encoding="utf-8")
    arts, problems = load([bad, good])
    assert [a.id for a in arts] == ["good"]
    assert len(problems) == 1 and reason in problems[0].reason and "bad.txt" in str(problems[0])


def test_malformed_front_matter_is_reported(tmp_path):
    f = tmp_path / "x.md"
    f.write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    arts, problems = load([f])
    assert arts == [] and "front matter" in problems[0].reason


def test_missing_path_raises_before_any_work():
    with pytest.raises(InputError, match="no such file"):
        list(iter_articles(["does/not/exist"]))


def test_project_corpus_has_cited_articles_in_its_own_words():
    arts, problems = load([CORPUS])
    assert problems == []
    assert len(arts) >= 12
    for a in arts:
        assert a.title and a.date and a.url.startswith("http"), a.id
