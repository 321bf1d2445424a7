"""The `ecotone` command: thin glue from arguments to the library's functions."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ecotone import codeowners, report
from ecotone.validate import validate_directory

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
        description="Check every file under PATH/partners/. Exit 0 when clean, 1 on errors "
        "(or on warnings with --strict), 2 on bad usage. Nothing is written.",
    )
    validate.add_argument(
        "path", nargs="?", default=".", type=Path, help="the directory (default: .)"
    )
    validate.add_argument("--format", choices=report.FORMATS, default="text", help="output format")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument(
        "--today", type=_date, default=date.today(), help="date for expiry warnings (YYYY-MM-DD)"
    )
    validate.set_defaults(run=_validate)
    _add_codeowners(commands)
    return parser


def _validate(args: argparse.Namespace) -> int:
    root: Path = args.path
    if not (root / "partners").is_dir():
        print(
            f"ecotone: no partners/ folder in {root}; give the directory's path.", file=sys.stderr
        )
        return EXIT_USAGE
    result = validate_directory(root, args.today)
    problems = result.problems
    if args.format == "json":
        print(report.as_json(problems))
    elif args.format == "github":
        if problems:
            print(report.as_github(problems))
    else:
        if problems:
            print(report.as_text(problems))
        files = len(result.directory.organizations) + len(result.directory.spaces)
        files += len(result.directory.playbooks) + len(result.directory.unreadable)
        print(report.summary(problems, files))
    failed = result.errors or (args.strict and result.warnings)
    return EXIT_PROBLEMS if failed else EXIT_OK


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
    print(diff + "Run `ecotone codeowners` and commit .github/CODEOWNERS.")
    return EXIT_PROBLEMS


def _usage(message: str) -> int:
    print(f"ecotone: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
