"""Answering questions in Vietnamese, deterministically, with sources.

``Engine.ask`` reads a question (any case, with or without diacritics, with the
genre's abbreviations), works out what is asked — a unit's tasks, who does
something, a deadline, coordination, a time view, a document, or a fact in the
text — and returns an ``Answer`` record. Rendering is the shell's job.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from rapidfuzz import fuzz, process

from knowledge.assignees import starts_with_unit, unit_phrase
from knowledge.models import StoredTask
from knowledge.store import STATUS_DONE, DocumentRow, Store, TaskHead
from knowledge.terms import respelled, search_form, tokens
from knowledge.text import fold, fold_keep_length
from knowledge.units import ROLE_PREFIXES, SYLLABLE, acronym_key, squeeze_acronyms, squeeze_runs, unit_key

MAX_QUESTION = 2000
PAGE = 8

# answer kinds
EMPTY, TOO_LONG, UNIT_TASKS, WHO, DEADLINE, COORDINATION = "empty", "too_long", "unit_tasks", "who", "deadline", "coordination"
OVERDUE, DUE_SOON, BY_MONTH, DOC_INFO, DOC_LIST, DOC_SUMMARY, FACTS, NO_MATCH, TASK_SEARCH = (
    "overdue", "due_soon", "by_month", "doc_info", "doc_list", "doc_summary", "facts", "no_match", "task_search")


@dataclass(frozen=True)
class TaskItem:
    task: StoredTask
    roles: tuple[str, ...] = ()          # the asked unit's roles in it: chu_tri, phoi_hop, theo_doi
    overdue_days: int | None = None      # > 0 when the deadline has passed and it is not done
    due_in_days: int | None = None


@dataclass(frozen=True)
class Fact:
    text: str
    doc_id: int
    clause: str


@dataclass(frozen=True)
class Answer:
    kind: str
    question: str
    today: date
    units: tuple[str, ...] = ()
    tasks: tuple[TaskItem, ...] = ()
    documents: tuple[DocumentRow, ...] = ()
    facts: tuple[Fact, ...] = ()
    suggestions: tuple[str, ...] = ()
    total: int = 0                       # how many matched before the page cut
    offset: int = 0
    scope: str | None = None
    detail: str | None = None            # signer, a month "12/2019", a number of days …
    focus: tuple[str, ...] = ()          # the question's content words (search form), to show the right part of long texts
    sources: dict[int, DocumentRow] = field(default_factory=dict)


@dataclass
class ChatContext:
    """What a chat last talked about, for follow-ups ("còn Phòng Tư pháp thì sao?")."""
    kind: str | None = None
    unit_ids: tuple[int, ...] = ()
    task_ids: tuple[str, ...] = ()
    doc_ids: tuple[int, ...] = ()
    scope_doc_ids: tuple[int, ...] | None = None
    question: str = ""
    offset: int = 0


class _Unit(NamedTuple):
    """A unit as the answers use it. The catalogue keeps each as a plain (id, name, scope) tuple,
    which the collector stops tracking (it does not untrack tuple subclasses)."""
    id: int
    name: str
    scope: str


class Engine:
    """Answers questions over one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._loaded_for: object = None
        self._units: dict[int, tuple[int, str, str]] = {}   # id -> (id, name, scope), see _unit
        self._alias: dict[str, tuple[int, ...]] = {}
        self._alias_list: list[str] = []
        self._docs: dict[int, DocumentRow] = {}
        self._places: dict[str, set[int]] = {}
        self._unit_words: dict[str, tuple[int, ...]] | None = None
        self._passage_cache: dict[tuple[tuple[str, ...], int], list[dict]] = {}
        self._question_memo: dict[tuple[str, str], object] = {}
        self._weights: dict[str, float] | None = None
        self._doc_words: dict[str, tuple[int, ...]] | None = None
        self._by_name: dict[str, tuple[int, ...]] = {}
        self._doc_index: tuple[object, dict] = (None, {})
        self._alias_starts: tuple[object, dict[str, tuple[int, ...]]] = (None, {})
        self._labels: dict[int, str] = {}

    # ---- the catalogue, cached until the store changes --------------------
    def _load(self) -> None:
        stamp = self.store.change_stamp()
        if stamp == self._loaded_for:
            return
        # The catalogue is long-lived: it holds tuples of ints and strs rather than sets, lists and
        # records, which the cyclic collector stops tracking; 100,000 tracked objects of a
        # 10,000-document store made each full collection cost 30-40 ms of the question it fell in.
        self._units = {u.id: (u.id, u.name, u.scope) for u in self.store.units()}
        by_name: dict[str, list[int]] = {}
        for uid, name, _ in self._units.values():
            by_name.setdefault(name, []).append(uid)
        self._by_name = {name: tuple(ids) for name, ids in by_name.items()}
        alias_sets: dict[str, set[int]] = {}
        for alias, uid in self.store.unit_aliases():
            alias_sets.setdefault(alias, set()).add(uid)
        # in the order the set gave them (answers list a unit's ids in that order)
        self._alias = {alias: tuple(ids) for alias, ids in alias_sets.items()}
        self._alias_list = list(self._alias)
        self._docs = {d.id: d for d in self.store.documents()}
        self._places = {}
        for d in self._docs.values():
            for name in filter(None, (d.place, _issuer_place(d.issuer))):
                self._places.setdefault(fold(name), set()).add(d.id)
        self._by_issuer: dict[str, set[int]] = {}
        self._issuer_names: frozenset[str] = frozenset()
        issuer_names: set[str] = set()
        for d in self._docs.values():
            if d.issuer:
                self._by_issuer.setdefault(unit_key(d.issuer), set()).add(d.id)
                issuer_names |= _issuer_name_keys(d.issuer)
        self._issuer_names = frozenset(issuer_names)
        self._unit_words = None
        self._doc_words = None
        self._alias_sorted: list[str] | None = None
        self._loaded_for = stamp
        # built here rather than by the first question that needs them (a no-match answer paid 20 ms
        # for the alias starts; follow-ups labelled hundreds of units on every answer)
        self._labels = {uid: self._label_of(_Unit._make(row)) for uid, row in self._units.items()}
        self._alias_starts = (None, {})
        self._suggestable("")

    # ---- entry point --------------------------------------------------------
    def ask(self, question: str, *, today: date | None = None, context: ChatContext | None = None) -> Answer:
        today = today or date.today()
        q = (question or "").strip()
        if not q:
            return Answer(EMPTY, q, today)
        if len(q) > MAX_QUESTION:
            return Answer(TOO_LONG, q[:80], today, detail=str(MAX_QUESTION))
        self._load()
        # question-scoped: one passage search per query, the asked words' weights (set once topic is known)
        self._passage_cache: dict[tuple[tuple[str, ...], int], list[dict]] = {}
        self._question_memo: dict[tuple[str, str], object] = {}   # (look-up, question) -> its result
        self._weights: dict[str, float] | None = None
        ctx = context or ChatContext()
        answer = self._answer(q, today, ctx)
        answer = replace(answer, sources={i: self._docs[i] for i in self._doc_ids_of(answer) if i in self._docs},
                         focus=self._focus(q, answer.scope))
        if context is not None:
            _remember(context, answer, self)
        return answer

    def _focus(self, q: str, scope: str | None) -> tuple[str, ...]:
        """The question's content words, without the units it names (to show the part of a long text
        about what is asked, not the one that happens to hold a word of the unit's name)."""
        q = _HTML_TAG.sub(" ", q).strip() or q
        return tuple(self._topic(q, scope, self._units_in(q, search_form(q), None)))

    def more(self, context: ChatContext, *, today: date | None = None) -> Answer | None:
        """The next page of the last list answer."""
        if not context.question:
            return None
        context.offset += PAGE
        page = ChatContext(kind=context.kind, unit_ids=context.unit_ids, scope_doc_ids=context.scope_doc_ids,
                           question=context.question, offset=context.offset)
        return self.ask(context.question, today=today, context=page)

    def _doc_ids_of(self, a: Answer) -> set[int]:
        ids = {t.task.doc_id for t in a.tasks} | {f.doc_id for f in a.facts} | {d.id for d in a.documents}
        return ids

    def _answer(self, raw: str, today: date, ctx: ChatContext) -> Answer:
        q = _HTML_TAG.sub(" ", raw).strip() or raw
        q = _TYPED_WORD.sub(lambda m: _TYPED_WORDS[m.group(0).lower()], q)   # "bc" typed for "báo cáo"
        f = search_form(q)
        scope_docs, scope_name = self._scope(q, f)
        if scope_docs is None and _is_follow_up(f):
            scope_docs = ctx.scope_doc_ids
        offset = ctx.offset if ctx.question and ctx.question == q else 0

        if _asks_signer(f) or _asks_doc_info(f):
            docs = (self._docs_named(q, f) or ([self._docs[i] for i in scope_docs] if scope_docs else [])
                    or self._docs_about(q)[:1])
            if docs:
                return Answer(DOC_INFO, q, today, documents=tuple(docs[:3]), scope=scope_name)
        if _ASKS_AMENDING.search(f):
            # "Văn bản nào điều chỉnh thời hạn … tại Kế hoạch 86/KH-UBND?": the documents that cite it
            amending = self._citing(self._docs_named(q, f))
            if amending:
                return Answer(DOC_LIST, q, today, documents=tuple(amending[:PAGE]), total=len(amending), scope=scope_name)
        if _asks_doc_list(f):
            return self._doc_list(q, f, today, scope_docs, scope_name)
        if _asks_doc_summary(f):
            docs = self._docs_named(q, f) or ([self._docs[i] for i in scope_docs] if scope_docs and len(scope_docs) == 1 else [])
            if docs:
                return self._doc_summary(q, docs[0], today)

        role = _ASKED_ROLE.search(f)
        if role:   # "Ai là trưởng ban chỉ đạo …?": the member named with that role in a decision's list
            holders = self._role_holders(q, role.group("role") or role.group("role2"), scope_docs)
            if holders:
                return Answer(FACTS, q, today, facts=tuple(holders), scope=scope_name)
        units = self._units_in(q, f, scope_docs)
        issued = self._issued_by(q, units)
        if issued:
            # "theo công văn của Sở TN&MT …": the issuer scopes the question, it is not asked about
            units = [u for u in units if u.id not in issued]
            docs = set().union(*issued.values())
            scope_docs = tuple(sorted(docs & set(scope_docs))) if scope_docs else tuple(sorted(docs))
            scope_name = scope_name or next(iter(self._docs[i].issuer for i in scope_docs), None)
        if _asks_deadline(f) and not units and ctx.task_ids and _refers_back(f):
            items = [self._item(t, today) for t in self.store.tasks(ids=ctx.task_ids)]
            return Answer(DEADLINE, q, today, tasks=tuple(items[:PAGE]), total=len(items), scope=scope_name)
        if not units and _is_follow_up(f) and ctx.unit_ids:
            units = [_Unit._make(self._units[i]) for i in ctx.unit_ids if i in self._units]
        if units and (_asks_coordination(f) or (_is_follow_up(f) and ctx.kind == COORDINATION)):
            return self._coordination(q, f, units, today, scope_docs, scope_name)
        unknown = None if units else _names_unknown_unit(q)
        if unknown and not self._mentioned_in_texts(unknown):
            # a unit nobody assigned anything to, and no text speaks of it: say so, suggest the closest
            return Answer(NO_MATCH, q, today, units=(unknown,), suggestions=tuple(self._suggest(q, f)), scope=scope_name)
        view = _time_view(f, today)
        if view is None and units and _is_follow_up(f) and ctx.kind in (OVERDUE, DUE_SOON, BY_MONTH) and ctx.question:
            view = _time_view(search_form(ctx.question), today)
        if view and not (units and view[0] == OVERDUE and not _pure_overdue(f)):
            if units and scope_docs is None and _names_a_document(f):
                # "Theo thông báo kết luận kiểm tra xã Đông Thành, việc nào đã quá hạn?": the unit
                # describes the document asked about; every unit's work in it is meant
                units = []
            elif units and scope_docs is not None and unit_key(q).startswith(_BARE_PLACE):
                # "Xã Phước Lộc Đông có việc nào quá hạn không?": the work of that place's documents, not
                # only its committee's ("UBND xã … có việc nào quá hạn?" asks for the committee's)
                units = []
            answer = self._time_view(q, view, today, units, scope_docs, scope_name, offset)
            issued_docs = set().union(*(self._issued_docs(u) for u in units)) if units and not answer.total else set()
            if issued_docs:
                # "Ở SXD Hải Thạch, việc nào sắp đến hạn?": a Sở with no such task of its own stands for
                # the documents it issued
                in_scope = issued_docs & set(scope_docs) if scope_docs else issued_docs
                answer = self._time_view(q, view, today, [], tuple(sorted(in_scope)), scope_name, offset) \
                    if in_scope else answer
            return answer
        if _asks_monitor(f):
            monitored = self._monitor_tasks(q, scope_docs, scope_name, today)
            if monitored is not None:
                return monitored
        if units and _asks_deadline(f):
            dated, _ = self._task_search(q, f, self._topic(q, scope_name, units), today, scope_docs, scope_name, units)
            if dated is not None and dated.kind == DEADLINE:
                return dated
        if units and (_asks_unit_tasks(f) or _is_bare_unit(f)):
            return self._unit_tasks(q, f, units, today, scope_docs, scope_name, offset)
        topic = self._topic(q, scope_name)
        self._weights = self._question_weights(f, topic, scope_docs)
        phase = _PHASE_NAMED.search(f) if not units and ("giai doan" in f or "dot " in f) else None
        if phase:
            # "Giai đoạn 1 của kế hoạch … kết thúc khi nào?": the plan's text on that phase, not a task
            facts, _ = self._facts(phase.group(0).split(), scope_docs)
            facts = [x for x in facts if _opens_with(search_form(x.text), phase.group(0))]
            if facts:   # (only a phase with a heading of its own; "… đợt 2" in a task is that task's)
                return Answer(FACTS, q, today, facts=tuple(facts), scope=scope_name)
        task_ans, task_score = (None, 0.0)
        if _asks_who(f) or _asks_deadline(f) or _asks_what_to_do(f) or units:
            task_ans, task_score = self._task_search(q, f, self._topic(q, scope_name, units) or topic, today,
                                                     scope_docs, scope_name, units)
        if task_ans is not None and (_asks_assignment(f) or (task_ans.kind == DEADLINE and _asks_due(f))):
            return task_ans     # the facts would not be read: not sought
        facts, fact_score = self._facts(topic, scope_docs, numeric=_asks_number(f), dated=_asks_date(f))
        labels = (("thoi gian",) if _asks_date(f) else ()) + (("dia diem",) if _ASKS_PLACE.search(f) else ())
        if labels:
            # "Hội nghị biểu dương … tổ chức ngày nào, ở đâu?": the plan for that event answers under its
            # labels "Thời gian:" and "Địa điểm:", which hold none of the question's words
            labelled = self._labelled_facts(topic, labels, scope_docs)
            if labelled:
                facts, fact_score = labelled, max(fact_score, 0.5)
        if task_ans is not None and (task_score >= fact_score - 0.05 or not facts
                                     or units and _asks_what_to_do(f) and task_score >= UNIT_TASK_ENOUGH):
            # "UBND các xã có dịch … phải tiêu hủy lợn bệnh trong bao lâu": what the units named must do,
            # even where a sentence of the preamble repeats more of the question's words
            return task_ans
        if facts:
            return Answer(FACTS, q, today, facts=tuple(facts), scope=scope_name)
        return Answer(NO_MATCH, q, today, suggestions=tuple(self._suggest(q, f)), scope=scope_name)

    # ---- scope ---------------------------------------------------------------
    def _scope(self, q: str, f: str) -> tuple[tuple[int, ...] | None, str | None]:
        docs = self._docs_named(q, f)
        if docs and (_DOCUMENT_NAMED.search(f) or _NUMBERED.search(f)):
            return tuple(d.id for d in docs), docs[0].number or docs[0].file
        hits: set[int] = set()
        name = None
        fq = fold(q)
        for place, ids in self._places.items():
            if place and place in fq and re.search(rf"\b{re.escape(place)}\b", fq):
                hits |= ids
                name = place
        if hits:
            name = self._catalogue_index()["place_names"].get(name, name)
            return tuple(sorted(hits)), name
        return None, None

    def _docs_named(self, q: str, f: str) -> list[DocumentRow]:
        by_number = self._catalogue_index()["by_number"]   # "276" -> ((folded number, document id), ...)
        out = []
        for m in re.finditer(r"\b(\d{1,5})\s*/\s*([a-z0-9\-/&]+)?", fold(q)):
            num = m.group(1)
            for fnum, i in by_number.get(num, ()):
                d = self._docs[i]
                if d not in out:
                    if not m.group(2) or fnum.replace(" ", "").startswith(f"{num}/{m.group(2)}"[:len(fnum)]):
                        out.append(d)
        # ("cv 1482", "KH 87": the kinds typed short)
        m = _KIND_NUMBER.search(f)
        if m:
            for _, i in by_number.get(m.group(1), ()):
                d = self._docs[i]
                if d not in out:
                    out.append(d)
        return out

    def _catalogue_index(self) -> dict:
        """Look-ups over the documents, built once per catalogue load: documents by the number
        before the '/', and a folded place name -> the place as the first document spells it."""
        if self._doc_index[0] is not self._loaded_for:
            by_number: dict[str, list[tuple[str, int]]] = {}
            place_names: dict[str, str] = {}
            for d in self._docs.values():
                if d.number:
                    fnum = fold(d.number)
                    head, slash, _ = fnum.partition("/")
                    if slash:
                        by_number.setdefault(head, []).append((fnum, d.id))
                for name in filter(None, (d.place, _issuer_place(d.issuer))):
                    place_names.setdefault(fold(name), name)
            self._doc_index = (self._loaded_for, {"by_number": {k: tuple(v) for k, v in by_number.items()},
                                                  "place_names": place_names})
        return self._doc_index[1]

    # ---- units ----------------------------------------------------------------
    def _mentions(self, q: str) -> tuple[list[str], list[tuple[int, int, tuple[int, ...]]]]:
        """The question's unit-key words and the unit mentions in them: (start, length, unit ids).
        Asked several times per question (units, issuers, topic): made once."""
        key = ("mentions", q)
        if key not in self._question_memo:
            self._question_memo[key] = self._find_mentions(q)
        return self._question_memo[key]   # type: ignore[return-value]

    def _find_mentions(self, q: str) -> tuple[list[str], list[tuple[int, int, tuple[int, ...]]]]:
        raw = unit_key(q).split()
        # ("1642/SGDĐT-GDTrH": initials right after a number are a document's number, not a Sở)
        words = [x for n, w in enumerate(raw)
                 for x in (_TYPED_SHORT.get(w) or (not raw[n - 1:n] or not raw[n - 1].isdigit()) and self._so_initials(w)
                           or w).split()]
        found: list[tuple[int, int, tuple[int, ...]]] = []
        n = len(words)
        i = 0
        while i < n:
            best = None
            for j in range(min(n, i + 12), i, -1):
                gram = " ".join(words[i:j])
                # every spelling's units: "Phòng TC-KH" is the unit written so in one place and the
                # "Phòng Tài chính - Kế hoạch" of every other (whose squeezed alias is "phong tckh")
                ids = self._alias.get(gram) or ()
                squeezed = squeeze_acronyms(gram)
                if squeezed != gram and squeezed in self._alias:
                    ids = tuple(sorted({*ids, *self._alias[squeezed]}))
                if not ids and j - i > 2:
                    ids = self._alias.get(acronym_key(gram) or "") or self._alias.get(squeeze_runs(gram)) or ()
                if not ids and j - i > 2 and words[j - 1] in _GROUP_LEVELS and words[j - 2] != "cap":
                    ids = self._group_by_level(words[i:j - 2], words[j - 1], every=True) if words[j - 2] == "cac" \
                        else self._group_by_level(words[i:j - 1], words[j - 1])
                if ids and (j - i > 1 or gram not in ("ubnd", "hdnd")):
                    best = (i, j - i, ids)
                    break
            if best is None and i + 1 < n:
                best = self._initials_begun(words, i)
            if best:
                found.append(best)
                i += best[1]
            else:
                i += 1
        return words, found

    def _so_initials(self, word: str) -> str | None:
        """'SCT', 'SNV', 'SXD': a Sở typed with its initials run into one word, as 'so ct' (when no unit is
        named by the word itself and a Sở is by that)."""
        if len(word) < 3 or len(word) > 5 or word[0] != "s" or word in self._alias:
            return None
        spelled = f"so {word[1:]}"
        return spelled if spelled in self._alias else None

    def _group_by_level(self, head: list[str], level: str, every: bool = False) -> tuple[int, ...]:
        """'Phòng GD&ĐT các huyện', 'VP HĐND-UBND huyện', 'UBND các huyện': the group of every such unit of
        that level, by its 'cấp huyện' alias ('UBND huyện' without 'các' names the place itself)."""
        if head in (["ubnd"], ["hdnd"]) and not every:
            return ()
        name = " ".join(head)
        group = self._alias.get(f"{name} cap {level}") or self._alias.get(f"{squeeze_runs(name)} cap {level}") or ()
        members = self._named_members(f"{name} {level} ") if every else ()
        return tuple(sorted({*group, *members})) if members else group

    def _named_members(self, prefix: str) -> tuple[int, ...]:
        """'UBND các xã' where the directives name each one ('UBND xã Hòa Bình', 'UBND xã Tân Lập'): the units
        named '<prefix><place>', when they are a few."""
        if self._alias_sorted is None:
            self._alias_sorted = sorted(self._alias)
        keys = self._alias_sorted
        at = bisect_left(keys, prefix)
        ids: set[int] = set()
        while at < len(keys) and keys[at].startswith(prefix):
            ids.update(self._alias[keys[at]])
            if len(ids) > MEMBERS_NAMED:
                return ()
            at += 1
        return tuple(sorted(ids))

    def _initials_begun(self, words: list[str], i: int) -> tuple[int, int, tuple[int, ...]] | None:
        """'Ban QLDA' for the 'Ban Quản lý dự án đầu tư xây dựng' whose initials are 'ban qldadtxd': a kind
        word and initials that begin those of one unit name (a few at most), in any place."""
        kind, initials = words[i], words[i + 1]
        if len(initials) < 3 or SYLLABLE.fullmatch(initials) or not initials.isalpha() or kind in ("ubnd", "hdnd"):
            return None
        prefix = f"{kind} {initials}"
        if self._alias_sorted is None:
            self._alias_sorted = sorted(self._alias)
        keys = self._alias_sorted
        at = bisect_left(keys, prefix)
        ids: set[int] = set()
        while at < len(keys) and keys[at].startswith(prefix) and len(ids) <= 8:
            if " " not in keys[at][len(prefix):].strip():   # the initials go on: one word, no name after
                ids.update(self._alias[keys[at]])
            at += 1
        return (i, 2, tuple(sorted(ids))) if 0 < len(ids) <= 8 else None

    def _units_in(self, q: str, f: str, scope_docs: tuple[int, ...] | None) -> list[_Unit]:
        key = unit_key(q)
        words, mentions = self._mentions(q)
        # "… theo Quy chế khoáng sản huyện Phước Lâm": a place written bare after other words qualifies
        # what comes before it; only opening the question ("Huyện Phước Lâm phải làm gì?") is it a unit
        found = [m for m in mentions
                 if not (m[0] > 0 and " ".join(words[m[0]:m[0] + m[1]]).startswith(_BARE_PLACE)
                         and words[m[0] - 1] not in ("cua", "cho", "giao"))
                 # "… tranh chấp ranh giới đất ở ấp Cây Dầu": a village after "ở / tại" is where, not who
                 and not (m[0] > 0 and words[m[0] - 1] in ("o", "tai") and words[m[0]] in _VILLAGE_WORDS)
                 # "Ai chủ trì hướng dẫn thủ tục bàn giao … cho các xã, phường?": a unit the asked lead works
                 # for is a part of the work asked about, not the one who leads it
                 and not (m[0] > 1 and words[m[0] - 1] == "cho" and _LEAD_ASKED.search(" ".join(words[:m[0]])))
                 # "… báo cáo tiến độ về Sở NV bao lâu một lần?": the unit reported to is not the one asked about
                 and not (m[0] > 1 and words[m[0] - 1] in ("ve", "gui", "len", "toi"))]
        if not found:
            fuzzy = self._fuzzy_unit(key) or self._unit_by_words(q)
            if fuzzy:
                found.append((0, 1, fuzzy))
        units: list[_Unit] = []
        seen: set[int] = set()   # (a list membership test compared whole records: slow for hundreds of units)
        for _, _, ids in found:
            for uid in sorted(ids):
                u = self._unit(uid)
                if u and u.id not in seen:
                    seen.add(u.id)
                    units.append(u)
        if scope_docs is not None and units:
            scoped_ids = self.store.units_of_documents(scope_docs)
            in_scope = [u for u in units if u.id in scoped_ids]
            # a unit of another place is not the one asked about ("Sở Y tế Đồng Tháp" is not Quảng Ngãi's)
            units = in_scope or [u for u in units if not u.scope]
        # the longest mention wins over its parts ("Văn phòng HĐND và UBND" over "UBND")
        return units

    def _issued_by(self, q: str, units: list[_Unit]) -> dict[int, set[int]]:
        """Units named after 'của / theo / cho' that issued documents: unit id -> those documents."""
        words, mentions = self._mentions(q)
        wanted = {u.id for u in units}
        out: dict[int, set[int]] = {}
        for start, _, ids in mentions:
            before = words[max(0, start - 3):start]
            named_as_issuer = any(w in ("cua", "theo", "cho", "ve") for w in before)
            # a unit not named as an issuer counts only if no task names it: that is checked first, in
            # one query, because the issuer keys cost 10-40 ms for the 600 units of a name without a place
            asked = set(ids) & wanted
            with_tasks = set() if named_as_issuer else self.store.units_with_tasks(asked)
            for uid in asked:
                if uid in with_tasks:
                    continue
                u = _Unit._make(self._units[uid])
                docs = self._issued_docs(u)
                # a unit that only issues (no task names it) is the document's voice, not its subject
                if docs and (named_as_issuer or not self.store.has_tasks(uid)):
                    out[uid] = docs
        return out

    def _issued_docs(self, u: _Unit) -> set[int]:
        """The documents this unit issued (by its name with or without its place)."""
        return self._by_issuer.get(unit_key(f"{u.name} {u.scope}"), set()) | self._by_issuer.get(unit_key(u.name), set())

    def _unit_by_words(self, q: str) -> set[int] | None:
        """'Công ty Hồng Lam' for 'Công ty TNHH Thương mại và Xây dựng Hồng Lam': every word of the typed
        name is in one stored name (a few at most), the type word and one more at least."""
        written = _names_unknown_unit(q)
        if not written:
            return None
        wanted = set(unit_key(written).split())
        if len(wanted) < 2 or not wanted - _GENERIC_UNIT_WORDS:
            return None
        if self._unit_words is None:   # once per catalogue load: a word of a unit's name -> those units
            by_word: dict[str, list[int]] = {}
            for uid, name, _ in self._units.values():
                for w in set(unit_key(name).split()):
                    by_word.setdefault(w, []).append(uid)
            self._unit_words = {w: tuple(ids) for w, ids in by_word.items()}
        hits = self._units_holding(wanted)
        if not hits:   # "Trạm Thú y Vũ Xương" for the "Trạm Chăn nuôi và Thú y huyện" of huyện Vũ Xương
            key = f" {unit_key(written)} "
            places = {w for place in self._places if place and f" {place} " in key for w in place.split()}
            if places and len(wanted - places) >= 2 and wanted - places - _GENERIC_UNIT_WORDS:
                hits = self._units_holding(wanted - places)
        return hits if hits and len(hits) <= 3 else None

    def _units_holding(self, words: set[str]) -> set[int] | None:
        """The units whose name holds every one of these words."""
        hits: set[int] | None = None
        for w in words:
            has = self._unit_words.get(w, ())
            hits = set(has) if hits is None else hits.intersection(has)
            if not hits:
                return None
        return hits

    def _monitor_tasks(self, q, scope_docs, scope_name, today) -> Answer | None:
        """'Ai theo dõi, đôn đốc …?': the units told to follow up on the others."""
        found = [t for t, text in self.store.search_tasks(["theo", "doi", "don", "doc"], limit=80)
                 if _MONITOR_OPENING.match(text) and (scope_docs is None or t.doc_id in scope_docs)]
        if not found:
            return None
        topic = [w for w in self._topic(q, scope_name) if w not in ("theo", "doi", "don", "doc")]
        if topic and len(found) > 1:
            found.sort(key=lambda t: -_overlap(topic, search_form(t.action)))
        items = [self._item(t, today) for t in found[:3]]
        return Answer(WHO, q, today, tasks=tuple(items), total=len(items), scope=scope_name,
                      units=tuple(dict.fromkeys(u for it in items for u in it.task.assignees)))

    def _mentioned_in_texts(self, name: str) -> bool:
        """Whether the texts speak of this name (or of its first words: the phrase may run into the question),
        or of the group it is one of ("UBND xã …" of "UBND các xã, phường")."""
        key = unit_key(name).split()
        for n in range(min(len(key), 4), 1, -1):
            group = " ".join(key[:n - 1] + ["cac", key[n - 1]])
            if self.store.has_alias_starting(group):
                return True
        words = re.findall(r"[a-z0-9]+", search_form(name))
        for n in range(len(words), 1, -1):
            head = words[:n]
            phrase = re.compile(r"\b" + r"\W+".join(map(re.escape, head)) + r"\b")
            hits = self.store.search_passages_all(head, limit=50)
            if any(phrase.search(h["folded"] or "") for h in hits):
                return True
        return False

    def _fuzzy_unit(self, key: str) -> set[int] | None:
        if not self._alias_list or not re.match(r"^(?:phong|so|ban|trung tam|van phong|ubnd|xa|chi nhanh|to|cong chuc|cong an|doi)\b", key):
            return None
        cut = _strip_question_words(key)
        m = process.extractOne(cut, self._alias_list, scorer=fuzz.ratio, score_cutoff=85)
        if m:
            return self._alias[m[0]]
        return None

    def _suggest(self, q: str, f: str) -> list[str]:
        key = _strip_question_words(unit_key(q))
        out: list[str] = []
        if self._alias_list and key:
            # the cut-off only skips what the loop left out anyway (score < 60), and is faster
            some = self._suggestable(key)
            found = process.extract(key, some, scorer=fuzz.WRatio, limit=6, score_cutoff=60)
            if not found and some is not self._alias_list:   # nothing close among them: every alias
                found = process.extract(key, self._alias_list, scorer=fuzz.WRatio, limit=6, score_cutoff=60)
            for alias, score, _ in found:
                for uid in self._alias[alias]:
                    name = self._unit_label(_Unit._make(self._units[uid]))
                    if name not in out:
                        out.append(name)
        return out[:4]

    def _suggestable(self, key: str) -> list[str]:
        """The aliases worth scoring for a suggestion, in catalogue order: those with a word that starts
        with the same three letters as one of the key's distinctive words, the words whose start fewer
        than a quarter of the aliases share ('ubnd', 'xa', 'phong' are not). Scoring all 5,800 aliases of
        a large store took 15-70 ms. Every alias when no word of the key is distinctive or no alias
        shares a start with one."""
        if self._alias_starts[0] is not self._loaded_for:   # once per catalogue load
            starts: dict[str, list[int]] = {}
            for n, alias in enumerate(self._alias_list):
                for head in {w[:3] for w in alias.split()}:
                    starts.setdefault(head, []).append(n)
            self._alias_starts = (self._loaded_for, {head: tuple(ns) for head, ns in starts.items()})
        starts = self._alias_starts[1]
        common = len(self._alias_list) / 4
        picked = sorted({n for w in key.split() if len(starts.get(w[:3], ())) <= common for n in starts.get(w[:3], ())})
        return [self._alias_list[n] for n in picked] if picked else self._alias_list

    def _ids_of_labels(self, labels: tuple[str, ...]) -> list[int]:
        """The ids of the units shown as these labels ("name" or "name (scope)"), label by label, each
        in catalogue order (for follow-ups). Only units with a name the labels can start with are
        labelled: labelling all 21,000 units of a large store took 0.2 s."""
        names: set[str] = set()
        for label in labels:
            names.add(label)
            if label.endswith(")"):    # "name (scope)": the name is what comes before one of the " ("
                i = label.find(" (")
                while i != -1:
                    names.add(label[:i])
                    i = label.find(" (", i + 1)
        by_label: dict[str, list[int]] = {}
        for uid in sorted({uid for name in names for uid in self._by_name.get(name, ())}):
            by_label.setdefault(self._unit_label(_Unit._make(self._units[uid])), []).append(uid)
        return [uid for label in labels for uid in by_label.get(label, ())]

    def _unit_label(self, u: _Unit) -> str:
        label = self._labels.get(u.id)
        return label if label is not None and self._units.get(u.id) == u else self._label_of(u)

    def _unit(self, uid: int) -> _Unit | None:
        row = self._units.get(uid)
        return _Unit._make(row) if row is not None else None

    @staticmethod
    def _label_of(u: _Unit) -> str:
        if u.scope and fold(u.scope) not in fold(u.name):
            return f"{u.name} ({u.scope})"
        return u.name

    # ---- answers -----------------------------------------------------------------
    def _item(self, t: StoredTask, today: date, roles: tuple[str, ...] = ()) -> TaskItem:
        overdue = due = None
        if t.deadline and t.status != STATUS_DONE:
            delta = (t.deadline - today).days
            if delta < 0:
                overdue = -delta
            else:
                due = delta
        return TaskItem(t, roles, overdue, due)

    def _unit_tasks(self, q, f, units, today, scope_docs, scope_name, offset) -> Answer:
        links = self.store.tasks_of_units([u.id for u in units], roles=("chu_tri", "phoi_hop"))
        roles_asked = bool(links)
        if not links:
            links = self.store.tasks_of_units([u.id for u in units])
        roles_order = {"chu_tri": 0, "phoi_hop": 1, "theo_doi": 2}
        topic = self._unit_topic(q, scope_docs, scope_name, units)
        if not topic and len(links) > 4 * PAGE:
            # a long list with nothing to rank by: order the ids (lead first, then document and clause
            # order) and load only the page shown
            order = _lead_first_order(links, scope_docs)
            page = {t.id: t for t in self.store.tasks(ids=order[offset:offset + PAGE])}
            items = [self._item(page[t], today, tuple(sorted(links[t], key=roles_order.get)))
                     for t in order[offset:offset + PAGE] if t in page]
            if items:
                return Answer(UNIT_TASKS, q, today, units=tuple(self._unit_label(u) for u in units),
                              tasks=tuple(items), total=len(order), offset=offset, scope=scope_name)
        # filtered, ranked and ordered on the light rows; only the page shown is loaded in full
        texts = self._topic_texts(units, ("chu_tri", "phoi_hop") if roles_asked else None, topic) \
            if topic and len(links) > 3 else None
        if texts is not None and scope_docs is None:
            # ranking every task ranks the ones holding a topic word the same way (the others score 0
            # and never rank), so they alone are ranked; every task is listed only when none ranks
            heads = _rank_by_topic(_heads_of(links, texts, holding_only=True), topic) or _heads_of(links, texts)
        else:
            heads = _heads_of(links, texts) if texts is not None else self.store.task_heads(links)
            if scope_docs is not None:
                in_scope = set(scope_docs)
                heads = [h for h in heads if h.doc_id in in_scope]
            if topic and len(heads) > 3:
                heads = _rank_by_topic(heads, topic) or heads
        role_rank = {tid: 0 if "chu_tri" in roles else 1 if "phoi_hop" in roles else 2 for tid, roles in links.items()}
        heads.sort(key=lambda h: role_rank[h.id])
        lead_first = [h.id for h in heads if "chu_tri" in links[h.id]] + \
            [h.id for h in heads if "chu_tri" not in links[h.id]]
        unit_names = tuple(self._unit_label(u) for u in units)
        if not lead_first:
            return Answer(NO_MATCH, q, today, units=unit_names, scope=scope_name,
                          suggestions=tuple(self._suggest(q, f)))
        if 1 < len(units) <= NAMED_UNITS_CHECKED and len(lead_first) <= 2000:
            # "UBND các xã" may stand for a dozen units: the heading names those the listed tasks are of
            part = self.store.units_in_tasks([u.id for u in units], lead_first)
            unit_names = tuple(self._unit_label(u) for u in units if u.id in part) or unit_names
        shown = lead_first[offset:offset + PAGE]
        page = {t.id: t for t in self.store.tasks(ids=shown)}
        items = [self._item(page[t], today, tuple(sorted(links[t], key=roles_order.get))) for t in shown if t in page]
        return Answer(UNIT_TASKS, q, today, units=unit_names, tasks=tuple(items),
                      total=len(lead_first), offset=offset, scope=scope_name)

    def _topic_texts(self, units, roles: tuple[str, ...] | None, topic: list[str]) -> dict[str, str] | None:
        """For ranking a unit's tasks by ``topic`` without reading every text: task id -> search text of
        the unit's tasks whose text holds a topic word (found through the full-text index); the others,
        given an empty text by ``_heads_of``, rank as reading it would (no topic word, score 0). None
        when a topic word is common in the store (the index would read more rows than the unit has)
        or is not a plain word: then read every text."""
        if not all(_PLAIN_WORD.fullmatch(w) for w in topic):
            return None
        chosen, common = self.store.search_words(topic, "tasks")
        if common or len(chosen) < len(set(topic)):
            return None
        roles = roles or ("chu_tri", "phoi_hop", "theo_doi")
        return self.store.unit_texts_holding([u.id for u in units], roles, topic)

    def _coordination(self, q, f, units, today, scope_docs, scope_name) -> Answer:
        coordinators = self.store.coordinators_of_led([u.id for u in units])
        # the led tasks that have coordinators, as light rows; only the page shown is loaded in full
        with_coord = [h for h in self.store.task_heads(coordinators)
                      if scope_docs is None or h.doc_id in scope_docs]
        topic = self._unit_topic(q, scope_docs, scope_name, units)
        if topic and with_coord:
            with_coord = _rank_by_topic(with_coord, topic) or with_coord
        partners: list[str] = []
        for h in with_coord:
            for c in coordinators[h.id]:
                if c not in partners:
                    partners.append(c)
        shown = [h.id for h in with_coord[:PAGE]]
        page = {t.id: t for t in self.store.tasks(ids=shown)}
        items = [self._item(page[t], today, ("chu_tri",)) for t in shown if t in page]
        return Answer(COORDINATION, q, today, units=tuple(self._unit_label(u) for u in units),
                      tasks=tuple(items), total=len(with_coord), scope=scope_name,
                      detail=", ".join(partners) if partners else None)

    def _unit_topic(self, q: str, scope_docs: tuple[int, ...] | None, scope_name: str | None, units) -> list[str]:
        """What a question about units' work is about, to rank their tasks by. Where the question names
        its documents, the words of their subject name them ("Công an huyện có trách nhiệm gì trong
        quản lý khoáng sản?" of a "Quy chế … quản lý … khoáng sản"; "… theo Chỉ thị 02 về PCCC" of one
        on "phòng cháy, chữa cháy"): every task there is about that, so those words rank nothing."""
        topic = [w for w in self._topic(q, scope_name, units) if len(w) > 1]
        if topic and scope_docs:
            named = set.intersection(*(_subject_words(self._docs[i].subject, self._docs[i].kind) for i in scope_docs if i in self._docs)) \
                if all(i in self._docs for i in scope_docs) else set()
            topic = [w for w in topic if w not in named]
        return topic

    def _topic(self, q: str, scope_name: str | None, units=()) -> list[str]:
        """The question's content words: no question words, no place that only scopes it, no unit it names."""
        place = set(re.findall(r"[a-z0-9]+", search_form(scope_name))) if scope_name else set()

        for u in units:
            place |= set(re.findall(r"[a-z0-9]+", search_form(u.name)))
            if u.scope:   # "Công an huyện Đại Phong": the unit's own place qualifies it, it is no topic
                place |= set(re.findall(r"[a-z0-9]+", search_form(u.scope)))
            place |= set(unit_key(u.name).split()) | set(squeeze_acronyms(unit_key(u.name)).split())
        if units:   # the words the question names them by ("Phòng LĐ-TB&XH cấp huyện")
            wanted = {u.id for u in units}
            words, mentions = self._mentions(q)
            for start, length, ids in mentions:
                if wanted.intersection(ids):
                    named = " ".join(words[start:start + length])
                    place |= set(named.split()) | set(squeeze_runs(named).split())
        # "Phòng Bảo trợ xã hội Sở LĐ-TB&XH": an issuer's name qualifies the unit asked about, it is no topic
        place |= self._issuer_words(q)
        if units:
            place |= _TYPED_SHORT.keys()   # "TTYT" named the unit
        q = re.sub(rf"(?i)\b(?:theo|trong|tại|tai|của|cua)?\s*{_DOC_KIND}\s+(?:số\s+|so\s+)?\d+(?:/[\w\-Đđ]+)*", " ", q)
        if units:   # "Trung tâm KSBT có nhiệm vụ gì trong kế hoạch phòng chống sốt xuất huyết?": the words
            # after "trong kế hoạch" name the document the unit's work is in, not a part of that work
            q = re.sub(rf"(?i)\b(?:trong|theo|tại|tai)\s+{_DOC_KIND}\b[^?,;.]*", " ", q)
        toks = tokens(q)
        if units:   # "Giám đốc Sở NN&MT phải làm gì?": the head named just before the unit stands for it
            toks = _without_heads(toks, place)
        out = []
        content = respelled(q, _SPELLED_QUESTION_WORDS)
        for n, w in enumerate(toks):
            if w in _QUESTION_WORDS and w not in content or w in place:
                continue
            # "xã Cư Ê Wi", "thị xã Ngã Năm": the level word goes with the place
            names = place - _LEVEL_WORDS
            if w in _LEVEL_WORDS and (toks[n + 1:n + 2] and toks[n + 1] in names
                                      or toks[n + 1:n + 2] and toks[n + 1] in _LEVEL_WORDS and toks[n + 2:n + 3]
                                      and toks[n + 2] in names):
                continue
            out.append(w)
        return out

    def _issuer_words(self, q: str) -> set[str]:
        """The words of the question that spell the name of a document's issuer (any spelling: 'Sở
        LĐ-TB&XH', 'So Lao dong - Thuong binh va Xa hoi'), as unit keys and squeezed."""
        if not self._issuer_names:
            return set()
        key = ("issuer_words", q)
        if key in self._question_memo:
            return self._question_memo[key]   # type: ignore[return-value]
        words = unit_key(q).split()
        out: set[str] = set()
        for i in range(len(words)):
            for j in range(min(len(words), i + 12), i + 1, -1):
                gram = " ".join(words[i:j])
                if gram in self._issuer_names or squeeze_acronyms(gram) in self._issuer_names:
                    out |= set(words[i:j]) | set(squeeze_acronyms(gram).split())
                    break
        self._question_memo[key] = out
        return out

    def _task_search(self, q, f, words, today, scope_docs, scope_name, units) -> tuple[Answer | None, float]:
        if not words:
            return None, 0.0
        hits = self.store.search_tasks(words, limit=40)
        if scope_docs is not None:
            hits = [h for h in hits if h[0].doc_id in scope_docs]
        if units:
            ids = set(self.store.tasks_of_units([u.id for u in units]))
            narrowed = [h for h in hits if h[0].id in ids]
            own = self._own_tasks_first(words, ids, scope_docs) if self.store.search_words(words, "tasks")[1] else []
            if own:
                seen = {t.id for t, _ in own}
                narrowed = own + [h for h in narrowed if h[0].id not in seen]
            hits = narrowed or hits
        if not hits:
            return None, 0.0
        weights = self._weights
        scored = [(_overlap(words, h[1], bigrams=True, weights=weights) + _head_bonus(words, h[1]), h[0]) for h in hits]
        level = _ASKED_LEVEL.search(f)
        if level:   # "Những xã nào phải sơ tán dân?": the tasks given to communes answer it
            wanted = re.compile(rf"\b{level.group(1)}\b")
            scored = [(sc + (0.2 if sc >= 0.45 and any(wanted.search(fold(a)) for a in t.assignees) else 0.0), t)
                      for sc, t in scored]
        scored.sort(key=lambda x: -x[0])
        best = scored[0][0]
        if best < 0.45:
            return None, best
        if _asks_deadline(f):
            dated = [t for s, t in scored if s >= best - 0.15 and (t.deadline or t.recurrence)]
            if not dated:
                return None, 0.0
            items = [self._item(t, today) for t in dated[:3]]
            return Answer(DEADLINE, q, today, tasks=tuple(items), total=len(items), scope=scope_name), best
        kind = WHO if _asks_who(f) else TASK_SEARCH
        top = [t for s, t in scored if s >= best - (0.05 if kind == WHO else 0.1)][:4 if kind == TASK_SEARCH else 3]
        items = [self._item(t, today) for t in top]
        return Answer(kind, q, today, tasks=tuple(items), total=len(items), scope=scope_name,
                      units=tuple(dict.fromkeys(u for t in top for u in t.assignees))), best

    def _own_tasks_first(self, words, ids: set[str], scope_docs) -> list[tuple[StoredTask, str]]:
        """For a question whose every searched word is common and that names its units ("Sở Khoa học và
        Công nghệ phải báo cáo trước ngày nào?"): the units' own tasks that hold the words, best first
        (at most 40), instead of only those the bounded store-wide search happens to keep. Bounded: the
        newest OWN_RANKED of the units' tasks, those holding every word (else any)."""
        wanted = set(words)
        newest = sorted(ids, key=_task_order, reverse=True)
        if scope_docs is not None:
            in_scope = set(scope_docs)
            newest = [t for t in newest if _task_order(t)[0] in in_scope]
        heads = self.store.task_heads(newest[:OWN_RANKED])
        have = _words_held(list(wanted))
        holding = [(h, have(h.folded)) for h in heads]
        pool = [h for h, have in holding if have == wanted] or [h for h, have in holding if have]
        if not pool:
            return []
        weights = self._weights
        scored = sorted(((_overlap(words, h.folded, bigrams=True, weights=weights) + _head_bonus(words, h.folded), n, h)
                         for n, h in enumerate(reversed(pool))), key=lambda x: (-x[0], x[1]))[:40]
        by_id = {t.id: t for t in self.store.tasks(ids=[h.id for _, _, h in scored])}
        return [(by_id[h.id], h.folded) for _, _, h in scored if h.id in by_id]

    def _time_view(self, q, view, today, units, scope_docs, scope_name, offset) -> Answer:
        kind, start, end, label = view
        if not units and (scope_docs is None or len(scope_docs) > 1):
            place = frozenset(re.findall(r"[a-z0-9]+", search_form(scope_name))) if scope_docs and scope_name else frozenset()
            about = self._docs_about(q, _TIME_WORDS | place)
            if about and scope_docs is None:
                # "Những việc ứng phó bão số 6 nào đã quá hạn?": the documents on that subject
                scope_docs = tuple(d.id for d in about)
            elif about and {d.id for d in about} < set(scope_docs):
                # "Theo Thông báo PAR INDEX của Sở Nội vụ Bình Giang Nam …": of that place's documents,
                # the one the question names by its subject and issuer
                scope_docs = tuple(d.id for d in about)
        # counted and cut to the page shown in SQLite (by deadline, then id); only the page is loaded.
        # Overdue work comes latest deadline first: what has just slipped, not what slipped years ago
        # in a document nobody closed, heads the list
        latest_first = kind == OVERDUE
        def due_until(last: date) -> tuple[int, list[str]]:
            return self.store.due_page(start, last, exclude_done=True,
                                       unit_ids=[u.id for u in units] if units else None,
                                       doc_ids=scope_docs, offset=offset, limit=PAGE, latest_first=latest_first)
        total, page = due_until(end)
        if kind == DUE_SOON and total == 0 and not offset and label == str(SOON_DAYS) \
                and not re.search(r"\b(?:\d+ ngay|tuan)\b", search_form(q)):
            # "Việc nào sắp đến hạn?" with nothing due within the week: the month ahead, rather than nothing
            label = str(SOON_WIDER_DAYS)
            total, page = due_until(today + timedelta(days=SOON_WIDER_DAYS))
        order = {tid: n for n, tid in enumerate(page)}
        tasks = sorted(self.store.tasks(ids=page), key=lambda t: order[t.id])
        items = [self._item(t, today) for t in tasks]
        return Answer(kind, q, today, units=tuple(self._unit_label(u) for u in units),
                      tasks=tuple(items), total=total, offset=offset,
                      scope=scope_name, detail=label)

    def _citing(self, named: list[DocumentRow]) -> list[DocumentRow]:
        """The documents that cite one of these by its number (newest first), not these themselves."""
        # the same number may be another place's: where the citation gives a date, it must be the document's
        cited = {d.number: d.issued_on for d in named if d.number}
        ids = {d.id for d in named}
        citing = {doc_id for doc_id, number, issued_on in self.store.citations_of(list(cited))
                  if doc_id not in ids and (not issued_on or issued_on == cited.get(number))}
        return sorted((self._docs[i] for i in citing if i in self._docs), key=lambda d: d.issued_on or "", reverse=True)

    def _doc_list(self, q, f, today, scope_docs, scope_name) -> Answer:
        docs = [self._docs[i] for i in scope_docs] if scope_docs else list(self._docs.values())
        topic = [w for w in tokens(q) if w not in _QUESTION_WORDS and w not in ("van", "ban", "nao", "noi", "danh", "sach")]
        if topic:
            scored = []
            for d in docs:
                text = search_form(" ".join(filter(None, (d.subject, d.number, d.kind, d.issuer, d.file))))
                s = _overlap(topic, text)
                if s > 0:
                    scored.append((s, d))
            if not scored:
                passages = self.store.search_passages(_fts_or(topic), limit=30)
                counts: dict[int, int] = {}
                for p in passages:
                    counts[p["doc_id"]] = counts.get(p["doc_id"], 0) + 1
                scored = [(c, self._docs[i]) for i, c in counts.items() if i in self._docs]
            scored.sort(key=lambda x: -x[0])
            docs = [d for _, d in scored]
        return Answer(DOC_LIST, q, today, documents=tuple(docs[:PAGE]), total=len(docs), scope=scope_name)

    def _question_weights(self, f: str, words: list[str], scope_docs) -> dict[str, float]:
        """How much each asked word counts: rare among the texts that share any of them, and doubled for
        the words that carry the question ('đi qua những xã nào' -> 'đi qua', 'xã')."""
        if not words:
            return {}
        passages = self._search_passages(words, 30)
        if scope_docs is not None:
            passages = [p for p in passages if p["doc_id"] in scope_docs]
        weights = _rarity(words, [p["folded"] or "" for p in passages]) or {w: 1.0 for w in words}
        for w in _predicate(f, words):
            weights[w] = weights.get(w, 1.0) * 2
        return weights

    def _search_passages(self, words: list[str], limit: int) -> list[dict]:
        """Passages for the question's words, once per question (weights and facts ask the same)."""
        cache = self._passage_cache
        key = (tuple(words), limit)
        if key not in cache:
            cache[key] = self.store.search_passages_for(words, limit=limit)
        return cache[key]

    def _docs_about(self, q: str, ignore: frozenset[str] = frozenset()) -> list[DocumentRow]:
        """Documents whose title or subject share most of the question's words."""
        topic = [w for w in tokens(q) if w not in _QUESTION_WORDS and w not in _DOC_WORDS and w not in ignore]
        if not topic:
            return []
        if self._doc_words is None:   # once per catalogue load: a word of a document's title -> those documents
            by_word: dict[str, list[int]] = {}
            for d in self._docs.values():
                for w in set(re.findall(r"[a-z0-9%]+", search_form(
                        " ".join(filter(None, (d.kind, d.subject, d.issuer, d.place)))))):
                    by_word.setdefault(w, []).append(d.id)
            self._doc_words = {w: tuple(ids) for w, ids in by_word.items()}
        shared: dict[int, int] = {}   # document id -> how many of the topic's words (repeats too) its title has
        for w in topic:
            for i in self._doc_words.get(w, ()):
                shared[i] = shared.get(i, 0) + 1
        scored = []
        for i in sorted(shared):   # catalogue order: the documents are loaded by id
            s = shared[i] / len(topic)
            if s >= 0.5:
                scored.append((s, self._docs[i]))
        scored.sort(key=lambda x: -x[0])
        return [d for _, d in scored]

    def _doc_summary(self, q, doc, today) -> Answer:
        items = [self._item(t, today) for t in self.store.tasks(doc_id=doc.id)]
        return Answer(DOC_SUMMARY, q, today, documents=(doc,), tasks=tuple(items), total=len(items))

    def _role_holders(self, q: str, role: str, scope_docs) -> list[Fact]:
        """The lines of a member list ('1. Ông Lê Minh Tuấn, Phó Chủ tịch UBND huyện — Trưởng ban;') that
        give exactly that role, best first by how much of the question the document's subject shares."""
        holder = re.compile(rf"\b(?:ong|ba|dong chi)\s+[^;]{{3,160}}?\s[-–—]\s*{role}\s*[;.,]?\s*$")
        found: list[tuple[float, Fact]] = []
        words = [w for w in tokens(q) if w not in _QUESTION_WORDS]
        for p in self._search_passages(role.split(), 200):
            if scope_docs is not None and p["doc_id"] not in scope_docs:
                continue
            for sent in _sentences(p["text"]):
                if holder.search(search_form(sent)):
                    doc = self._docs.get(p["doc_id"])
                    about = search_form(" ".join(filter(None, (doc.subject, doc.issuer)))) if doc else ""
                    found.append((_overlap(words, about), Fact(sent.strip(), p["doc_id"], p["clause"])))
        if not found:
            return []
        best = max(s for s, _ in found)
        return [fact for s, fact in sorted(found, key=lambda x: -x[0]) if s >= best - 0.1][:3]

    def _facts(self, words: list[str], scope_docs, *, numeric: bool = False,
               dated: bool = False) -> tuple[list[Fact], float]:
        if not words:
            return [], 0.0
        passages = self._search_passages(words, 30)
        if scope_docs is not None:
            passages = [p for p in passages if p["doc_id"] in scope_docs]
        phase = _PHASE_NAMED.search(" ".join(words))
        if phase:   # "giai đoạn 1 … kết thúc khi nào?": only what speaks of that phase answers
            passages = [p for p in passages if re.search(rf"\b{phase.group(0)}\b", search_form(p["text"]))] or passages
            # its own heading ("Giai đoạn 1: … (từ ngày … đến ngày …)") first of all
            passages = [p for p in passages if _opens_with(search_form(p["text"]), phase.group(0))] or passages
        sentences = []
        for p in passages:
            subject = fold(self._docs[p["doc_id"]].subject or "") if p["doc_id"] in self._docs else ""
            for sent in _sentences(p["text"], whole_up_to=FACT_SENTENCE_CHARS):
                if subject and fold(sent).strip(" .") == subject.strip(" ."):
                    continue     # the document's title repeats the question; it answers nothing
                sentences.append((p, sent, search_form(sent)))
        weights = self._weights or _rarity(words, [x[2] for x in sentences])
        candidates: list[tuple[float, Fact]] = []
        for p, sent, form in sentences:
            if True:
                s = _overlap(words, form, bigrams=True, weights=weights)
                if numeric and s > 0 and re.search(r"\d", re.sub(r"\b\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?\b|\bsố\s+\S+", "", sent)):
                    s += 0.15      # "bao nhiêu …?": a sentence with a number answers it
                if dated and s > 0 and _DATE_IN_TEXT.search(sent):
                    s += 0.15      # "… diễn ra ngày nào?": a sentence with a date answers it
                if s > 0:
                    text = _with_footnotes(sent, p["doc_id"], self.store)
                    if text.rstrip().endswith(":") and sent == p["text"]:
                        text = self._with_list(text, p)
                    candidates.append((s, Fact(text, p["doc_id"], p["clause"])))
        if not candidates:
            return [], 0.0
        candidates.sort(key=lambda x: -x[0])
        best = candidates[0][0]
        if best < 0.34:
            return [], best
        out: list[Fact] = []
        for s, fact in candidates:
            if s < best * 0.8 or len(out) == 2:
                break
            if all(fact.text not in o.text for o in out):
                # a sentence cut into clauses may come back whole: the whole stands for its clauses
                out = [o for o in out if o.text not in fact.text] + [fact]
        return out, best

    def _labelled_facts(self, words: list[str], labels: tuple[str, ...], scope_docs) -> list[Fact]:
        """The 'Thời gian: …' / 'Địa điểm: …' lines of the one document whose subject the question's
        words name (nearly all of them), when it has such lines."""
        content = set(words)
        if len(content) < 3:
            return []
        # (all but a couple of them: "Tổng duyệt chương trình hội nghị … lúc mấy giờ?" asks for another time)
        # (among the documents the question's words find, not every document: this is on the answer path)
        found = {p["doc_id"] for p in self._search_passages(words, 30)}
        named = [self._docs[i] for i in sorted(found) if i in self._docs and (scope_docs is None or i in scope_docs)
                 and len(content - _subject_words(self._docs[i].subject)) <= LABEL_OTHER_WORDS]
        if len(named) != 1:
            return []
        out = []
        for p in self.store.passages(named[0].id):
            form = search_form(p["text"])
            body = form[_ITEM_LEAD.match(form).end():]
            if any(body.startswith(f"{label}:") for label in labels):
                out.append(Fact(p["text"], p["doc_id"], p["clause"]))
        return out[:len(labels) * 2]

    def _with_list(self, text: str, passage: dict) -> str:
        """A paragraph that announces a list ("Lịch tiếp công dân … cụ thể như sau:") with the dash items
        right after it, which say what it announces (a few, kept short)."""
        items: list[str] = []
        lead = f"{passage['clause']} gạch ".lstrip()
        for p in self.store.passages(passage["doc_id"]):
            if p["seq"] <= passage["seq"]:
                continue
            if not (p["clause"] or "").startswith(lead) or len(items) == LIST_ITEMS_SHOWN \
                    or sum(map(len, items)) + len(p["text"]) > LIST_CHARS_SHOWN:
                break
            items.append(p["text"])
        return "\n".join([text, *(f"- {x}" for x in items)]) if items else text


# ---- question understanding (folded search form) ----------------------------------
LABEL_OTHER_WORDS = 2      # a question asks for an event's own time and place when all but this many words name it
LIST_ITEMS_SHOWN = 6       # a fact that announces a list is shown with this many of its dash items …
LIST_CHARS_SHOWN = 1200    # … of at most this many characters in all
UNIT_TASK_ENOUGH = 0.5    # a task of the units a question names answers "… phải …?" from this score on
NAMED_UNITS_CHECKED = 40  # up to this many units asked about, a unit-task answer names only those with tasks listed
MEMBERS_NAMED = 12        # "UBND các xã" stands for the communes named one by one, if no more than this
FACT_SENTENCE_CHARS = 600  # a sentence cut at its semicolons is also a candidate answer whole up to this (see _facts)
OWN_RANKED = 400   # a unit's newest tasks searched first when every word of a question naming it is common
_BARE_PLACE = ("huyen ", "xa ", "tinh ", "thi xa ", "thi tran ", "phuong ", "quan ", "thanh pho ")
SOON_DAYS = 7           # "sắp đến hạn": due within the week …
SOON_WIDER_DAYS = 30    # … or, when nothing is, within the month ahead
_GROUP_LEVELS = frozenset({"huyen", "xa", "tinh"})
_VILLAGE_WORDS = frozenset({"ap", "thon", "ban", "buon", "xom", "khom", "to"})
# a kind of document as a question names it: written, folded or short ("công văn", "cong van", "CV")
_DOC_KIND = (r"(?:văn bản|công văn|thông báo|kế hoạch|chỉ thị|quyết định|công điện|van ban|cong van|thong bao|ke hoach|"
             r"chi thi|quyet dinh|cong dien|CV|VB|KH|TB|QĐ|CT|CĐ)")
# a plan's phase, by its number or the first word of its name ("giai đoạn 1", "giai đoạn điều tra")
_PHASE_NAMED = re.compile(r"\b(?:giai doan|dot) (?:\d{1,2}|i{1,3}|iv|v|(?!nay\b|do\b|tiep\b|toi\b|sau\b)[a-z]{2,})\b")
_ITEM_LEAD = re.compile(r"^[#*\- ]*(?:\d{1,2}[.)]\s*)?")   # what may open a phase's heading: "### ", "**", "1. "
# initials people type for a kind of unit whose name is never written so in a directive ("TTYT các huyện")
# words typed short on a phone: "cac truong bc ket qua pc ma tuy khi nao"
_TYPED_WORDS = {"bc": "báo cáo", "pc": "phòng, chống", "ko": "không", "k": "không", "dc": "được", "đc": "được"}
_TYPED_WORD = re.compile(r"(?i)(?<![\w&/-])(?:" + "|".join(_TYPED_WORDS) + r")(?![\w&/-])")
_TYPED_SHORT = {"ttyt": "trung tam y te", "ttksbt": "trung tam kiem soat benh tat", "cdc": "trung tam kiem soat benh tat",
                "bvdk": "benh vien da khoa", "ttvh": "trung tam van hoa", "ttptqd": "trung tam phat trien quy dat",
                "tdp": "to dan pho"}
# "Ai là trưởng ban …?", "phó trưởng ban thường trực … là ai": a member's role in a board or group
_ROLES = r"(?:pho truong ban thuong truc|pho truong ban|truong ban|to truong|to pho|pho truong doan|truong doan)"
_ASKED_ROLE = re.compile(rf"\bai (?:la|lam) (?P<role>{_ROLES})\b|^(?P<role2>{_ROLES})\b.{{0,120}}\bla ai\b")
# "những xã nào …", "phường nào …": the kind of unit a question asks for
_ASKED_LEVEL = re.compile(r"\b(xa|phuong|thi tran|huyen|thon|ban|ap) nao\b")
_PLAIN_WORD = re.compile(r"[a-z0-9]+")   # a word the full-text tokenizer keeps whole
_GENERIC_UNIT_WORDS = frozenset("""cac ubnd hdnd uy ban huyen xa tinh phuong thi tran thanh pho quan don vi co quan
phong so nganh dia phuong lien quan truc thuoc chuyen mon cap""".split())
_TIME_WORDS = frozenset("""qua han tre sap den het tuan nay thang toi nua trong ngay viec nhiem vu cong nao nhung cac
co da con chua lam""".split())
_LEVEL_WORDS = frozenset("tinh huyen xa phuong quan thi tran thanh pho".split())
_DOC_WORDS = frozenset("van ban cong thong bao ke hoach chi thi quyet dinh ky ai nguoi so hieu".split())
_HTML_TAG = re.compile(r"(?i)</?(?:b|i|u|s|a|em|strong|code|pre|script|style|span|div|p|br|img|iframe)\b[^>]{0,200}>")
_QUESTION_WORDS = frozenset("""
ai gi nao sao nhieu may dau khi roi khong hay phai lam thi co nhung can duoc la ngay han nhiem vu viec
chu tri trach nhiem giao dieu the nhu
""".split())
# the same words as they are spelled ("đầu tư", "con dấu" are not "đâu"; "hạn hán" is not "hạn" alone)
_SPELLED_QUESTION_WORDS = frozenset("""
ai gì nào sao nhiêu mấy đâu khi rồi không hay phải làm thì có những cần được là ngày ngay hạn nhiệm vụ việc
chủ trì trách nhiệm giao điều thế như
""".split())


_HEADS = sorted((tuple(r.split()) for r in ROLE_PREFIXES), key=len, reverse=True)


def _without_heads(toks: list[str], unit_words: set[str]) -> list[str]:
    """The tokens without a leading role ("giam doc", "chu tich", "thu truong") written just before a
    word of a unit's name."""
    out, n = [], 0
    while n < len(toks):
        head = next((h for h in _HEADS if tuple(toks[n:n + len(h)]) == h), None)
        if head and toks[n + len(head):n + len(head) + 1] and toks[n + len(head)] in unit_words:
            n += len(head)
            continue
        out.append(toks[n])
        n += 1
    return out


def _opens_with(form: str, words: str) -> bool:
    """Whether a text opens with these words once its heading marks and item number are off."""
    return form[_ITEM_LEAD.match(form).end():].startswith(words)


def _asks_signer(f: str) -> bool:
    return bool(re.search(r"\b(?:ai ky|do ai ky|nguoi ky|ky boi|ky ten|ai la nguoi ky)\b", f))


def _asks_doc_info(f: str) -> bool:
    return bool(re.search(r"\b(?:ban hanh (?:ngay nao|khi nao)|ngay ban hanh|co quan ban hanh|ai ban hanh|so hieu|trich yeu)\b", f))


_ASKS_AMENDING = re.compile(r"\b(?:van ban|cong van|quyet dinh|thong bao) nao (?:da )?(?:dieu chinh|gia han|sua doi|"
                            r"bo sung|thay the|bai bo|keo dai)\b")


def _asks_doc_list(f: str) -> bool:
    return bool(re.search(r"\b(?:(?:van ban|cong van|thong bao|ke hoach|chi thi) nao|danh sach (?:cac )?van ban|"
                          r"(?:co )?nhung van ban|cac van ban|liet ke (?:cac )?van ban|bao nhieu van ban)\b", f))


def _asks_doc_summary(f: str) -> bool:
    return bool(re.search(r"\b(?:tom tat|noi dung (?:chinh )?(?:cua )?(?:van ban|cong van)|van ban .* (?:giao|co) nhung (?:viec|nhiem vu) gi)\b", f))


_LEAD_ASKED = re.compile(r"(?:^|\b)(?:ai|(?:don vi|co quan|bo phan) nao) (?:se |la )?(?:chu tri|phu trach)\b")


def _asks_coordination(f: str) -> bool:
    return bool(re.search(r"\bphoi hop (?:voi |cung )?(?:ai|don vi nao|co quan nao|nhung ai|nhung don vi nao|nhung co quan nao|nhung ai)\b", f))


def _asks_who(f: str) -> bool:
    return bool(re.search(r"(?:^|\b)ai\b|\b(?:don vi|co quan|xa|phong|so|ban) nao\b|\bnhung (?:xa|don vi|co quan) nao\b", f))


_MONITOR_OPENING = re.compile(r"^(?:chi dao, )?(?:theo doi,? (?:kiem tra,? )?don doc|don doc|la co quan thuong truc)")


def _asks_monitor(f: str) -> bool:
    return bool(re.search(r"\b(?:ai|don vi nao|co quan nao|bo phan nao)\b[^?]{0,30}\btheo doi,? (?:va )?(?:kiem tra,? )?don doc\b"
                          r"|\btheo doi,? (?:va )?don doc\b[^?]{0,60}\b(?:la ai|do ai|giao cho ai|don vi nao|co quan nao)\b", f))


# "hạn" as a time limit; it is also drought ("hạn hán", "hạn mặn") and a limit ("hạn chế", "hạn mức", "giới hạn")
_HAN = r"(?<!gioi )han(?! (?:han|man|che|muc|ngach)\b)"


def _asks_due(f: str) -> bool:
    """A deadline, not the date of an event: 'hạn …', 'phải … trước ngày nào', 'chậm nhất khi nào'."""
    return bool(re.search(rf"\b(?:{_HAN}|thoi han|han chot|phai|can|truoc ngay nao|cham nhat|deadline|hoan thanh)\b", f))


_ASKS_PLACE = re.compile(r"\b(?:o dau|tai dau|dia diem nao|cho nao|noi nao)\b")
_DATE_IN_TEXT = re.compile(r"(?i)\b\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}\b|\b\d{1,2} tháng \d{1,2}|"
                           r"\b(?:quý|tháng)\s+[\dIV]{1,4}\s*/\s*\d{4}")


def _asks_date(f: str) -> bool:
    """'… diễn ra ngày nào?', '… khi nào?': the date of something (an event's; a deadline is asked as
    '… xong trước khi nào', 'hạn …')."""
    return bool(re.search(r"\b(?:ngay nao|khi nao|bao gio|hom nao|thoi gian nao)\b", f)) and not _asks_due(f) \
        and not re.search(r"\b(?:xong|truoc)\b", f)


def _asks_number(f: str) -> bool:
    return bool(re.search(r"\b(?:bao nhieu|may|so luong|ty le|phan tram|muc nao|dat bao)\b", f))


def _asks_assignment(f: str) -> bool:
    """'Ai phải …', 'ai chủ trì …', 'đơn vị nào có trách nhiệm …': asks for an assignee, not a fact."""
    if re.search(r"\b(?:cuoc hop|hoi nghi|buoi lam viec|cuoc kiem tra|doan kiem tra|dot kiem tra|buoi hop)\b", f) \
            or _asks_number(f):
        return False      # who chaired a meeting, how many cases: facts of the text, not assignments      # who chaired a meeting is a fact of the text, not an assignment
    return bool(re.search(r"\b(?:phai|chu tri|co trach nhiem|chiu trach nhiem|duoc giao|giao cho|dam nhiem|phu trach|thuc hien viec)\b", f)) and _asks_who(f)


def _asks_deadline(f: str) -> bool:
    return bool(re.search(rf"\b(?:{_HAN}|thoi han|han chot|deadline|truoc ngay nao|ngay nao|khi nao|bao gio|luc nao|may gio"
                          r"|bao lau (?:mot|1) lan|may lan|tan suat|dinh ky (?:nhu the nao|ra sao|khi nao))\b", f))


def _asks_unit_tasks(f: str) -> bool:
    return bool(re.search(r"\b(?:lam gi|nhiem vu gi|viec gi|duoc giao|nhung viec|nhiem vu nao|can lam|phai lam|"
                          r"co nhiem vu|nhiem vu cua|phu trach|trach nhiem gi|thi sao|the nao|lam nhung gi|"
                          r"cong viec)\b", f))


def _asks_what_to_do(f: str) -> bool:
    return bool(re.search(r"\b(?:phai lam gi|lam gi|can lam|phai|lam the nao)\b", f))


def _is_follow_up(f: str) -> bool:
    return bool(re.match(r"^(?:con|the con|vay con|va)\b", f)) or bool(re.search(r"\bthi sao\b|\bviec do\b|\bnhiem vu do\b|\bcai do\b", f))


def _refers_back(f: str) -> bool:
    return bool(re.search(r"\b(?:viec do|nhiem vu do|cai do|viec nay|nhiem vu nay|no)\b", f))


# what a question asks of the unit it names: "… phải làm gì", "… cần làm gì", "… có nhiệm vụ gì", "… được giao …"
_PREDICATE = re.compile(r"\s+(?:phai|can lam|lam gi|lam nhung|co nhiem vu|co trach nhiem|nhiem vu gi|duoc giao|thi sao)\b")


def _names_unknown_unit(q: str) -> str | None:
    """'Phòng Giáo dục phải làm gì?' names a unit the knowledge base does not know: its name, or None.
    The name is what comes before the question's predicate ("phải làm gì", "làm gì", "có nhiệm vụ
    gì" …) when that opens with a unit, so that a name holding a verb ("Phòng Ngoại giao") or typed
    without diacritics ("so gtvt lam gi") is kept whole and without the question words."""
    body = re.sub(r"(?i)^\s*(?:còn|vậy còn|thế còn)\s+", "", q.strip())
    cue = _PREDICATE.search(fold_keep_length(body))
    if cue:
        named = body[:cue.start()].strip(" ,.?:")
        if starts_with_unit(named):
            return " ".join(named.split())
    up = unit_phrase(body, allow_colon=False)
    return up.written if up else None


# the kinds of document a question names them by (search form), and the same typed short ("cv 1482", "KH 87")
_KINDS_FOLDED = "van ban|cong van|thong bao|ke hoach|chi thi|quyet dinh|cong dien"
_DOCUMENT_NAMED = re.compile(rf"\b(?:theo|trong|cua|tai)\s+(?:{_KINDS_FOLDED})\b")
_KIND_NUMBER = re.compile(rf"\b(?:{_KINDS_FOLDED}|vb|cv|tb|kh|ct|qd|cd)\s+(?:so\s+)?(\d{{1,5}})\b")
_NUMBERED = re.compile(r"\b\d+/")


def _names_a_document(f: str) -> bool:
    """'Theo thông báo kết luận …', 'trong kế hoạch …': the question points at a document by what it is."""
    return _DOCUMENT_NAMED.search(f) is not None


def _pure_overdue(f: str) -> bool:
    return bool(re.search(r"\b(?:viec|nhiem vu|cong viec)\b[^?]*\bqua han\b|^qua han\b|\bqua han (?:nhung|gi|nao)\b", f))


def _is_bare_unit(f: str) -> bool:
    rest = _strip_question_words(unit_key(f))
    return len(rest.split()) <= 6


_NUMBER_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "muoi": 10}


def _time_view(f: str, today: date):
    if re.search(r"\b(?:qua han|tre han|cham tien do|het han)\b", f) and _pure_overdue(f) or re.match(r"^(?:cac )?viec (?:da )?qua han", f):
        return (OVERDUE, date(1900, 1, 1), today - timedelta(days=1), None)
    m = re.search(r"\btrong (\d{1,3}|mot|hai|ba|bon|muoi) (ngay|tuan|thang) (?:toi|nua|sap toi)\b", f)
    if m:   # "trong 10 ngày tới", "trong 2 tuần tới", "trong một tháng tới"
        count = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1)]
        n = count * {"ngay": 1, "tuan": 7, "thang": 30}[m.group(2)]
        return (DUE_SOON, today, today + timedelta(days=n), str(n))
    if re.search(r"\b(?:sap den han|sap het han|sap toi han|gan den han|den han)\b", f) or re.search(r"\btuan nay\b", f):
        n = SOON_DAYS
        if re.search(r"\btuan nay\b", f):
            n = 6 - today.weekday()
        return (DUE_SOON, today, today + timedelta(days=max(n, 0)), str(max(n, 0)))
    # "việc nào đến hạn trong tháng 9", "tháng 12/2019 có hạn nào?" (not "giao ban tuần 4 tháng 10", "trợ cấp
    # tháng 10": a month naming a thing)
    m = re.search(r"(?:^|\b(?:trong|vao|den|het|cuoi|dau|giua|han) )thang (\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?\b", f)
    if m and re.search(r"\b(?:han|den han|phai|viec|nhiem vu)\b", f) and 1 <= int(m.group(1)) <= 12:
        month = int(m.group(1))
        year = int(m.group(2)) if m.group(2) else today.year
        start = date(year, month, 1)
        end = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
        return (BY_MONTH, start, end, f"{month:02d}/{year}")
    if re.search(r"\bthang nay\b", f) and re.search(r"\b(?:han|viec|nhiem vu)\b", f):
        start = today.replace(day=1)
        end = (date(today.year + (today.month == 12), today.month % 12 + 1, 1) - timedelta(days=1))
        return (BY_MONTH, start, end, f"{today.month:02d}/{today.year}")
    return None


def _strip_question_words(key: str) -> str:
    key = re.sub(r"\b(?:phai lam gi|lam gi|co nhiem vu gi|nhiem vu gi|duoc giao viec gi|duoc giao nhiem vu gi|duoc giao|"
                 r"phai lam nhung viec gi|nhung viec gi|viec gi|thi sao|phoi hop voi ai|phoi hop voi don vi nao|co|la|gi|"
                 r"ai|nao|con|ve|cua|theo|o|tai|nhung)\b", " ", key)
    return " ".join(key.split())


def _lead_first_order(links: dict[str, set[str]], scope_docs: tuple[int, ...] | None) -> list[str]:
    """Task ids (in scope) by the unit's role (lead, then coordinator, then follow-up), then document
    and clause order; ties keep the order of ``links``. One tuple per task, sorted once."""
    in_scope = set(scope_docs) if scope_docs is not None else None
    keyed = []
    for n, (tid, roles) in enumerate(links.items()):
        doc, _, seq = tid.partition(".")
        d = int(doc)
        if in_scope is not None and d not in in_scope:
            continue
        role = 0 if "chu_tri" in roles else 1 if "phoi_hop" in roles else 2
        keyed.append((role, d, int(seq or 0), n, tid))
    keyed.sort()
    return [k[4] for k in keyed]


def _heads_of(links: dict[str, set[str]], texts: dict[str, str], *, holding_only: bool = False) -> list[TaskHead]:
    """The light rows of the tasks ``links``, in document and clause order, with their text from ``texts``
    (an empty one for a task not in it); with ``holding_only``, only the tasks in ``texts``."""
    heads = []
    for tid in links:
        if holding_only and tid not in texts:
            continue
        doc, _, seq = tid.partition(".")
        heads.append(TaskHead(tid, int(doc), int(seq or 0), texts.get(tid, "")))
    heads.sort(key=lambda h: (h.doc_id, h.seq))
    return heads


def _task_order(tid: str) -> tuple[int, int]:
    """(document, clause order) of a task id 'doc.seq'."""
    doc, _, seq = tid.partition(".")
    return int(doc), int(seq or 0)


def _rank_by_topic(heads: list[TaskHead], topic: list[str]) -> list[TaskHead]:
    """Tasks (light rows, with the search form stored at ingest) that share the most of the topic's
    words, best first; nothing when none shares half."""
    # a text with none of the topic's words as a substring scores 0 without being tokenised
    score = _topic_scorer(topic)
    # (an empty text, as ``_heads_of`` gives the tasks without a topic word, holds none of them)
    scored = [(score(h.folded) if h.folded and any(w in h.folded for w in topic) else 0.0, h) for h in heads]
    best = max((s for s, _ in scored), default=0)
    if best < 0.5:
        return []
    return [h for s, h in sorted(scored, key=lambda x: -x[0]) if s >= best - 0.2]


_NUMBER_JOIN = re.compile(r"[,.][0-9]")   # where _overlap's tokens may run on past a word ("1,5")


def _words_held(words: list[str]):
    """``lambda text: the words among ``words`` that are tokens of ``_overlap`` in the text``, with the
    fast search of ``_topic_scorer`` for plain words."""
    wanted = set(words)
    if not wanted or not all(_PLAIN_WORD.fullmatch(w) for w in wanted):
        return lambda text: set(re.findall(r"[a-z0-9%]+(?:[,.][0-9]+)?", text)) & wanted
    alone = re.compile(r"(?<![a-z0-9%])(?:" + "|".join(sorted(wanted, key=len, reverse=True)) + r")(?![a-z0-9%])")

    def held(text: str) -> set[str]:
        if _NUMBER_JOIN.search(text):
            return set(re.findall(r"[a-z0-9%]+(?:[,.][0-9]+)?", text)) & wanted
        return set(alone.findall(text))
    return held


def _topic_scorer(topic: list[str]):
    """``lambda text: _overlap(topic, text)``, faster for plain words: instead of tokenising the whole
    text, one search finds the topic words standing alone (no letter, digit or '%' on either side),
    which are exactly the tokens of ``_overlap`` in a text without a '.' or ',' before a digit (there
    its tokens are the maximal runs of letters, digits and '%'); other texts are tokenised as before."""
    if not topic or not all(_PLAIN_WORD.fullmatch(w) for w in topic):
        return lambda text: _overlap(topic, text)
    # one search per word, stopping at its first standalone occurrence, instead of finding them all: a
    # standalone occurrence is a whole token, so it is one of the alternation's matches and vice versa
    alone = {w: re.compile(r"(?<![a-z0-9%])" + w + r"(?![a-z0-9%])").search for w in set(topic)}
    total = float(len(topic))

    def score(text: str) -> float:
        if _NUMBER_JOIN.search(text):
            return _overlap(topic, text)
        have = {w for w, found in alone.items() if found(text)}
        return sum(1.0 for w in topic if w in have) / total
    return score


def _overlap(words: list[str], text: str, bigrams: bool = False, weights: dict[str, float] | None = None) -> float:
    """Share of the question's words found in the text, each weighted by how rare it is among the
    candidate texts (bigrams add weight to phrases)."""
    if not words:
        return 0.0
    have = set(re.findall(r"[a-z0-9%]+(?:[,.][0-9]+)?", text))
    weight = (lambda w: weights.get(w, 1.0)) if weights else (lambda w: 1.0)
    total = sum(weight(w) for w in words) or 1.0
    score = sum(weight(w) for w in words if w in have) / total
    if bigrams and len(words) > 1:
        pairs = [f"{a} {b}" for a, b in zip(words, words[1:])]
        score += 0.3 * sum(1 for p in pairs if p in text) / len(pairs)
    return score


def _rarity(words: list[str], texts: list[str]) -> dict[str, float]:
    """Inverse document frequency of the question's words among the candidate texts: a word every
    candidate shares (the document's own subject) tells less than the one only the answer has."""
    import math

    n = len(texts)
    if n < 3:
        return {}
    sets = [set(re.findall(r"[a-z0-9%]+", t)) for t in texts]
    return {w: max(0.2, math.log((n + 1) / (sum(1 for s in sets if w in s) + 0.5))) for w in set(words)}


def _predicate(f: str, words: list[str]) -> list[str]:
    """The content words right before the question word ('… đi qua những xã nào?' -> xa, qua, di)."""
    m = re.search(r"\b(?:nao|gi|bao nhieu|may|dau|ai)\b", f)
    if not m:
        return []
    before = re.findall(r"[a-z0-9%]+", f[:m.start()])
    wanted = set(words)
    out = []
    for w in reversed(before):
        if w in wanted and w not in out:
            out.append(w)
        if len(out) == 3:
            break
    return out


def _head_bonus(words: list[str], text: str) -> float:
    """A task whose action opens with the asked verb ('ai phải báo cáo …' / 'Báo cáo kết quả …') is the one asked about."""
    head = set(re.findall(r"[a-z0-9%]+", text)[:4])
    first = words[:2]
    return 0.2 * sum(1 for w in first if w in head) / len(first) if first else 0.0


def _fts_or(words: list[str]) -> str:
    return " OR ".join(f'"{w}"' for w in dict.fromkeys(words))


_SENT_RE = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ0-9(“\"])")


def _sentences(text: str, whole_up_to: int = 0) -> list[str]:
    """The text's sentences, a long one (over 300 characters) cut at its semicolons; with ``whole_up_to``,
    such a sentence no longer than that is also given whole, after its clauses ("…, hộ bà Mai là 01 trong
    07 hộ …; UBND huyện … dự kiến cưỡng chế vào ngày 22/4/2025.": the date is in one clause, what it is
    the date of in the other)."""
    out: list[str] = []
    for sentence in _FULL_STOP_RE.split(text) if whole_up_to else (text,):
        clauses = []
        for p in _SENT_RE.split(sentence):
            p = p.strip()
            if len(p) > 300:
                clauses.extend(x.strip() for x in re.split(r"(?<=;)\s+", p) if x.strip())
            elif p:
                clauses.append(p)
        out.extend(clauses)
        if len(clauses) > 1 and len(sentence.strip()) <= whole_up_to:
            out.append(sentence.strip())
    return out


_FULL_STOP_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ0-9(“\"])")   # _SENT_RE without the semicolon


_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def _with_footnotes(sentence: str, doc_id: int, store: Store) -> str:
    """A sentence that points to a footnote ('01 xã xếp loại tốt¹') carries the footnote's text."""
    marks = re.findall(r"(?<=\S)[¹²³⁴⁵⁶⁷⁸⁹⁰]+", sentence)
    if not marks:
        return sentence
    notes = []
    for p in store.passages(doc_id):
        m = re.match(r"^\s*([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(.*)$", p["text"])
        if m and m.group(1) in marks:
            notes.append(f"({m.group(1).translate(_SUPERSCRIPT)}) {m.group(2).strip()}")
    return sentence + ("\n" + "\n".join(notes) if notes else "")


def _subject_words(subject: str | None, kind: str | None = None) -> set[str]:
    """A subject's search words and the initials of each run of them ("phòng cháy, chữa cháy" -> pccc),
    with the words of the document's kind ("công điện")."""
    words = re.findall(r"[a-z0-9]+", search_form(f"{kind or ''} {subject or ''}"))
    out = set(words)
    for i in range(len(words)):
        for j in range(i + 2, min(len(words), i + 6) + 1):
            out.add("".join(w[0] for w in words[i:j]))
    return out


def _issuer_name_keys(issuer: str) -> set[str]:
    """The keys an issuer's name is typed by, without its place, when it is more than one word:
    'Sở Lao động - Thương binh và Xã hội tỉnh Bình Lâm' -> {'so lao dong thuong binh xa hoi', 'so ldtbxh'}."""
    m = re.search(r"\s(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s", issuer)
    key = unit_key(issuer[:m.start()] if m else issuer)
    if len(key.split()) < 2:
        return set()
    return {k for k in (key, squeeze_acronyms(key), acronym_key(key)) if k}


def _issuer_place(issuer: str | None) -> str | None:
    if not issuer:
        return None
    m = re.search(r"\b(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+(.+)$", issuer)
    return m.group(1) if m else None


def _remember(ctx: ChatContext, a: Answer, engine: Engine) -> None:
    if a.kind in (EMPTY, TOO_LONG, NO_MATCH):
        return
    ctx.kind = a.kind
    if a.units:
        ids = engine._ids_of_labels(a.units)
        if ids:
            ctx.unit_ids = tuple(ids)
    if a.tasks:
        ctx.task_ids = tuple(t.task.id for t in a.tasks)
    docs = {t.task.doc_id for t in a.tasks} | {d.id for d in a.documents} | {f.doc_id for f in a.facts}
    if docs:
        ctx.doc_ids = tuple(sorted(docs))
    if ctx.question != a.question:
        ctx.offset = 0
    ctx.question = a.question
