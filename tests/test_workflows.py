"""The GitHub workflows: they lint clean, they are safe to run on anyone's pull
request, and their validation step annotates the right line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from conftest import REPO_ROOT, Tree, commit_base
from site_helpers import TODAY, write_site_config

from ecotone.load.positions import Source
from ecotone.load.safe_yaml import parse

WORKFLOWS = REPO_ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent  # the environment's scripts: ecotone, actionlint
PINNED = re.compile(r"^\s*(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def workflow(name: str) -> dict:
    """A workflow as plain data, read by ecotone's loader, which keeps `on` a key
    (YAML 1.1 readers turn it into True)."""
    path = WORKFLOWS / name
    return parse(Source(name, path.read_text(encoding="utf-8")))  # type: ignore[return-value]


def step(workflow_data: dict, job: str, name: str) -> dict:
    return next(s for s in workflow_data["jobs"][job]["steps"] if s.get("name") == name)


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    files = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    assert files
    result = subprocess.run(
        [str(BIN / "actionlint"), "-no-color", *files], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\npermissions:\n  contents: reed\njobs:\n  a:\n"
        "    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n"
    )
    result = subprocess.run(
        [str(BIN / "actionlint"), "-no-color", str(broken)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert '"reed" is invalid' in result.stdout


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml", "federate.yml", "reminders.yml"])
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses = [line for line in text.splitlines() if "uses:" in line]
    assert uses
    for line in uses:
        assert PINNED.match(line), line


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml", "federate.yml", "reminders.yml"])
def test_no_workflow_uses_secrets(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert not re.search(r"\$\{\{[^}]*\bsecrets\b", text)


def test_the_pull_request_workflow_runs_with_a_read_only_token() -> None:
    pr = workflow("pr.yml")
    assert list(pr["on"]) == ["pull_request", "pull_request_review"]
    assert pr["permissions"] == {"contents": "read"}
    for job in pr["jobs"].values():
        assert set(job.get("permissions", {}).values()) <= {"read"}


def test_a_new_push_cancels_the_superseded_run() -> None:
    concurrency = workflow("pr.yml")["concurrency"]
    assert "github.event.pull_request.number" in concurrency["group"]
    assert concurrency["cancel-in-progress"] is True


def test_the_pull_request_workflow_validates_builds_checks_and_summarizes() -> None:
    pr = workflow("pr.yml")
    runs = [s.get("run", "") for s in pr["jobs"]["check"]["steps"]]
    assert 'ecotone validate --strict --format github --base "origin/$BASE_REF"' in runs
    assert "mkdocs build --strict" in runs
    assert "ecotone codeowners --check" in runs
    summary = step(pr, "check", "Summarize the changes")
    assert summary["run"] == 'ecotone diff --base "origin/$BASE_REF" >> "$GITHUB_STEP_SUMMARY"'
    # review events have no github.base_ref; the event's pull request has the base
    assert summary["env"] == {"BASE_REF": "${{ github.event.pull_request.base.ref }}"}
    checkout = pr["jobs"]["check"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0


def test_the_reminders_run_weekly_or_by_hand_and_only_their_job_writes_issues() -> None:
    reminders = workflow("reminders.yml")
    assert set(reminders["on"]) == {"schedule", "workflow_dispatch"}
    (schedule,) = reminders["on"]["schedule"]
    assert schedule["cron"].split()[2:] == ["*", "*", "1"]  # every Monday
    assert reminders["permissions"] == {"contents": "read"}
    (job,) = reminders["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "git push" not in runs
    assert "ecotone due --format issues" in runs


def test_only_the_deploy_job_may_write_to_pages() -> None:
    deploy = workflow("deploy.yml")
    assert deploy["on"] == {"push": {"branches": ["main"]}}
    assert deploy["permissions"] == {"contents": "read"}
    assert "permissions" not in deploy["jobs"]["build"]
    job = deploy["jobs"]["deploy"]
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages"
    assert job["needs"] == "build"


def test_only_the_federate_job_may_push_and_open_pull_requests() -> None:
    federate = workflow("federate.yml")
    assert set(federate["on"]) == {"schedule", "workflow_dispatch"}
    assert federate["permissions"] == {"contents": "read"}
    job = federate["jobs"]["federate"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}


def test_the_federate_workflow_proposes_only_the_snapshots() -> None:
    script = step(workflow("federate.yml"), "federate", "Open a pull request")["run"]
    assert "git add federation/\n" in script
    assert "git status --porcelain -- federation/" in script


def test_the_deploy_builds_to_publish_so_a_loopback_site_url_stops_it() -> None:
    build = step(workflow("deploy.yml"), "build", "Build")
    assert build["env"]["ECOTONE_PUBLISH"] == "true"
    assert build["run"] == "mkdocs build --strict"


def test_the_deployed_site_is_built_from_the_whole_history() -> None:
    """The feeds date each entry by its commits; a shallow clone has only the last."""
    steps = workflow("deploy.yml")["jobs"]["build"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def run_step(tree: Tree, job: str, name: str, today: str = TODAY.isoformat()) -> CompletedProcess:
    """A step of pr.yml run as the workflow runs it, in the pull request `tree` whose
    base branch is `main`: its command, in bash, with its environment."""
    found = step(workflow("pr.yml"), job, name)
    values = {"${{ github.event.pull_request.base.ref }}": "main"}
    env = os.environ | {
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "ECOTONE_TODAY": today,
        "NO_MKDOCS_2_WARNING": "1",
    }
    env |= {key: values.get(value, value) for key, value in found.get("env", {}).items()}
    return subprocess.run(
        ["bash", "-c", found["run"]], cwd=tree.root, env=env, capture_output=True, text=True
    )


def test_the_validation_step_annotates_the_broken_line(pull_request: Tree) -> None:
    """The PR workflow's own validation command, run here on a pull request that
    breaks an entry, prints a GitHub annotation at the file and line of the mistake."""
    pull_request.replace(
        "partners/alpha/spaces/lab.yml", "host_circle: training", "host_circle: trainig"
    )
    line, column = pull_request.position("partners/alpha/spaces/lab.yml", "host_circle: trainig")
    result = run_step(pull_request, "check", "Validate entries")
    assert result.returncode == 1, result.stderr
    annotations = [a for a in result.stdout.splitlines() if a.startswith("::error ")]
    assert len(annotations) == 1, result.stdout
    assert annotations[0].startswith(
        f"::error file=partners/alpha/spaces/lab.yml,line={line},col={column},title=E402 in host_circle::"
    )
    assert "trainig" in annotations[0]


def test_a_pull_request_passes_while_another_organization_has_a_warning_and_is_overdue(
    pull_request: Tree,
) -> None:
    """On the base, beta shares alpha's website (W603) and, years ahead, beta's
    review is overdue; a pull request that only edits alpha's space passes both
    the validation and the strict build."""
    pull_request.replace(
        "partners/beta/organization.yml", "https://beta.example.net", "https://alpha.example.org"
    )
    write_site_config(pull_request.root)
    commit_base(pull_request, "beta takes alpha's website")
    pull_request.replace(
        "partners/alpha/spaces/lab.yml", "title: Facilitation lab", "title: Practice lab"
    )

    validation = run_step(pull_request, "check", "Validate entries", today="2035-01-01")
    build = run_step(pull_request, "check", "Build the site", today="2035-01-01")

    assert validation.returncode == 0, validation.stdout
    assert "::notice file=partners/beta/organization.yml" in validation.stdout
    assert "title=W603 in website::" in validation.stdout
    assert build.returncode == 0, build.stderr
    assert "W603" in build.stderr and "N602" in build.stderr


def test_a_pull_request_that_brings_a_warning_fails_validation(pull_request: Tree) -> None:
    pull_request.replace(
        "partners/beta/organization.yml", "https://beta.example.net", "https://alpha.example.org"
    )
    result = run_step(pull_request, "check", "Validate entries")
    assert result.returncode == 1
    assert "::warning file=partners/beta/organization.yml" in result.stdout


# -- the other files a directory repository brings along ---------------------


def test_the_pre_commit_hook_validates_when_an_entry_or_a_schema_changes(minimal: Tree) -> None:
    hooks = parse(Source("hooks", (REPO_ROOT / ".pre-commit-hooks.yaml").read_text()))
    assert isinstance(hooks, list)
    hook = next(h for h in hooks if h["id"] == "ecotone-validate")
    assert hook["pass_filenames"] is True
    for path, runs in [
        ("partners/alpha/organization.yml", True),
        ("schemas/space.schema.json", True),
        ("docs/index.md", False),
    ]:
        assert bool(re.search(hook["files"], path)) is runs, path
    env = os.environ | {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    changed = ["partners/alpha/organization.yml", "partners/alpha/spaces/lab.yml"]
    result = subprocess.run(
        [*hook["entry"].split(), *changed], cwd=minimal.root, env=env, capture_output=True
    )
    assert result.returncode == 0, result.stdout


def test_the_editor_settings_map_each_schema_to_its_files() -> None:
    settings = json.loads((REPO_ROOT / ".vscode" / "settings.json").read_text())
    mapping = settings["yaml.schemas"]
    for schema, pattern in mapping.items():
        assert (REPO_ROOT / schema).is_file(), schema
        assert list(REPO_ROOT.glob(pattern)), pattern
    covered = {p for pattern in mapping.values() for p in REPO_ROOT.glob(pattern)}
    assert covered == set(REPO_ROOT.glob("partners/**/*.yml"))


@pytest.mark.parametrize("name", ["add-organization.yml", "propose-space.yml"])
def test_the_issue_forms_are_well_formed(name: str) -> None:
    path = REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / name
    form = parse(Source(name, path.read_text(encoding="utf-8")))
    assert isinstance(form, dict)
    assert form["name"] and form["description"]
    kinds = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    assert all(item["type"] in kinds for item in form["body"])
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    assert all(
        item["attributes"].get("label") for item in form["body"] if item["type"] != "markdown"
    )


# -- the consent of the current members -----------------------------------------


def test_the_consent_check_runs_again_on_every_review() -> None:
    pr = workflow("pr.yml")
    assert set(pr["on"]["pull_request_review"]["types"]) == {"submitted", "edited", "dismissed"}
    assert "if" not in pr["jobs"]["consent"]  # a skipped job would count as passed
    assert pr["jobs"]["consent"]["permissions"] == {"contents": "read", "pull-requests": "read"}


def test_the_consent_check_reads_every_page_of_reviews_with_gh() -> None:
    read = step(workflow("pr.yml"), "consent", "Read the reviews")
    assert read["run"] == 'gh api --paginate --slurp "$REVIEWS" > "$RUNNER_TEMP/reviews.json"'
    assert read["env"]["GH_TOKEN"] == "${{ github.token }}"
    assert read["env"]["REVIEWS"].endswith("/pulls/${{ github.event.pull_request.number }}/reviews")


def test_the_consent_step_fails_and_names_who_has_not_consented(
    minimal: Tree, tmp_path: Path
) -> None:
    """The workflow's own consent command, run on a pull request that adds gamma to
    alpha's collaboration with beta's approval missing: it fails, and the job
    summary and the log both say that beta has not consented."""
    check = step(workflow("pr.yml"), "consent", "Check that every current member consents")
    assert check["shell"] == "bash"
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-C", str(minimal.root)]
    subprocess.run([*git, "init", "-q", "--initial-branch=main"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    subprocess.run([*git, "update-ref", "refs/remotes/origin/main", "main"], check=True)
    gamma = minimal.read("partners/beta/organization.yml").replace("Beta Gardens", "Gamma")
    minimal.write("partners/gamma/organization.yml", gamma.split("participations:")[0])
    minimal.replace(
        "partners/alpha/spaces/lab.yml",
        "participants:\n",
        "participants:\n  - organization: gamma\n    role: free-agent\n",
    )
    head = "ab" * 20
    approval = {"user": {"login": "alpha-admin"}, "state": "APPROVED", "commit_id": head}
    (tmp_path / "reviews.json").write_text(json.dumps([[approval]]))
    summary = tmp_path / "summary.md"
    env = os.environ | {
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(summary),
        "BASE_REF": "main",
        "HEAD_SHA": head,
    }
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", check["run"]],
        cwd=minimal.root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Not consented yet: **Beta Gardens**." in result.stdout
    assert summary.read_text() == result.stdout
