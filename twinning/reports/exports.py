"""The council report as CSV rows (one long table: section, key, label, date, value)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from twinning.core.files import SafeDictWriter

from .council import CouncilReport, country_label

COUNCIL_FIELDS = ["section", "key", "label", "date", "value", "detail"]


def council_rows(report: CouncilReport) -> Iterator[dict[str, Any]]:
    from twinning.activities.models import Activity
    from twinning.topics.models import Topic

    kinds = dict(Activity.Kind.choices)
    sectors = dict(Topic.Sector.choices)
    for row in report.activities:
        a = row.activity
        yield {
            "section": "activity",
            "key": a.slug,
            "label": a.title,
            "date": a.starts.iso() if a.starts else "",
            "value": "" if row.participants.total is None else row.participants.total,
            "detail": str(kinds.get(a.kind, a.kind)),
        }
    for kind, n in report.by_kind.items():
        yield {"section": "activities_by_kind", "key": kind, "label": str(kinds.get(kind, kind)), "value": n}
    for sector, n in report.by_sector.items():
        yield {"section": "activities_by_sector", "key": sector, "label": str(sectors.get(sector, sector)), "value": n}
    for topic, n in report.by_topic.items():
        yield {"section": "activities_by_topic", "key": topic, "label": topic, "value": n}
    for code, n in report.participants_by_country.items():
        yield {"section": "participants_by_country", "key": code, "label": country_label(code), "value": n}
    yield {"section": "participants_total", "key": "", "label": _("participants"), "value": report.participants_total}
    for group, n in report.liveliness.items():
        yield {"section": "partnerships_by_liveliness", "key": group, "label": group, "value": n}
    for p in report.partnerships:
        yield {
            "section": "partnership",
            "key": p.partnership.pk,
            "label": p.title,
            "date": p.partnership.established.isoformat() if p.partnership.established else "",
            "value": "" if p.score is None else p.score,
            "detail": p.status,
        }
    for anniversary in report.anniversaries:
        yield {
            "section": "anniversary",
            "key": anniversary.partnership.id,
            "label": report.anniversary_title(anniversary),
            "date": anniversary.date.iso(),
            "value": anniversary.years,
        }
    for article in report.articles:
        yield {
            "section": "press",
            "key": article.slug,
            "label": article.title,
            "date": article.published.isoformat() if article.published else "",
            "detail": str(article.publisher) if article.publisher_id else "",
        }


def council_csv(report: CouncilReport) -> str:
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=COUNCIL_FIELDS, quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    writer.writerows(council_rows(report))
    return out.getvalue()
