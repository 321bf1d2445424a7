"""The likely duplicates' rules (W603 to W605), each on a directory built in memory:
one organization or one space entered twice."""

from __future__ import annotations

from in_memory import codes, organization, space


def test_two_organizations_with_one_website_are_w603() -> None:
    alpha = organization("alpha", website="https://alpha.example.org")
    beta = organization("beta", website="https://www.alpha.example.org/")
    assert codes(alpha, beta) == ["W603"]


def test_two_organizations_with_their_own_websites_break_no_rule() -> None:
    alpha = organization("alpha", website="https://alpha.example.org")
    beta = organization("beta", website="https://beta.example.net")
    assert codes(alpha, beta) == []


def test_two_organizations_named_almost_alike_are_w604() -> None:
    alpha = organization("alpha", name="Alpha Collective")
    beta = organization("beta", name="Alpha Collectives")
    assert codes(alpha, beta) == ["W604"]


def test_two_organizations_with_distinct_names_break_no_rule() -> None:
    alpha = organization("alpha", name="Alpha Collective")
    beta = organization("beta", name="Beta Gardens")
    assert codes(alpha, beta) == []


def test_two_spaces_of_one_host_titled_almost_alike_are_w605() -> None:
    lab = space("alpha/lab", title="Facilitation lab")
    twin = space("alpha/lab-two", title="Facilitation Lab!")
    assert codes(organization("alpha"), lab, twin) == ["W605"]


def test_two_spaces_of_one_host_with_distinct_titles_break_no_rule() -> None:
    lab = space("alpha/lab", title="Facilitation lab")
    other = space("alpha/lab-two", title="Facilitation lab for beginners")
    assert codes(organization("alpha"), lab, other) == []


def test_two_hosts_may_give_their_spaces_one_title() -> None:
    lab = space("alpha/lab", title="Facilitation lab")
    theirs = space("beta/lab", title="Facilitation lab")
    assert codes(organization("alpha"), organization("beta"), lab, theirs) == []
