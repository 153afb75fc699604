"""Template helpers for the procedure catalogue: amounts in VND, fee summaries."""

from django import template
from django.utils.text import capfirst
from django.utils.translation import gettext

from congso.core.i18n import current_language

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """50000 → "50.000 đồng" (vi) or "50,000 VND" (en)."""
    if amount is None or amount == "":
        return ""
    grouped = f"{int(amount):,}"
    if current_language() == "en":
        return f"{grouped} VND"
    return f"{grouped.replace(',', '.')} đồng"


@register.filter
def fee_summary(version) -> str:
    """One line for a catalogue row: "No fee", "50.000 đồng", the amounts joined with
    " + ", or "Amount being confirmed" when an amount is not known. Reads the prefetched
    fees."""
    fees = list(version.fees.all())
    if not fees:
        return gettext("No fee")
    if any(fee.amount is None for fee in fees):
        known = [vnd(fee.amount) for fee in fees if fee.amount is not None]
        unknown = gettext("amount being confirmed")
        return capfirst(" + ".join([*known, unknown]))
    return " + ".join(vnd(fee.amount) for fee in fees)
