"""Synth: a synthetic directory of any size, the same bytes on every run.

For benchmarks and tests. `generate` returns the files of a valid directory of
`orgs` organizations and `spaces` spaces: circle trees with splits and
dissolved circles, confirmed participations and open invitations, playbooks and
their forks plugged into collaborations, budgets, offers and needs, both modes,
every level and status. Everything is drawn from the word lists below by a
seeded `random.Random` and dated relative to `REFERENCE_DATE`, so the output
depends on the arguments alone, never on the clock or on hash order.
`write_directory` writes the files under OUTDIR/partners/, and beside them what
a build of the site needs. Every organization,
person and address in them is fictional.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

import yaml

from ecotone.commands import init
from ecotone.commands.writing import refuse_links, write_file
from ecotone.load.directory import slugify
from ecotone.model import Commitments
from ecotone.validate.rules.duplicates import similar_pairs

REFERENCE_DATE = date(2026, 11, 22)
DEFAULT_SEED = 2026
MAX_PARTICIPATIONS = 500  # the schema's bound on an organization's `participations`

Data = dict[str, Any]

# -- word lists ---------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PLACES = _words(
    "Riverbend Northfield Ashgrove Millbrook Stonebridge Harborview Elmstead Fernhill "
    "Saltmarsh Kestrel Larkspur Oakhollow Brackenridge Copperbeech Dunmore Eastwick Foxglove "
    "Glenmoor Hazelwood Ivybank Juniper Kingsmead Lindenhall Marigold Nettlebed Orchardside "
    "Pebblecreek Quarryhill Rosebay Sedgefield Thistledown Underhill Valewood Willowmere "
    "Yarrow Zephyr Alder Birchwood Cloverdale Driftwood Emberlane Fallowfield Greenhaven "
    "Heathcote Inglewood Jasper Lowmoor Meadowsweet Northwind Tidewater"
)

# An organization's theme, and the topics it brings.
THEMES = {
    "Food": ("food-sovereignty", "urban-gardening", "mutual-aid"),
    "Housing": ("affordable-housing", "community-land-trust"),
    "Energy": ("renewable-energy", "circular-economy"),
    "Care": ("care-work", "elder-care", "health"),
    "Craft": ("crafts", "repair", "textiles"),
    "Learning": ("education", "training", "facilitation"),
    "Mobility": ("mobility", "cycling"),
    "Water": ("water", "land"),
    "Seed": ("seed-saving", "food-sovereignty"),
    "Textile": ("textiles", "crafts", "circular-economy"),
    "Repair": ("repair", "circular-economy", "tools"),
    "Timber": ("timber", "land", "crafts"),
    "Media": ("media", "open-data"),
    "Health": ("health", "care-work"),
    "Finance": ("solidarity-finance", "cooperative-development"),
    "Data": ("open-data", "interoperability"),
    "Music": ("music", "education"),
    "Garden": ("urban-gardening", "land"),
    "Bread": ("food-sovereignty", "crafts"),
    "Bicycle": ("cycling", "repair", "mobility"),
    "Solar": ("renewable-energy", "cooperative-development"),
    "Commons": ("governance", "sociocracy", "land"),
    "Wellbeing": ("health", "care-work", "mutual-aid"),
    "Land": ("land", "community-land-trust"),
    "Tool": ("tools", "repair"),
    "Print": ("media", "crafts"),
    "Youth": ("youth-work", "education"),
    "Elder": ("elder-care", "care-work"),
    "Fishing": ("fisheries", "water"),
    "Wool": ("textiles", "crafts", "land"),
}
KINDS = _words(
    "Cooperative Collective Network Alliance Guild Trust Association Exchange Lab Workshop "
    "Union Foundation Hub Federation Circle"
)
SHARED_TOPICS = ("sociocracy", "governance", "facilitation", "conflict-resolution", "mediation")

LOCATIONS = (
    "Ghent, Belgium",
    "Lyon, France",
    "Utrecht, Netherlands",
    "Leipzig, Germany",
    "Bologna, Italy",
    "Porto, Portugal",
    "Łódź, Poland",
    "Malmö, Sweden",
    "Bristol, United Kingdom",
    "Cork, Ireland",
    "Valencia, Spain",
    "Brno, Czechia",
    "Montréal, Canada",
    "Portland, Oregon, USA",
    "Wellington, New Zealand",
    "online",
)
FIRST_NAMES = _words(
    "Ana Ines Tomas Sanne Yusuf Jo Claire Mo Zoë Lukas Amara Ravi Mei Kofi Lena Sami Ida Noor "
    "Pablo Hana Emil Aoife Tariq Greta Joon Maya Oskar Leila Bruno Freya"
)
LAST_NAMES = _words(
    "Lopez VanRijn Bakker Demir Whitfield Moreau Okafor Lindqvist Novak Rossi Haddad Kowalski "
    "Murphy Tanaka Schulz Costa Nguyen Berg Mensah Duarte"
)

SUMMARIES = (
    "A {kind} in {place} that works on {what}, run by its members in sociocratic circles.",
    "We are a member-run {kind} from {place}, sharing knowledge and tools for {what}.",
    "{Name} brings people in {place} together around {what}, deciding by consent.",
)
PARAGRAPHS = (
    "We started as a handful of neighbours and grew circle by circle. Every circle "
    "decides within its own domain, and the {root} links them together.",
    "Our members meet every month; anyone may bring a proposal, and decisions are taken "
    "by consent after rounds.",
    "We publish our minutes and our yearly budget, and we share what we learn with "
    "partner organizations so nobody has to start from scratch.",
    "Most of our work happens in small project circles that form for a season and "
    "dissolve when their aim is met.",
    "Our R&D circle tests new ways of working with partners before we adopt them.",
    "Read more in [our handbook](https://{id}.example.org/handbook) or *come to an open meeting*.",
)
CONFLICTS_GO_TO = (
    "The members' assembly, with an outside mediator chosen by consent.",
    "The general assembly of all members.",
    "An external mediator the parties choose together.",
    "The founders' council, which meets within two weeks.",
)

# (title, topics, details) of offers, needs and what spaces seek.
EXCHANGES = (
    (
        "Trained facilitators",
        ("facilitation", "sociocracy"),
        "Two facilitators for up to four meetings a year.",
    ),
    ("A meeting room for 30 people", ("venue",), "Free for partner groups on weekday evenings."),
    (
        "Help with bookkeeping",
        ("bookkeeping", "solidarity-finance"),
        "A few hours a month during the yearly close.",
    ),
    ("Translation into French and Dutch", ("translation",), "Short texts, within two weeks."),
    ("Legal advice on cooperative statutes", ("legal-support", "cooperative-development"), ""),
    (
        "A shared tool library",
        ("tools", "repair"),
        "Power tools and ladders, lent for a week at a time.",
    ),
    (
        "Seeds from our community seed bank",
        ("seed-saving", "food-sovereignty"),
        "Open-pollinated vegetable seeds, each spring.",
    ),
    (
        "Mediation for stuck conflicts",
        ("mediation", "conflict-resolution"),
        "A trained mediator, at a solidarity price.",
    ),
    (
        "Fundraising experience",
        ("fundraising", "solidarity-finance"),
        "We have written twelve grant proposals and won eight.",
    ),
    (
        "Data exports in open formats",
        ("open-data", "interoperability"),
        "Help to publish member and project data.",
    ),
    (
        "Volunteers for harvest weekends",
        ("urban-gardening", "mutual-aid"),
        "Ten people for two weekends in September.",
    ),
    ("Childcare during assemblies", ("care-work",), ""),
    ("A van for deliveries", ("mobility", "food-sovereignty"), "Two days a week, with a driver."),
    (
        "Training in consent decision-making",
        ("sociocracy", "training"),
        "A six-session course for new circles.",
    ),
    ("Workshop space with a kiln", ("crafts", "venue"), "Saturdays, for groups of up to eight."),
    (
        "Stories from partnerships",
        ("research", "governance"),
        "Cases of what worked and what did not.",
    ),
)

CIRCLE_PHRASES = {
    "operations": "the day-to-day running of the organization",
    "finance": "the budget, the books and the yearly accounts",
    "tools": "the tools, software and equipment",
    "bookings": "bookings, rooms and the calendar",
    "programmes": "the organization's programmes",
    "training": "courses and trainers",
    "curriculum": "course materials and handbooks",
    "research": "research and case studies",
    "membership": "members and how they join",
    "onboarding": "welcoming new members",
    "member-care": "support for members in hard times",
    "solidarity-fund": "the solidarity fund",
    "outreach": "how the organization reaches the public",
    "newsletter": "the newsletter",
    "campaigns": "public campaigns",
    "partnerships": "relations with partner organizations",
    "production": "what the organization makes",
    "sourcing": "materials and suppliers",
    "workshop": "the workshop and its safety",
    "quality": "quality standards",
    "land": "the land the organization holds",
    "stewardship": "the care of land and buildings",
    "buildings": "buildings and their upkeep",
    "gardens": "the gardens",
    "care": "care among members",
    "care-rota": "the care rota",
    "wellbeing": "wellbeing and workload",
    "childcare": "childcare at events",
    "digital": "the digital infrastructure",
    "data": "member and project data",
    "website": "the website",
    "platform": "the shared online platform",
    "communications": "communications and the press",
    "events": "events and gatherings",
    "learning": "learning programmes",
    "projects": "projects with partners",
    "admin": "administration and finances",
    "infrastructure": "buildings, tools and software",
    "making": "making and repairing",
    "distribution": "getting products to people",
}
# Second-level circles and the third-level circles they may have.
AREAS = {
    "operations": ("finance", "tools", "bookings"),
    "programmes": ("training", "curriculum", "research"),
    "membership": ("onboarding", "member-care", "solidarity-fund"),
    "outreach": ("newsletter", "campaigns", "partnerships"),
    "production": ("sourcing", "workshop", "quality"),
    "land": ("stewardship", "buildings", "gardens"),
    "care": ("care-rota", "wellbeing", "childcare"),
    "digital": ("data", "website", "platform"),
}
# A second-level circle that split: dissolved, with these two successors.
SPLITS = {
    "outreach": ("communications", "events"),
    "programmes": ("learning", "projects"),
    "operations": ("admin", "infrastructure"),
    "production": ("making", "distribution"),
}
ROOTS = {
    "general": "General circle",
    "board": "Board",
    "members-council": "Members' council",
    "coordination": "Coordination circle",
}

# Space titles are `<adjective> <subject> <form>`; a subject brings its topics.
TITLE_ADJECTIVES = _words(
    "Shared Joint Regional Open Neighbourhood Peer Mutual Community Pilot Citywide"
)
SUBJECTS = {
    "facilitation": ("facilitation", "sociocracy"),
    "seed saving": ("seed-saving", "food-sovereignty"),
    "housing": ("affordable-housing", "community-land-trust"),
    "solar energy": ("renewable-energy",),
    "care work": ("care-work", "mutual-aid"),
    "bike repair": ("cycling", "repair"),
    "food distribution": ("food-sovereignty", "mutual-aid"),
    "open data": ("open-data", "interoperability"),
    "mediation": ("mediation", "conflict-resolution"),
    "tool lending": ("tools", "repair"),
    "textile reuse": ("textiles", "circular-economy"),
    "timber sourcing": ("timber", "land"),
    "youth exchange": ("youth-work", "education"),
    "elder support": ("elder-care", "care-work"),
    "water stewardship": ("water", "land"),
    "solidarity finance": ("solidarity-finance", "cooperative-development"),
    "community gardening": ("urban-gardening", "land"),
    "member training": ("training", "education"),
    "governance research": ("research", "governance"),
    "translation": ("translation",),
    "grant writing": ("fundraising",),
    "legal support": ("legal-support", "cooperative-development"),
    "bookkeeping": ("bookkeeping",),
    "delivery logistics": ("mobility",),
    "music teaching": ("music", "education"),
    "fisheries": ("fisheries", "water"),
    "health outreach": ("health",),
    "craft apprenticeships": ("crafts", "training"),
    "printing": ("media", "crafts"),
    "conflict coaching": ("conflict-resolution", "facilitation"),
}
TITLE_FORMS = _words(
    "roundtable lab pool exchange working-group pilot commons council network fund school "
    "notes forum studio alliance"
)

GOVERNANCE = (
    "Consent decision-making per the partnership protocol; the circles meet every six weeks, alternating who facilitates.",
    "Consent decision-making per the partnership protocol, with one delegate per partner and rounds in every decision.",
    "Consent decision-making in monthly online meetings; proposals are shared a week ahead.",
)
LOCAL_RULES = (
    "Decisions are taken only when at least two thirds of the partners are present.",
    "Minutes are published within a week.",
    "Every partner hosts a meeting in turn.",
    "Money decisions above 1,000 EUR need a second reading.",
)
AMENDMENTS = (
    "The third party is never a member of an organization in this space.",
    "The one-to-one ask is made by a member of another organization.",
    "Steps may happen online when travel is not possible.",
)
THIRD_PARTIES = (
    "Cooperative Futures Foundation",
    "City of Ghent",
    "Regional Energy Fund",
    "Open Society Commons Grant",
    "European Social Fund",
    "Neighbourhood Lottery",
)
CURRENCIES = ("EUR", "EUR", "EUR", "USD", "GBP", "CAD", "SEK")
STATUSES = {"active": 60, "forming": 15, "paused": 10, "concluded": 15}
LEVELS = {"project": 70, "board": 20, "department": 10}


# -- playbooks ------------------------------------------------------------------


@dataclass(frozen=True)
class PlaybookTemplate:
    """A playbook an organization can publish; `fork` when it adapts another one."""

    slug: str
    kind: str
    title: str
    summary: str
    parameters: Data
    steps: dict[str, str]  # title: what happens
    fork: bool = False


_DAYS = {"type": "number", "unit": "days"}
PLAYBOOKS = (
    PlaybookTemplate(
        "conflict-resolution",
        "conflict-resolution",
        "Conflict resolution",
        "Talk first, then bring in a third party both sides trust, then take it to each side's parent circle.",
        {
            "answer_days": {"title": "Days to answer a request to talk", **_DAYS},
            "third_party_days": {"title": "Days to agree on a third party", **_DAYS},
        },
        {
            "Conversation between the parties": "The person seeking resolution asks for a conversation, answered within {answer_days} days.",
            "A third party both consent to": "If talking does not resolve it, the parties agree within {third_party_days} days on a third person they both consent to.",
            "Escalation to the parent circles": "If it is still unresolved, each party takes the conflict to its own parent circle.",
            "When a party does not engage": "If a party does not answer within {answer_days} days, the person seeking resolution takes it to their own next-higher circle.",
        },
    ),
    PlaybookTemplate(
        "accountability",
        "accountability",
        "Accountability",
        "Ask one to one first; if someone stays away, suspend their consent rights and tell their home organization; welcome them back by consent.",
        {
            "answer_days": {"title": "Days to answer a one-to-one ask", **_DAYS},
            "awol_days": {"title": "Days absent without word before consent rights end", **_DAYS},
        },
        {
            "A one-to-one ask": "Another member asks what is going on; the member answers within {answer_days} days.",
            "Consent rights end, home organization informed": "After {awol_days} days absent without word, the space ends the member's consent rights and informs their home organization.",
            "Reinstatement by consent": "The member or a replacement rejoins with the consent of all current members, on re-entry terms agreed together.",
        },
    ),
    PlaybookTemplate(
        "mediated-conflict-resolution",
        "conflict-resolution",
        "Conflict resolution with mediation",
        "The protocol's conflict-resolution steps, with the third-party step turned into a short mediation.",
        {
            "answer_days": {"title": "Days to answer a request to talk", **_DAYS},
            "mediation_sessions": {
                "title": "Mediation sessions before escalating",
                "type": "number",
                "unit": "sessions",
            },
            "mediator_pool": {"title": "Where the mediator is chosen from", "type": "text"},
        },
        {
            "Conversation between the parties": "The other party answers a request to talk within {answer_days} days.",
            "Mediation": "The parties choose a mediator from {mediator_pool}, who holds up to {mediation_sessions} sessions.",
            "Escalation to the parent circles": "Without agreement, each party takes the conflict to its own parent circle.",
        },
        fork=True,
    ),
    PlaybookTemplate(
        "accountability-with-care",
        "accountability",
        "Accountability with a home-circle check-in",
        "The protocol's accountability steps, with a check-in by the member's home circle and a buddy on the way back.",
        {
            "answer_days": {"title": "Days to answer a one-to-one ask", **_DAYS},
            "awol_days": {"title": "Days absent without word before consent rights end", **_DAYS},
            "reentry_meetings": {
                "title": "Meetings with a buddy after rejoining",
                "type": "number",
                "unit": "meetings",
            },
        },
        {
            "A one-to-one ask": "Another member asks what is needed; the member answers within {answer_days} days.",
            "Check-in by the home circle": "Without an answer, the member's home circle is asked to get in touch.",
            "Consent rights end": "After {awol_days} days absent without word, consent rights end and the home organization is told in writing.",
            "Reinstatement by consent": "For the first {reentry_meetings} meetings after rejoining, a buddy helps the member catch up.",
        },
        fork=True,
    ),
)
PARAMETER_VALUES: dict[str, Sequence[Any]] = {
    "answer_days": range(5, 22),
    "third_party_days": range(14, 31),
    "awol_days": range(30, 91, 15),
    "mediation_sessions": range(2, 5),
    "reentry_meetings": range(1, 4),
    "mediator_pool": (
        "outside both organizations",
        "the regional mediators' network",
        "a partner organization not involved in the conflict",
    ),
}


# -- what is being built ------------------------------------------------------


@dataclass(frozen=True)
class _Org:
    """A planned organization. Its data is complete but for `participations`,
    which grow as the spaces that list it are planned."""

    id: str
    data: Data
    root: str
    active_circles: tuple[str, ...]
    basic_commitments: bool
    participations: list[Data] = field(default_factory=list)
    plugged: set[str] = field(default_factory=set)  # the playbook slots its spaces fill

    def commits_to(self, name: str) -> bool:
        return bool(self.data["commitments"].get(name))


@dataclass(frozen=True)
class _Playbook:
    id: str
    template: PlaybookTemplate
    data: Data


@dataclass(frozen=True)
class Summary:
    """What `write_directory` wrote."""

    organizations: int
    spaces: int
    playbooks: int
    files: int


class SynthError(Exception):
    """A request the generator refuses, with a message that says why."""


# -- the whole directory ------------------------------------------------------


def generate(orgs: int, spaces: int, seed: int = DEFAULT_SEED) -> dict[str, str]:
    """The files of a valid directory, by path relative to its root
    (`partners/<org>/...`), in a stable order."""
    if orgs < 1 or spaces < 0:
        raise SynthError("a directory needs at least one organization and no negative count")
    rng = random.Random(seed)
    planned = [_organization(rng, name, theme) for name, theme in _organization_names(rng, orgs)]
    playbooks = _playbooks(rng, planned)
    space_files = {}
    for host, titles in _hosted_titles(rng, planned, spaces):
        for title, subject in titles:
            slug = slugify(title)
            data = _space(rng, f"{host.id}/{slug}", title, subject, host, planned, playbooks)
            space_files[f"partners/{host.id}/spaces/{slug}.yml"] = data
    files = {}
    for org in planned:
        data = dict(org.data)
        data["commitments"] = data["commitments"] | dict.fromkeys(sorted(org.plugged), True)
        if org.participations:
            data["participations"] = sorted(org.participations, key=lambda p: p["space"])
        files[f"partners/{org.id}/organization.yml"] = _yaml("organization", 2, data)
    for playbook in playbooks:
        publisher, slug = playbook.id.split("/")
        files[f"partners/{publisher}/playbooks/{slug}.yml"] = _yaml("playbook", 3, playbook.data)
    for path, data in space_files.items():
        files[path] = _yaml("space", 3, data)
    return dict(sorted(files.items()))


SITE_NAME = "Synthetic directory"


def write_directory(outdir: Path, orgs: int, spaces: int, seed: int = DEFAULT_SEED) -> Summary:
    """Write a synthetic directory under `outdir/partners/`, with the settings, hooks
    and pages `ecotone init` writes, so that `mkdocs build -f outdir/mkdocs.yml`
    builds it. It refuses a partners/ folder that holds anything already, the
    project's own example directory, any site file that exists already, and a
    symbolic link on the way to any file, all before it writes the first."""
    _refuse_to_overwrite(outdir / "partners")
    site = init.site_files(SITE_NAME)
    existing = [name for name, _ in site if (outdir / name).exists()]
    if existing:
        raise SynthError(
            f"{outdir / existing[0]} already exists; synth never overwrites files. "
            "Give a new or empty folder."
        )
    files = generate(orgs, spaces, seed)
    refuse_links(outdir, [*files, *(name for name, _ in site)])
    for relative, text in [*files.items(), *site]:
        write_file(outdir, relative, text, replace=False)
    return Summary(
        organizations=sum(path.endswith("/organization.yml") for path in files),
        spaces=sum("/spaces/" in path for path in files),
        playbooks=sum("/playbooks/" in path for path in files),
        files=len(files),
    )


# The example directory of a source checkout (src/ecotone/commands/synth.py → the checkout).
_PROJECT_PARTNERS = Path(__file__).resolve().parents[3] / "partners"


def _refuse_to_overwrite(partners: Path) -> None:
    if partners.resolve() == _PROJECT_PARTNERS:
        raise SynthError(f"{partners} is the project's own example directory; give another folder.")
    if partners.is_symlink() or (
        partners.exists() and (not partners.is_dir() or any(partners.iterdir()))
    ):
        raise SynthError(
            f"{partners} already exists and is not empty; synth never overwrites files. "
            "Give a new or empty folder."
        )


# -- names ----------------------------------------------------------------------


def _distinct(candidates: Sequence[str], count: int, what: str) -> list[str]:
    """The first `count` candidates, leaving out each one that the duplicate rules
    (W604, W605) would take for a repeat of an earlier candidate."""
    pool = min(len(candidates), count + count // 4 + 8)
    while True:
        indexed = list(enumerate(candidates[:pool]))
        repeats = {second[0] for _, second in similar_pairs(indexed, lambda item: item[1])}
        kept = [name for index, name in indexed if index not in repeats]
        if len(kept) >= count:
            return kept[:count]
        if pool == len(candidates):
            raise SynthError(f"the word lists give only {len(kept)} distinct {what}; ask for fewer")
        pool = min(len(candidates), pool * 2)


def _organization_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` distinct organization names, each with its theme."""
    themes = {
        f"{place} {theme} {kind}": theme for place in PLACES for theme in THEMES for kind in KINDS
    }
    candidates = list(themes)
    rng.shuffle(candidates)
    return [(name, themes[name]) for name in _distinct(candidates, count, "organization names")]


def _space_titles(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` distinct space titles for one host, each with its subject."""
    subjects = sorted(SUBJECTS)
    combinations = len(TITLE_ADJECTIVES) * len(subjects) * len(TITLE_FORMS)
    subject_of = {}
    for index in rng.sample(range(combinations), min(combinations, 2 * count + 8)):
        adjective, rest = divmod(index, len(subjects) * len(TITLE_FORMS))
        subject, form = divmod(rest, len(TITLE_FORMS))
        title = f"{TITLE_ADJECTIVES[adjective]} {subjects[subject]} {TITLE_FORMS[form]}"
        subject_of[title.replace("-", " ")] = subjects[subject]
    titles = _distinct(list(subject_of), count, "space titles for one host")
    return [(title, subject_of[title]) for title in titles]


def _hosted_titles(
    rng: random.Random, planned: Sequence[_Org], spaces: int
) -> Iterator[tuple[_Org, list[tuple[str, str]]]]:
    """Which organizations host how many of the spaces: some host many, most a few."""
    weights = [rng.choice((0.3, 1, 1, 2, 4)) for _ in planned]
    counts: dict[int, int] = {}
    for index in rng.choices(range(len(planned)), weights, k=spaces):
        counts[index] = counts.get(index, 0) + 1
    for index in sorted(counts):
        yield planned[index], _space_titles(rng, counts[index])


def _prose(*paragraphs: str) -> str:
    """Markdown paragraphs wrapped the way people write them, for a literal block."""
    return "\n\n".join(textwrap.fill(p, 78, break_on_hyphens=False) for p in paragraphs) + "\n"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _day(offset: int) -> str:
    """A date `offset` days from the reference date, as the files write it."""
    return (REFERENCE_DATE + timedelta(days=offset)).isoformat()


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _exchanges(rng: random.Random, count: int) -> list[Data]:
    items = []
    for title, topics, details in rng.sample(EXCHANGES, count):
        item: Data = {"title": title, "topics": list(topics)}
        if details:
            item["details"] = details
        items.append(item)
    return items


# -- organizations ------------------------------------------------------------


def _organization(rng: random.Random, name: str, theme: str) -> _Org:
    org_id = slugify(name)
    place, kind = name.split()[0], name.split()[-1]
    circles, root = _circle_tree(rng)
    topics = [*THEMES[theme], *rng.sample(SHARED_TOPICS, rng.randint(0, 2))]
    commitments, basic = _commitments(rng)
    data: Data = {
        "name": name,
        "summary": rng.choice(SUMMARIES).format(
            kind=kind.lower(),
            place=place,
            what=" and ".join(topics[:2]).replace("-", " "),
            Name=name,
        ),
    }
    if rng.random() < 0.7:
        data["description"] = _description(rng, org_id, circles[root]["name"])
    data["website"] = f"https://{org_id}.example.org"
    data["location"] = rng.choice(LOCATIONS)
    data["contact"] = {"name": "Partnerships circle", "email": f"partners@{org_id}.example.org"}
    handles = {slugify(_person(rng)) for _ in range(rng.randint(1, 3))}
    data["maintainers"] = sorted(handles)
    data["topics"] = list(dict.fromkeys(topics))
    data["commitments"] = commitments
    for key in ("offers", "needs"):
        if count := rng.randint(0, 3):
            data[key] = _exchanges(rng, count)
    data["circles"] = circles
    active = tuple(cid for cid, circle in circles.items() if circle.get("status") != "dissolved")
    return _Org(org_id, data, root, active, basic)


def _description(rng: random.Random, org_id: str, root_name: str) -> str:
    paragraphs = rng.sample(PARAGRAPHS, 2)
    return _prose(*(p.format(root=root_name.lower(), id=org_id) for p in paragraphs))


def _commitments(rng: random.Random) -> tuple[Data, bool]:
    """The commitments and whether all basic ones are made; most organizations make them."""
    commitments: Data = dict.fromkeys(Commitments.BASIC, True)
    basic = rng.random() < 0.85
    if not basic:  # usually not yet ready to publish its data in the shared formats
        commitments[rng.choice(("interoperable_data", "shared_communication"))] = False
    for name in Commitments.ENHANCING:
        draw = rng.random()
        if draw < 0.6:
            commitments[name] = True
        elif draw < 0.75:
            commitments[name] = False
    return commitments, basic


def _circle(circle_id: str, parent: str | None) -> Data:
    phrase = CIRCLE_PHRASES[circle_id]
    circle = {
        "name": circle_id.replace("-", " ").capitalize() + " circle",
        "aim": f"Take good care of {phrase}.",
        "domain": f"Decisions about {phrase}, within the aims the parent circle sets.",
    }
    if parent:
        circle["parent"] = parent
    return circle


def _circle_tree(rng: random.Random) -> tuple[Data, str]:
    """Three levels of circles under one root. Sometimes a second-level circle has
    split (dissolved, its sub-circles moved to its two successors) and sometimes
    two third-level circles have merged (one dissolved into the other)."""
    root = rng.choice(sorted(ROOTS))
    circles: Data = {
        root: {
            "name": ROOTS[root],
            "aim": "Hold the organization's aim and link its circles.",
            "domain": "Strategy, the yearly budget and the aims and domains of the circles.",
            "conflicts_go_to": rng.choice(CONFLICTS_GO_TO),
        }
    }
    areas = rng.sample(sorted(AREAS), rng.randint(2, 4))
    split = next((area for area in areas if area in SPLITS), None) if rng.random() < 0.25 else None
    for area in areas:
        children = rng.sample(AREAS[area], rng.randint(0, 3))
        if area == split:
            successors = SPLITS[area]
            circles[area] = {
                **_circle(area, root),
                "status": "dissolved",
                "successors": list(successors),
            }
            circles.update((successor, _circle(successor, root)) for successor in successors)
            parents = [successors[i % 2] for i in range(len(children))]
        else:
            circles[area] = _circle(area, root)
            parents = [area] * len(children)
        circles.update(
            (child, _circle(child, parent)) for child, parent in zip(children, parents, strict=True)
        )
        if len(children) >= 2 and rng.random() < 0.15:
            circles[children[-1]].update(status="dissolved", successors=[children[0]])
    return circles, root


# -- playbooks ------------------------------------------------------------------


def _playbooks(rng: random.Random, planned: Sequence[_Org]) -> list[_Playbook]:
    """A few organizations publish the protocol's playbooks; a few others fork them."""
    originals = [template for template in PLAYBOOKS if not template.fork]
    forks = [template for template in PLAYBOOKS if template.fork]
    publishers = max(1, len(planned) // 25)
    forkers = max(1, len(planned) // 20) if len(planned) > 1 else 0
    published = [
        _playbook(rng, org, template, None)
        for org in planned[:publishers]
        for template in originals
    ]
    for org in planned[publishers : publishers + forkers]:
        for template in rng.sample(forks, rng.randint(1, len(forks))):
            parent = rng.choice([p for p in published if p.template.kind == template.kind])
            published.append(_playbook(rng, org, template, parent.id))
    return published


def _playbook(
    rng: random.Random, org: _Org, template: PlaybookTemplate, forked_from: str | None
) -> _Playbook:
    data: Data = {
        "title": f"{template.title} ({org.data['name']})",
        "kind": template.kind,
        "summary": template.summary,
    }
    if forked_from:
        data["forked_from"] = forked_from
    else:
        data["source"] = {
            "title": "Towards a governance protocol for inter-organizational collaboration (draft)",
            "url": f"https://{org.id}.example.org/protocol",
        }
    data["parameters"] = template.parameters
    data["steps"] = [
        {"title": title, "description": text} for title, text in template.steps.items()
    ]
    change = f"Forked from {forked_from}." if forked_from else "First published."
    published = -rng.randint(100, 700) if forked_from else -rng.randint(800, 1500)
    data["history"] = [{"date": _day(published), "change": change}]
    return _Playbook(f"{org.id}/{template.slug}", template, data)


# -- spaces ---------------------------------------------------------------------


def _space(
    rng: random.Random,
    space_id: str,
    title: str,
    subject: str,
    host: _Org,
    planned: Sequence[_Org],
    playbooks: Sequence[_Playbook],
) -> Data:
    status = _weighted(rng, STATUSES)
    collaboration = host.basic_commitments and rng.random() < 0.65
    level = _weighted(rng, LEVELS) if collaboration else None
    data: Data = {
        "title": title,
        "mode": "collaboration" if collaboration else "information-sharing",
        "status": status,
        "host_circle": host.root if level == "board" else rng.choice(host.active_circles),
        "topic": f"{subject.capitalize()} across organizations",
        "aim": f"Move {subject} forward together, so that each partner does less alone "
        "and learns more from the others.",
    }
    if rng.random() < 0.6:
        data["description"] = _prose(
            f"Partners meet here about {subject}. Each brings what it knows and what it "
            "needs; the space keeps notes that every partner can use.",
            "New partners join by consent of all current members.",
        )
    data["topics"] = list(dict.fromkeys([*SUBJECTS[subject], *rng.sample(SHARED_TOPICS, 1)]))
    participants = _participants(rng, space_id, host, planned)
    if collaboration:
        data["level"] = level
        data["domain"] = (
            f"How the partners organize {subject}: shared standards, the calendar "
            "and the space's budget."
        )
    else:
        data["venue"] = rng.choice(("hosting-circle", "extra-space"))
        data["direction"] = _direction(rng, len(participants))
    data["term"] = _term(rng, status)
    data["open_to_new_partners"] = status in ("forming", "active") and rng.random() < 0.5
    if participants:
        data["participants"] = participants
    if data["open_to_new_partners"] and rng.random() < 0.6:
        data["seeking"] = _exchanges(rng, rng.randint(1, 2))
    if collaboration and (host.commits_to("transparent_budgets") or rng.random() < 0.5):
        data["budget"] = _budget(rng, participants)
    elif not collaboration and rng.random() < 0.3:  # no budget (E207); how it shares
        data.setdefault("description", "Notes are shared after each meeting.")
    if collaboration:
        data["social_contract"] = _social_contract(rng, host, playbooks)
    if rng.random() < 0.5:
        data["contact"] = {"name": "Hosting circle", "email": f"spaces@{host.id}.example.org"}
    data["history"] = _history(rng, data["term"]["start"], len(participants))
    return data


def _participants(
    rng: random.Random, space_id: str, host: _Org, planned: Sequence[_Org]
) -> list[Data]:
    """Other organizations listed by the host; most acknowledge the space in their own
    file (a confirmed participation), the rest are invitations."""
    wanted = rng.choices(range(6), (2, 5, 5, 3, 2, 1))[0]
    drawn = rng.sample(planned, min(len(planned), wanted + 1))
    chosen = [
        org for org in drawn if org is not host and len(org.participations) < MAX_PARTICIPATIONS
    ]
    participants = []
    for org in chosen[:wanted]:
        circle = None if rng.random() < 0.15 else rng.choice(org.active_circles)
        entry: Data = {"organization": org.id, "role": "representative" if circle else "free-agent"}
        if circle:
            entry["circle"] = circle
        if rng.random() < 0.4:
            entry["person"] = _person(rng)
        participants.append(entry)
        if rng.random() < 0.85:
            org.participations.append({"space": space_id, **({"circle": circle} if circle else {})})
    return participants


def _direction(rng: random.Random, participants: int) -> str:
    """Multi-directional sharing needs more than two partnering circles."""
    if participants >= 2:
        return rng.choice(("multi-directional", "multi-directional", "one-directional"))
    if participants == 1:
        return rng.choice(("bi-directional", "one-directional"))
    return "one-directional"


def _term(rng: random.Random, status: str) -> Data:
    """A term that is consistent with the status on the reference date: a running
    space has not ended and is not overdue for review; a concluded one has ended."""
    if status == "concluded":
        start = -rng.randint(400, 1500)
        end = start + rng.randint(90, 360)
        term: Data = {"start": _day(start), "end": _day(end)}
        if rng.random() < 0.5:
            term["review"] = _day(rng.randint(start, end))
        return term
    start = rng.randint(1, 120) if status == "forming" else -rng.randint(30, 1500)
    earliest = max(start, 0) + 1
    term = {"start": _day(start)}
    if rng.random() < 0.55:
        term["ongoing"] = True
        review = earliest + rng.randint(0, 365)
    else:
        end = earliest + rng.randint(60, 720)
        term["end"] = _day(end)
        review = rng.randint(earliest, end)
    if rng.random() < 0.9:
        term["review"] = _day(review)
    return term


def _budget(rng: random.Random, participants: Sequence[Data]) -> list[Data]:
    items: list[Data] = []
    if rng.random() < 0.7:
        items.append(
            {
                "from": "host",
                "kind": "money",
                "amount": rng.randrange(500, 20001, 500),
                "currency": rng.choice(CURRENCIES),
                "period": rng.choice(("per year", "once", "per month")),
                "description": "Coordination and materials.",
            }
        )
    if not items or rng.random() < 0.5:
        items.append(
            {"from": "host", "kind": "in-kind", "description": "A meeting room and the minutes."}
        )
    if participants and rng.random() < 0.6:
        partner = rng.choice(participants)["organization"]
        items.append(
            {
                "from": "partner",
                "organization": partner,
                "kind": "in-kind",
                "description": "Two people, one day a month.",
            }
        )
    if rng.random() < 0.25:
        items.append(
            {
                "from": "third-party",
                "name": rng.choice(THIRD_PARTIES),
                "kind": "money",
                "amount": rng.randrange(1000, 50001, 1000),
                "currency": rng.choice(CURRENCIES),
                "period": "per year",
                "description": "A grant for the space's shared work.",
            }
        )
    return items


def _social_contract(rng: random.Random, host: _Org, playbooks: Sequence[_Playbook]) -> Data:
    """Governance, and playbooks plugged in with every parameter bound; a host that
    committed to conflict resolution or accountability always plugs that one in, and
    a host that plugs one in makes the commitment (E508), written with its file."""
    contract: Data = {"governance": rng.choice(GOVERNANCE)}
    for kind in ("conflict-resolution", "accountability"):
        slot = kind.replace("-", "_")
        if host.commits_to(slot) or rng.random() < 0.5:
            host.plugged.add(slot)
            playbook = rng.choice([p for p in playbooks if p.template.kind == kind])
            contract[slot] = _slot(rng, playbook)
    if rng.random() < 0.4:
        contract["rules"] = rng.sample(LOCAL_RULES, rng.randint(1, 2))
    return contract


def _slot(rng: random.Random, playbook: _Playbook) -> Data:
    slot: Data = {
        "playbook": playbook.id,
        "parameters": {
            name: rng.choice(PARAMETER_VALUES[name]) for name in playbook.template.parameters
        },
    }
    if rng.random() < 0.2:
        slot["amendments"] = [rng.choice(AMENDMENTS)]
    return slot


def _history(rng: random.Random, start: str, participants: int) -> list[Data]:
    began = date.fromisoformat(start)
    if began > REFERENCE_DATE:
        return [{"date": _day(-rng.randint(1, 60)), "change": "Proposed by the hosting circle."}]
    history = [{"date": start, "change": "Started by the hosting circle."}]
    days_since = (REFERENCE_DATE - began).days
    if participants and days_since > 1:
        joined = began + timedelta(days=rng.randint(1, days_since))
        history.append({"date": joined.isoformat(), "change": "New partners joined by consent."})
    return history


# -- writing YAML -------------------------------------------------------------

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_NO_WRAP = 10_000  # one line per value, as people write them; markdown is wrapped by `_prose`


class _Dumper(yaml.CSafeDumper):
    """libyaml's emitter (ten times faster than PyYAML's, which matters at thousands
    of files) in block style; text with line breaks as a literal block; never an
    anchor, which the loader refuses. Dates are written plain, as people write
    them: Ecotone's loader reads them as text, so the quotes YAML 1.1's timestamp
    rule would ask for are only noise."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.CSafeDumper.yaml_implicit_resolvers.items()
    }

    def ignore_aliases(self, data: object) -> bool:
        return True


def _represent_text(dumper: yaml.CSafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)


def _yaml(kind: str, depth: int, data: Data) -> str:
    """A file's text: the editor's schema modeline, then the data."""
    modeline = f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json\n"
    return modeline + yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=_NO_WRAP
    )
