"""The monthly royalty sheet as files: .xlsx (openpyxl; amounts are numbers in a VND
format, so the accountant's sums work) and PDF (the administrative document kit,
congso.core.documents, with the agency's header). Both are in Vietnamese, like every paper
the department issues."""

from __future__ import annotations

import io

from django.utils import timezone

from .royalties import Sheet, format_decimal

VND_FORMAT = '#,##0 "đ"'
COEFFICIENT_FORMAT = "0.##"
PERCENT_FORMAT = '0.## "%"'

HEADERS = (
    "STT",
    "Tác giả / Tin bài",
    "Ngày xuất bản",
    "Loại bài",
    "Hệ số tin",
    "Số ảnh",
    "Hệ số ảnh",
    "Tăng thêm (%)",
    "Giá trị 1 đơn vị (đ)",
    "Nhuận bút cả bài (đ)",
    "Tỷ lệ hưởng (%)",
    "Thành tiền (đ)",
    "Trạng thái",
)


def _status(royalty) -> str:
    if royalty.is_paid:
        return f"Đã chi {timezone.localtime(royalty.paid_at):%d/%m/%Y}"
    if royalty.overdue:
        return "Quá hạn 60 ngày"
    return "Chưa chi"


def sheet_xlsx(sheet: Sheet) -> bytes:
    """The sheet as an .xlsx workbook: one row per author and item, a subtotal per author,
    the overall total; amounts and coefficients as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = f"Nhuận bút {sheet.month:%m-%Y}"
    bold = Font(bold=True)
    ws.append([f"BẢNG THANH TOÁN NHUẬN BÚT THÁNG {sheet.month_label}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Lập ngày {sheet.today:%d/%m/%Y}"])
    ws.append([])
    ws.append(list(HEADERS))
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    number = 0
    overdue_fill = PatternFill("solid", fgColor="FDE2E1")
    for author in sheet.authors:
        ws.append(["", author.name])
        ws.cell(ws.max_row, 2).font = bold
        for line in author.lines:
            number += 1
            r = line.royalty
            ws.append(
                [
                    number,
                    r.title,
                    r.published_on,
                    r.article_type_name,
                    float(r.news_coefficient),
                    r.photo_count,
                    float(r.photo_coefficient),
                    float(r.uplift_percent),
                    float(r.unit_value),
                    r.amount,
                    float(line.share.share_percent) if line.share else 100.0,
                    line.amount,
                    _status(r),
                ]
            )
            row = ws.max_row
            ws.cell(row, 3).number_format = "DD/MM/YYYY"
            for col in (5, 7):
                ws.cell(row, col).number_format = COEFFICIENT_FORMAT
            ws.cell(row, 8).number_format = PERCENT_FORMAT
            ws.cell(row, 11).number_format = PERCENT_FORMAT
            for col in (9, 10, 12):
                ws.cell(row, col).number_format = VND_FORMAT
            if r.overdue:
                for cell in ws[row]:
                    cell.fill = overdue_fill
        ws.append(["", f"Cộng {author.name}"] + [""] * 9 + [author.total])
        ws.cell(ws.max_row, 2).font = bold
        ws.cell(ws.max_row, 12).font = bold
        ws.cell(ws.max_row, 12).number_format = VND_FORMAT
    ws.append(["", "TỔNG CỘNG"] + [""] * 9 + [sheet.total])
    total_row = ws.max_row
    ws.cell(total_row, 2).font = bold
    ws.cell(total_row, 12).font = bold
    ws.cell(total_row, 12).number_format = VND_FORMAT
    widths = (6, 48, 13, 16, 9, 7, 9, 11, 14, 15, 11, 15, 18)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _issuer():
    from wagtail.models import Site

    from congso.core.documents import Issuer
    from congso.portal.models import PortalSettings

    site = Site.objects.filter(is_default_site=True).first()
    settings = PortalSettings.for_site(site) if site else None
    if settings is None or settings.agency_id is None:
        return Issuer(name="")
    return Issuer.from_agency(settings.agency, place=settings.place_name_vi)


def sheet_pdf(sheet: Sheet) -> bytes:
    """The sheet as an A4 PDF with the agency's administrative header."""
    from congso.core.documents import render_pdf

    context = {
        "issuer": _issuer(),
        "date": sheet.today,
        "title": "Bảng thanh toán nhuận bút",
        "subtitle": f"Tin bài xuất bản trên Cổng thông tin điện tử tháng {sheet.month_label}",
        "sheet": sheet,
        "archive": "VT, KT",
        "format_decimal": format_decimal,
    }
    return render_pdf("newsroom/documents/royalty_sheet.html", context)
