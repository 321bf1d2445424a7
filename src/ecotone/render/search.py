"""What the site's search finds on the entry pages: the partners' own words.

Material's search plugin reads every page's HTML with Python's HTML parser to
cut it into sections. At a few thousand entry pages that was the larger part of
the build, and it filled the index with the template's own prose, repeated on
every page (18 MB for 3,000 spaces, which each reader's browser then loads).
So the organization, space and playbook pages stay out of the plugin's index,
and the entries here take their place: one for each page and one for each of
its sections that holds what partners wrote, pointing at that section.

An entry's title and text are HTML, as in the plugin's own entries, and are
escaped here: the search dialog shows them as markup."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from ecotone.addresses import organization_path, playbook_path, space_path
from ecotone.model import (
    Directory,
    Exchange,
    HistoryEntry,
    Organization,
    Playbook,
    Space,
    Standing,
)
from ecotone.render.environment import Renderer
from ecotone.wording import label


@dataclass(frozen=True)
class SearchEntry:
    location: str
    """The page's address from the site's root, with `#section` for a section."""
    title: str
    text: str

    def as_document(self) -> dict[str, str]:
        return {"location": self.location, "title": self.title, "text": self.text}


def search_entries(directory: Directory, renderer: Renderer) -> Iterator[SearchEntry]:
    for org in directory.organizations:
        yield from organization_entries(org, renderer)
    for space in directory.spaces:
        yield from space_entries(directory, space, renderer)
    for playbook in directory.playbooks:
        yield from playbook_entries(directory, playbook, renderer)


def organization_entries(org: Organization, renderer: Renderer) -> Iterator[SearchEntry]:
    page = organization_path(org.id)
    yield _entry(
        page,
        org.name,
        _paragraphs(org.summary, org.location),
        renderer.markdown(org.description),
        _list(org.topics),
    )
    if org.offers or org.needs:
        yield _entry(
            f"{page}#offers-and-needs",
            "Offers and needs",
            _exchanges(org.offers),
            _exchanges(org.needs),
        )
    if org.circles:
        yield _entry(
            f"{page}#circles",
            "Circles",
            _list(f"{circle.name}: {circle.aim} {circle.domain}" for circle in org.circles),
        )


def space_entries(directory: Directory, space: Space, renderer: Renderer) -> Iterator[SearchEntry]:
    page = space_path(space.id)
    host = directory.display_name(space.host)
    yield _entry(page, space.title, _paragraphs(f"{label(space.mode)} space hosted by {host}"))
    yield _entry(
        f"{page}#topic-and-aim",
        "Topic and aim",
        _paragraphs(space.topic, f"Aim: {space.aim}"),
        renderer.markdown(space.description),
        _list(space.topics),
    )
    if space.domain:
        section = "domain-and-connection-point" if space.is_collaboration else "venue-and-direction"
        yield _entry(f"{page}#{section}", "Domain", _paragraphs(space.domain))
    contract = space.social_contract
    if space.is_collaboration and contract:
        yield _entry(
            f"{page}#social-contract",
            "Social contract",
            _paragraphs(contract.governance),
            _list(contract.rules),
        )
    if space.participants:
        names = (
            directory.display_name(p.organization)
            + (" (invited)" if directory.standing(space, p) is Standing.INVITED else "")
            for p in space.participants
        )
        yield _entry(f"{page}#participants", "Participants", _list(names))
    if space.seeking:
        yield _entry(f"{page}#seeking", "What this space seeks", _exchanges(space.seeking))
    if space.history:
        yield _entry(f"{page}#history", "History", _history(space.history))


def playbook_entries(
    directory: Directory, playbook: Playbook, renderer: Renderer
) -> Iterator[SearchEntry]:
    page = playbook_path(playbook.id)
    publisher = directory.display_name(playbook.publisher)
    yield _entry(
        page,
        playbook.title,
        _paragraphs(f"{label(playbook.kind)} playbook published by {publisher}", playbook.summary),
        renderer.markdown(playbook.description),
    )
    if playbook.parameters:
        yield _entry(
            f"{page}#parameters",
            "Parameters",
            _list(parameter.title for parameter in playbook.parameters),
        )
    yield _entry(
        f"{page}#steps",
        "Steps",
        _list(f"{step.title}: {step.description}" for step in playbook.steps),
    )
    if playbook.provenance:
        yield _entry(f"{page}#provenance", "Provenance", _paragraphs(playbook.provenance.title))
    if playbook.history:
        yield _entry(f"{page}#history", "History", _history(playbook.history))


def with_documents(index: str, documents: Iterable[str]) -> Iterator[str]:
    """The search plugin's index (its JSON text) with more documents appended, in
    pieces: `documents` is their JSON text, separated by commas, in pieces of any
    length (as `documents_text` writes it). At 10,000 organizations the index is
    67 MB of JSON, which made whole would be held twice (as text, and as the
    Python data it was dumped from)."""
    document = json.loads(index)
    docs = document["docs"]
    document["docs"] = _DOCS
    before, after = _json(document).split(_json(_DOCS))
    yield before + "["
    separator = ""
    for piece in _batched(docs):
        yield separator + piece
        separator = ","
    for piece in documents:
        if piece:
            yield separator + piece
            separator = ""
    yield "]" + after


def documents_text(entries: Iterable[SearchEntry]) -> Iterator[str]:
    """The entries as the index's documents: JSON text separated by commas."""
    separator = ""
    for piece in _batched(entry.as_document() for entry in entries):
        yield separator + piece
        separator = ","


def _batched(documents: Iterable[dict[str, str]]) -> Iterator[str]:
    """The documents' JSON, a thousand at a time, separated by commas."""
    every = iter(documents)
    while batch := list(itertools.islice(every, _BATCH)):
        yield _json(batch)[1:-1]  # the documents, without the list's brackets


_DOCS = "\x00docs\x00"  # where the documents go, until they are written
_BATCH = 1000  # documents written at a time


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _entry(location: str, title: str, *parts: Markup) -> SearchEntry:
    return SearchEntry(location, str(escape(title)), " ".join(part for part in parts if part))


def _paragraphs(*texts: str | None) -> Markup:
    return Markup("").join(Markup("<p>%s</p>") % text for text in texts if text)


def _list(items: Iterable[str]) -> Markup:
    shown = [Markup("<li>%s</li>") % item for item in items]
    return Markup("<ul>%s</ul>") % Markup("").join(shown) if shown else Markup("")


def _exchanges(exchanges: Iterable[Exchange]) -> Markup:
    return _list(" ".join(filter(None, (e.title, e.details))) for e in exchanges)


def _history(history: Iterable[HistoryEntry]) -> Markup:
    return _list(entry.change for entry in history)
