"""The model's attribute ruler, matched faster: the same matches, found by table look-up.

spaCy's ``attribute_ruler`` (tag map and morphology exceptions: ``NN`` → ``NOUN``, "n't" →
``PART``, ...) runs its 179 token patterns through the general :class:`spacy.matcher.Matcher`,
which tries every pattern at every token: a sixth of ``en_core_web_sm``'s time on a DoD
paragraph, more than the parser. Its patterns are all fixed-length sequences of tokens tested
for equality, set membership or a regex on ``TAG``, ``LOWER``, ``DEP`` and ``IS_SPACE``. Here
each pattern is filed under the ``TAG`` or ``LOWER`` value its first token must have, so a
token is tried against the few patterns that can start at it.

:func:`speed_up` replaces only the ruler's ``match`` step, and only when every pattern is of
that kind (otherwise the ruler is left as spaCy made it). The matches are the Matcher's, in
its order, and the ruler's own ``set_annotations`` applies them, so tokens get exactly the
attributes they got before; ``tests/test_extract.py`` compares both on real text.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # a token is these, as ints (string hashes, 0/1)


def _test(field: int, spec: Any, strings) -> Callable[[list[int]], bool] | None:
    """A predicate on a token's ints, or None if the spec is not understood."""
    def code(v):
        return int(v) if isinstance(v, bool) else strings.add(v) if isinstance(v, str) else None

    if isinstance(spec, (str, bool)):
        value = code(spec)
        return lambda t: t[field] == value
    if isinstance(spec, dict) and len(spec) == 1:
        (op, value), = spec.items()
        if op in ("IN", "NOT_IN") and isinstance(value, list) and all(isinstance(v, (str, bool)) for v in value):
            values = frozenset(code(v) for v in value)
            return (lambda t: t[field] in values) if op == "IN" else (lambda t: t[field] not in values)
        if op == "REGEX" and isinstance(value, str) and field != 3:
            search = re.compile(value).search
            return lambda t: search(strings[t[field]]) is not None
    return None


def _compile_token(spec: dict[str, Any], strings):
    """The token's tests, and the (field, hash) it can be filed under; None if not understood."""
    tests = []
    for key, value in spec.items():
        if key not in _FIELDS:
            return None
        test = _test(_FIELDS.index(key), value, strings)
        if test is None:
            return None
        tests.append(test)
    # filed under its lower-case form if it must have one, else its tag
    file_under = next(((i, strings.add(spec[k])) for i, k in ((1, "LOWER"), (0, "TAG")) if isinstance(spec.get(k), str)), None)
    return tests, file_under


class FastAttributeMatch:
    """Drop-in for ``AttributeRuler.match``: the same (attr id, match id, start, end) list.

    What matches at a token depends only on its (tag, lower, dep, is_space), and most tokens
    repeat ("the", ",", "contract"): each new combination is tested once against the patterns
    filed under its tag or lower-case form, and remembered."""

    CACHE = 200_000  # combinations remembered before starting afresh

    def __init__(self, ruler: AttributeRuler):
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        self.attrs = [TAG, LOWER, DEP, IS_SPACE]
        filed: tuple[dict[int, list], dict[int, list]] = (defaultdict(list), defaultdict(list))  # by TAG, by LOWER
        self.anywhere: list = []
        strings = ruler.vocab.strings
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            _, alternatives = ruler.matcher.get(key)
            for pattern in alternatives:
                tokens = [_compile_token(spec, strings) for spec in pattern]
                if not tokens or any(t is None for t in tokens):
                    raise ValueError(f"attribute ruler pattern {attr_id} is not a fixed sequence of simple tests")
                entry = (attr_id, strings[key], [tests for tests, _ in tokens])
                file_under = tokens[0][1]
                if file_under is None:
                    self.anywhere.append(entry)
                else:
                    filed[file_under[0]][file_under[1]].append(entry)
        self.by_tag, self.by_lower = (dict(d) for d in filed)
        self.cache: dict[tuple[int, ...], tuple[list, list]] = {}

    def _starting_at(self, tok: list[int]) -> tuple[list, list]:
        """One-token matches at a token like this, and the longer patterns whose first token it fits."""
        one, longer = [], []
        for candidates in (self.by_tag.get(tok[0]), self.by_lower.get(tok[1]), self.anywhere):
            for attr_id, match_id, pattern in candidates or ():
                if all(test(tok) for test in pattern[0]):
                    if len(pattern) == 1:
                        one.append((attr_id, match_id))
                    else:
                        longer.append((attr_id, match_id, pattern))
        return one, longer

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        toks = doc.to_array(self.attrs).tolist() if len(doc) else []
        n, cache, matches = len(toks), self.cache, []
        if len(cache) > self.CACHE:
            cache.clear()
        for start, tok in enumerate(toks):
            key = tuple(tok)
            found = cache.get(key)
            if found is None:
                found = cache[key] = self._starting_at(tok)
            one, longer = found
            for attr_id, match_id in one:
                matches.append((attr_id, match_id, start, start + 1))
            for attr_id, match_id, pattern in longer:
                end = start + len(pattern)
                if end <= n and all(test(toks[i]) for i, tests in enumerate(pattern[1:], start + 1) for test in tests):
                    matches.append((attr_id, match_id, start, end))
        matches.sort()
        return matches


def speed_up(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler the fast match step; False if it keeps spaCy's."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        ruler.match = FastAttributeMatch(ruler)
    except ValueError:
        return False
    return True
