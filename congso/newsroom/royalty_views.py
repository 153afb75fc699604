"""Admin: the monthly royalty sheet (Bảng nhuận bút), its exports and "mark paid".

| URL | Permission | What |
|---|---|---|
| /admin/newsroom/royalties/?month=2026-08 | newsroom.view_royalty | the sheet of a month |
| …?month=2026-08&format=xlsx / format=pdf | newsroom.view_royalty | the same as a file |
| /admin/newsroom/royalties/paid/ (POST) | newsroom.mark_royalty_paid | mark the ticked items paid |
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import royalties

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def parse_month(value: str | None) -> datetime.date | None:
    """ "2026-08" → 1 August 2026; None for anything else."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return None


class RoyaltySheetView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "newsroom/admin/royalty_sheet.html"
    page_title = gettext_lazy("Royalty sheet")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("newsroom.view_royalty"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        raw = request.GET.get("month")
        month = parse_month(raw)
        if month is None:
            if raw:
                messages.error(request, _("Choose a month as MM/YYYY."))
            month = timezone.localdate().replace(day=1)
        self.sheet = royalties.royalty_sheet(month)
        kind = request.GET.get("format")
        if kind == "xlsx":
            from .royalty_exports import sheet_xlsx

            response = HttpResponse(sheet_xlsx(self.sheet), content_type=XLSX_TYPE)
            response["Content-Disposition"] = f'attachment; filename="nhuan-but-{month:%Y-%m}.xlsx"'
            return response
        if kind == "pdf":
            from .royalty_exports import sheet_pdf

            response = HttpResponse(sheet_pdf(self.sheet), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="nhuan-but-{month:%Y-%m}.pdf"'
            return response
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.sheet.month_label

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = self.sheet.month
        previous = (month - datetime.timedelta(days=1)).replace(day=1)
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        base = reverse("newsroom_royalties")
        context.update(
            sheet=self.sheet,
            month_value=f"{month:%Y-%m}",
            previous_url=f"{base}?month={previous:%Y-%m}",
            next_url=f"{base}?month={following:%Y-%m}",
            xlsx_url=f"{base}?month={month:%Y-%m}&format=xlsx",
            pdf_url=f"{base}?month={month:%Y-%m}&format=pdf",
            can_mark_paid=self.request.user.has_perm("newsroom.mark_royalty_paid"),
            overdue_total=royalties.royalties_overdue_count(self.request),
            payment_days=royalties.PAYMENT_DAYS,
        )
        return context


class RoyaltyMarkPaidView(View):
    """Mark the ticked royalties paid, in one transaction; back to the month's sheet."""

    http_method_names = ["post"]

    def post(self, request):
        if not request.user.has_perm("newsroom.mark_royalty_paid"):
            raise PermissionDenied
        month = parse_month(request.POST.get("month"))
        back = reverse("newsroom_royalties") + (f"?month={month:%Y-%m}" if month else "")
        ids = [value for value in request.POST.getlist("royalty") if value.isdigit()]
        if not ids:
            messages.error(request, _("Tick the items to mark paid."))
            return redirect(back)
        count = royalties.royalties_mark_paid(ids, user=request.user)
        messages.success(request, _("%(count)s item(s) marked paid.") % {"count": count})
        return redirect(back)
