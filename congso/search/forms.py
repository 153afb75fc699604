"""The search page's query and filters (GET)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .query import MAX_QUERY


class SearchForm(forms.Form):
    """q, category (a news category of the page's language, its sub-categories
    included), from and to (dates, inclusive). Anything else in the address is ignored.
    An over-long q is cut, not refused: a search never fails on its words."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    category = forms.TypedChoiceField(
        label=pgettext_lazy("search filter", "Category"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    date_from = forms.DateField(
        label=pgettext_lazy("search filter", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("search filter", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data=None, *, categories=(), **kwargs):
        if data is not None:
            data = data.copy()
            data["q"] = (data.get("q") or "")[: MAX_QUERY * 5]
        super().__init__(data, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.pk, c.title) for c in categories
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
