"""Matchmaking on small directories where the right suggestions can be seen by eye."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import TODAY, Builder

from ecotone.analysis.matchmaking import (
    Matchmaker,
    ReasonKind,
    all_suggestions,
    reason_text,
    suggestions_for,
)
from ecotone.model import Directory
from ecotone.sitedata import site_data


@pytest.fixture
def build(tmp_path: Path) -> Builder:
    return Builder(tmp_path)


def targets(directory: Directory, org_id: str) -> list[str]:
    return [s.target for s in suggestions_for(directory, org_id)]


def test_a_friend_of_a_friend_who_shares_two_topics_is_suggested(build: Builder) -> None:
    # a —(a/one)— b —(b/two)— c; a and c both work on food and gardens.
    build.organization("a", topics=["food", "gardens"], joins=[])
    build.organization("b", topics=["housing"], joins=["a/one"])
    build.organization("c", topics=["food", "gardens"], joins=["b/two"])
    build.space("a/one", members=["b"])
    build.space("b/two", members=["c"])
    suggestions = suggestions_for(build.directory(), "a")
    assert [s.target for s in suggestions] == ["c"]
    (reason,) = suggestions[0].reasons
    assert reason.kind is ReasonKind.FRIEND_OF_FRIEND
    assert reason.via == ("b",)
    assert reason.topics == ("food", "gardens")


def test_a_friend_of_a_friend_without_a_shared_topic_is_not_suggested(build: Builder) -> None:
    build.organization("a", topics=["food"])
    build.organization("b", topics=["food"], joins=["a/one"])
    build.organization("c", topics=["energy"], joins=["b/two"])
    build.space("a/one", members=["b"])
    build.space("b/two", members=["c"])
    assert targets(build.directory(), "a") == []


def test_three_hops_away_is_not_a_friend_of_a_friend(build: Builder) -> None:
    build.organization("a", topics=["food"])
    build.organization("b", joins=["a/one"])
    build.organization("c", joins=["b/two"])
    build.organization("d", topics=["food"], joins=["c/three"])
    build.space("a/one", members=["b"])
    build.space("b/two", members=["c"])
    build.space("c/three", members=["d"])
    assert targets(build.directory(), "a") == []


def test_an_offer_that_meets_a_need_is_suggested_both_ways(build: Builder) -> None:
    build.organization("a", needs={"Seeds for spring": ["gardens", "seeds"]})
    build.organization("f", offers={"Seed library": ["gardens", "seeds"]})
    directory = build.directory()

    (for_a,) = suggestions_for(directory, "a")
    assert (for_a.kind, for_a.target) == ("organization", "f")
    (reason,) = for_a.reasons
    assert reason.kind is ReasonKind.THEY_OFFER_WHAT_YOU_NEED
    assert (reason.wanted, reason.offered, reason.topics) == (
        "Seeds for spring",
        "Seed library",
        ("gardens", "seeds"),
    )

    (for_f,) = suggestions_for(directory, "f")
    assert for_f.target == "a"
    assert for_f.reasons[0].kind is ReasonKind.YOU_OFFER_WHAT_THEY_NEED


def test_a_partner_already_sharing_a_space_is_never_suggested(build: Builder) -> None:
    build.organization("a", topics=["food"], needs={"Seeds": ["seeds"]}, joins=["b/two"])
    build.organization("b", topics=["food"], offers={"Seed library": ["seeds"]})
    build.space("b/two", members=["a"])
    assert targets(build.directory(), "a") == []
    assert targets(build.directory(), "b") == []


def test_an_invitation_is_no_tie(build: Builder) -> None:
    # e is listed in a/one but has not acknowledged it: one side's word only.
    build.organization("a", needs={"Solar installs": ["energy", "solar"]})
    build.organization("e", offers={"Solar installers": ["energy", "solar"]})
    build.space("a/one", members=["e"])
    directory = build.directory()
    assert targets(directory, "a") == ["e"]
    assert targets(directory, "e") == ["a"]


def test_a_space_inviting_everybody_changes_nobodys_suggestions(build: Builder) -> None:
    build.organization("a", needs={"Solar installs": ["energy", "solar"]})
    build.organization("b", offers={"Solar installers": ["energy", "solar"]})
    build.organization("c", needs={"Soil tests": ["soil", "labs"]})
    build.organization("d", offers={"Soil lab": ["soil", "labs"]})
    build.organization("x")
    before = all_suggestions(build.directory())
    build.space("x/everyone", members=["a", "b", "c", "d"])
    after = all_suggestions(build.directory())
    assert before["a"] and before["c"]
    assert {k: v for k, v in after.items() if k != "x"} == {
        k: v for k, v in before.items() if k != "x"
    }


def test_an_organization_is_never_suggested_to_itself(build: Builder) -> None:
    build.organization(
        "a", topics=["food"], offers={"Compost": ["soil"]}, needs={"Soil tests": ["soil"]}
    )
    build.organization("b", topics=["food"], joins=["a/one"])
    build.space("a/one", members=["b"])
    assert targets(build.directory(), "a") == []


def test_a_running_space_seeking_what_you_offer_is_suggested(build: Builder) -> None:
    build.organization("d")
    build.organization("e", offers={"Solar installers": ["energy", "solar"]})
    build.space("d/roofs", seeking={"Someone to install panels": ["energy", "solar"]})
    build.space("d/old", status="concluded", seeking={"Panels, once": ["energy"]})
    (suggestion,) = suggestions_for(build.directory(), "e")
    assert (suggestion.kind, suggestion.target) == ("space", "d/roofs")
    assert suggestion.reasons[0].kind is ReasonKind.SPACE_SEEKS_YOUR_OFFER


def test_a_space_you_are_in_is_not_suggested_for_what_it_seeks(build: Builder) -> None:
    build.organization("d")
    build.organization("e", offers={"Solar installers": ["energy"]}, joins=["d/roofs"])
    build.space("d/roofs", members=["e"], seeking={"Installers": ["energy"]})
    assert targets(build.directory(), "e") == []


def test_more_reasons_come_first_then_identifiers(build: Builder) -> None:
    build.organization("a", needs={"Seeds": ["seeds", "spring"], "Tools": ["tools", "repair"]})
    build.organization("x", offers={"Seed library": ["seeds", "spring"]})
    build.organization("w", offers={"Tool shed": ["tools", "repair"]})
    build.organization("z", offers={"Seeds and tools": ["seeds", "spring", "tools", "repair"]})
    build.organization("y", offers={"Spare seeds": ["seeds", "spring"]})
    # z meets two needs (two reasons); w, x and y one each, in identifier order.
    assert targets(build.directory(), "a") == ["z", "w", "x", "y"]


def test_a_friend_of_a_friend_reads_as_the_path_between_them(build: Builder) -> None:
    build.organization("a", name="Alpha", topics=["food", "soil"])
    build.organization("b", name="Beta Gardens", joins=["a/one"])
    build.organization("c", name="Gamma", topics=["food", "soil"], joins=["b/two"])
    build.space("a/one", members=["b"])
    build.space("b/two", members=["c"])
    directory = build.directory()
    (suggestion,) = suggestions_for(directory, "a")
    assert reason_text(suggestion.reasons[0], directory, "a", "c") == (
        "Alpha and Gamma each share a space with Beta Gardens, but not one with each other;"
        " both work on food and soil."
    )


def test_friends_of_friends_through_two_partners_name_each_of_them(build: Builder) -> None:
    build.organization("a", name="Alpha", topics=["food", "soil"])
    build.organization("b", name="Beta", joins=["a/one", "c/three"])
    build.organization("d", name="Delta", joins=["a/two", "c/four"])
    build.organization("c", name="Gamma", topics=["food", "soil"])
    build.space("a/one", members=["b"])
    build.space("a/two", members=["d"])
    build.space("c/three", members=["b"])
    build.space("c/four", members=["d"])
    directory = build.directory()
    (suggestion,) = suggestions_for(directory, "a")
    assert reason_text(suggestion.reasons[0], directory, "a", "c") == (
        "Alpha and Gamma each share a space with Beta and with Delta, but not one with each"
        " other; both work on food and soil."
    )


def test_an_offer_meeting_a_need_reads_as_the_offer_and_the_need(build: Builder) -> None:
    build.organization("a", name="Alpha", needs={"Sociocracy coaching": ["coaching", "sociocracy"]})
    build.organization(
        "f", name="Foxglove", offers={"Coaching circles": ["coaching", "sociocracy"]}
    )
    directory = build.directory()
    (suggestion,) = suggestions_for(directory, "a")
    assert reason_text(suggestion.reasons[0], directory, "a", "f") == (
        "Foxglove offers “Coaching circles”, which meets Alpha's need"
        " “Sociocracy coaching” (both about coaching and sociocracy)."
    )


def test_one_shared_topic_alone_is_not_a_match(build: Builder) -> None:
    build.organization("a", needs={"Sociocracy coaching": ["facilitation", "coaching"]})
    build.organization("f", offers={"Conflict skills workshops": ["facilitation", "conflict"]})
    assert targets(build.directory(), "a") == []


def test_a_friend_of_a_friend_with_one_topic_in_common_is_not_suggested(
    build: Builder,
) -> None:
    build.organization("a", topics=["food", "gardens"])
    build.organization("b", joins=["a/one"])
    build.organization("c", topics=["food"], joins=["b/two"])
    build.space("a/one", members=["b"])
    build.space("b/two", members=["c"])
    assert targets(build.directory(), "a") == []


def test_an_offer_meets_a_need_on_one_topic_and_a_word_both_texts_use(build: Builder) -> None:
    build.organization(
        "a", name="Alpha", needs={"Conflict skills for shop volunteers": ["conflict-resolution"]}
    )
    build.organization(
        "f", name="Foxglove", offers={"Conflict skills workshops": ["conflict-resolution"]}
    )
    directory = build.directory()
    (suggestion,) = suggestions_for(directory, "a")
    assert reason_text(suggestion.reasons[0], directory, "a", "f") == (
        "Foxglove offers “Conflict skills workshops”, which meets Alpha's need"
        " “Conflict skills for shop volunteers” (both about conflict-resolution;"
        " both say “skills”)."
    )


def test_a_word_of_the_shared_topic_is_not_a_word_in_common(build: Builder) -> None:
    # "conflict" is already said by the topic conflict-resolution: nothing more.
    build.organization("a", needs={"Support with conflicts": ["conflict-resolution"]})
    build.organization("f", offers={"Conflict workshops": ["conflict-resolution"]})
    assert targets(build.directory(), "a") == []


def test_pairings_on_one_broad_topic_each_make_no_match_together(build: Builder) -> None:
    # One topic each way, no word in common: neither offer meets the need it is
    # paired with, so neither is a reason to give.
    build.organization("a", needs={"Coaching": ["training"]}, offers={"Tools": ["tools"]})
    build.organization("f", offers={"Workshops": ["training"]}, needs={"Repairs": ["tools"]})
    assert targets(build.directory(), "a") == []


def test_without_suggestions_an_organization_listing_nothing_is_told_so(
    build: Builder,
) -> None:
    build.organization("a")
    build.organization("b", topics=["food"])
    assert Matchmaker(build.directory()).no_suggestion_reason("a") == (
        "It lists no topics, offers or needs, which are what matches are found in."
    )


def test_without_suggestions_a_partner_of_every_candidate_is_told_so(build: Builder) -> None:
    build.organization("a", topics=["food"], needs={"Seeds": ["seeds", "food"]})
    build.organization("b", offers={"Seed library": ["seeds", "food"]}, joins=["a/one"])
    build.space("a/one", members=["b"])
    directory = build.directory()
    assert targets(directory, "a") == []
    assert Matchmaker(directory).no_suggestion_reason("a") == (
        "It already shares a space with every organization it could be matched with."
    )


def test_without_suggestions_only_weak_candidates_are_told_so(build: Builder) -> None:
    build.organization("a", needs={"Seeds": ["seeds"]})
    build.organization("f", offers={"Seed library": ["seeds"]})
    assert Matchmaker(build.directory()).no_suggestion_reason("a") == (
        "No other organization has more than one thing in common with it yet."
    )


def test_all_suggestions_match_the_suggestions_for_each_organization(build: Builder) -> None:
    build.organization("a", topics=["food"], needs={"Seeds": ["seeds"]})
    build.organization("b", topics=["food"], joins=["a/one"])
    build.organization("c", topics=["food"], offers={"Seeds": ["seeds"]}, joins=["b/two"])
    build.space("a/one", members=["b"])
    build.space("b/two", members=["c"])
    directory = build.directory()
    assert all_suggestions(directory) == {
        org.id: suggestions_for(directory, org.id) for org in directory.organizations
    }


def test_the_site_data_finds_an_organizations_suggestions_once_when_first_asked(
    build: Builder,
) -> None:
    """The organization pages and the matchmaking overview both show them; the site
    data finds them once per build, and no cache outlives it."""
    build.organization("a", needs={"Seeds": ["seeds", "spring"]})
    build.organization("f", offers={"Seed library": ["seeds", "spring"]})
    directory = build.directory()
    matchmaking = site_data(directory, TODAY, {}).matchmaking
    first = matchmaking.suggestions("a")
    assert [s.target for s in first] == ["f"]
    assert matchmaking.suggestions("a") is first
    found = {org.id: matchmaking.suggestions(org.id) for org in directory.organizations}
    assert found == all_suggestions(directory)


def test_a_popular_topic_offers_the_organizations_after_yours_in_turn(build: Builder) -> None:
    # Twenty organizations offer seeds; `m` needs them. Work per topic is bounded,
    # and `m` is shown those after it in identifier order, not always `a`, `b`, `c`.
    letters = "abcdefghijklmnopqrstu"
    for letter in letters:
        if letter == "m":
            build.organization("m", needs={"Seeds": ["seeds", "spring"]})
        else:
            build.organization(letter, offers={f"Seeds from {letter}": ["seeds", "spring"]})
    found = targets(build.directory(), "m")
    assert found == ["n", "o", "p", "q", "r", "s", "t", "u"]
