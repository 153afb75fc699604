"""Back-office forms: the filters of the queues and one form per move. Every move's form
carries the dossier's version (optimistic concurrency) and turns its data into the
service's keyword arguments (`service_kwargs`)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.widgets import AdminDateInput

from congso.organization.models import Unit
from congso.procedures.models import Procedure

from . import selectors
from .choices import Action, Channel, Status
from .services import IncomingFile


class QueueFilterForm(forms.Form):
    """The filters of a queue (GET): procedure, status, channel, received between."""

    procedure = forms.ChoiceField(label=_("Procedure"), required=False)
    status = forms.ChoiceField(
        label=pgettext_lazy("dossier", "Status"),
        required=False,
        choices=[("", _("All")), *Status.choices],
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All")), *Channel.choices]
    )
    received_from = forms.DateField(label=_("Received from"), required=False, widget=AdminDateInput)
    received_to = forms.DateField(label=_("Received to"), required=False, widget=AdminDateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = (
            Procedure.objects.filter(versions__dossiers__isnull=False).distinct().order_by("code")
        )
        self.fields["procedure"].choices = [("", _("All"))] + [(p.code, p.code) for p in codes]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


NOTE_LABEL = _("Note")


def _note(label=None, *, required=False, help_text=""):
    return forms.CharField(
        label=label or NOTE_LABEL,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=help_text,
        error_messages={"required": _("This is needed for this step.")},
    )


class MoveForm(forms.Form):
    """Base of a move's form: the dossier's version as the user saw it, and a note."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = _note()

    def __init__(self, *args, dossier, user, **kwargs):
        self.dossier = dossier
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = dossier.version

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"expected_version": data["version"], "note": data.get("note", "")}


class ReceiveForm(MoveForm):
    pass


class RequestSupplementForm(MoveForm):
    documents = forms.MultipleChoiceField(
        label=_("Documents missing"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = _note(_("What else is needed, and why"))
    due_on = forms.DateField(
        label=_("Supply by"), required=False, widget=AdminDateInput, help_text=_("Optional.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [
            (doc.key, doc.name_vi) for doc in self.dossier.procedure_version.documents.all()
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "documents": data["documents"],
            "note": data["note"],
            "due_on": data["due_on"],
        }


class ReasonsForm(MoveForm):
    note = _note(_("Reasons"), required=True, help_text=_("The applicant receives these reasons."))

    def service_kwargs(self) -> dict:
        return {
            "expected_version": self.cleaned_data["version"],
            "reasons": self.cleaned_data["note"],
        }


class AssignForm(MoveForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    officer = forms.ModelChoiceField(
        label=_("Officer"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Optional: the head of the unit can assign it later."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = self.dossier.procedure_version
        self.fields["unit"].queryset = Unit.objects.filter(agency=version.agency).order_by(
            "sort_order", "name_vi"
        )
        self.fields["unit"].initial = self.dossier.assigned_unit_id or version.unit_id
        self.fields["officer"].queryset = (
            get_user_model()
            .objects.filter(unit_memberships__unit__agency=version.agency)
            .distinct()
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "unit": data["unit"],
            "officer": data["officer"],
            "note": data["note"],
        }


class AssignOfficerForm(MoveForm):
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.dossier.assigned_unit_id:
            self.fields["officer"].queryset = selectors.unit_officers(self.dossier.assigned_unit)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "officer": data["officer"],
            "note": data["note"],
        }


class ProposalForm(MoveForm):
    note = _note(_("Your proposal"), required=True)


class SendBackForm(MoveForm):
    note = _note(_("What should be revised"), required=True)


class IssueResultForm(MoveForm):
    result_reference = forms.CharField(
        label=_("Result"),
        required=False,
        max_length=255,
        help_text=_("e.g. Giấy phép xuất bản bản tin số 12/GP-STTTT"),
    )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "result_reference": data["result_reference"],
            "note": data["note"],
        }


class WithdrawForm(MoveForm):
    note = _note(_("The applicant's request"), help_text=_("How and when the applicant asked."))

    def service_kwargs(self) -> dict:
        return {
            "expected_version": self.cleaned_data["version"],
            "reason": self.cleaned_data["note"],
        }


class ApologiseForm(MoveForm):
    new_due_on = forms.DateField(label=_("New date for the result"), widget=AdminDateInput)
    note = _note(_("Reason for the delay"), required=True)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "new_due_on": data["new_due_on"],
            "reason": data["note"],
        }


class PaperSupplementForm(MoveForm):
    documents = forms.MultipleChoiceField(
        label=_("Documents received on paper"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = {doc.key: doc.name_vi for doc in self.dossier.procedure_version.documents.all()}
        wanted = (self.dossier.supplement_request or {}).get("documents") or list(names)
        self.fields["documents"].choices = [(key, names.get(key, key)) for key in wanted]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "documents": [IncomingFile(slot_key=key, on_paper=True) for key in data["documents"]],
            "note": data["note"],
        }


FORMS = {
    Action.RECEIVE: ReceiveForm,
    Action.REQUEST_SUPPLEMENT: RequestSupplementForm,
    Action.REFUSE: ReasonsForm,
    Action.ASSIGN: AssignForm,
    Action.ASSIGN_OFFICER: AssignOfficerForm,
    Action.START_REVIEW: MoveForm,
    Action.SUBMIT_FOR_APPROVAL: ProposalForm,
    Action.APPROVE: MoveForm,
    Action.REJECT: ReasonsForm,
    Action.SEND_BACK: SendBackForm,
    Action.ISSUE_RESULT: IssueResultForm,
    Action.RETURN: MoveForm,
    Action.WITHDRAW: WithdrawForm,
    Action.APOLOGISE: ApologiseForm,
    Action.SUPPLEMENT: PaperSupplementForm,
}


def move_form(action: str, *, dossier, user, data=None, files=None) -> MoveForm:
    form_class = FORMS[action]
    return form_class(data, files, dossier=dossier, user=user, prefix=action)


class DeskDocumentsForm(forms.Form):
    """Desk intake: per required document, "received on paper" and/or a scan."""

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = list(version.documents.all())
        for slot in self.slots:
            self.fields[f"paper_{slot.key}"] = forms.BooleanField(
                label=_("Received on paper"), required=False
            )
            self.fields[f"scan_{slot.key}"] = forms.FileField(
                label=_("Scan (optional)"), required=False
            )

    def rows(self):
        return [(slot, self[f"paper_{slot.key}"], self[f"scan_{slot.key}"]) for slot in self.slots]
