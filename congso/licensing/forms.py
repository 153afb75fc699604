"""Back-office forms of the licensing app (staff screens, in Vietnamese through gettext)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import LicenceType

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DecisionForm(forms.Form):
    """A decision on a licence: its number, date and reason (all required)."""

    decision_number = forms.CharField(
        label=_("Decision number"), max_length=80, help_text=_("e.g. 45/QĐ-STTTT")
    )
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("decision_date", timezone.localdate())
        super().__init__(*args, **kwargs)


class SuspendForm(DecisionForm):
    period_from = forms.DateField(
        label=_("Suspended from"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Default: the decision date."),
    )
    period_to = forms.DateField(
        label=_("Suspended until"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty to suspend until reinstated."),
    )


def _type_fields(form: forms.Form, licence_type: LicenceType, initial: dict) -> None:
    for spec in licence_type.fields or []:
        form.fields[f"value_{spec['key']}"] = forms.CharField(
            label=spec.get("label_vi") or spec["key"],
            required=False,
            initial=initial.get(spec["key"], ""),
            widget=forms.Textarea(attrs={"rows": 2}),
        )


def type_values(form: forms.Form) -> dict:
    return {
        name.removeprefix("value_"): value
        for name, value in form.cleaned_data.items()
        if name.startswith("value_")
    }


class SignerMixin(forms.Form):
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150)
    signer_position = forms.CharField(
        label=_("Signer's position"), max_length=150, help_text=_("As printed, e.g. GIÁM ĐỐC")
    )
    signer_authority = forms.CharField(
        label=_("Signing on behalf of"),
        max_length=150,
        required=False,
        help_text=_("e.g. KT. GIÁM ĐỐC, when a deputy signs."),
    )


class IssueForm(SignerMixin):
    """Issue a licence from an approved dossier: the signer and the type's fields, filled
    from the dossier and editable."""

    issued_on = forms.DateField(label=_("Issue date"), widget=DATE_INPUT)

    def __init__(self, *args, licence_type: LicenceType, values: dict, **kwargs):
        super().__init__(*args, **kwargs)
        _type_fields(self, licence_type, values)


class AmendForm(DecisionForm, SignerMixin):
    """Amend a licence: the decision, the signer of the new version, the changed fields."""

    holder_name = forms.CharField(label=_("Holder"), max_length=255)
    holder_address = forms.CharField(label=_("Holder's address"), max_length=500, required=False)

    def __init__(self, *args, licence, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.update(
            holder_name=licence.holder_name,
            holder_address=licence.holder_address,
            signer_name=licence.signer_name,
            signer_position=licence.signer_position,
        )
        super().__init__(*args, **kwargs)
        _type_fields(self, licence.licence_type, licence.values)


class EditForm(forms.Form):
    """Correct details that do not change what was licensed."""

    holder_address = forms.CharField(label=_("Holder's address"), max_length=500, required=False)
    holder_email = forms.EmailField(label=_("Holder's email"), required=False)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=150, required=False)
    reason = forms.CharField(
        label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RegisterForm(forms.Form):
    """A licence issued before the system, as printed."""

    number = forms.CharField(
        label=_("Licence number"), max_length=60, help_text=_("As printed, e.g. 12/GP-STTTT")
    )
    issued_on = forms.DateField(label=_("Issue date"), widget=DATE_INPUT)
    holder_name = forms.CharField(label=_("Holder"), max_length=255)
    holder_tax_code = forms.CharField(
        label=_("Tax code or establishment number"), max_length=60, required=False
    )
    holder_address = forms.CharField(label=_("Holder's address"), max_length=500, required=False)
    holder_is_individual = forms.BooleanField(
        label=_("The holder is an individual"),
        required=False,
        help_text=_(
            "The public register then shows the address only down to the district and the province."
        ),
    )
    holder_email = forms.EmailField(label=_("Holder's email"), required=False)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=150, required=False)
    valid_from = forms.DateField(
        label=_("Valid from"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Default: the issue date."),
    )
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Default: the licence type's rule (empty when it has no expiry)."),
    )

    def __init__(self, *args, licence_type: LicenceType, **kwargs):
        super().__init__(*args, **kwargs)
        _type_fields(self, licence_type, {})


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"), help_text=_("Excel (.xlsx) or CSV (UTF-8), at most 5 MB.")
    )
    all_or_nothing = forms.BooleanField(
        label=_("All or nothing: import nothing if any row is wrong"), required=False
    )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Number, holder or tax code"), required=False)
    type = forms.ChoiceField(label=_("Licence type"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)

    def __init__(self, *args, **kwargs):
        from .choices import LicenceStatus

        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types"))] + [
            (t.code, t.name_vi) for t in LicenceType.objects.order_by("sort_order")
        ]
        self.fields["status"].choices = [("", _("All statuses")), *LicenceStatus.choices]
