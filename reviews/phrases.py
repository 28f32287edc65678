"""Sentences kept as their source text and their facts, said in the language active when shown.

Screening runs in a job, in the shop's language, long before anyone reads its reasons; a reviewer
with the English UI must still read them in English. So a reason keeps, beside the sentence
said at screening time, its ``Phrase``: the untranslated source (a ``gettext_noop`` msgid) and
the facts it was filled with (numbers, names, or other phrases such as a translated word), and
the page says it again with ``gettext`` in its own language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext


@dataclass(frozen=True)
class Phrase:
    msgid: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, msgid: str | Promise, **params) -> Phrase:
        """``msgid`` (a source string, or a lazy translation such as a choice's label) with its facts;
        lazy translations among the facts become phrases too, so they follow the language as well."""
        return cls(_source(msgid), tuple((name, _fact(value)) for name, value in params.items()))

    @classmethod
    def joined(cls, *parts: Phrase) -> Phrase:
        """Several phrases said one after the other (a sentence and its note)."""
        msgid = "".join(f"%({i})s" for i in range(len(parts)))
        return cls(msgid, tuple((str(i), part) for i, part in enumerate(parts)))

    def __str__(self) -> str:
        # Only a sentence with facts is %-formatted: a bare one says "%" as written.
        text = gettext(self.msgid) if self.msgid else ""
        if not self.params:
            if "%(" in self.msgid:
                raise KeyError("a sentence stored without its facts")
            return text
        return text % {name: str(value) if isinstance(value, Phrase) else value for name, value in self.params}

    def as_json(self) -> dict:
        """What the database keeps: ``{"msgid": ..., "params": {...}}``, phrases nested alike."""
        return {
            "msgid": self.msgid,
            "params": {name: v.as_json() if isinstance(v, Phrase) else v for name, v in self.params},
        }

    @classmethod
    def from_json(cls, value) -> Phrase:
        """The phrase ``as_json`` kept; ``ValueError`` for anything else (hand-edited, older data)."""
        if not isinstance(value, dict) or not isinstance(value.get("msgid"), str):
            raise ValueError("not a stored phrase")
        params = value.get("params") or {}
        if not isinstance(params, dict):
            raise ValueError("not a stored phrase")
        facts = []
        for name, fact in params.items():
            if isinstance(fact, dict):
                fact = cls.from_json(fact)
            elif not isinstance(fact, str | int | float) or isinstance(fact, bool):
                raise ValueError("not a stored phrase")
            facts.append((str(name), fact))
        return cls(value["msgid"], tuple(facts))


def _source(msgid: str | Promise) -> str:
    """The untranslated source of ``msgid``: a lazy translation said with no language active."""
    if isinstance(msgid, Promise):
        with translation.override(None):
            return str(msgid)
    return msgid


def _fact(value):
    return Phrase(_source(value)) if isinstance(value, Promise) else value


def say_stored(phrase_json, fallback: str) -> str:
    """A stored phrase in the active language; ``fallback`` (the sentence said when it was stored)
    when there is none or it no longer reads (a translation that lost a fact, say)."""
    if phrase_json is None:
        return fallback
    try:
        return str(Phrase.from_json(phrase_json))
    except (ValueError, TypeError, KeyError):
        return fallback
