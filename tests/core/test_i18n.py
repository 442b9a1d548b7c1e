"""Every text exists in Danish and English, with the same placeholders and plural shape."""

import json
import re
from datetime import date

import pytest

from circles.config import PACKAGE_DIR
from circles.core.i18n import catalog, number, translate, weekday_name
from circles.core.vocabulary import availability_labels

PWA = PACKAGE_DIR.parent / "pwa" / "i18n"
PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")


def pwa_catalog(language: str) -> dict:
    return json.loads((PWA / f"{language}.json").read_text("utf-8"))


CATALOGS = {"server": catalog, "pwa": pwa_catalog}


def forms(entry) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def placeholders(entry) -> set[tuple[str, str]]:
    return {found for text in forms(entry) for found in PLACEHOLDER.findall(text)}


def shape(entry) -> str:
    return "plural" if isinstance(entry, dict) else "text"


@pytest.mark.parametrize("which", CATALOGS)
def test_both_catalogs_have_the_same_keys_and_no_empty_texts(which):
    da, en = CATALOGS[which]("da"), CATALOGS[which]("en")
    assert da.keys() == en.keys()
    assert all(text.strip() for entry in [*da.values(), *en.values()] for text in forms(entry))


@pytest.mark.parametrize("which", CATALOGS)
def test_both_catalogs_use_the_same_placeholders_and_plural_shape(which):
    da, en = CATALOGS[which]("da"), CATALOGS[which]("en")
    assert {k: placeholders(v) for k, v in da.items()} == {
        k: placeholders(v) for k, v in en.items()
    }
    assert {k: shape(v) for k, v in da.items()} == {k: shape(v) for k, v in en.items()}


@pytest.mark.parametrize("which", CATALOGS)
@pytest.mark.parametrize("language", ["da", "en"])
def test_every_plural_has_the_forms_its_language_needs_and_is_chosen_by_count(which, language):
    # Danish and English both have CLDR categories "one" and "other" for whole numbers.
    plurals = {k: v for k, v in CATALOGS[which](language).items() if isinstance(v, dict)}
    assert plurals, "some texts are plural"
    for key, entry in plurals.items():
        assert set(entry) == {"one", "other"}, key
        assert "count" in {name for name, _ in placeholders(entry)}, key


def test_one_place_left_and_one_follow_up_are_singular():
    assert translate("print.places_left", "en", count=1) == "1 place left"
    assert translate("print.places_left", "en", count=12) == "12 places left"
    assert translate("print.places_left", "da", count=1) == "1 plads tilbage"
    assert translate("print.places_left", "da", count=0) == "0 pladser tilbage"
    assert translate("organize.waiting_calls", "da", count=1, outreach=2) == (
        "1 opfølgning, 2 på opkaldslisten"
    )
    assert translate("organize.waiting_calls", "en", count=1, outreach=2) == (
        "1 follow-up, 2 on the outreach list"
    )


def test_distances_have_a_decimal_comma_in_danish_and_a_point_in_english():
    assert translate("suggestion.distance_km", "da", km=3.5) == "bor ca. 3,5 km væk"
    assert translate("suggestion.distance_km", "en", km=3.5) == "lives about 3.5 km away"
    assert translate("digest.request", "da", category="Indkøb", km=2.0) == "Indkøb (ca. 2 km væk)"


def test_a_text_written_once_is_kept_but_equal_values_of_other_types_are_written_anew():
    first = translate("suggestion.distance_km", "da", km=3.5)
    assert translate("suggestion.distance_km", "da", km=3.5) is first
    # True == 1 (and hashes the same), yet str.format writes them differently.
    assert translate("print.places_left", "en", count=1) == "1 place left"
    assert translate("print.places_left", "en", count=True) != "1 place left"
    # A list is not kept, and still written.
    assert translate("digest.request", "da", category=["Indkøb", "Selskab"], km=2.0) == (
        "Indkøb, Selskab (ca. 2 km væk)"
    )


def test_member_facing_days_are_written_in_words():
    first_of_december = date(2026, 12, 1)
    assert (
        translate("organize.follow_up_on", "da", day=first_of_december) == "ring igen 1. december"
    )
    assert (
        translate("organize.follow_up_on", "en", day=first_of_december) == "call again 1 December"
    )
    expiring = translate(
        "notification.vetting.expiring_self", "da", circle="Trøjborg", expires_on="2026-12-22"
    )
    assert "udløber 22. december 2026" in expiring


def test_months_are_written_in_words_with_their_year():
    shown = {"first": "2026-02", "last": date(2026, 3, 31)}
    assert translate("staff.period_shown", "da", **shown) == "Viser februar 2026 til marts 2026."
    assert translate("staff.period_shown", "en", **shown) == "Showing February 2026 to March 2026."


def test_weekdays_are_lower_case_mid_sentence_and_labels_start_big():
    slot = translate("slot", "da", day=weekday_name("tue", "da"), part="formiddag")
    assert translate("suggestion.available", "da", slot=slot) == "har normalt tid tirsdag formiddag"
    assert {"code": "tue_morning", "label": "Tirsdag formiddag"} in availability_labels("da")


def test_figures_are_written_with_the_languages_decimal_sign_and_no_empty_decimals():
    assert number(0.0, "da") == "0"
    assert number(7.72, "da", 2) == "7,72"
    assert number(7.72, "en", 2) == "7.72"
