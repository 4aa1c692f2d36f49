"""Names typed by a person -> stored units and documents.

A unit name goes through the registry's comparison key (``unit_key``, then
``squeeze_acronyms`` for "Phòng TN&MT"), may carry its place ("Phòng Tư pháp
(huyện Bảo Lâm)", "Phòng Nội vụ thị xã Ngã Năm"), and falls back to fuzzy
matching for typos. When several units answer to the name the caller gets
``AmbiguousUnit`` with every candidate spelled as "name (scope)" — which is
itself a name this module resolves — and ``UnknownUnit`` with suggestions when
nothing does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from knowledge.errors import AmbiguousDocument, AmbiguousUnit, UnknownDocument, UnknownUnit
from knowledge.store import DocumentRow, Store, UnitRow
from knowledge.text import fold
from knowledge.units import PLACE_WORDS, squeeze_acronyms, unit_key

FUZZY_ACCEPT = 88      # fuzz.ratio at or above which a typo is taken as the unit meant
SUGGEST_FROM = 60      # fuzz.WRatio at or above which a unit is offered as a suggestion
MAX_CANDIDATES = 10


@dataclass(frozen=True)
class _Catalogue:
    units: dict[int, UnitRow]
    alias: dict[str, frozenset[int]]


def unit_label(unit: UnitRow) -> str:
    """How a unit is shown: its name, with its place when the name does not say it."""
    if unit.scope and fold(unit.scope) not in fold(unit.name):
        return f"{unit.name} ({unit.scope})"
    return unit.name


def document_label(doc: DocumentRow) -> str:
    """'Công văn 276/UBND-NV', or the file name when the document has no number."""
    if doc.number:
        return f"{doc.kind} {doc.number}" if doc.kind else doc.number
    return doc.file


def _catalogue(store: Store) -> _Catalogue:
    alias: dict[str, set[int]] = {}
    for a, uid in store.unit_aliases():
        alias.setdefault(a, set()).add(uid)
    return _Catalogue({u.id: u for u in store.units()}, {a: frozenset(ids) for a, ids in alias.items()})


def _exact(cat: _Catalogue, key: str) -> set[int]:
    return set(cat.alias.get(key, ())) | set(cat.alias.get(squeeze_acronyms(key), ()))


def _scoped(cat: _Catalogue, key: str) -> set[int]:
    """'phong tu phap huyen bao lam' -> the 'phong tu phap' of scope 'huyện Bảo Lâm'."""
    found: set[int] = set()
    scopes = {u.scope for u in cat.units.values() if u.scope}
    for scope in sorted(scopes, key=len, reverse=True):
        full = unit_key(scope)
        bare = re.sub(r"^(?:" + "|".join(sorted(PLACE_WORDS, key=len, reverse=True)) + r")\s+", "", full)
        for suffix in dict.fromkeys((full, bare)):
            if suffix and key.endswith(" " + suffix):
                base = key[: -len(suffix) - 1].strip()
                found |= {i for i in _exact(cat, base) if cat.units[i].scope == scope}
        if found:
            return found
    return found


def _contained(cat: _Catalogue, key: str) -> set[int]:
    """A name typed without its kind ('Hợp Thành', 'Tư pháp'): aliases that end with it, word for word."""
    if len(key.split()) < 2 and len(key) < 4:
        return set()
    tail = re.compile(rf"(?:^|\s){re.escape(key)}$")
    found: set[int] = set()
    for alias, ids in cat.alias.items():
        if tail.search(alias):
            found |= ids
    return found


def _labels(cat: _Catalogue, ids: set[int]) -> tuple[str, ...]:
    units = sorted((cat.units[i] for i in ids), key=lambda u: (fold(u.scope), fold(u.name)))
    return tuple(dict.fromkeys(unit_label(u) for u in units))[:MAX_CANDIDATES]


def _one(cat: _Catalogue, name: str, ids: set[int]) -> UnitRow:
    if len(ids) == 1:
        return cat.units[next(iter(ids))]
    raise AmbiguousUnit(name, _labels(cat, ids))


def resolve_unit(store: Store, name: str) -> UnitRow:
    """The one stored unit ``name`` stands for; raises AmbiguousUnit or UnknownUnit."""
    text = (name or "").strip()
    key = unit_key(text) if text else ""
    if not key:
        raise UnknownUnit(name or "")
    cat = _catalogue(store)
    for step in (_exact, _scoped):
        ids = step(cat, key)
        if ids:
            return _one(cat, text, ids)
    choices = list(cat.alias)
    if choices:
        close = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_ACCEPT, limit=MAX_CANDIDATES)
        if close:
            best = close[0][1]
            ids = set().union(*(cat.alias[a] for a, score, _ in close if score >= best - 3))
            return _one(cat, text, ids)
    ids = _contained(cat, key)
    if ids:
        return _one(cat, text, ids)
    raise UnknownUnit(text, suggest_units(store, text, cat))


def suggest_units(store: Store, name: str, _cat: _Catalogue | None = None, limit: int = 5) -> tuple[str, ...]:
    """Units whose names look like ``name``, best first, as labels."""
    cat = _cat or _catalogue(store)
    key = unit_key(name or "")
    if not key or not cat.alias:
        return ()
    out: list[str] = []
    for alias, _score, _ in process.extract(key, list(cat.alias), scorer=fuzz.WRatio, score_cutoff=SUGGEST_FROM,
                                            limit=limit * 3):
        for label in _labels(cat, set(cat.alias[alias])):
            if label not in out:
                out.append(label)
    return tuple(out[:limit])


def resolve_document(store: Store, ref: str | int) -> DocumentRow:
    """A document by number ('276/UBND-NV', '276'), file name (with or without extension) or id."""
    docs = store.documents()
    text = str(ref).strip()
    if not text:
        raise UnknownDocument(text)
    folded = fold(text).replace(" ", "")

    def number(d: DocumentRow) -> str:
        return fold(d.number or "").replace(" ", "")

    steps = (
        lambda d: bool(d.number) and number(d) == folded,
        lambda d: d.file == text or Path(d.file).stem == text or fold(Path(d.file).stem) == fold(text),
        lambda d: bool(d.number) and (number(d).startswith(folded + "/") or ("/" in folded and number(d).startswith(folded))),
        lambda d: text.isdigit() and d.id == int(text),
    )
    for step in steps:
        hits = [d for d in docs if step(d)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise AmbiguousDocument(text, tuple(f"{document_label(d)} ({d.file})" for d in hits)[:MAX_CANDIDATES])
    names = {document_label(d): d for d in docs}
    names.update({Path(d.file).stem: d for d in docs})
    close = process.extract(text, list(names), scorer=fuzz.WRatio, score_cutoff=SUGGEST_FROM, limit=5)
    raise UnknownDocument(text, tuple(dict.fromkeys(document_label(names[n]) if names[n].number else names[n].file
                                                    for n, _, _ in close)))
