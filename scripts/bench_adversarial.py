"""Benchmark: validating directories built to stall the validator, against benign
directories of the same size.

One partner acting alone must not slow everybody's pull requests (issue 12).
Each scenario writes two directories with the same files, of the same bytes
(benign files are padded with a description), at the loader's and the
schemas' limits:

- similar titles: one host with hundreds of spaces whose long titles are
  anagrams of each other sharing their first and last letters (W605);
- one title: many hosts' spaces all of one title, which look-alike titles
  (E607) compare within the group of spaces that read the same;
- deep chains: organizations whose 500 circles each hang under the previous
  one (E303, E308, escalation paths);
- many participants: spaces listing 200 participants, organizations
  acknowledging 500 spaces (E411, N412, standings);
- many topics: 20 topics on every offer, need and sought item, 50 of each;
- dangling references: organizations acknowledging spaces, and spaces listing
  participants, that do not exist (W420, E401: warnings, which a directory
  keeps), each with a suggestion of the nearest existing name.

It prints the CPU time to validate each (other work on a shared machine does not
count), their ratio and the target (at most 2x), and beside them the floor: the
time libyaml alone takes to parse the adversarial files. Lists cost more to parse
than the same bytes of plain text, so where an attack is only its size (many
participants, many topics), the floor shows how much of the ratio is parsing.
The figures are printed, never asserted: a timing is a measurement, not a test.

    .venv/bin/python scripts/bench_adversarial.py [--repeat 3] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import random
import string
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from ecotone.commands.synth import REFERENCE_DATE
from ecotone.validate.run import validate_directory

RATIO_TARGET = 2.0
Files = dict[str, dict[str, Any]]

COMMITMENTS = {
    "sovereignty": True,
    "shared_governance": True,
    "interoperable_data": True,
    "shared_communication": True,
}


def organization(
    name: str, circles: dict[str, dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "summary": f"{name}, in one line.",
        "maintainers": ["someone"],
        "commitments": COMMITMENTS,
        "circles": circles
        or {
            "general": {
                "name": "General circle",
                "aim": "Hold the aim.",
                "domain": "Everything.",
                "conflicts_go_to": "The members' meeting.",
            }
        },
        **extra,
    }


def space(title: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": title,
        "mode": "information-sharing",
        "status": "active",
        "host_circle": "general",
        "aim": "Share what we learn.",
        "venue": "hosting-circle",
        "direction": "one-directional",
        "term": {"start": "2026-01-01", "ongoing": True},
        **extra,
    }


def word(rng: random.Random, letters: int) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(letters))


def distinct_title(rng: random.Random) -> str:
    return " ".join(word(rng, rng.randint(4, 9)).capitalize() for _ in range(3))


# -- the scenarios: (benign, adversarial) with the same file names ---------------


def similar_titles(rng: random.Random, scale: float) -> tuple[Files, Files]:
    count = int(600 * scale)
    letters = list("abcdefghijklmnopqrstuvwxy" * 7 + "abcdefghijklm")
    files: list[Files] = [{}, {}]
    for variant in files:
        variant["partners/host/organization.yml"] = organization("Host")
    for n in range(count):
        rng.shuffle(letters)
        long_title = " ".join(distinct_title(rng) for _ in range(7))[:190]
        files[0][f"partners/host/spaces/s{n}.yml"] = space(long_title)
        files[1][f"partners/host/spaces/s{n}.yml"] = space("a" + "".join(letters) + "z")
    return files[0], files[1]


def one_title(rng: random.Random, scale: float) -> tuple[Files, Files]:
    hosts, spaces_per_host = int(200 * scale), 10
    files: list[Files] = [{}, {}]
    for h in range(hosts):
        for variant in files:
            variant[f"partners/h{h}/organization.yml"] = organization(f"Host {h}")
        for n in range(spaces_per_host):
            files[0][f"partners/h{h}/spaces/s{n}.yml"] = space(distinct_title(rng))
            files[1][f"partners/h{h}/spaces/s{n}.yml"] = space("Community Garden")
    return files[0], files[1]


def deep_chains(rng: random.Random, scale: float) -> tuple[Files, Files]:
    orgs, depth = int(40 * scale), 500
    files: list[Files] = [{}, {}]
    for o in range(orgs):
        for variant, parent_of in (
            (files[0], lambda n: "c0" if n > 1 else None),  # a root and its children
            (files[1], lambda n: f"c{n - 1}" if n else None),  # one chain
        ):
            circles = {}
            for n in range(depth):
                circle = {"name": f"Circle {n}", "aim": "Hold a part.", "domain": "A part."}
                if parent_of(n):
                    circle["parent"] = parent_of(n)
                elif n == 0:
                    circle["conflicts_go_to"] = "The members' meeting."
                else:
                    circle["parent"] = "c0"
                circles[f"c{n}"] = circle
            variant[f"partners/o{o}/organization.yml"] = organization(f"Org {o}", circles)
    return files[0], files[1]


def many_participants(rng: random.Random, scale: float) -> tuple[Files, Files]:
    orgs = int(200 * scale)
    spaces_per_org = 3
    files: list[Files] = [{}, {}]
    all_spaces = [f"o{o}/s{n}" for o in range(orgs) for n in range(spaces_per_org)]
    for o in range(orgs):
        others = [f"o{p}" for p in range(orgs) if p != o][:200]
        joined = [s for s in all_spaces if not s.startswith(f"o{o}/")][:500]
        files[0][f"partners/o{o}/organization.yml"] = organization(f"Org {distinct_title(rng)}")
        files[1][f"partners/o{o}/organization.yml"] = organization(
            f"Org {distinct_title(rng)}",
            participations=[{"space": s, "circle": "general"} for s in joined],
        )
        for n in range(spaces_per_org):
            name = f"partners/o{o}/spaces/s{n}.yml"
            files[0][name] = space(distinct_title(rng))
            files[1][name] = space(
                distinct_title(rng),
                participants=[
                    {"organization": p, "role": "representative", "circle": "general"}
                    for p in others
                ],
            )
    return files[0], files[1]


def dangling_references(rng: random.Random, scale: float) -> tuple[Files, Files]:
    orgs, spaces_per_org, dangling = int(300 * scale), 3, 20
    files: list[Files] = [{}, {}]
    for o in range(orgs):
        name = f"Org {distinct_title(rng)}"
        files[0][f"partners/o{o}/organization.yml"] = organization(name)
        files[1][f"partners/o{o}/organization.yml"] = organization(
            name,
            participations=[
                {"space": f"o{(o + n) % orgs}/gone-{n}", "circle": "general"}
                for n in range(1, dangling + 1)
            ],
        )
        for n in range(spaces_per_org):
            title = distinct_title(rng)
            files[0][f"partners/o{o}/spaces/s{n}.yml"] = space(title)
            files[1][f"partners/o{o}/spaces/s{n}.yml"] = space(
                title,
                participants=[
                    {"organization": f"gone-{o}-{p}", "role": "representative", "circle": "general"}
                    for p in range(dangling)
                ],
            )
    return files[0], files[1]


def many_topics(rng: random.Random, scale: float) -> tuple[Files, Files]:
    orgs = int(300 * scale)
    files: list[Files] = [{}, {}]

    def exchanges() -> list[dict[str, Any]]:
        return [
            {"title": distinct_title(rng), "topics": [word(rng, 8) for _ in range(20)]}
            for _ in range(50)
        ]

    for o in range(orgs):
        name = f"Org {distinct_title(rng)}"
        files[0][f"partners/o{o}/organization.yml"] = organization(name)
        files[1][f"partners/o{o}/organization.yml"] = organization(
            name,
            topics=[word(rng, 8) for _ in range(20)],
            offers=exchanges(),
            needs=exchanges(),
        )
        title = distinct_title(rng)
        files[0][f"partners/o{o}/spaces/s.yml"] = space(title)
        files[1][f"partners/o{o}/spaces/s.yml"] = space(
            title, topics=[word(rng, 8) for _ in range(20)], seeking=exchanges()
        )
    return files[0], files[1]


SCENARIOS: dict[str, Callable[[random.Random, float], tuple[Files, Files]]] = {
    "similar titles": similar_titles,
    "one title": one_title,
    "deep chains": deep_chains,
    "many participants": many_participants,
    "many topics": many_topics,
    "dangling references": dangling_references,
}


# -- writing and timing ------------------------------------------------------------


def texts(files: Files) -> dict[str, str]:
    return {
        name: yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        for name, data in files.items()
    }


def padded(benign: dict[str, str], adversarial: dict[str, str]) -> Iterator[tuple[str, str]]:
    """The benign files, each padded with a description to its adversarial twin's size."""
    for name, text in benign.items():
        missing = len(adversarial[name].encode()) - len(text.encode()) - len("description: |\n")
        if missing > 0:
            lines, line = [], "  " + "Plain words about what we do. " * 3
            while missing > 0:
                lines.append(line[: max(3, min(len(line), missing - 1))])
                missing -= len(lines[-1]) + 1
            text += "description: |\n" + "\n".join(lines) + "\n"
        yield name, text


def write(root: Path, files: dict[str, str]) -> tuple[int, int]:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(files), sum(len(t.encode()) for t in files.values())


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per directory; the best counts")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every scenario's size")
    args = parser.parse_args()
    print(
        f"{'scenario':<18} {'files':>6} {'MB':>5} {'benign s':>9} {'adversarial s':>14} "
        f"{'ratio':>6}  {'(<= 2x)':<7} {'parse floor s':>13} {'x floor':>7}"
    )
    for title, scenario in SCENARIOS.items():
        benign, adversarial = (texts(f) for f in scenario(random.Random(12), args.scale))
        benign = dict(padded(benign, adversarial))
        with tempfile.TemporaryDirectory(prefix="ecotone-adversarial-") as folder:
            roots = Path(folder, "benign"), Path(folder, "adversarial")
            count, size = write(roots[0], benign)
            write(roots[1], adversarial)
            plain, attack = (
                best_of(
                    args.repeat,
                    lambda root=root: validate_directory(root, REFERENCE_DATE, cached=False),
                )
                for root in roots
            )
            floor = best_of(args.repeat, lambda root=roots[1]: parse_only(root))
        ratio = attack / plain
        verdict = "ok" if ratio <= RATIO_TARGET else "missed"
        print(
            f"{title:<18} {count:>6} {size / 1e6:>5.1f} {plain:>9.2f} {attack:>14.2f} "
            f"{ratio:>5.2f}x  {verdict:<7} {floor:>13.2f} {attack / floor:>6.1f}x"
        )


def parse_only(root: Path) -> None:
    """The floor: every entry file parsed by libyaml alone, nothing checked."""
    for path in sorted(root.glob("partners/**/*.yml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


if __name__ == "__main__":
    main()
