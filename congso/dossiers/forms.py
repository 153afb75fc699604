"""Forms of the dossier app. The applicant's form and the procedure's own questions are the
single place their rules live: the public form, the desk intake in the back office, the
API and the services all validate through them, so every channel gives the same answer
and the same message ("Nhập số điện thoại gồm 10 chữ số", never only "Không hợp lệ")."""

from __future__ import annotations

import contextlib
import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congso.core.i18n import current_language
from congso.procedures.choices import ApplicationFieldType

from .choices import ApplicantKind, Channel

_NON_DIGITS = re.compile(r"[\s.\-()/]")


def normalise_phone(value: str) -> str:
    """ "+84 912.345.678" → "0912345678"; raises ValidationError unless it is a Vietnamese
    number: 10 digits (mobile) or 11 (a landline with its area code), starting with 0."""
    digits = _NON_DIGITS.sub("", str(value or ""))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not (digits.isdigit() and digits.startswith("0") and len(digits) in (10, 11)):
        raise ValidationError(
            _(
                "Enter a telephone number of 10 digits, for example 0912 345 678 (a "
                "landline: 11 digits with its area code)."
            ),
            code="phone",
        )
    return digits


def normalise_id_number(value: str) -> str:
    digits = _NON_DIGITS.sub("", str(value or ""))
    if not (digits.isdigit() and len(digits) == 12):
        raise ValidationError(
            _(
                "Enter the personal ID number: the 12 digits on the citizen ID card, for "
                "example 074 185 001 234."
            ),
            code="id_number",
        )
    return digits


def normalise_tax_code(value: str) -> str:
    text = re.sub(r"[\s.]", "", str(value or ""))
    if re.fullmatch(r"\d{10}", text):
        return text
    if re.fullmatch(r"\d{10}-?\d{3}", text):
        return f"{text[:10]}-{text[-3:]}"
    raise ValidationError(
        _("Enter the tax code: 10 digits, or 13 for a branch, written 0123456789-001."),
        code="tax_code",
    )


def _input(**attrs) -> dict:
    return {"class": "form-input", **attrs}


class ApplicantForm(forms.Form):
    """Who applies: an individual (with their personal ID number) or an organisation (with
    its tax code), and how to reach them."""

    applicant_kind = forms.ChoiceField(
        label=_("You are applying as"),
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={
            "required": _("Choose whether you apply as an individual or an organisation.")
        },
    )
    applicant_name = forms.CharField(
        label=_("Full name of the person or organisation"),
        max_length=255,
        help_text=_(
            "As on the ID card or the business registration. Example: Công ty TNHH "
            "Truyền thông Bình Minh"
        ),
        widget=forms.TextInput(attrs=_input(autocomplete="name")),
        error_messages={
            "required": _("Enter the full name of the person or organisation applying."),
            "max_length": _("Write the name in at most %(limit_value)d characters."),
        },
    )
    applicant_id_number = forms.CharField(
        label=_("Personal ID number (individuals)"),
        required=False,
        max_length=20,
        help_text=_("12 digits, on the citizen ID card. Leave empty for an organisation."),
        widget=forms.TextInput(attrs=_input(inputmode="numeric", autocomplete="off")),
    )
    applicant_tax_code = forms.CharField(
        label=_("Tax code (organisations)"),
        required=False,
        max_length=20,
        help_text=_("10 digits, or 0123456789-001 for a branch. Leave empty for an individual."),
        widget=forms.TextInput(attrs=_input(autocomplete="off")),
    )
    applicant_address = forms.CharField(
        label=_("Address"),
        max_length=500,
        help_text=_("Example: Số 1 Đường Lê Lợi, Phường Phú Cường, Thủ Dầu Một, Bình Dương"),
        widget=forms.TextInput(attrs=_input(autocomplete="street-address")),
        error_messages={
            "required": _("Enter the address: house number, street, ward and province."),
            "max_length": _("Write the address in at most %(limit_value)d characters."),
        },
    )
    applicant_phone = forms.CharField(
        label=_("Telephone"),
        max_length=20,
        help_text=_("Example: 0912 345 678"),
        widget=forms.TextInput(attrs=_input(type="tel", autocomplete="tel")),
        error_messages={"required": _("Enter a telephone number, for example 0912 345 678.")},
    )
    applicant_email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("We write to this address each time your application moves on."),
        widget=forms.EmailInput(attrs=_input(autocomplete="email")),
        error_messages={"invalid": _("Enter an email address like ten@example.vn.")},
    )

    def clean_applicant_name(self):
        return " ".join(self.cleaned_data["applicant_name"].split())

    def clean_applicant_address(self):
        return " ".join(self.cleaned_data["applicant_address"].split())

    def clean_applicant_phone(self):
        return normalise_phone(self.cleaned_data["applicant_phone"])

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_kind")
        if kind == ApplicantKind.INDIVIDUAL:
            data["applicant_tax_code"] = ""
            value = data.get("applicant_id_number", "")
            if not value:
                self.add_error(
                    "applicant_id_number",
                    _("Enter the personal ID number: the 12 digits on the citizen ID card."),
                )
            else:
                try:
                    data["applicant_id_number"] = normalise_id_number(value)
                except ValidationError as error:
                    self.add_error("applicant_id_number", error)
        elif kind == ApplicantKind.ORGANISATION:
            data["applicant_id_number"] = ""
            value = data.get("applicant_tax_code", "")
            if not value:
                self.add_error(
                    "applicant_tax_code",
                    _("Enter the organisation's tax code: 10 digits, or 13 for a branch."),
                )
            else:
                try:
                    data["applicant_tax_code"] = normalise_tax_code(value)
                except ValidationError as error:
                    self.add_error("applicant_tax_code", error)
        return data


def _field_for(spec) -> forms.Field:
    """The form field of one ApplicationField, labelled in the active language, with a
    message per type that says how to write the answer."""
    english = current_language() == "en"
    label = spec.label_en if english and spec.label_en else spec.label_vi
    hint = spec.help_en if english and spec.help_en else spec.help_vi
    required_message = _("Enter %(label)s.") % {
        "label": label.lower() if english else label[:1].lower() + label[1:]
    }
    common = {"label": label, "required": spec.required, "help_text": hint}
    kind = spec.field_type
    if kind == ApplicationFieldType.TEXTAREA:
        return forms.CharField(
            max_length=5000,
            widget=forms.Textarea(attrs={"class": "form-input form-textarea", "rows": 5}),
            error_messages={
                "required": required_message,
                "max_length": _("Write at most %(limit_value)d characters."),
            },
            **common,
        )
    if kind == ApplicationFieldType.INTEGER:
        return forms.IntegerField(
            min_value=0,
            max_value=10_000_000,
            widget=forms.TextInput(attrs=_input(inputmode="numeric")),
            error_messages={
                "required": required_message,
                "invalid": _("Write a whole number in digits, for example 12."),
                "min_value": _("Write a number of 0 or more."),
                "max_value": _("Write a number of at most %(limit_value)s."),
            },
            **common,
        )
    if kind == ApplicationFieldType.DATE:
        common["help_text"] = hint or _("Format: dd/mm/yyyy, for example 19/02/2027")
        return forms.DateField(
            input_formats=["%d/%m/%Y", "%Y-%m-%d"],
            widget=forms.DateInput(attrs=_input(), format="%d/%m/%Y"),
            error_messages={
                "required": required_message,
                "invalid": _("Write the date as dd/mm/yyyy, for example 19/02/2027."),
            },
            **common,
        )
    if kind == ApplicationFieldType.CHOICE:
        return forms.ChoiceField(
            choices=spec.choice_list,
            widget=forms.RadioSelect(attrs={"class": "form-radio"}),
            error_messages={
                "required": _("Choose %(label)s.") % {"label": label[:1].lower() + label[1:]},
                "invalid_choice": _("Choose one of the options listed."),
            },
            **common,
        )
    if kind == ApplicationFieldType.EMAIL:
        return forms.EmailField(
            widget=forms.EmailInput(attrs=_input()),
            error_messages={
                "required": required_message,
                "invalid": _("Enter an email address like ten@example.vn."),
            },
            **common,
        )
    if kind == ApplicationFieldType.PHONE:
        field = forms.CharField(
            max_length=20,
            widget=forms.TextInput(attrs=_input(type="tel")),
            error_messages={"required": required_message},
            validators=[normalise_phone],
            **common,
        )
        return field
    return forms.CharField(
        max_length=500,
        widget=forms.TextInput(attrs=_input()),
        error_messages={
            "required": required_message,
            "max_length": _("Write at most %(limit_value)d characters."),
        },
        **common,
    )


class AnswersForm(forms.Form):
    """The procedure's own questions (ApplicationField rows of one version), in order.
    `answers()` returns what is stored: text stripped, whole numbers as int, dates as
    ISO strings, telephone numbers normalised."""

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.specs = list(version.application_fields.all())
        for spec in self.specs:
            self.fields[spec.key] = _field_for(spec)

    def answers(self) -> dict:
        result = {}
        for spec in self.specs:
            value = self.cleaned_data.get(spec.key)
            if value in (None, ""):
                continue
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif spec.field_type == ApplicationFieldType.PHONE:
                value = normalise_phone(value)
            elif isinstance(value, str):
                value = value.strip()
            result[spec.key] = value
        return result

    @staticmethod
    def initial_from(answers: dict) -> dict:
        """Form data from stored answers (dates back to dd/mm/yyyy)."""
        data = {}
        for key, value in (answers or {}).items():
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                value = datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
            data[key] = value
        return data


def answers_display(version, answers: dict) -> list[tuple[str, str, str]]:
    """(key, label, answer as written) for each question of the version, in order, in the
    active language; choices shown by their label, dates as dd/mm/yyyy."""
    english = current_language() == "en"
    rows = []
    for spec in version.application_fields.all():
        value = (answers or {}).get(spec.key, "")
        if spec.field_type == ApplicationFieldType.CHOICE and value:
            value = dict(spec.choice_list).get(value, value)
        elif spec.field_type == ApplicationFieldType.DATE and value:
            with contextlib.suppress(ValueError):
                value = datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
        label = spec.label_en if english and spec.label_en else spec.label_vi
        rows.append((spec.key, label, "" if value is None else str(value)))
    return rows


class TrackingForm(forms.Form):
    """The public look-up: a dossier code and the secret (or the ID number / tax code)."""

    code = forms.CharField(
        label=_("Reference number"),
        max_length=40,
        help_text=_("As on your receipt, for example 000.00.45.H07-270218-0001"),
        widget=forms.TextInput(attrs=_input(autocomplete="off", spellcheck="false")),
        error_messages={"required": _("Enter the reference number of your application.")},
    )
    secret = forms.CharField(
        label=_("Tracking secret, or the applicant's ID number or tax code"),
        max_length=40,
        help_text=_("The secret is on your receipt, for example K7QM-P3XR-9TWA."),
        widget=forms.TextInput(attrs=_input(autocomplete="off", spellcheck="false")),
        error_messages={
            "required": _(
                "Enter the tracking secret from your receipt, or the applicant's ID "
                "number or tax code."
            )
        },
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class StaffChannelForm(forms.Form):
    """Desk intake: how the paper dossier came in."""

    channel = forms.ChoiceField(
        label=_("Received"),
        choices=[(Channel.DESK, Channel.DESK.label), (Channel.POSTAL, Channel.POSTAL.label)],
        widget=forms.RadioSelect,
        initial=Channel.DESK,
    )
    language = forms.ChoiceField(
        label=pgettext_lazy("dossier", "Language for letters and emails"),
        choices=[("vi", "Tiếng Việt"), ("en", "English")],
        initial="vi",
    )
