"""The `ecotone` command: thin glue from arguments to the library's functions.

A command imports the modules only it uses when it runs: `ecotone validate` runs
on every commit, as the pre-commit hook, and importing every other command's
modules was a twentieth of its time."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from ecotone.analysis.due import WINDOW_DAYS
from ecotone.collector import cycle_collector_paused
from ecotone.commands import federate, scaffold
from ecotone.commands.writing import WriteError
from ecotone.load.federation import FederationError
from ecotone.model import PLAYBOOK_KINDS
from ecotone.problems import Problem
from ecotone.validate import report
from ecotone.validate.baseline import against_base, beyond_the_change
from ecotone.validate.cache import ValidationCache
from ecotone.validate.run import history_renames, validate_directory, validate_files

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecotone",
        description="Ecotone: a directory of partnerships between decentralized organizations.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check every entry against the schemas and the protocol's rules",
        description="Check every file under PATH/partners/; or, given files or folders "
        "inside a directory's partners/ (as an editor or pre-commit passes them), check "
        "them in the context of that directory and report their problems and those they "
        "cause in other files. With --base REF, also check the directory as it is at the git "
        "revision REF, and fail only on the problems the change brings; those REF already "
        "had are shown as notices. Either way a problem in another organization's folder, "
        "which the change does not touch, is a notice naming who must act. Exit 0 when "
        "clean, 1 on errors (or on warnings with --strict), 2 on bad usage. Nothing is "
        "written.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        default=[Path(".")],
        type=Path,
        metavar="PATH",
        help="the directory, or files and folders under its partners/ (default: .)",
    )
    validate.add_argument("--format", choices=report.FORMATS, default="text", help="output format")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument(
        "--today",
        type=_date,
        default=date.today(),
        help="the date ended terms and overdue reviews are measured against (YYYY-MM-DD)",
    )
    validate.add_argument(
        "--base",
        metavar="REF",
        help="the git revision the change goes into: only problems it lacks fail the run",
    )
    validate.set_defaults(run=_validate)
    _add_codeowners(commands)
    _add_new(commands)
    _add_diff(commands)
    _add_consent(commands)
    _add_init(commands)
    _add_synth(commands)
    _add_due(commands)
    _add_federate(commands)
    return parser


def _validate(args: argparse.Namespace) -> int:
    try:
        root, paths = _root_and_paths(args.paths)
    except ValueError as error:
        return _usage(str(error))
    if paths and args.base:
        return _usage("--base checks the whole directory; give its folder, not files in it.")
    renames = history_renames(root)
    with cycle_collector_paused():  # as validation reads it: see validate_directory
        cache = ValidationCache.of(root)
    if paths:
        result = validate_files(root, paths, args.today, renames, cache=cache)
        files = sum(
            len(list((root / p).rglob("*.yml"))) if (root / p).is_dir() else 1 for p in paths
        )
    else:
        result = validate_directory(root, args.today, renames=renames, cache=cache)
        files = len(result.directory.organizations) + len(result.directory.spaces)
        files += len(result.directory.playbooks) + len(result.directory.unreadable)
    args.kept = (cache, result)  # until the command exits: see `command`
    problems = result.problems
    if paths:
        problems = beyond_the_change(problems, paths, result.directory)
    if args.base:
        from ecotone.commands import codeowners, diff

        try:
            problems = against_base(
                problems, _base_problems(root, args.base, args.today), args.base
            )
            # CODEOWNERS follows from the entries and is checked on its own.
            touched = [
                path
                for path in diff.touched_files(root, args.base)
                if path != codeowners.CODEOWNERS_FILE
            ]
        except diff.DiffError as error:
            return _usage(str(error))
        problems = beyond_the_change(problems, touched, result.directory)
    if args.format == "json":
        print(report.as_json(problems))
    elif args.format == "github":
        if problems:
            print(report.as_github(problems))
    else:
        if problems:
            print(report.as_text(problems))
        print(report.summary(problems, files))
    failed = any(p.is_error or (args.strict and p.is_warning) for p in problems)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _base_problems(root: Path, ref: str, today: date) -> tuple[Problem, ...]:
    """The problems of the directory as it is at the git revision `ref`."""
    from ecotone.commands import diff

    with tempfile.TemporaryDirectory(prefix="ecotone-base-") as folder:
        diff.extract_base(root, ref, Path(folder))
        return validate_directory(Path(folder), today).problems


def _root_and_paths(given: Sequence[Path]) -> tuple[Path, list[str]]:
    """The directory to check and the paths in it to report on (none: all of it).
    A directory is a folder holding `partners/`; from any other path, the directory
    is found by walking up to the folder that holds `partners/`."""
    if len(given) == 1 and (given[0] / "partners").is_dir():
        return given[0], []
    roots, paths = set(), []
    for path in given:
        if not path.exists():
            raise ValueError(f"{path} does not exist.")
        absolute = path.resolve()
        root = next((a for a in absolute.parents if (a / "partners").is_dir()), None)
        if root is None:
            raise ValueError(
                f"no partners/ folder in {path} or above it; give the directory's path, or "
                "files and folders under its partners/."
            )
        roots.add(root)
        paths.append(absolute.relative_to(root).as_posix())
    if len(roots) > 1:
        raise ValueError("the paths are in different directories; check one at a time.")
    # A file outside partners/, such as a schema, can change what every entry means.
    inside = all(path == "partners" or path.startswith("partners/") for path in paths)
    return roots.pop(), paths if inside else []


def _add_codeowners(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "codeowners",
        help="write .github/CODEOWNERS from the maintainers and stewards",
        description="Write PATH/.github/CODEOWNERS: each partners/<org>/ folder owned by that "
        "organization's maintainers, everything else by the stewards in ecotone.yml. With "
        "--check, write nothing and exit 1 when the file is out of date.",
    )
    command.add_argument(
        "path", nargs="?", default=".", type=Path, help="the directory (default: .)"
    )
    command.add_argument("--check", action="store_true", help="only check that the file is current")
    command.set_defaults(run=_codeowners)


def _codeowners(args: argparse.Namespace) -> int:
    from ecotone.commands import codeowners

    root: Path = args.path
    if not (root / "partners").is_dir():
        return _usage(f"no partners/ folder in {root}; give the directory's path.")
    try:
        if not args.check:
            print(f"Wrote {codeowners.update(root)}.")
            return EXIT_OK
        diff = codeowners.stale_diff(root)
    except codeowners.OwnershipError as error:
        print(f"ecotone: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if diff is None:
        print(f"{codeowners.CODEOWNERS_FILE} is up to date.")
        return EXIT_OK
    print(f"{codeowners.CODEOWNERS_FILE} does not match the maintainers and stewards in the data:")
    print(
        diff + "Run `ecotone codeowners` and commit .github/CODEOWNERS. On GitHub's website, "
        "edit .github/CODEOWNERS so that it has the lines marked + above instead of those marked -."
    )
    return EXIT_PROBLEMS


def _add_new(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "new",
        help="start a new entry from the protocol's blueprint",
        description="Write a commented, valid starting file into the right folder. In a "
        "terminal it asks for what it needs; otherwise give the options. It never overwrites "
        "a file. Exit 0 when written, 1 when the directory is not ready for it (a missing "
        "host, an existing file), 2 on a bad value such as an identifier that is not a slug.",
    )
    command.add_argument("what", choices=scaffold.WHATS, help="what to start")
    command.add_argument(
        "path", nargs="?", default=".", type=Path, help="the directory (default: .)"
    )
    command.add_argument("--org", help="the organization's identifier: its folder under partners/")
    command.add_argument("--name", help="organization: its name")
    command.add_argument("--summary", help="organization: who you are, in a sentence or two")
    command.add_argument(
        "--maintainers", nargs="+", metavar="HANDLE", help="organization: GitHub handles"
    )
    command.add_argument("--host-circle", help="space: the hosting circle, its connection point")
    command.add_argument("--title", help="space or playbook: its title")
    command.add_argument(
        "--slug", help="space or playbook: its identifier (default: from the title)"
    )
    command.add_argument("--aim", help="space: what it exists to do")
    command.add_argument("--domain", help="collaboration: what the members decide together")
    command.add_argument("--kind", choices=PLAYBOOK_KINDS, help="playbook: its kind")
    command.add_argument(
        "--start", type=_date, default=date.today(), help="space: the term's start (YYYY-MM-DD)"
    )
    command.set_defaults(run=_new)


def _new(args: argparse.Namespace) -> int:
    root: Path = args.path
    if not (root / "partners").is_dir():
        return _usage(f"no partners/ folder in {root}; give the directory's path.")
    given = vars(args) | {"maintainers": " ".join(args.maintainers or ()) or None}
    ask = input if sys.stdin.isatty() else None
    try:
        new_file = scaffold.create(root, args.what, given, args.start, ask)
    except scaffold.ScaffoldError as error:
        print(f"ecotone: {error}", file=sys.stderr)
        return EXIT_USAGE if error.usage else EXIT_PROBLEMS
    steps = "".join(f"\n  {i}. {step}" for i, step in enumerate(new_file.next_steps, 1))
    print(f"Created {new_file.file}.\n\nNext steps:{steps}")
    return EXIT_OK


def _add_synth(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "synth",
        help="write a synthetic directory of any size, for benchmarks and tests",
        description="Write a valid, fictional directory of --orgs organizations and --spaces "
        "spaces under OUTDIR/partners/, with the settings and pages a `mkdocs build` of "
        "OUTDIR needs, the same bytes on every run with the same numbers and seed. It never "
        "writes into a partners/ folder that holds anything, nor into the project's own, nor "
        "over a site file. Exit 0 when written, 2 when refused.",
    )
    command.add_argument("outdir", type=Path, help="the folder to write partners/ into")
    command.add_argument("--orgs", type=_count, required=True, help="how many organizations")
    command.add_argument("--spaces", type=_count, required=True, help="how many spaces")
    command.add_argument(
        "--seed", type=int, help="another seed, another directory (default: the same on every run)"
    )
    command.set_defaults(run=_synth)


def _add_due(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "due",
        help="list the reviews and term ends that are due, per organization",
        description="List, per hosting organization, the review dates and term ends of its "
        "running spaces that have passed or fall within DAYS days, with the maintainers to ask "
        "and the one-line change that renews each. With --format issues and --issues FILE "
        "(the open reminder issues, as `gh issue list --json number,title,body` prints them), "
        "print the issue actions that keep one reminder open per organization with something "
        "due, as JSON. Exit 0; 2 on bad usage.",
    )
    command.add_argument(
        "path", nargs="?", default=".", type=Path, help="the directory (default: .)"
    )
    command.add_argument(
        "--days", type=_count, default=WINDOW_DAYS, help=f"the window (default: {WINDOW_DAYS})"
    )
    command.add_argument(
        "--today", type=_date, default=date.today(), help="the date to measure from (YYYY-MM-DD)"
    )
    command.add_argument("--format", choices=("text", "json", "issues"), default="text")
    command.add_argument("--issues", type=Path, metavar="FILE", help="for --format issues")
    command.set_defaults(run=_due)


def _due(args: argparse.Namespace) -> int:
    from ecotone.analysis.due import due_within
    from ecotone.commands import due

    if not (args.path / "partners").is_dir():
        return _usage(f"no partners/ folder in {args.path}; give the directory's path.")
    if (args.format == "issues") != (args.issues is not None):
        return _usage("--format issues and --issues FILE go together.")
    dues = due_within(validate_directory(args.path, args.today).directory, args.today, args.days)
    if args.format == "issues":
        try:
            existing = due.read_issues(args.issues.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            return _usage(f"{args.issues}: {error}")
        print(due.actions_as_json(due.issue_actions(dues, existing, args.days)))
    elif args.format == "json":
        print(due.as_json(dues))
    else:
        print(due.as_text(dues, args.days))
    return EXIT_OK


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 0 or more")
    return int(text)


def _synth(args: argparse.Namespace) -> int:
    from ecotone.commands import synth

    seed = synth.DEFAULT_SEED if args.seed is None else args.seed
    try:
        written = synth.write_directory(args.outdir, args.orgs, args.spaces, seed)
    except (synth.SynthError, OSError) as error:
        return _usage(str(error))
    print(
        f"Wrote {written.organizations} organizations, {written.spaces} spaces and "
        f"{written.playbooks} playbooks ({written.files} files) to {args.outdir / 'partners'}."
    )
    return EXIT_OK


def _add_diff(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "diff",
        help="summarize in words what changes against a base, as Markdown",
        description="Compare the directory at PATH with its state at the git revision REF: "
        "entries added, changed and removed, invitations sent and acknowledged, and whose "
        "review the change needs. Markdown, for $GITHUB_STEP_SUMMARY. Exit 2 when git "
        "cannot give REF.",
    )
    command.add_argument(
        "path", nargs="?", default=".", type=Path, help="the directory (default: .)"
    )
    command.add_argument(
        "--base", required=True, metavar="REF", help="the git revision to compare with"
    )
    command.set_defaults(run=_diff)


def _diff(args: argparse.Namespace) -> int:
    from ecotone.commands import diff

    try:
        changes = diff.diff_directory(args.path, args.base, date.today())
    except diff.DiffError as error:
        return _usage(str(error))
    print(diff.as_markdown(changes, args.base), end="")
    return EXIT_OK


def _add_federate(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "federate",
        help="fetch the federated directories' published data into committed snapshots",
        description="For each directory named under `federation:` in PATH/ecotone.yml, fetch "
        "its /api/directory.json over https (plain http only from 127.0.0.1, for tests), "
        "check it against the published directory schema, and write it to "
        "federation/<name>/directory.json, to commit. A remote that is unreachable, too "
        f"large (over {federate.MAX_BYTES // 2**20} MiB), too slow, invalid or carries markup "
        "is refused and its last snapshot kept. Exit 0 when every remote was taken, 1 when "
        "one was refused, 2 on bad settings.",
    )
    command.add_argument(
        "path", nargs="?", default=".", type=Path, help="the directory (default: .)"
    )
    command.add_argument(
        "--timeout",
        type=float,
        default=federate.TIMEOUT_SECONDS,
        help=f"seconds one remote may take in all (default: {federate.TIMEOUT_SECONDS:g})",
    )
    command.set_defaults(run=_federate)


def _federate(args: argparse.Namespace) -> int:
    try:
        outcomes = federate.federate(args.path, timeout=args.timeout)
    except FederationError as error:
        return _usage(str(error))
    if not outcomes:
        print("No directory is named under `federation:` in ecotone.yml; nothing to fetch.")
    for outcome in outcomes:
        print(outcome.message, file=sys.stdout if outcome.written else sys.stderr)
    return EXIT_OK if all(outcome.written for outcome in outcomes) else EXIT_PROBLEMS


def _add_consent(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "consent",
        help="check that the current members of a collaboration consent to its new members",
        description="For every new seat the directory at PATH gives in a collaboration, "
        "compared with the git revision REF, check that each current member (the host and "
        "every confirmed participant on REF) consents: by an approving review of COMMIT from "
        "one of its maintainers, read from REVIEWS (the JSON of GitHub's pull request reviews, "
        "as `gh api --paginate --slurp` writes it), or by a record in its own file on REF. "
        "Prints Markdown for $GITHUB_STEP_SUMMARY. Exit 0 when all have consented or none "
        "needs to, 1 when some have not, 2 on bad usage.",
    )
    command.add_argument(
        "path", nargs="?", default=".", type=Path, help="the directory (default: .)"
    )
    command.add_argument(
        "--base", required=True, metavar="REF", help="the git revision to compare with"
    )
    command.add_argument(
        "--reviews", required=True, type=Path, metavar="FILE", help="the reviews, as JSON"
    )
    command.add_argument(
        "--commit", required=True, metavar="SHA", help="the pull request's latest commit"
    )
    command.set_defaults(run=_consent)


def _consent(args: argparse.Namespace) -> int:
    from ecotone.analysis import consent
    from ecotone.commands import diff

    try:
        reviews = consent.reviews_from_github(json.loads(args.reviews.read_text("utf-8")))
    except OSError as error:
        return _usage(f"cannot read {args.reviews}: {error.strerror}")
    except (ValueError, consent.ReviewsError) as error:
        return _usage(f"{args.reviews} is not GitHub's list of reviews: {error}")
    try:
        changes = diff.diff_directory(args.path, args.base, date.today())
    except diff.DiffError as error:
        return _usage(str(error))
    decisions = consent.decide(changes.consents, reviews, args.commit)
    print(diff.consent_as_markdown(decisions), end="")
    return EXIT_PROBLEMS if any(d.missing for d in decisions) else EXIT_OK


def _add_init(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "init",
        help="create a new directory repository, ready to serve, test and deploy",
        description="Write a complete directory into PATH, which must be new or empty: the "
        "site's settings and pages, one organization, the stewards, CODEOWNERS, the GitHub "
        "workflows and templates, and a Makefile for `make serve` and `make test`. In a "
        "terminal it asks for the first organization; otherwise give the options.",
    )
    command.add_argument("path", type=Path, help="the new directory's folder")
    command.add_argument("--site-name", default="Partnership directory", help="the site's name")
    command.add_argument("--org", help="the first organization's identifier")
    command.add_argument("--name", help="the first organization's name")
    command.add_argument("--summary", help="the first organization, in a sentence or two")
    command.add_argument(
        "--maintainers",
        nargs="+",
        metavar="HANDLE",
        help="its maintainers' GitHub handles; they are also the directory's stewards",
    )
    command.add_argument(
        "--requirement",
        default=None,
        help="how the new directory installs Ecotone, a line of requirements.in "
        "(default: this Ecotone, from where it was installed)",
    )
    command.set_defaults(run=_init)


def _init(args: argparse.Namespace) -> int:
    from ecotone.commands import init

    given = vars(args) | {"maintainers": " ".join(args.maintainers or ()) or None}
    ask = input if sys.stdin.isatty() else None
    requirement = args.requirement or init.installed_requirement()
    try:
        written = init.create(args.path, args.site_name, given, requirement, ask, date.today())
    except scaffold.ScaffoldError as error:
        print(f"ecotone: {error}", file=sys.stderr)
        return EXIT_USAGE if error.usage else EXIT_PROBLEMS
    print(f"Created a directory in {args.path} ({len(written)} files). Next:")
    print(f"  cd {args.path}\n  make serve   # the site at http://127.0.0.1:8000\n  make test")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"ecotone: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    return _run(_parser().parse_args(argv))


def _run(args: argparse.Namespace) -> int:
    try:
        return args.run(args)
    except BrokenPipeError:
        # The reader stopped early (`ecotone validate | head`): the output is cut
        # short, so the run fails, quietly. Standard output goes to /dev/null so
        # that the last flush, at exit, does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    except WriteError as error:
        print(f"ecotone: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:  # a folder or file the command cannot read or create
        where = f"{error.filename}: " if error.filename else ""
        print(f"ecotone: {where}{error.strerror or error}.", file=sys.stderr)
        return EXIT_PROBLEMS


def command() -> NoReturn:
    """The `ecotone` command: `main`, run as a process that ends with it. A command
    builds objects that live until it ends, hundreds of thousands for a directory,
    and hardly ever a reference cycle. So Python's cycle collector is off throughout
    (its passes would walk them all and free nothing), and the process exits without
    freeing them one by one, which the operating system does at once: a command keeps
    what it made on `args.kept` until then. Together, a sixth of a warm `ecotone
    validate`. `main` itself leaves both alone, for the tests and any program that
    calls it."""
    gc.disable()
    args = _parser().parse_args()
    status = _run(args)
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped before the last of the output
        status = EXIT_PROBLEMS
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    command()
