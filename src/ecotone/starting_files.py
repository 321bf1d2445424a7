"""Starting files: the commented, valid file `ecotone new` writes for a new entry,
from the protocol's blueprint, and the same file with its values left blank, which
the site's proposal links open. Made from the model, beneath the commands and the
site data, which both use it (so that the site data imports no command)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ecotone.load.directory import Kind
from ecotone.load.positions import Source
from ecotone.load.safe_yaml import LoadError, parse
from ecotone.model import PLAYBOOK_KINDS, Directory, Organization, Playbook
from ecotone.text import yaml_quoted

if TYPE_CHECKING:
    import jinja2

Values = Mapping[str, str]
Render = Callable[..., str]  # a template's name and its context: the file's text


def handles(value: str) -> list[str]:
    """Handles as people type them: separated by spaces or commas, with or without the @."""
    return [handle.removeprefix("@") for handle in re.split(r"[\s,]+", value) if handle]


def active_circles(values: Values, directory: Directory) -> Sequence[str]:
    """The circles of the organization `values` name that are not dissolved."""
    org = directory.organization(values.get("org"))
    return [circle.id for circle in org.circles if not circle.dissolved] if org else []


def yaml_scalar(value: object) -> str:
    """A value as a YAML scalar that reads back as the same value: plain where that
    is safe, double-quoted otherwise; nothing for None, a blank left to fill in.
    Every value a template writes passes here."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, int | float) or _reads_back(text):
        return text
    return yaml_quoted(text)


def _reads_back(text: str) -> bool:
    """Whether `text` reads back as itself written plain."""
    if "\n" in text:
        return False
    try:
        return parse(Source("value", f"value: {text}\n")) == {"value": text}
    except LoadError:
        return False


def file_templates(loader: jinja2.BaseLoader | None = None, *, yaml: bool) -> jinja2.Environment:
    """The Jinja environment for the files Ecotone writes, which are not web pages
    (`ecotone new`'s, `ecotone init`'s): for YAML, every value written passes
    through `yaml_scalar`, so none needs quoting by hand; for text (Markdown, a
    Makefile), values are written as they are, and the `yaml` filter quotes one for
    front matter."""
    import jinja2  # here, not above: every `ecotone` command imports this module

    environment = jinja2.Environment(
        loader=loader,
        autoescape=False,  # not HTML: text the directory's owners write themselves
        finalize=yaml_scalar if yaml else None,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["yaml"] = yaml_scalar
    return environment


@dataclass(frozen=True)
class NewFile:
    """A rendered starting file, not yet written: where it goes and what it says."""

    file: str
    kind: Kind
    entry_id: str
    text: str
    next_steps: tuple[str, ...]


class StartingFiles:
    """Makes starting files from `templates/new/`: one for each command run or build,
    so that its compiled templates last that long only."""

    def __init__(self) -> None:
        import jinja2  # see file_templates

        self._templates = file_templates(
            jinja2.PackageLoader("ecotone", "templates/new"), yaml=True
        )

    def make(self, what: str, values: Values, directory: Directory, start: date | None) -> NewFile:
        """The starting file for `what` (`organization`, a space's mode or `playbook`)
        with `values`, not yet checked against its schema."""
        return _MAKERS[what](self._render, values, directory, start)

    def blank(self, what: str, directory: Directory, host: str | None = None) -> NewFile:
        """A starting file with its values left blank, for a proposal made on GitHub's
        website: the same comments and defaults, and the pull request's checks point at
        each blank to fill in (the dates too). `host` names a space's organization."""
        org = host or "your-organization"
        values = {"org": org, "slug": "new-space", "mode": what}
        return self.make(what, values, directory, None)

    def _render(self, template: str, **context: object) -> str:
        text = self._templates.get_template(template).render(**context)
        return "".join(line.rstrip() + "\n" for line in text.splitlines())  # blanks leave no spaces


def _organization(
    render: Render, values: Values, directory: Directory, start: date | None
) -> NewFile:
    org = values["org"]
    file = f"partners/{org}/organization.yml"
    text = render(
        "organization.yml.j2",
        org=org,
        name=values.get("name"),
        summary=values.get("summary"),
        maintainers=handles(values.get("maintainers", "")) or [None],
    )
    return NewFile(
        file,
        Kind.ORGANIZATION,
        org,
        text,
        (
            f"Read {file} from top to bottom and make it yours: the comments explain each "
            "field. Add your circles, and uncomment what you want to show.",
            "Run `ecotone validate` and fix anything it reports.",
            "Run `ecotone codeowners`, so that your maintainers own your folder.",
            f"Commit {file} and .github/CODEOWNERS, and open a pull request.",
        ),
    )


def _space(render: Render, values: Values, directory: Directory, start: date | None) -> NewFile:
    host = directory.organization(values["org"])
    circle = host.circle(values.get("host_circle")) if host else None
    entry_id = f"{values['org']}/{values['slug']}"
    file = f"partners/{values['org']}/spaces/{values['slug']}.yml"
    text = render(
        f"{values['mode']}.yml.j2",
        host_name=host.name if host else "your organization",
        host_circle=circle.id if circle else None,
        circles=None if circle or not host else _some(active_circles(values, directory)),
        slug=values["slug"],
        circle_name=circle.name if circle else "Hosting circle",
        title=values.get("title"),
        aim=values.get("aim"),
        domain=values.get("domain"),
        start=start.isoformat() if start else None,
        review=_a_year_after(start).isoformat() if start else None,
        slots=_slots(directory),
    )
    return NewFile(
        file,
        Kind.SPACE,
        entry_id,
        text,
        (
            f"Read {file} from top to bottom and make it yours: the comments walk you "
            "through the blueprint.",
            "List your partners under `participants:`. Each is shown as invited until it "
            f"adds `- space: {entry_id}` under `participations:` in its own organization.yml.",
            "Run `ecotone validate` and fix anything it reports.",
            f"Commit {file} and open a pull request.",
        ),
    )


@dataclass(frozen=True)
class _Slot:
    """A social-contract slot as the collaboration template shows it."""

    field: str
    kind: str
    example: Playbook | None
    listing: str


def _slots(directory: Directory) -> list[_Slot]:
    slots = []
    for kind in PLAYBOOK_KINDS:
        fitting = [p for p in directory.playbooks if p.kind == kind]
        example = fitting[0] if fitting else None
        slots.append(_Slot(kind.replace("-", "_"), kind, example, _some([p.id for p in fitting])))
    return slots


def _some(ids: Sequence[str], limit: int = 8) -> str:
    """A few identifiers for a comment, so that a large directory does not flood the file."""
    more = len(ids) - limit
    return ", ".join(ids[:limit]) + (f", and {more} more on the site" if more > 0 else "")


def _a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _playbook(render: Render, values: Values, directory: Directory, start: date | None) -> NewFile:
    publisher: Organization | None = directory.organization(values["org"])
    assert publisher is not None  # checked by `gather`
    kind = values["kind"]
    file = f"partners/{publisher.id}/playbooks/{values['slug']}.yml"
    text = render(
        f"playbook-{kind}.yml.j2",
        publisher_name=publisher.name,
        title=values["title"],
        others=_some([p.id for p in directory.playbooks if p.kind == kind]),
    )
    return NewFile(
        file,
        Kind.PLAYBOOK,
        f"{publisher.id}/{values['slug']}",
        text,
        (
            f"Read {file} and adapt the steps and their blanks to your practice.",
            "Run `ecotone validate` and fix anything it reports.",
            f"Commit {file} and open a pull request. Spaces can then plug it in as "
            f"`playbook: {publisher.id}/{values['slug']}`.",
        ),
    )


_MAKERS: Mapping[str, Callable[[Render, Values, Directory, date | None], NewFile]] = {
    "organization": _organization,
    "collaboration": _space,
    "information-sharing": _space,
    "playbook": _playbook,
}
