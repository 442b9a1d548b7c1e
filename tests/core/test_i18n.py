"""Every text exists in Danish and English."""

from circles.core.i18n import catalog


def test_the_server_catalogs_have_the_same_keys_and_no_empty_texts():
    assert catalog("da").keys() == catalog("en").keys()
    assert all(text.strip() for text in [*catalog("da").values(), *catalog("en").values()])
