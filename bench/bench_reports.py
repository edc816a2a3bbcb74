"""Reports benchmarks on the demo world: the council report (Krefeld 2023 and 2027) and its PDF,
the CERV eligibility of the demo exchange (60 participants) and the Dunkirk signature list, each
next to a baseline from the same run (an almost empty PDF: fpdf2's fixed cost of the embedded font)."""

from __future__ import annotations

from io import StringIO

from common import percentiles, time_each


def main() -> None:
    from django.core.management import call_command

    from twinning.activities.models import Activity
    from twinning.demo.exchange import DUNKIRK, SLUG
    from twinning.places.models import Place
    from twinning.reports.council import council_report, scope_for_place
    from twinning.reports.council_pdf import council_pdf
    from twinning.reports.documents import invited_towns, signature_list_pdf
    from twinning.reports.eligibility import attendees, eligibility_for_activity
    from twinning.reports.pdf import ReportPDF

    call_command("demo", stdout=StringIO(), verbosity=0)
    scope = scope_for_place(Place.objects.get(geonameid=2884509))
    for year in (2023, 2027):
        p50, p95 = percentiles(time_each(lambda _n, y=year: council_report(scope, year=y), range(20)))
        report = council_report(scope, year=year)
        pdf50, pdf95 = percentiles(time_each(lambda _n, r=report: council_pdf(r), range(10)))
        print(
            f"council report Krefeld {year} ({len(report.activities)} activities, {len(report.partnerships)} "
            f"partnerships): p50 {p50:.1f} ms, p95 {p95:.1f} ms; PDF p50 {pdf50:.0f} ms, p95 {pdf95:.0f} ms"
        )
    exchange = Activity.objects.get(slug=SLUG)
    e50, e95 = percentiles(time_each(lambda _n: eligibility_for_activity(exchange), range(20)))
    result = eligibility_for_activity(exchange)
    town = next(t for t in invited_towns(attendees(exchange), host_country="DE") if t.key == str(DUNKIRK))
    s50, s95 = percentiles(time_each(lambda _n: signature_list_pdf(exchange, result.programme, town), range(10)))
    b50, _b95 = percentiles(time_each(lambda _n: ReportPDF(title="baseline").bytes(), range(10)))
    print(
        f"eligibility of the demo exchange ({result.figures.participants} participants): p50 {e50:.1f} ms, p95 {e95:.1f} ms"
    )
    print(
        f"signature list Dunkirk ({len(town.people)} rows): p50 {s50:.0f} ms, p95 {s95:.0f} ms "
        f"({s50 / max(b50, 1e-6):.1f}x an almost empty PDF, {b50:.0f} ms)"
    )


if __name__ == "__main__":
    main()
