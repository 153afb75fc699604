"""`manage.py render_sample_document [--output PATH]`: render the sample invitation
(documents/sample_letter.html) from the demo agency's data and print where the PDF went.

For designers and reviewers of the document layout (Decree 30/2020/NĐ-CP): change
congso/core/static/documents/document.css or base_document.html, run this, open the PDF.
Needs the demo data (`manage.py load_demo`).
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from congso.core import calendar, dates, documents
from congso.organization.demo import DEFAULT_DATA_FILE, data_file_read
from congso.organization.models import Agency
from congso.organization.selectors import leadership

SAMPLE_DATE = datetime.date(2021, 6, 7)  # the seed's time (UX.md's example date line)
SAMPLE_TEMPLATE = "documents/sample_letter.html"


def sample_letter_context(*, agency: Agency, on: datetime.date, place: str, qr_url: str) -> dict:
    """The context of the sample invitation: the agency's names, address and telephone, and
    its first leader in office on `on` as the signer. Raises CommandError when the agency
    has no leader on that day."""
    leader = leadership(agency, on=on).first()
    if leader is None:
        raise CommandError(f"{agency.code} has no leader in office on {on:%d/%m/%Y}")
    # The meeting: the fourth working day counted from the letter's date (the letter's date
    # is day 1), so the invitation goes out three working days ahead.
    letter_time = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
    meeting_day = calendar.add_working_days(letter_time, 4).date()
    return {
        "issuer": documents.Issuer.from_agency(agency, place=place),
        "number": f"15/GM-{agency.abbreviation or 'VP'}",
        "date": on,
        "title": "Giấy mời",
        "subtitle": "Dự Hội nghị tập huấn cung cấp dịch vụ công trực tuyến",
        "agency_name": agency.name_vi,
        "meeting_day": dates.long_date(meeting_day, "vi"),
        "venue": agency.address_vi,
        "phone": agency.phone,
        "recipients": ["Như trên", "Ủy ban nhân dân tỉnh (để báo cáo)"],
        "archive": "VT, VP",
        "signer": documents.Signer(position=leader.position_vi, name=leader.name_vi),
        "qr_url": qr_url,
        "qr_caption": "Quét mã để xem Cổng thông tin điện tử của Sở",
        "notice": "Văn bản mẫu của hệ thống, không có giá trị pháp lý",
    }


class Command(BaseCommand):
    help = "Render the sample document (a Decree 30/2020 invitation) to PDF; print its path."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "var" / "documents" / "sample-letter.pdf",
            help="where to write the PDF (default: var/documents/sample-letter.pdf)",
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=SAMPLE_DATE,
            help="the letter's date, YYYY-MM-DD (default: 2021-06-07)",
        )
        parser.add_argument(
            "--agency", help="the agency's code (default: the demo data file's agency)"
        )
        parser.add_argument(
            "--place",
            default="Bình Dương",
            help="the place name of the date line (default: Bình Dương)",
        )
        parser.add_argument(
            "--qr-url", help="the address in the QR code (default: the portal's home page)"
        )

    def handle(self, *args, output, date, agency, place, qr_url, **options):
        # call_command() hands keyword options over without argparse's conversions.
        output = Path(output)
        if isinstance(date, str):
            date = datetime.date.fromisoformat(date)
        code = agency or data_file_read(DEFAULT_DATA_FILE).agency.code
        try:
            agency_row = Agency.objects.get(code=code)
        except Agency.DoesNotExist:
            raise CommandError(
                f"No agency {code!r}: load the demo data first (manage.py load_demo)"
            ) from None
        context = sample_letter_context(
            agency=agency_row,
            on=date,
            place=place,
            qr_url=qr_url or settings.CONGSO_BASE_URL.rstrip("/") + "/vi/",
        )
        try:
            pdf = documents.render_pdf(SAMPLE_TEMPLATE, context)
        except documents.DocumentError as error:
            raise CommandError(str(error)) from error
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(pdf)
        self.stdout.write(str(output))
