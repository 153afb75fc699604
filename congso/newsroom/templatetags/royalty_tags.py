"""Royalty amounts and coefficients as Vietnamese write them (`{% load royalty_tags %}`):
`{{ 1265000|vnd }}` → "1.265.000 đ", `{{ coefficient|coef }}` → "2,5"."""

from django import template

from congso.newsroom.royalties import format_decimal, format_vnd

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """1265000 → "1.265.000 đ"; "" for None."""
    return format_vnd(amount)


@register.filter
def coef(value) -> str:
    """A coefficient or a percentage: 2.50 → "2,5", 5.00 → "5"."""
    return format_decimal(value)
