"""The open-data exports: the directory's own JSON against its published schema,
CSV tables, JSON-LD read by a real JSON-LD processor, Murmurations profiles and
the Kumu blueprint."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from builders import Builder
from pyld import jsonld
from site_helpers import TODAY

from ecotone.export.directory_json import (
    directory_document,
    directory_json,
)
from ecotone.export.jsonld import organization_jsonld, space_jsonld
from ecotone.export.kumu import blueprint_json
from ecotone.export.murmurations import profile
from ecotone.export.tables import organizations_csv, safe_cell, spaces_csv
from ecotone.export.urls import SiteUrls
from ecotone.model import Directory
from ecotone.schema_files import EXPORT_SCHEMA_FILE, entry_schemas
from ecotone.sitedata import site_data
from ecotone.validate.run import validate_directory
from ecotone.validate.schema import schema_documents

REPO = Path(__file__).resolve().parent.parent
URLS = SiteUrls("https://directory.example.org/")
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"


def example() -> Directory:
    return validate_directory(REPO, TODAY).directory


@pytest.fixture
def small(tmp_path: Path) -> Directory:
    """a hosts the collaboration a/lab (b confirmed, c invited) and the information
    sharing a/notes (b confirmed); a publishes an accountability playbook."""
    build = Builder(tmp_path)
    build.organization("a", name="Alpha", topics=["food"], website="https://alpha.example.org")
    build.organization("b", name="Beta", joins=["a/lab", "a/notes"])
    build.organization("c", name="Gamma")
    build.playbook("a/accountability", kind="accountability")
    build.space(
        "a/lab",
        members=["b", "c"],
        topics=["food"],
        social_contract={
            "governance": "Consent.",
            "accountability": {"playbook": "a/accountability"},
        },
    )
    build.space("a/notes", mode="information-sharing", members=["b"])
    return build.directory()


def export_schema() -> dict[str, Any]:
    path = REPO / "src" / "ecotone" / "schemas" / EXPORT_SCHEMA_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def export_errors(document: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(
        export_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


# -- /api/directory.json -----------------------------------------------------------


def test_the_export_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(export_schema())


def test_the_example_directory_export_validates_against_its_published_schema() -> None:
    document = json.loads(directory_json(site_data(example(), TODAY, {}), URLS, "Test directory"))
    assert export_errors(document) == []
    assert len(document["organizations"]) == 7
    assert len(document["spaces"]) == 10


def test_the_export_schema_rejects_a_document_that_strays_from_it(small: Directory) -> None:
    document = directory_document(site_data(small, TODAY, {}), URLS, "Test directory")
    document["spaces"][0]["participants"][0]["standing"] = "maybe"
    assert export_errors(document) != []


def test_the_export_carries_the_schema_version_from_the_schemas_ids() -> None:
    document = directory_document(site_data(example(), TODAY, {}), URLS, "Test directory")
    assert entry_schemas().version == "v1"
    assert document["schema_version"] == "v1"
    assert "/schemas/v1/" in schema_documents()["space.schema.json"]["$id"]


def test_the_export_resolves_a_spaces_references(small: Directory) -> None:
    lab = next(
        s
        for s in directory_document(site_data(small, TODAY, {}), URLS, "Test directory")["spaces"]
        if s["id"] == "a/lab"
    )
    assert lab["host"] == {"id": "a", "name": "Alpha"}
    assert lab["host_circle"]["key"] == "a/general"
    assert lab["host_circle"]["aim"] == "Hold the aim."
    assert [(p["organization"]["name"], p["standing"]) for p in lab["participants"]] == [
        ("Beta", "confirmed"),
        ("Gamma", "invited"),
    ]
    assert lab["participants"][0]["circle"] == {
        "key": "b/general",
        "id": "general",
        "name": "General circle",
    }
    assert lab["social_contract"]["accountability"]["playbook"] == {
        "id": "a/accountability",
        "title": "Accountability",
        "kind": "accountability",
        "publisher": "a",
    }
    assert [p["coverage"] for p in lab["principles"]][2] == "not-met"  # Gamma is invited


def test_the_export_is_the_same_bytes_for_the_same_data() -> None:
    assert directory_json(
        site_data(example(), TODAY, {}), URLS, "Test directory"
    ) == directory_json(site_data(example(), TODAY, {}), URLS, "Test directory")


def test_the_export_written_one_entry_at_a_time_is_the_documents_compact_json() -> None:
    data = site_data(example(), TODAY, {})
    document = directory_document(data, URLS, "Test directory")
    compact = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert directory_json(data, URLS, "Test directory") == compact


# -- CSV ---------------------------------------------------------------------------


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_a_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Alpha = beta") == "Alpha = beta"
    assert safe_cell(None) == ""


def test_partner_text_starting_a_formula_is_neutralized_in_the_csv(tmp_path: Path) -> None:
    build = Builder(tmp_path)
    build.organization("a", name='=HYPERLINK("http://evil.example","click")')
    build.space("a/lab", title="@cmd|' /C calc'!A0")
    directory = build.directory()
    (org,) = rows(organizations_csv(directory, URLS))
    assert org["name"] == '\'=HYPERLINK("http://evil.example","click")'
    (space,) = rows(spaces_csv(directory, URLS))
    assert space["title"] == "'@cmd|' /C calc'!A0"


def test_the_space_table_lists_confirmed_and_invited_participants_apart(
    small: Directory,
) -> None:
    lab = next(r for r in rows(spaces_csv(small, URLS)) if r["id"] == "a/lab")
    assert (lab["participants"], lab["invited"]) == ("b", "c")
    assert lab["page"] == "https://directory.example.org/spaces/a/lab/"


def test_the_organization_table_has_one_row_per_organization() -> None:
    table = rows(organizations_csv(example(), URLS))
    assert [r["id"] for r in table] == [o.id for o in example().organizations]


# -- JSON-LD -------------------------------------------------------------------------


def no_network(url: str, options: object = None) -> dict[str, Any]:
    raise AssertionError(f"the JSON-LD asked for a remote document: {url}")


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The document expanded by pyld, which may not load anything from the network."""
    text = json.dumps(document)  # what a page carries: JSON text
    return jsonld.expand(json.loads(text), {"documentLoader": no_network})


def node(expanded: list[dict[str, Any]], node_id: str) -> dict[str, Any]:
    (found,) = [n for n in expanded if n["@id"] == node_id]
    return found


def ids(values: list[dict[str, Any]]) -> list[str]:
    return [value["@id"] for value in values]


def test_a_collaboration_expands_to_an_organizational_collaboration(small: Directory) -> None:
    space = small.space("a/lab")
    assert space is not None
    expanded = expand(space_jsonld(small, space, URLS))
    lab = node(expanded, URLS.space("a/lab"))
    assert lab["@type"] == [ORG + "OrganizationalCollaboration", SCHEMA + "Project"]
    assert lab[SCHEMA + "name"] == [{"@value": "Lab"}]
    # The host and the confirmed participant; Gamma is only invited.
    assert ids(lab[ORG + "hasMember"]) == [URLS.organization("a"), URLS.organization("b")]


def test_information_sharing_expands_to_a_project_with_members(small: Directory) -> None:
    space = small.space("a/notes")
    assert space is not None
    notes = node(expand(space_jsonld(small, space, URLS)), URLS.space("a/notes"))
    assert notes["@type"] == [SCHEMA + "Project"]
    assert ids(notes[SCHEMA + "member"]) == [URLS.organization("a"), URLS.organization("b")]


def test_an_organization_expands_with_its_circles_and_memberships(small: Directory) -> None:
    org = small.organization("b")
    assert org is not None
    beta = node(expand(organization_jsonld(small, org, URLS)), URLS.organization("b"))
    assert beta["@type"] == [SCHEMA + "Organization", ORG + "Organization"]
    assert ids(beta[ORG + "memberOf"]) == [URLS.space("a/lab")]
    assert ids(beta[SCHEMA + "memberOf"]) == [URLS.space("a/notes")]
    (circle,) = beta[ORG + "hasUnit"]
    assert circle["@type"] == [ORG + "OrganizationalUnit"]
    assert circle[ORG + "purpose"] == [{"@value": "Hold the aim."}]


def test_every_example_page_expands_without_a_remote_context() -> None:
    directory = example()
    for org in directory.organizations:
        assert expand(organization_jsonld(directory, org, URLS))
    for space in directory.spaces:
        assert expand(space_jsonld(directory, space, URLS))


# -- Murmurations and Kumu ----------------------------------------------------------

# The fields of the Murmurations Library's organizations_schema-v1.0.0, as
# published at library.murmurations.network/v2/schemas/organizations_schema-v1.0.0.
MURMURATIONS_FIELDS = {
    "linked_schemas",
    "name",
    "nickname",
    "primary_url",
    "tags",
    "urls",
    "description",
    "mission",
    "status",
    "full_address",
    "country_iso_3166",
    "geolocation",
    "image",
    "header_image",
    "images",
    "rss",
    "relationships",
    "starts_at",
    "ends_at",
    "contact_details",
    "telephone",
    "geographic_scope",
    "unique_id",
}


def test_a_murmurations_profile_uses_only_the_organizations_schema_fields(
    small: Directory,
) -> None:
    for org in small.organizations:
        data = profile(small, org, URLS)
        assert set(data) <= MURMURATIONS_FIELDS
        assert data["linked_schemas"] == ["organizations_schema-v1.0.0"]
        assert data["name"] == org.name


def test_a_murmurations_profile_links_the_spaces_an_organization_is_in(
    small: Directory,
) -> None:
    alpha = small.organization("a")
    beta = small.organization("b")
    gamma = small.organization("c")
    assert alpha and beta and gamma
    assert profile(small, alpha, URLS)["primary_url"] == "https://alpha.example.org"
    assert profile(small, beta, URLS)["primary_url"] == URLS.organization("b")
    assert profile(small, beta, URLS)["relationships"] == [
        {"predicate_url": "https://schema.org/memberOf", "object_url": URLS.space("a/lab")},
        {"predicate_url": "https://schema.org/memberOf", "object_url": URLS.space("a/notes")},
    ]
    assert "relationships" not in profile(small, gamma, URLS)  # only invited


def test_the_kumu_blueprint_makes_each_space_a_node_between_organizations(
    small: Directory,
) -> None:
    data = json.loads("".join(blueprint_json(small, URLS)))
    assert [(e["id"], e["type"]) for e in data["elements"]] == [
        ("a", "Organization"),
        ("b", "Organization"),
        ("c", "Organization"),
        ("a/lab", "Collaboration"),
        ("a/notes", "Information sharing"),
    ]
    assert [(c["from"], c["type"], c["to"]) for c in data["connections"]] == [
        ("a", "hosts", "a/lab"),
        ("b", "takes part in", "a/lab"),
        ("c", "invited to", "a/lab"),
        ("a", "hosts", "a/notes"),
        ("b", "takes part in", "a/notes"),
    ]
    element_ids = {e["id"] for e in data["elements"]}
    assert all(c["from"] in element_ids and c["to"] in element_ids for c in data["connections"])
