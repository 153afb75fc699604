"""The catalogue's search and filter form (GET; works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import OnlineLevel


class CatalogueFilterForm(forms.Form):
    """Search words and three filters. Choices for field and agency are those that have a
    procedure in force (passed in), so no filter can lead to an empty list by itself."""

    q = forms.CharField(
        label=_("Search procedures"),
        widget=forms.TextInput(attrs={"type": "search", "class": "form-input"}),
        help_text=_("Name or code, with or without accents. Example: giấy phép bản tin"),
        required=False,
        max_length=200,
    )
    field = forms.ChoiceField(label=pgettext_lazy("procedure", "Field"), required=False)
    agency = forms.ChoiceField(label=_("Agency"), required=False)
    online_level = forms.ChoiceField(
        label=_("Online level"),
        required=False,
        choices=[("", _("All levels")), *OnlineLevel.choices],
    )

    def __init__(self, *args, fields=(), agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields"))] + [(f.code, f.name) for f in fields]
        self.fields["agency"].choices = [("", _("All agencies"))] + [
            (a.code, a.short_name or a.name) for a in agencies
        ]
        self.fields["field"].error_messages["invalid_choice"] = _("Choose a field from the list.")
        self.fields["agency"].error_messages["invalid_choice"] = _(
            "Choose an agency from the list."
        )
        self.fields["online_level"].error_messages["invalid_choice"] = _(
            "Choose an online level from the list."
        )
        for name in ("field", "agency", "online_level"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["q"].error_messages["max_length"] = _(
            "Search with at most %(limit_value)d characters."
        )

    def filters(self) -> dict:
        """The valid filters (an invalid one is left out and reported by the form)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {key: data[key] for key in ("q", "field", "agency", "online_level") if data.get(key)}
