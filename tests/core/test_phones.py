"""Phone numbers are kept in one form, E.164, however a person writes them."""

import pytest

from circles.core import phones
from tests.factories import make_user


@pytest.mark.parametrize(
    "written", ["86 12 34 56", "86-12-34-56", "+45 86 12 34 56", "0045 86123456", "4586123456"]
)
def test_a_danish_number_is_one_number_however_it_is_written(written):
    assert phones.e164(written) == "+4586123456"


def test_a_foreign_number_keeps_its_country_and_nonsense_is_no_number():
    assert phones.e164("+46 70 123 45 67") == "+46701234567"
    assert phones.e164("12") is None and phones.e164("ring mig") is None and phones.e164("") is None


def test_a_providers_msisdn_and_back():
    assert phones.from_msisdn(4520123456) == "+4520123456"
    assert phones.from_msisdn("abc") is None and phones.from_msisdn(None) is None
    assert phones.msisdn("+4520123456") == 4520123456


def test_a_persons_phone_is_kept_in_e164_beside_how_they_wrote_it(ctx):
    inger = make_user(name="Inger Hansen", phone="86 12 34 56")
    assert (inger.phone, inger.phone_e164) == ("86 12 34 56", "+4586123456")
    inger.phone = "not a number"
    assert inger.phone_e164 is None
