import datetime as dt

import pytest

from tests.factories import PartnershipFactory
from twinning.portal.selectors import anniversaries_upcoming

pytestmark = pytest.mark.django_db


def test_round_anniversaries_in_the_next_twelve_months():
    fifty = PartnershipFactory(established=dt.date(1976, 6, 10), established_precision="day")
    forty_next_year = PartnershipFactory(established=dt.date(1987, 2, 1), established_precision="month")
    PartnershipFactory(established=dt.date(1977, 6, 10), established_precision="day")  # 49 / 50 in 2027-06: too late
    PartnershipFactory(established=dt.date(1976, 3, 1), established_precision="day")  # 50 years, already past
    PartnershipFactory(established=dt.date(1986, 6, 10), status="ended")  # ended: no anniversary
    PartnershipFactory(established=None)
    found = anniversaries_upcoming(today=dt.date(2026, 5, 15))
    assert [(a.partnership, a.years, a.on.iso()) for a in found] == [
        (fifty, 50, "2026-06-10"),
        (forty_next_year, 40, "2027-02"),
    ]


def test_year_precision_counts_while_the_year_lasts():
    twinning = PartnershipFactory(established=dt.date(1986, 1, 1), established_precision="year")
    assert [(a.partnership, a.years) for a in anniversaries_upcoming(today=dt.date(2026, 11, 21))] == [(twinning, 40)]
    assert anniversaries_upcoming(today=dt.date(2027, 1, 2)) == []
