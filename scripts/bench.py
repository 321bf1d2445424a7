"""Benchmark: validation and the site build of synthetic directories, at scale.

For each size N (organizations, with 3 spaces each) it writes a directory with
`ecotone synth`, then runs every measured step as a child process, so that each
figure is that process's own: wall clock, CPU time (user + system, the steadier
figure on a busy machine) and peak memory (its maximum resident set, from
/usr/bin/time). In the same run:

- `ecotone validate`, beside parsing the same files (read + libyaml's
  CSafeLoader, nothing else) and beside `check-jsonschema` checking them
  against the same schemas (schema only: three runs, one per schema);
- `mkdocs build` of the directory, beside a plain MkDocs build of the same
  pages made ready beforehand: the same Markdown and files the hooks generate,
  with the same theme, style sheets and navigation, and no hooks.
  The difference is what the hooks cost (validation and generation);
- and beside the floor: the same number of one-line Markdown pages, with the
  same settings and no hooks, which is what MkDocs and Material cost by
  themselves for that many pages;
- and beside writing the built site's files alone: every file and folder the
  build wrote, written again as bytes held in memory, by one process. It is
  what the disk costs, in this run (a build's system CPU time is mostly that),
  and no build of the same site can be faster than it on one core;
- the output's size and pages, the marketplace page and the search index;
- how each figure grows from one size to the next.

The sites are written to disk, as a real build's are; on a machine whose disk
varies (this one's does, by seconds from one run to the next), `--sites-in-memory`
writes them to tmpfs instead, so that two runs compare the code.

Validation and the build start without the validation cache (.ecotone-cache):
cold, as in CI. Above 1,000 organizations check-jsonschema and the plain build
are left out: they would take the better part of an hour. Targets from issues 6
and 15 are printed beside the figures; nothing is asserted.

    .venv/bin/python scripts/bench.py [--sizes 100,1000,10000] [--sites-in-memory]
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ecotone.analysis.git import git_file_dates
from ecotone.commands.synth import REFERENCE_DATE
from ecotone.render import site
from ecotone.render.environment import Renderer
from ecotone.render.pages import SiteSettings
from ecotone.sitedata import site_data
from ecotone.validate.cache import CACHE_FOLDER
from ecotone.validate.run import validate_directory

SPACES_PER_ORG = 3
BIN = Path(sys.executable).parent
MB = 1024 * 1024
KB = 1024
ENV = {**os.environ, site.TODAY_VARIABLE: REFERENCE_DATE.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
SCHEMAS = {
    "organization": "*/organization.yml",
    "space": "*/spaces/*.yml",
    "playbook": "*/playbooks/*.yml",
}

# Issue 6's targets, at 1,000 organizations and 3,000 spaces.
VALIDATE_SECONDS, VALIDATE_PARSE_RATIO, CHECK_JSONSCHEMA_RATIO = 3.0, 2.0, 5.0
BUILD_PLAIN_RATIO, PAGE_KB = 1.3, 60.0
# Issue 15's: at 1,000 organizations, and at 10,000 (LARGE_*); each tenfold step.
BUILD_SECONDS, BUILD_MB, BUILD_FLOOR_RATIO, GROWTH_10X = 10.0, 300.0, 0.5, 11.0
LARGE_BUILD_SECONDS, LARGE_BUILD_MB = 120.0, 1024.0
# Where --sites-in-memory builds the sites: Linux's shared memory, a tmpfs.
MEMORY_FOLDER = "/dev/shm"
# Above this size, check-jsonschema and the plain build are not measured.
COMPARED_UP_TO = 1000

# Writes every file under argv[1] again under argv[2], timing only the writing:
# its wall clock and CPU seconds (user + system), then its system seconds.
WRITE_ONLY = """
import os, sys, time
from pathlib import Path
source, target = Path(sys.argv[1]), Path(sys.argv[2])
files = [(p.relative_to(source), p.read_bytes()) for p in source.rglob("*") if p.is_file()]
start, times = time.perf_counter(), os.times()
for relative, content in files:
    path = target / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
end, after = time.perf_counter(), os.times()
system = after.system - times.system
print(end - start, after.user - times.user + system, system)
"""

PARSE_ONLY = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1], "partners").glob("**/*.yml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def parse_only_command(root: Path) -> list[str]:
    """Parsing every entry file under `root` and nothing else: the floor of validation.
    (The files are found by the child: 40,000 names are too long a command line.)"""
    return [sys.executable, "-c", PARSE_ONLY, str(root)]


@dataclass(frozen=True)
class Run:
    """One child process's cost."""

    wall: float
    cpu: float
    peak_mb: float
    system: float  # of the CPU time, the kernel's: mostly files and folders written

    def __add__(self, other: Run) -> Run:
        return Run(
            self.wall + other.wall,
            self.cpu + other.cpu,
            max(self.peak_mb, other.peak_mb),
            self.system + other.system,
        )

    def __str__(self) -> str:
        return (
            f"{self.wall:7.2f} s  (cpu {self.cpu:6.2f} s, system {self.system:5.2f} s)"
            f"  {self.peak_mb:6.0f} MB"
        )


def measure(command: list[str]) -> Run:
    """Run a command to its end under /usr/bin/time: its wall clock, CPU time and
    peak memory. Not `os.wait4` on a child of this process: on Linux a child starts
    with its parent's peak, and this process holds a directory in memory."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        process = subprocess.run(
            ["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing.name, *command],
            env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        if process.returncode != 0:  # validate and check-jsonschema exit 1 on problems
            sys.exit(f"{' '.join(command[:3])} … failed ({process.returncode}):\n"
                     f"{process.stderr[-3000:]}")  # fmt: skip
        wall, user, system, kilobytes = timing.read().split()[-4:]
    return Run(float(wall), float(user) + float(system), int(kilobytes) / KB, float(system))


def write_only(built: Path, target: Path) -> Run:
    """Writing the files of the built site at `built` again, under `target`, from
    memory: the disk's part of a build (its peak memory is not measured)."""
    process = subprocess.run(
        [sys.executable, "-c", WRITE_ONLY, str(built), str(target)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    wall, cpu, system = (float(figure) for figure in process.stdout.split())
    shutil.rmtree(target)
    return Run(wall, cpu, 0.0, system)


@dataclass(frozen=True)
class Output:
    megabytes: float
    pages: int
    average_page_kb: float
    marketplace_kb: float
    search_index_kb: float


def output_of(built: Path) -> Output:
    files = [path for path in built.rglob("*") if path.is_file()]
    pages = [path for path in files if path.suffix == ".html"]
    page_bytes = sum(path.stat().st_size for path in pages)
    return Output(
        megabytes=sum(path.stat().st_size for path in files) / MB,
        pages=len(pages),
        average_page_kb=page_bytes / len(pages) / KB,
        marketplace_kb=(built / "marketplace" / "index.html").stat().st_size / KB,
        search_index_kb=(built / "search" / "search_index.json").stat().st_size / KB,
    )


@dataclass(frozen=True)
class Figures:
    orgs: int
    files: int
    parse: Run
    validate: Run
    check_jsonschema: Run | None
    build: Run
    plain: Run | None
    floor: Run
    write_only: Run
    output: Output
    plain_output: Output | None


def synthesize(root: Path, orgs: int) -> None:
    subprocess.run(
        [str(BIN / "ecotone"), "synth", "--orgs", str(orgs), "--spaces",
         str(orgs * SPACES_PER_ORG), str(root)],
        check=True, stdout=subprocess.DEVNULL, env=ENV,
    )  # fmt: skip


def entry_files(root: Path) -> dict[str, list[str]]:
    partners = root / "partners"
    return {kind: sorted(map(str, partners.glob(pattern))) for kind, pattern in SCHEMAS.items()}


def check_jsonschema(root: Path, files: dict[str, list[str]]) -> Run:
    """check-jsonschema on the same files against the same schemas. It loads YAML
    timestamps as strings, as ecotone's loader does, and checks formats, as
    jsonschema-rs does here; `--regex-variant default` reads patterns as ECMA-262.
    `--base-uri` makes `common.schema.json` resolve to the file beside the schema
    rather than to the schemas' published address (no network here)."""
    total = Run(0.0, 0.0, 0.0, 0.0)
    for kind, paths in files.items():
        if paths:
            schema = root / "schemas" / f"{kind}.schema.json"
            total += measure(
                [str(BIN / "check-jsonschema"), "--regex-variant", "default",
                 "--base-uri", schema.as_uri(), "--schemafile", str(schema), *paths]
            )  # fmt: skip
    return total


def plain_directory(root: Path, plain: Path) -> None:
    """The same pages, ready-made: the directory's docs/ and every file the hooks
    generate written into docs/, with the same settings minus the hooks, plus
    ecotone's style sheets and scripts, which the hooks' on_config adds. The theme
    is Material as it is, without ecotone's additions to its templates."""
    shutil.copytree(root / "docs", plain / "docs")
    settings_text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(settings_text)
    settings = SiteSettings.from_extra(
        (config.get("extra") or {}).get("ecotone"), url=config["site_url"], name=config["site_name"]
    )
    directory = validate_directory(root, REFERENCE_DATE).directory
    data = site_data(
        directory,
        REFERENCE_DATE,
        git_file_dates(root, REFERENCE_DATE),
        proposing=bool(settings.repository),
    )
    for generated in site.generated_files(data, settings, Renderer()):
        path = plain / "docs" / generated.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        content = generated.content
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    write_plain_settings(root, plain)


def floor_directory(root: Path, floor: Path) -> None:
    """As many pages as the build makes, each one line of Markdown, at the same
    addresses, with the same settings minus the hooks."""
    shutil.copytree(root / "docs", floor / "docs")
    directory = validate_directory(root, REFERENCE_DATE).directory
    for generated in site.generated_files(
        site_data(directory, REFERENCE_DATE, git_file_dates(root, REFERENCE_DATE)),
        SiteSettings(),
        Renderer(),
    ):
        if generated.src_uri.endswith(".md"):
            path = floor / "docs" / generated.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {generated.src_uri}\n\nOne line of text.\n", encoding="utf-8")
    write_plain_settings(root, floor)


def write_plain_settings(root: Path, plain: Path) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["hooks"], config["watch"]
    config["extra_css"] = site.stylesheets()
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def build(root: Path, site_dir: Path) -> Run:
    return measure(
        [
            str(BIN / "mkdocs"),
            "build",
            "--quiet",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ]
    )


def measure_size(work: Path, sites: Path, orgs: int) -> Figures:
    """One size's figures; the sites are built under `sites`."""
    root, plain = work / f"dir-{orgs}", work / f"plain-{orgs}"
    site, plain_site, floor_site = (sites / f"{name}-{orgs}" for name in ("site", "plain", "floor"))
    synthesize(root, orgs)
    files = entry_files(root)
    parse_only = parse_only_command(root)
    validate = [str(BIN / "ecotone"), "validate", str(root), "--today", REFERENCE_DATE.isoformat()]
    compared = orgs <= COMPARED_UP_TO
    measure(parse_only)  # warm the page cache and the interpreter's imports
    parse = measure(parse_only)
    shutil.rmtree(root / CACHE_FOLDER, ignore_errors=True)
    validated = measure(validate)
    checked = check_jsonschema(root, files) if compared else None
    shutil.rmtree(root / CACHE_FOLDER, ignore_errors=True)
    built = build(root, site)
    if compared:
        plain_directory(root, plain)
    floor_directory(root, work / f"floor-{orgs}")
    floor_run = build(work / f"floor-{orgs}", floor_site)
    figures = Figures(
        orgs=orgs,
        files=sum(map(len, files.values())),
        parse=parse,
        validate=validated,
        check_jsonschema=checked,
        build=built,
        plain=build(plain, plain_site) if compared else None,
        floor=floor_run,
        write_only=write_only(site, sites / f"written-{orgs}"),
        output=output_of(site),
        plain_output=output_of(plain_site) if compared else None,
    )
    for built_site in (site, plain_site, floor_site):
        shutil.rmtree(built_site, ignore_errors=True)
    return figures


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def target(text: str, met: bool | None) -> str:
    return "" if met is None else f"   target {text}: {verdict(met)}"


def print_size(f: Figures) -> None:
    """One size's figures; targets apply at 1,000 organizations (and some at 10,000)."""
    at_target = f.orgs == 1000

    def check(met: bool) -> bool | None:
        return met if at_target else None

    def check_large(met: bool) -> bool | None:
        return met if f.orgs == 10000 else None

    print(f"\n== {f.orgs} organizations, {f.orgs * SPACES_PER_ORG} spaces ({f.files} files) ==")
    parse_ratio = f.validate.wall / f.parse.wall
    print(f"  parse only (CSafeLoader)   {f.parse}")
    print(
        f"  ecotone validate           {f.validate}"
        + target(f"< {VALIDATE_SECONDS:.0f} s", check(f.validate.wall < VALIDATE_SECONDS))
    )
    print(
        f"    validate / parse         {parse_ratio:7.2f} x (cpu {f.validate.cpu / f.parse.cpu:.2f} x)"
        + target(f"<= {VALIDATE_PARSE_RATIO:.0f} x", check(parse_ratio <= VALIDATE_PARSE_RATIO))
    )
    if f.check_jsonschema is not None:
        cj_ratio = f.check_jsonschema.wall / f.validate.wall
        print(
            f"  check-jsonschema           {f.check_jsonschema}"
            f"   (schema only, {len(SCHEMAS)} runs, one per schema)"
        )
        print(
            f"    check-jsonschema / validate {cj_ratio:4.2f} x"
            + target(
                f">= {CHECK_JSONSCHEMA_RATIO:.0f} x", check(cj_ratio >= CHECK_JSONSCHEMA_RATIO)
            )
        )
    print(
        f"  mkdocs build (hooks)       {f.build}"
        + target(f"<= {BUILD_SECONDS:.0f} s", check(f.build.wall <= BUILD_SECONDS))
        + target(f"< {BUILD_MB:.0f} MB", check(f.build.peak_mb < BUILD_MB))
        + target(f"< {LARGE_BUILD_SECONDS:.0f} s", check_large(f.build.wall < LARGE_BUILD_SECONDS))
        + target(f"< {LARGE_BUILD_MB:.0f} MB", check_large(f.build.peak_mb < LARGE_BUILD_MB))
    )
    print(f"  mkdocs build (1-line pages) {f.floor}   (the floor: MkDocs and Material alone)")
    floor_ratio = f.build.wall / f.floor.wall
    print(
        f"    hooks / floor            {floor_ratio:7.2f} x (cpu {f.build.cpu / f.floor.cpu:.2f} x)"
        + target(f"<= {BUILD_FLOOR_RATIO} x", check(floor_ratio <= BUILD_FLOOR_RATIO))
    )
    print(
        f"  writing the built files    {f.write_only.wall:7.2f} s  (cpu {f.write_only.cpu:6.2f} s,"
        f" system {f.write_only.system:5.2f} s)   (the disk alone: the same files, from memory)"
    )
    if f.plain is not None:
        plain_ratio = f.build.wall / f.plain.wall
        print(f"  mkdocs build (plain pages) {f.plain}")
        print(
            f"    hooks / plain            {plain_ratio:7.2f} x"
            f" (cpu {f.build.cpu / f.plain.cpu:.2f} x)"
            + target(f"<= {BUILD_PLAIN_RATIO} x", check(plain_ratio <= BUILD_PLAIN_RATIO))
        )
    outputs = [("output (hooks)", f.output), ("output (plain)", f.plain_output)]
    for name, out in ((name, out) for name, out in outputs if out is not None):
        print(
            f"  {name:26} {out.megabytes:7.1f} MB, {out.pages} pages, "
            f"{out.average_page_kb:.1f} KB a page on average"
            + (target(f"< {PAGE_KB:.0f} KB", check(out.average_page_kb < PAGE_KB)) if
               name == "output (hooks)" else "")
        )  # fmt: skip
    print(f"  marketplace page           {f.output.marketplace_kb:7.0f} KB")
    print(f"  search index               {f.output.search_index_kb:7.0f} KB")


def print_growth(small: Figures, large: Figures) -> None:
    times = large.orgs / small.orgs
    print(f"\n== growth from {small.orgs} to {large.orgs} organizations ({times:g} x the data) ==")
    rows = {
        "ecotone validate, wall": (small.validate.wall, large.validate.wall),
        "ecotone validate, cpu": (small.validate.cpu, large.validate.cpu),
        "ecotone validate, memory": (small.validate.peak_mb, large.validate.peak_mb),
        "parse only, wall": (small.parse.wall, large.parse.wall),
        "mkdocs build, wall": (small.build.wall, large.build.wall),
        "mkdocs build, cpu": (small.build.cpu, large.build.cpu),
        "mkdocs build, memory": (small.build.peak_mb, large.build.peak_mb),
        "1-line pages build, wall": (small.floor.wall, large.floor.wall),
        "writing the files, wall": (small.write_only.wall, large.write_only.wall),
        "output size": (small.output.megabytes, large.output.megabytes),
        "pages": (small.output.pages, large.output.pages),
        "average page": (small.output.average_page_kb, large.output.average_page_kb),
        "marketplace page": (small.output.marketplace_kb, large.output.marketplace_kb),
        "search index": (small.output.search_index_kb, large.output.search_index_kb),
    }
    tenfold = times == 10
    for name, (before, after) in rows.items():
        growth = after / before
        judged = tenfold and name.startswith("mkdocs build, wall")
        print(
            f"  {name:26} {growth:7.2f} x"
            + target(f"<= {GROWTH_10X:.0f} x for 10 x", growth <= GROWTH_10X if judged else None)
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="100,1000,10000",
        help="organizations, comma-separated (default 100,1000,10000)",
    )
    parser.add_argument(
        "--sites-in-memory",
        action="store_true",
        help=f"write the built sites to {MEMORY_FOLDER} (tmpfs), so that the figures show"
        " the code rather than the disk's mood; by default they go to disk, as a real"
        " build's do",
    )
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    print(f"Load average at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    measured = []
    sites_base = MEMORY_FOLDER if args.sites_in_memory else None
    with (
        tempfile.TemporaryDirectory(prefix="ecotone-bench-") as folder,
        tempfile.TemporaryDirectory(prefix="ecotone-bench-sites-", dir=sites_base) as sites,
    ):
        print(f"Sites built under {sites}")
        for orgs in sizes:
            measured.append(measure_size(Path(folder), Path(sites), orgs))
            print_size(measured[-1])
            sys.stdout.flush()
    for small, large in itertools.pairwise(measured):
        print_growth(small, large)
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
