import datetime
import random

import pytest
from django.template import Context, Template
from django.utils import translation

from rozwoj.core.formatting import date_formatter

DATE_ONLY = {"DATE_FORMAT", "SHORT_DATE_FORMAT", r"\d\a\y j"}
FORMATS = [
    "SHORT_DATETIME_FORMAT",
    "DATETIME_FORMAT",
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "N j, Y P",
    r"\d\a\y j",
]


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("name", FORMATS)
def test_a_formatter_writes_what_the_date_filter_writes(language, name):
    """Every day of a year at a random time (both sides of the change of time), in the current time zone."""
    rng = random.Random(7)
    template = Template(f'{{{{ value|date:"{name}" }}}}')
    with translation.override(language):
        write = date_formatter(name)
        for day in range(0, 366, 3):
            value = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
                days=day, hours=rng.randrange(24), minutes=rng.randrange(60)
            )
            assert write(value) == template.render(Context({"value": value}))
            if name in DATE_ONLY:
                assert write(value.date()) == template.render(Context({"value": value.date()}))
