"""`ecotone validate`: exit codes, the three output formats, and a run that
writes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Tree
from site_helpers import TODAY as SHARED_TODAY

from ecotone.commands.cli import main
from ecotone.validate.cache import CACHE_FOLDER

ECOTONE = str(Path(sys.executable).with_name("ecotone"))  # the installed command
TODAY = SHARED_TODAY.isoformat()
ALPHA = "partners/alpha/organization.yml"
LAB = "partners/alpha/spaces/lab.yml"
BETA = "partners/beta/organization.yml"
GARDEN = "partners/beta/spaces/garden.yml"


def ecotone(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ECOTONE, *map(str, args)], capture_output=True, text=True, timeout=60, check=False
    )


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """`ecotone` run in this process: its exit code, standard output and error."""
    try:
        code = main([str(arg) for arg in args])
    except SystemExit as exit:  # argparse's way out on bad usage
        code = exit.code  # type: ignore[assignment]
    out, err = capsys.readouterr()
    return code, out, err


def break_hosting_circle(tree: Tree) -> None:
    tree.replace(LAB, "host_circle: training", "host_circle: trainin")


def let_the_garden_term_expire(tree: Tree) -> None:
    tree.replace(GARDEN, "end: 2026-12-31", "end: 2026-11-01")


def leave_an_invitation_unanswered(tree: Tree) -> None:
    tree.replace(BETA, "participations:\n  - space: alpha/lab\n    circle: growing\n", "")


# -- exit codes, from the installed command ------------------------------------------


def test_a_clean_directory_exits_0(minimal: Tree) -> None:
    result = ecotone("validate", minimal.root, "--today", TODAY)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "5 files checked: no problems.\n"


def test_errors_exit_1(minimal: Tree) -> None:
    break_hosting_circle(minimal)
    result = ecotone("validate", minimal.root, "--today", TODAY)
    assert result.returncode == 1
    assert "E402" in result.stdout
    assert "Traceback" not in result.stderr


def give_beta_alphas_website(tree: Tree) -> None:
    tree.replace(BETA, "https://beta.example.net", "https://alpha.example.org")


def test_warnings_alone_exit_0_and_1_with_strict(
    minimal: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    give_beta_alphas_website(minimal)
    assert run(capsys, "validate", minimal.root, "--today", TODAY)[0] == 0
    assert ecotone("validate", minimal.root, "--today", TODAY, "--strict").returncode == 1


def test_notices_never_fail_a_run(minimal: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    leave_an_invitation_unanswered(minimal)
    code, out, _ = run(capsys, "validate", minimal.root, "--today", TODAY, "--strict")
    assert code == 0
    assert "N412 notice" in out
    assert out.endswith("0 errors, 0 warnings, 1 notice.\n")


def test_the_date_decides_the_notices_but_never_fails_a_strict_run(
    minimal: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    let_the_garden_term_expire(minimal)
    code, out, _ = run(capsys, "validate", minimal.root, "--strict", "--today", "2026-10-31")
    assert (code, out) == (0, "5 files checked: no problems.\n")
    code, out, _ = run(capsys, "validate", minimal.root, "--strict", "--today", "2035-01-01")
    assert code == 0
    assert "N601 notice: The term ended on 2026-11-01" in out
    assert "N602 notice: The review is overdue since" in out


def test_the_example_directory_passes_a_strict_run() -> None:
    result = subprocess.run(
        [ECOTONE, "validate", "--strict", "--today", TODAY],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("0 errors, 0 warnings, 3 notices.\n")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--format", "xml"], "invalid choice: 'xml'"),
        (["--today", "2026-13-01"], "'2026-13-01' is not a date; write YYYY-MM-DD"),
        (["--today", "yesterday"], "'yesterday' is not a date"),
        (["--no-such-option"], "unrecognized arguments"),
    ],
    ids=["unknown-format", "impossible-date", "not-a-date", "unknown-option"],
)
def test_bad_usage_exits_2_with_a_message(
    minimal: Tree, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    code, out, err = run(capsys, "validate", minimal.root, *args)
    assert (code, out) == (2, "")
    assert says in err


def test_a_folder_without_partners_exits_2(tmp_path: Path) -> None:
    result = ecotone("validate", tmp_path, "--today", TODAY)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"ecotone: no partners/ folder in {tmp_path} or above it; give the directory's path, "
        "or files and folders under its partners/.\n"
    )


def test_a_missing_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", tmp_path / "nowhere", "--today", TODAY)
    assert code == 2
    assert "does not exist" in err


def test_the_command_runs_with_the_cycle_collector_off_and_exits_with_its_status() -> None:
    """What the command printed is all there when it exits, though it exits without
    freeing what it made (see `cli.command`)."""
    run_and_report = (
        "import gc, sys; from ecotone.commands import cli; sys.argv = ['ecotone', 'validate'];"
        "cli._run = lambda args: print('collector on:', gc.isenabled(), end='') or 3;"
        "cli.command()"
    )
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [sys.executable, "-c", run_and_report], capture_output=True, text=True, env=buffered
    )
    assert (done.stdout, done.returncode) == ("collector on: False", 3)


# -- files, as editors and pre-commit pass them ----------------------------------------


def unrelated_mistake_in_beta(tree: Tree) -> None:
    tree.replace(BETA, "name: Beta Gardens", "name: Beta Gardens\nslogan: Grow.")


def validate_here(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ECOTONE, "validate", *args, "--today", TODAY],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_file_is_checked_from_the_repository_root(minimal: Tree) -> None:
    unrelated_mistake_in_beta(minimal)
    break_hosting_circle(minimal)
    result = validate_here(minimal.root, LAB)
    assert result.returncode == 1
    assert f"{LAB}:4:1: E402" in result.stdout
    assert "slogan" not in result.stdout  # beta's problem is not this file's
    assert result.stdout.endswith("1 files checked: 1 error, 0 warnings.\n")


def test_a_file_is_checked_from_inside_partners(minimal: Tree) -> None:
    break_hosting_circle(minimal)
    result = validate_here(minimal.root / "partners", "alpha/spaces/lab.yml")
    assert result.returncode == 1
    assert f"{LAB}:4:1: E402" in result.stdout


def test_a_clean_file_passes_though_another_file_has_errors(minimal: Tree) -> None:
    unrelated_mistake_in_beta(minimal)
    result = validate_here(minimal.root / "partners" / "alpha", "organization.yml")
    assert (result.returncode, result.stdout) == (0, "1 files checked: no problems.\n")


def test_a_file_reports_the_problems_it_causes_in_other_folders_as_notices(
    minimal: Tree,
) -> None:
    """Renaming alpha's circle `training` breaks beta's space, which names it: beta's
    to mend, so it does not fail alpha's change; alpha's own acknowledgment does."""
    minimal.replace(ALPHA, "  training:", "  trainers:")
    minimal.replace(ALPHA, "    circle: training", "    circle: trainers")
    minimal.replace(LAB, "host_circle: training", "host_circle: trainers")
    result = validate_here(minimal.root, ALPHA)
    assert (
        f"{GARDEN}:14:5: W418 notice: alpha has no circle 'training' (any more). (in partners/beta/, "
        "which this change does not touch: for the maintainers of Beta Gardens (beta-admin) "
        "to act on, not this change)" in result.stdout
    )
    assert f"{ALPHA}:36:5: W422 warning" in result.stdout


def test_a_file_whose_only_problem_is_in_another_folder_passes(minimal: Tree) -> None:
    """beta's garden lists alpha; beta ends that listing, which alpha still
    acknowledges: alpha's to mend."""
    minimal.replace(GARDEN, "participants:\n  - organization: alpha\n", "")
    minimal.replace(GARDEN, "    role: representative\n    circle: training\n", "")
    result = validate_here(minimal.root, GARDEN)
    assert result.returncode == 0
    assert f"{ALPHA}:35:5: W422 notice" in result.stdout


def test_a_file_in_a_misplaced_folder_gets_the_folder_s_problem(minimal: Tree) -> None:
    minimal.path("partners/alpha/spaces").rename(minimal.path("partners/alpha/space"))
    result = validate_here(minimal.root, "partners/alpha/space/lab.yml")
    assert result.returncode == 1
    assert "partners/alpha/space:1:1: E112" in result.stdout
    assert "Rename the folder to partners/alpha/spaces/." in result.stdout


def test_a_file_outside_partners_has_the_whole_directory_checked(minimal: Tree) -> None:
    unrelated_mistake_in_beta(minimal)
    minimal.write("schemas/space.schema.json", "{}")
    result = validate_here(minimal.root, "schemas/space.schema.json")
    assert result.returncode == 1
    assert "slogan" in result.stdout


# -- output formats --------------------------------------------------------------


def test_text_output_is_file_line_column_code_severity_message(
    minimal: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    break_hosting_circle(minimal)
    line, column = minimal.position(LAB, "host_circle: trainin")
    code, out, _ = run(capsys, "validate", minimal.root, "--today", TODAY)
    assert code == 1
    assert out.splitlines() == [
        f"{LAB}:{line}:{column}: E402 error: alpha has no circle 'trainin'.",
        "    field: host_circle",
        "    fix: Did you mean 'training'?",
        "5 files checked: 1 error, 0 warnings.",
    ]


def test_json_output_has_every_part_of_each_problem(
    minimal: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    break_hosting_circle(minimal)
    let_the_garden_term_expire(minimal)
    code, out, _ = run(capsys, "validate", minimal.root, "--today", TODAY, "--format", "json")
    assert code == 1
    problems = json.loads(out)
    assert problems == [
        {
            "code": "E402",
            "severity": "error",
            "file": LAB,
            "line": minimal.position(LAB, "host_circle:")[0],
            "column": 1,
            "field": "host_circle",
            "message": "alpha has no circle 'trainin'.",
            "hint": "Did you mean 'training'?",
        },
        {
            "code": "N601",
            "severity": "notice",
            "file": GARDEN,
            "line": minimal.position(GARDEN, "end:")[0],
            "column": 3,
            "field": "term.end",
            "message": "The term ended on 2026-11-01, but the space is still active.",
            "hint": "Renew the term with a later `end:`, or set `status: concluded`.",
        },
    ]


def test_json_output_of_a_clean_directory_is_an_empty_list(
    minimal: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "validate", minimal.root, "--today", TODAY, "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_github_output_annotates_the_offending_line(minimal: Tree) -> None:
    break_hosting_circle(minimal)
    let_the_garden_term_expire(minimal)
    result = ecotone("validate", minimal.root, "--today", TODAY, "--format", "github")
    assert result.returncode == 1
    lab_line = minimal.position(LAB, "host_circle:")[0]
    garden_line = minimal.position(GARDEN, "end:")[0]
    assert result.stdout.splitlines() == [
        f"::error file={LAB},line={lab_line},col=1,title=E402 in host_circle::alpha has no "
        "circle 'trainin'. "
        "Fix: Did you mean 'training'?",
        f"::notice file={GARDEN},line={garden_line},col=3,title=N601 in term.end::The term "
        "ended on "
        "2026-11-01, but the space is still active. "
        "Fix: Renew the term with a later `end:`, or set `status: concluded`.",
    ]


def test_github_output_escapes_what_would_end_an_annotation(
    minimal: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """A value quoted in a message can hold `%`, a line break or `::`."""
    minimal.replace(LAB, "status: active", 'status: "100%\\n::error::forged"')
    code, out, _ = run(capsys, "validate", minimal.root, "--today", TODAY, "--format", "github")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert out.startswith("::error file=")
    assert "100%25" in out


# -- a run writes nothing ----------------------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every path under `root` with its content's hash and modification time, but
    the validation cache's (which is never committed: see ecotone.validate.cache)."""
    return {
        path.relative_to(root).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "",
            path.lstat().st_mtime_ns,
        )
        for path in sorted(root.rglob("*"))
        if path.relative_to(root).parts[0] != CACHE_FOLDER
    }


def test_a_run_leaves_the_directory_untouched(
    minimal: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    break_hosting_circle(minimal)
    minimal.write("partners/alpha/spaces/Notes.yaml", "title: [unclosed\n")
    before = snapshot(minimal.root)
    assert ecotone("validate", minimal.root, "--today", TODAY).returncode == 1
    for output in ("json", "github"):
        assert run(capsys, "validate", minimal.root, "--today", TODAY, "--format", output)[0] == 1
    assert snapshot(minimal.root) == before


def test_output_cut_short_by_a_closed_pipe_is_not_a_traceback(minimal: Tree) -> None:
    """`ecotone validate --format json | head` closes the pipe early."""
    unknown_fields = "".join(f"note-{index}: x\n" for index in range(400))
    minimal.write(LAB, minimal.read(LAB) + unknown_fields)  # far more than a pipe holds
    with subprocess.Popen(
        [ECOTONE, "validate", minimal.root, "--today", TODAY, "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        error = process.stderr.read()
    assert "Traceback" not in error
    assert process.returncode == 1
