"""Given names and surnames, as general knowledge of how people are named.

spaCy's small model types a person's name it has not seen ("Ines Carvalho", "Tomasz Wrona")
as ``ORG`` or ``GPE`` as often as ``PERSON``. Knowing that "Ines" is a given name is enough
to read most of them right. The lists come from Faker's person providers (86 locales, ~31,000
given names and ~40,000 surnames), read once per process on first use (~0.2 s) and cached.

Some given names are also places or words ("Virginia", "Jordan", "Austin", "Will", "General");
:func:`ambiguous` tells them apart so the entity finder can ask more of the name's second word.

>>> is_given_name("Marta")
True
>>> is_given_name("Palantir")
False
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

_GIVEN = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_SURNAMES = ("last_names", "last_names_male", "last_names_female")


def _class_value(cls, attr: str):
    """The value a provider class defines for ``attr`` (itself or a base), skipping properties:
    some locales compute their names at run time, which a class read cannot do."""
    for base in cls.__mro__:
        if attr in base.__dict__:
            value = base.__dict__[attr]
            return value if isinstance(value, (list, tuple, set, frozenset, dict)) else None
    return None


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    try:
        import faker.providers.person as person
    except ImportError:  # the typing cue is lost, nothing else
        return frozenset(), frozenset()
    given: set[str] = set()
    surnames: set[str] = set()
    for info in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{info.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attrs, out in ((_GIVEN, given), (_SURNAMES, surnames)):
            for attr in attrs:
                value = _class_value(provider, attr)
                if value:
                    out.update(str(v) for v in value)
    # Latin-script, capitalised words only: "Ines", "Øyvind", not "伟" or "O'Neil-" fragments
    keep = lambda w: len(w) >= 2 and w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha()
    return frozenset(w for w in given if keep(w)), frozenset(w for w in surnames if keep(w))


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a given name in any of Faker's locales ("Ines", "Priya", "Tomasz")."""
    return word in _names()[0]


def is_surname(word: str) -> bool:
    """Whether ``word`` is a surname in any of Faker's locales ("Carvalho", "Lindqvist")."""
    return word in _names()[1]
