"""Read articles from files: Markdown with YAML front matter, plain text, HTML and JSON lines.

No NLP here. Each reader yields :class:`~kg.model.Article`; a file or line that cannot be
read becomes a :class:`Problem` (path, line, reason) handed to ``on_problem`` and skipped, so
one bad record never stops a run.

>>> arts = list(iter_articles(["corpus/"]))   # doctest: +SKIP
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Article, content_hash

SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".jsonl")
META_KEYS = ("title", "outlet", "source_outlet", "date", "url", "authors")


@dataclass
class Problem:
    """A record that was skipped, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the article files they hold, sorted, without duplicates.

    Raises :class:`InputError` for a path that does not exist, before any work is done.
    Files named README.md and files whose names start with "." or "_" are not articles.
    """
    found: dict[Path, None] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"no such file or folder: {p}", hint="check the path")
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and _is_article_name(f):
                    found[f] = None
        else:
            found[p] = None
    return list(found)


def _is_article_name(f: Path) -> bool:
    return not f.name.startswith((".", "_")) and f.name.lower() != "readme.md"


def iter_articles(
    paths: Iterable[str | Path], on_problem: Callable[[Problem], None] | None = None
) -> Iterator[Article]:
    """Yield articles from files and folders, streaming (one file in memory at a time)."""
    report = on_problem or (lambda p: None)
    for f in discover(paths):
        yield from read_file(f, report)


def read_file(path: Path, on_problem: Callable[[Problem], None]) -> Iterator[Article]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        on_problem(Problem(str(path), None, f"cannot read: {exc.strerror or exc}"))
        return
    if not raw.strip():
        on_problem(Problem(str(path), None, "empty file"))
        return
    if b"\x00" in raw[:8192]:
        on_problem(Problem(str(path), None, "binary file, not text"))
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        on_problem(Problem(str(path), None, f"not UTF-8 text (byte {exc.start}); convert it, e.g. iconv -t utf-8"))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, text, on_problem)
        return
    try:
        if suffix in (".md", ".markdown"):
            article = _read_markdown(path, text)
        elif suffix in (".html", ".htm"):
            article = _read_html(path, text)
        else:
            article = Article(id=path.stem, text=_clean(text), path=str(path))
    except ValueError as exc:
        on_problem(Problem(str(path), None, str(exc)))
        return
    if not article.text.strip():
        on_problem(Problem(str(path), None, "no article text"))
        return
    yield article


_SYMBOL_RUN = re.compile(r"[^\w\s]{100}")
_SOFT_WRAP = re.compile(r"(?<=[\w,;’'\-)])\n(?=[\w(“\"$])")


def _clean(text: str) -> str:
    """Normalise line endings, drop control characters that are not whitespace, and join
    hard-wrapped lines (a single line break inside a sentence becomes a space, so names
    wrapped across lines stay whole). Paragraph breaks and lines ending a sentence stay."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)
    # a long run of punctuation or symbols without a space (quotes, emoji) is not prose, and
    # spaCy's tokenizer takes quadratic time on it: every 100th character becomes a space
    text = _SYMBOL_RUN.sub(lambda m: m.group()[:-1] + " ", text)
    out, start = [], 0
    for line in text.split("\n")[:-1]:
        end = start + len(line)
        out.append(line)
        # a long line that does not end a sentence, followed by more text: a soft wrap
        nxt = text[end + 1:end + 2]
        out.append(" " if len(line) >= 50 and nxt and _SOFT_WRAP.match(text, end) else "\n")
        start = end + 1
    out.append(text[start:])
    return "".join(out)


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in META_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if key == "authors":
            out[key] = [str(a) for a in value] if isinstance(value, list) else [str(value)]
        elif key == "date":
            out[key] = iso_date(str(value).strip())
        else:
            out[key] = str(value).strip()
    return out


def iso_date(value: str) -> str:
    """"February 29, 2016" → "2016-02-29"; ISO input is kept; unparseable text is kept as is."""
    if not value or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    if m := re.match(r"(\d{4}-\d{2}-\d{2})[T ]", value):
        return m.group(1)
    from .money import parse_date

    return parse_date(value) or value


def _too_big(value: Any, limit: int = 1000) -> bool:
    """More than ``limit`` values inside: YAML aliases can make a few bytes expand to gigabytes."""
    stack, seen = [value], 0
    while stack:
        v = stack.pop()
        seen += 1
        if seen > limit:
            return True
        if isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, (list, tuple, set)):
            stack.extend(v)
    return False


def _read_markdown(path: Path, text: str) -> Article:
    import frontmatter  # python-frontmatter

    try:
        post = frontmatter.loads(text)
    except Exception as exc:  # yaml errors come in several classes
        raise ValueError(f"malformed front matter: {str(exc).splitlines()[0]}") from None
    if not isinstance(post.metadata, dict):
        raise ValueError("malformed front matter: not a mapping")
    for key in ("id", *META_KEYS):
        if _too_big(post.metadata.get(key)):
            raise ValueError(f"malformed front matter: {key} is too large (YAML aliases?)")
    meta = _meta(post.metadata)
    return Article(id=str(post.metadata.get("id") or path.stem), text=_clean(post.content), path=str(path), **meta)


def _read_html(path: Path, text: str) -> Article:
    import trafilatura

    body = trafilatura.extract(text, include_comments=False, include_tables=False, favor_precision=True)
    if not body:
        raise ValueError("no main text found in HTML")
    md = trafilatura.extract_metadata(text)
    meta = {}
    if md is not None:
        meta = _meta({"title": md.title, "outlet": md.sitename, "date": md.date, "url": md.url,
                      "authors": [a.strip() for a in md.author.split(";")] if md.author else None})
    return Article(id=path.stem, text=_clean(body), path=str(path), **meta)


def _read_jsonl(path: Path, text: str, on_problem: Callable[[Problem], None]) -> Iterator[Article]:
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            on_problem(Problem(str(path), n, f"not valid JSON: {exc.msg}"))
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            on_problem(Problem(str(path), n, 'no "text" field'))
            continue
        try:
            json.dumps(rec, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:  # "\ud800": an escape JSON allows, but no text
            on_problem(Problem(str(path), n, f"not valid Unicode: an unpaired surrogate escape ({exc.object[exc.start]!r})"))
            continue
        body = _clean(rec["text"])
        if not body.strip():
            on_problem(Problem(str(path), n, "no article text"))
            continue
        art_id = rec.get("id") or (content_hash(str(rec["url"])) if rec.get("url") else content_hash(body))
        yield Article(id=str(art_id), text=body, path=f"{path}:{n}", **_meta(rec))
