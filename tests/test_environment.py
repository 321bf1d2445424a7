"""The Jinja environment: how a value reaches a page (escaped once, its line breaks
as character references), and the macros a family of entry pages shares, which
reuse a call's markup without ever changing what a page shows."""

from __future__ import annotations

from importlib import resources

import pytest
from conftest import Tree
from jinja2 import Environment, FileSystemLoader, FunctionLoader
from markupsafe import Markup

from ecotone.model import Directory
from ecotone.render import theme
from ecotone.render.environment import CompiledTemplates, Renderer, SharedMacros

ROOT = "../../"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Seeds & soil", "Seeds &amp; soil"),
        ('<b class="x">', "&lt;b class=&#34;x&#34;&gt;"),
        ("one\ntwo\r\nthree\tfour", "one&#10;two&#13;&#10;three&#9;four"),
        ("<i>\n", "&lt;i&gt;&#10;"),
        (Markup("<i>x</i>"), "<i>x</i>"),
        (Markup("<i>\n</i>"), "<i>&#10;</i>"),
        (7, "7"),
    ],
)
def test_a_value_is_escaped_once_with_its_line_breaks_as_references(
    value: object, shown: str
) -> None:
    assert Renderer().environment.from_string("{{ value }}").render(value=value) == shown


def shared(directory: Directory) -> SharedMacros:
    return SharedMacros(Renderer(), "_macros.html", root=ROOT, directory=directory)


def test_a_shared_macro_makes_the_markup_of_the_imported_macro(minimal: Tree) -> None:
    directory = minimal.validate().directory
    imported = Renderer().environment.from_string(
        '{% import "_macros.html" as m with context %}{{ m.org_link("alpha") }}'
    )
    assert shared(directory).org_link("alpha") == imported.render(root=ROOT, directory=directory)


def test_a_shared_macro_reuses_the_markup_of_a_call_made_before(minimal: Tree) -> None:
    macros = shared(minimal.validate().directory)
    assert macros.org_link("alpha") is macros.org_link("alpha")
    assert macros.org_link("beta") != macros.org_link("alpha")


def test_a_shared_macro_whose_calls_do_not_recur_is_no_longer_remembered(minimal: Tree) -> None:
    macros = shared(minimal.validate().directory)
    for number in range(1000):  # each a page's own note, asked for once
        macros.text(f"note {number}")
    assert macros.text("again") is not macros.text("again")
    assert macros.text("again") == macros.text("again")


def test_a_shared_macro_whose_calls_recur_stays_remembered(minimal: Tree) -> None:
    macros = shared(minimal.validate().directory)
    for number in range(1000):
        macros.text(f"note {number}")
        macros.text("on every page")
    assert macros.text("again") is macros.text("again")


def test_markup_and_the_equal_plain_text_do_not_share_a_result(minimal: Tree) -> None:
    macros = shared(minimal.validate().directory)
    assert macros.text(Markup("<em>x</em>")) == '<p class="eco-text"><em>x</em></p>'
    assert macros.text("<em>x</em>") == '<p class="eco-text">&lt;em&gt;x&lt;/em&gt;</p>'


def test_a_shared_macro_renders_a_call_with_an_unhashable_argument(minimal: Tree) -> None:
    macros = shared(minimal.validate().directory)
    assert macros.topics(["soil", "seeds"]) == macros.topics(("soil", "seeds"))
    assert "<li>seeds</li>" in macros.topics(["soil", "seeds"])


def test_a_template_compiled_by_one_build_is_not_compiled_again_by_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled = CompiledTemplates()
    Renderer(compiled).environment.get_template("_macros.html")
    compilations: list[str | None] = []
    compile_source = Environment.compile

    def counted(self: Environment, source: str, name: str | None = None, *args: object) -> object:
        compilations.append(name)
        return compile_source(self, source, name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Environment, "compile", counted)
    Renderer(compiled).environment.get_template("_macros.html")

    assert compilations == []


def test_a_template_edited_between_builds_is_compiled_again() -> None:
    compiled, sources = CompiledTemplates(), {"page.html": "before"}
    first = Environment(loader=FunctionLoader(lambda name: sources[name]), bytecode_cache=compiled)
    assert first.get_template("page.html").render() == "before"
    sources["page.html"] = "after"

    second = Environment(loader=FunctionLoader(lambda name: sources[name]), bytecode_cache=compiled)

    assert second.get_template("page.html").render() == "after"


def test_the_themes_templates_compiled_ahead_hold_the_sites_language_and_english() -> None:
    env = Environment(loader=FileSystemLoader(str(resources.files("material") / "templates")))
    names = theme.page_templates(env, "fr")
    languages = {name for name in names if name.startswith("partials/languages/")}
    assert languages == {"partials/languages/fr.html", "partials/languages/en.html"}
    assert {"main.html", "base.html", "partials/nav-item.html"} <= set(names)
