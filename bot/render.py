"""Answers to text: Jinja2 templates in templates/, one per answer kind.

The same Answer renders for Telegram (HTML, escaped), Zalo and the console (plain).
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

import re

from knowledge.answer import Answer
from knowledge.terms import tokens

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MAX_ANSWER = 3000
CHANNELS = ("console", "telegram", "zalo")


def vn_date(value: Any) -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y") if value else ""


def _short(text: str, limit: int = 300, focus: tuple[str, ...] = ()) -> str:
    """At most ``limit`` characters: the opening clause, then the clauses that hold the asked words."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    if focus:
        clauses = [c.strip() for c in re.split(r"(?<=[;:])\s+|(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])", text) if c.strip()]
        if len(clauses) > 1:
            wanted = set(focus)
            ranked = sorted(range(1, len(clauses)), key=lambda i: -len(wanted & set(tokens(clauses[i]))))
            keep = {0}
            for i in ranked:
                if not wanted & set(tokens(clauses[i])):
                    break
                if sum(len(clauses[j]) for j in keep | {i}) + 4 * len(keep) > limit:
                    held = len(wanted & set(tokens(clauses[i])))
                    if keep == {0} and len(clauses[i]) <= limit and held >= 2 \
                            and held > len(wanted & set(tokens(clauses[0]))):
                        keep = {i}   # the clause asked about rather than the opening one
                    continue
                keep.add(i)
            if keep != {0}:
                parts, prev = [], -1
                for i in sorted(keep):
                    parts.append(("… " if i != prev + 1 else "") + clauses[i])
                    prev = i
                joined = " ".join(parts)
                if len(joined) <= limit + 20:
                    return joined + (" …" if prev != len(clauses) - 1 else "")
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + " …"


def _group_by_unit(items):
    groups: dict[str, list] = {}
    for it in items:
        key = ", ".join(it.task.assignees) or "—"
        groups.setdefault(key, []).append(it)
    return list(groups.items())


@lru_cache(maxsize=None)
def environment(channel: str) -> Environment:
    html = channel == "telegram"
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=html, undefined=StrictUndefined,
                      trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=False)
    env.filters["vn_date"] = vn_date
    env.filters["group_by_unit"] = _group_by_unit
    env.globals["b"] = (lambda s: Markup("<b>%s</b>") % s) if html else (lambda s: s)
    return env


def render_template(name: str, channel: str = "console", **values: Any) -> str:
    """Render any template (messages, help, digests) for a channel."""
    env = environment(channel)
    values.setdefault("short", _short)
    values.setdefault("channel", channel)
    text = env.get_template(name).render(**values)
    return _tidy(text)


def render(answer: Answer, channel: str = "console", limit: int = MAX_ANSWER) -> str:
    """The text a user sees for an answer, under ``limit`` characters."""
    for width in (300, 180, 110):
        text = render_template(f"{answer.kind}.j2", channel, answer=answer, sources=answer.sources,
                               short=lambda s, n=None: _short(s, n or width, answer.focus))
        if len(text) <= limit:
            return text
    # still too long: keep the first items and say how many more there are
    items = list(answer.tasks)
    while len(items) > 1:
        items.pop()
        from dataclasses import replace
        smaller = replace(answer, tasks=tuple(items))
        text = render_template(f"{answer.kind}.j2", channel, answer=smaller, sources=answer.sources,
                               short=lambda s, n=None: _short(s, min(n or 110, 400), answer.focus))
        if len(text) <= limit:
            return text
    return text[:limit - 1] + "…"


def _tidy(text: str) -> str:
    lines = [ln.rstrip() for ln in text.strip().splitlines()]
    out: list[str] = []
    for ln in lines:
        if not ln and out and not out[-1]:
            continue
        out.append(ln)
    return "\n".join(out)


def escape_html(text: str) -> str:
    return str(escape(text))
