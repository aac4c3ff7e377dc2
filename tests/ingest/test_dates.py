"""Dates as pages write them: whole-line date stamps, numeric dates with and without a stated order,
and dates in URLs. Lines and addresses are copied from the benchmark's pages."""

from __future__ import annotations

from datetime import date

import pytest

from lib.ingest.dates import dates_in_url, read_date_line


@pytest.mark.parametrize(
    ("line", "day", "label"),
    [
        ("NEWS | Oct. 2, 2024", date(2024, 10, 2), ""),
        ("Aug. 14, 2023 |DOD News", date(2023, 8, 14), ""),
        ("Date Posted: 03.31.2024 14:49", date(2024, 3, 31), "published"),
        ("Date Taken: 03.30.2024", date(2024, 3, 30), "other"),
        ("Sunday, February 7, 2021", date(2021, 2, 7), ""),
        ("Tuesday, January 19, 2010", date(2010, 1, 19), ""),
        ("4.18.2007", date(2007, 4, 18), ""),
        ("02 February 2010", date(2010, 2, 2), ""),
        ("2008-12-3", date(2008, 12, 3), ""),
        ("    2009-7-6", date(2009, 7, 6), ""),
        ("Published March 26,2024", date(2024, 3, 26), "published"),
        ("Updated: Jan 5, 2024 at 10:30 a.m. EST", date(2024, 1, 5), "updated"),
    ],
)
def test_date_stamps_are_read_with_their_label(line, day, label) -> None:
    stamp = read_date_line(line)
    assert stamp is not None
    assert (stamp.readings, stamp.label) == ((day,), label)


@pytest.mark.parametrize(
    ("line", "readings"),
    [
        ("7.09.2007", (date(2007, 7, 9), date(2007, 9, 7))),
        ("10.02.2024", (date(2024, 10, 2), date(2024, 2, 10))),
    ],
)
def test_a_numeric_date_whose_order_is_not_stated_keeps_both_readings(line, readings) -> None:
    stamp = read_date_line(line)
    assert stamp is not None and stamp.readings == readings and stamp.order == ""


@pytest.mark.parametrize(
    "line",
    [
        "This is the stable version, checked on 19 December 2024. Template changes await review.",
        "  • 29 June 2014: Medal-seeking Spanish men arrive at 2014 Goalball World Championships",
        "12:42 p.m. EDT",
        "Maintenance window scheduled to begin at February 14th 2200 est. until 0400 est. February 15th",
        "Earlier in March 2017, the Kahoku Shimpo, a Japanese daily newspaper covering northeastern Japan, "
        "documented the progress",
        "2024 Hurricane Season DoD Support",
    ],
)
def test_lines_that_say_more_than_a_date_are_not_date_stamps(line) -> None:
    assert read_date_line(line) is None


@pytest.mark.parametrize(
    ("url", "days"),
    [
        ("https://fema.gov/press-release/20241001/administrator-deanne-criswell-arrives-north-carolina-federal-agencies-and",
         [date(2024, 10, 1)]),
        ("http://poenglish.blogspot.com/2007_04_18_archive.html", [date(2007, 4, 18)]),
        ("https://www.voanews.com/a/a-13-2007-04-18-voa1/347746.html", [date(2007, 4, 18)]),
        ("http://diyforcar.com/2007-07/13/content_5434198.htm", [date(2007, 7, 13)]),
        ("https://globalvoices.org/2017/07/26/hell-on-earth-in-chittagong-floods-wreak-havoc-in-the-city/",
         [date(2017, 7, 26)]),
        ("https://example.org/news/storm-november-20-2023-update", [date(2023, 11, 20)]),
        # a search parameter, a year and month, a six-digit number: no full date stated
        ("https://poenglish.blogspot.com/search?updated-max=2007-07-10T16%3A07%3A00%2B08%3A00", []),
        ("http://thewaysofstudyenglishs.blogspot.com/2010/01/american-mosaic.html", []),
        ("https://gandalf.ddo.jp/html/250116.html", []),
        ("https://www.dvidshub.net/image/8315122/unified-command-begins-salvage-operations-key-bridge-incident", []),
    ],
)
def test_dates_in_urls_need_day_month_and_year(url, days) -> None:
    assert [day for _, day in dates_in_url(url)] == days
