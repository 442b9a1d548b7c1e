"""The PWA's words in Danish and English: plurals by Intl.PluralRules, numbers by Intl."""

import pytest

WORDS = """async (language) => {
  const i18n = await import("/js/i18n.js");
  await i18n.loadLanguage(language);
  return {
    one: i18n.t("home.unread", { count: 1 }),
    many: i18n.t("home.unread", { count: 3 }),
    distance: i18n.t("circles.distance", { km: 3.5 }),
    day: i18n.day("2026-12-22"),
    dayWithoutYear: i18n.day("2026-12-01", { year: false }),
  };
}"""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            {
                "one": "Du har 1 ny besked",
                "many": "Du har 3 nye beskeder",
                "distance": "3,5 km væk",
                "day": "22. december 2026",
                "dayWithoutYear": "1. december",
            },
        ),
        (
            "en",
            {
                "one": "You have 1 new message",
                "many": "You have 3 new messages",
                "distance": "3.5 km away",
                "day": "22 December 2026",
                "dayWithoutYear": "1 December",
            },
        ),
    ],
)
def test_the_app_writes_one_message_three_messages_and_3_5_km_as_the_language_does(
    open_app, language, expected
):
    page = open_app("#/signin", language=language)
    assert page.evaluate(WORDS, language) == expected
