"""Rules on the federation: the directories named in ecotone.yml, and the
committed snapshots of what they publish (checked while loading)."""

from __future__ import annotations

from ecotone.problems import Family, Severity, define

FEDERATION_SETTINGS = define(
    "E701",
    "Federation settings",
    "{detail}",
    "Correct `federation:` in ecotone.yml: a list of `name:` (a short slug) and `site:` (an "
    "https:// address) for each directory this one federates with.",
    """`federation:` in ecotone.yml names the other Ecotone directories this one
    federates with. Each name prefixes that directory's identifiers here, as in
    `riverside:green-coop`, so it is a lowercase slug, named once; each site is
    the https:// address the directory is published at.""",
    severity=Severity.ERROR,
    family=Family.FEDERATION,
    since="0.1.0",
)

SNAPSHOT_REFUSED = define(
    "E702",
    "Federated snapshots are directory exports",
    "The snapshot of {network} cannot be used: {detail}.",
    "Run `ecotone federate` to fetch it again, and do not edit files under federation/ by hand.",
    """`ecotone federate` writes under federation/ only what a federated directory
    publishes and the published directory schema accepts, as plain text without
    markup. A snapshot that is not (edited by hand, or written by another tool)
    is read as if the directory were not there, so its entries are unknown here.""",
    severity=Severity.ERROR,
    family=Family.FEDERATION,
    since="0.1.0",
)
