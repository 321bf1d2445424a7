"""Names nobody can impersonate: look-alike names are errors on the look-alike,
and names hold no invisible or reordering characters."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from builders import TODAY, Builder

from ecotone.validate.rules.lookalikes import _prototypes, exact_skeleton, skeleton
from ecotone.validate.run import validate_directory

GENUINE = "Common Table Food Co-op"
FORGED = GENUINE.replace("o", "\u043e")  # every o a Cyrillic o


def problems(root: Path, code: str) -> list[tuple[str, str]]:
    report = validate_directory(root, TODAY)
    return [(p.file, p.message) for p in report.problems if p.code == code]


def test_a_name_in_look_alike_letters_has_the_genuine_names_skeleton() -> None:
    assert FORGED != GENUINE
    assert skeleton(FORGED) == skeleton(GENUINE)


def test_ascii_is_mapped_as_the_whole_table_maps_it() -> None:
    printable = "".join(map(chr, range(0x21, 0x7F)))  # no space: spacing is folded
    mapped = "".join(_prototypes().get(c, c) for c in printable)
    assert exact_skeleton(printable) == unicodedata.normalize("NFD", mapped)


def test_a_look_alike_name_is_an_error_on_the_look_alike_naming_both_files(
    tmp_path: Path,
) -> None:
    build = Builder(tmp_path)
    build.organization("common-table", name=GENUINE)
    build.organization("impostor", name=FORGED)
    [(file, message)] = problems(tmp_path, "E606")
    assert file == "partners/impostor/organization.yml"
    assert "partners/common-table/organization.yml" in message


def test_a_bidi_control_in_a_name_is_refused(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("a", name="Food \u202epo-oC")
    [(_, message)] = problems(tmp_path, "E208")
    assert "U+202E" in message


def test_a_bidi_control_in_a_persons_name_is_refused(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("a")
    build.organization("b", joins=["a/lab"])
    participant = {"organization": "b", "role": "representative", "circle": "general"}
    build.space("a/lab", participants=[participant | {"person": "Ana \u202eLopez"}])
    [(_, message)] = problems(tmp_path, "E208")
    assert "U+202E" in message


def test_a_zero_width_space_in_a_third_partys_name_is_refused(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("a")
    line = {"from": "third-party", "name": "City\u200b Fund", "kind": "in-kind"}
    build.space("a/lab", budget=[line | {"description": "Rooms."}])
    [(_, message)] = problems(tmp_path, "E208")
    assert "U+200B" in message


def test_a_joiner_between_letters_is_part_of_a_name(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("a", name="\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")
    assert problems(tmp_path, "E208") == []


def test_capitals_of_another_script_have_the_latin_capitals_skeleton() -> None:
    for genuine, forged in (
        ("Hope Table", "\u041dope \u0422able"),  # Cyrillic En and Te
        ("ACME", "\u0410\u0421\u041c\u0415"),  # Cyrillic A, Es, Em, Ie
        ("ABE", "\u0391\u0392\u0395"),  # Greek Alpha, Beta, Epsilon
    ):
        assert skeleton(forged) == skeleton(genuine), forged


def test_a_name_in_look_alike_capitals_is_an_error(tmp_path: Path) -> None:
    """All in one script, neither name is the mixed one: both files are named."""
    build = Builder(tmp_path)
    build.organization("acme", name="ACME")
    build.organization("impostor", name="\u0410\u0421\u041c\u0415")
    files = {file for file, _ in problems(tmp_path, "E606")}
    assert "partners/impostor/organization.yml" in files


def test_names_that_differ_in_case_and_look_are_not_look_alikes(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("i", name="I")  # I's prototype is l, whose capital is L
    build.organization("l", name="L")
    assert problems(tmp_path, "E606") == []


def test_a_capital_i_for_a_small_l_is_a_look_alike(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("alba", name="Alba Commons")
    build.organization("aiba", name="AIba Commons")
    assert [file for file, _ in problems(tmp_path, "E606")] == [
        "partners/aiba/organization.yml",
        "partners/alba/organization.yml",
    ]


def space_title_problems(root: Path) -> list[tuple[str, str]]:
    return [(file, message.split(" looks like ")[1]) for file, message in problems(root, "E607")]


def test_spaces_of_one_title_are_not_look_alikes_of_each_other(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    for host in ("alpha", "beta", "gamma"):
        build.organization(host)
        build.space(f"{host}/garden", title="Community Garden")
    build.space("gamma/loud-garden", title="COMMUNITY  GARDEN")
    assert space_title_problems(tmp_path) == []


def test_a_look_alike_title_is_named_beside_the_first_title_it_imitates(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    for host in ("alpha", "beta", "gamma"):
        build.organization(host)
        build.space(f"{host}/garden", title="Community Garden")
    build.space("gamma/forged", title="Community G\u0430rden")  # a Cyrillic a
    assert space_title_problems(tmp_path) == [
        ("partners/gamma/spaces/forged.yml", "the title of alpha/garden ('Community Garden', "
         "in partners/alpha/spaces/garden.yml) but is written with other characters."),
    ]  # fmt: skip


def test_titles_that_read_alike_in_ascii_are_look_alikes_of_each_other(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    for host in ("alpha", "beta"):
        build.organization(host)
    build.space("alpha/garden", title="Community Garden")
    build.space("alpha/loud-garden", title="COMMUNITY GARDEN")
    build.space("beta/garden", title="Cornmunity Garden")  # rn for m
    assert [file for file, _ in space_title_problems(tmp_path)] == [
        "partners/alpha/spaces/garden.yml",
        "partners/alpha/spaces/loud-garden.yml",
        "partners/beta/spaces/garden.yml",
    ]
