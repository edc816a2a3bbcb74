"""The council report as a PDF (the same figures as the page and the CSV)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from twinning.activities.models import Activity
from twinning.topics.models import Topic

from .council import CouncilReport, country_label
from .pdf import ReportPDF


def council_pdf(report: CouncilReport) -> bytes:
    kinds = dict(Activity.Kind.choices)
    sectors = dict(Topic.Sector.choices)
    pdf = ReportPDF(
        title=_("Partnership report %(scope)s %(year)s") % {"scope": report.scope, "year": report.year},
        header_lines=[_("Liveliness as of %(day)s") % {"day": report.as_of.isoformat()}],
    )
    pdf.heading(_("Activities (%(n)d)") % {"n": len(report.activities)})
    if report.activities:
        pdf.grid(
            [_("Date"), _("Activity"), _("Kind"), _("Participants")],
            [
                [
                    row.activity.starts.iso() if row.activity.starts else "",
                    row.activity.title,
                    kinds.get(row.activity.kind, row.activity.kind),
                    "" if row.participants.total is None else row.participants.total,
                ]
                for row in report.activities
            ],
            widths=(18, 60, 25, 22),
        )
    else:
        pdf.paragraph(_("No activities recorded in this year."))
    if report.by_kind:
        pdf.heading(_("Activities by kind"))
        pdf.grid([_("Kind"), _("Activities")], [[kinds.get(k, k), n] for k, n in report.by_kind.items()], widths=(3, 1))
    if report.by_sector:
        pdf.heading(_("Activities by sector"))
        pdf.grid(
            [_("Sector"), _("Activities")], [[sectors.get(k, k), n] for k, n in report.by_sector.items()], widths=(3, 1)
        )
    pdf.heading(_("Participants by country (%(n)d)") % {"n": report.participants_total})
    if report.participants_by_country:
        pdf.grid(
            [_("Country"), _("Participants")],
            [[country_label(code), n] for code, n in report.participants_by_country.items()],
            widths=(3, 1),
        )
    pdf.heading(_("Partnerships"))
    pdf.paragraph(
        _("lively: %(lively)d · quiet: %(quiet)d · no records: %(no_records)d") % report.liveliness,
    )
    if report.partnerships:
        pdf.grid(
            [_("Partnership"), _("Since"), _("Status"), _("Score")],
            [
                [
                    p.title,
                    p.partnership.established.isoformat() if p.partnership.established else "",
                    status_label(p.status),
                    "" if p.score is None else p.score,
                ]
                for p in report.partnerships
            ],
            widths=(60, 20, 25, 12),
        )
    pdf.heading(_("Anniversaries in %(year)s") % {"year": report.year + 1})
    if report.anniversaries:
        pdf.grid(
            [_("Date"), _("Partnership"), _("Years")],
            [[a.date.iso(), report.anniversary_title(a), a.years] for a in report.anniversaries],
            widths=(20, 70, 12),
        )
    else:
        pdf.paragraph(_("No anniversaries."))
    pdf.heading(_("Press coverage (%(n)d)") % {"n": len(report.articles)})
    if report.articles:
        pdf.grid(
            [_("Date"), _("Title"), _("Publisher")],
            [
                [a.published.isoformat() if a.published else "", a.title, str(a.publisher) if a.publisher_id else ""]
                for a in report.articles
            ],
            widths=(18, 70, 30),
        )
    return pdf.bytes()


def status_label(status: str) -> str:
    return {
        "lively": _("lively"),
        "quiet": _("quiet"),
        "dormant": _("dormant"),
        "no_records": _("no records"),
    }.get(status, status)
