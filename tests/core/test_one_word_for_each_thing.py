"""One word for each thing in Danish: a "cirkel" (never a "kreds") and an "ønske" about help
(never an "anmodning"), in the server's texts and the app's alike."""

import json
import re

import pytest

from circles.config import PROJECT_DIR

CATALOGS = [PROJECT_DIR / "circles/translations/da.json", PROJECT_DIR / "pwa/i18n/da.json"]
# The word we chose, and the words for the same thing that must not come back.
NOT_USED = {"cirkel": r"\bkreds", "ønske": r"\banmodning"}


def texts(path):
    """Every text of a catalog, a plural entry's forms each on their own."""
    for key, entry in json.loads(path.read_text("utf-8")).items():
        for text in entry.values() if isinstance(entry, dict) else [entry]:
            yield key, text


@pytest.mark.parametrize("word", NOT_USED)
def test_the_danish_texts_use_one_word_for_each_thing(word):
    others = re.compile(NOT_USED[word], re.IGNORECASE)
    found = [
        f"{path.name} {key}: {text}"
        for path in CATALOGS
        for key, text in texts(path)
        if others.search(text)
    ]
    assert found == [], f"say {word!r}:\n" + "\n".join(found)
    assert any(word in text.lower() for _, text in texts(CATALOGS[0]))
