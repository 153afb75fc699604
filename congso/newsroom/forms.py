"""The news item's editor form (NewsPage.base_form_class): royalty rules the model alone
cannot check, because they need the authors' inline forms or the user.

- The co-authors' shares add up to 100 % (Decree 18/2014 Art. 4: co-authors split by
  agreement; the split must be the whole royalty).
- Once the item's royalty is frozen (its first publication), its coefficients change only
  for a user holding `newsroom.change_frozen_royalty` (the approving leader), with a
  reason; the change recomputes the royalty with the base salary frozen at publication
  and is logged (royalties.royalty_change_coefficients). Anyone else is refused with a
  message, and nothing is saved. A paid royalty is never recomputed.
- The same holds for its co-authors (who it is paid to, and in what shares): changed
  after publication only by the approving leader, with a reason, logged, the same amount
  split again among the new authors (royalties.royalty_change_authors).
"""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# The NewsPage fields a frozen royalty was computed from.
ROYALTY_INPUT_FIELDS = (
    "news_coefficient",
    "photo_coefficient",
    "royalty_photo_count",
    "uplift_percent",
    "uplift_reason",
    "base_salary_coefficient",
)


class NewsPageForm(WagtailAdminPageForm):
    royalty_change_reason = forms.CharField(
        label=_("reason for changing the royalty"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required to change the coefficients or the authors after publication: the "
            "royalty was frozen then, and the change is logged."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "audio_file" in self.fields:  # the audio work (audio.py): say what happens without
            from .audio import editor_notice

            field = self.fields["audio_file"]
            field.help_text = f"{field.help_text} {editor_notice()}".strip()
        self.royalty = None
        self.royalty_changes: dict = {}
        self.royalty_authors: list | None = None
        if self.instance.pk:
            from .models import Royalty

            self.royalty = Royalty.objects.filter(page_id=self.instance.pk).first()

    def clean_audio_file(self):
        """A new upload must be audio by its content (audio.audio_check)."""
        from django.core.files.uploadedfile import UploadedFile

        from .audio import audio_check

        upload = self.cleaned_data.get("audio_file")
        if isinstance(upload, UploadedFile):
            audio_check(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        self._check_shares()
        self._check_frozen_royalty(cleaned)
        self._check_frozen_authors(cleaned)
        return cleaned

    def _check_shares(self) -> None:
        formset = self.formsets.get("authors")
        if formset is None or not all(form.is_valid() for form in formset.forms):
            return
        shares = [
            form.cleaned_data.get("share_percent") or Decimal(0)
            for form in formset.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("contributor")
        ]
        if shares and sum(shares) != Decimal(100):
            self.add_error(
                None,
                _(
                    "The authors' shares must add up to 100%% (now %(total)s%%): the royalty "
                    "is split among them by share."
                )
                % {"total": _percent(sum(shares))},
            )

    def _check_frozen_royalty(self, cleaned) -> None:
        if self.royalty is None:
            return
        from .royalties import royalty_inputs

        frozen = royalty_inputs(self.royalty)
        wanted = {
            name: cleaned.get(name) for name in ROYALTY_INPUT_FIELDS if name in self.changed_data
        }
        # A field set back to the frozen value, or a photo count left to follow the images,
        # is no change of the royalty.
        changes = {
            name: value
            for name, value in wanted.items()
            if not (name == "royalty_photo_count" and value is None)
            and _normal(value) != _normal(frozen.get(name))
        }
        if not changes:
            return
        user = self.for_user
        if self.royalty.is_paid:
            self.add_error(
                None,
                _(
                    "The royalty of this item was paid on %(day)s: its coefficients can no "
                    "longer change."
                )
                % {"day": f"{timezone.localtime(self.royalty.paid_at):%d/%m/%Y}"},
            )
            self._restore(changes)
            return
        if user is None or not user.has_perm("newsroom.change_frozen_royalty"):
            self.add_error(
                None,
                _(
                    "The royalty of this item was frozen when it was published. Only an "
                    "approving leader may change its coefficients; ask one to do it."
                ),
            )
            self._restore(changes)
            return
        if not (cleaned.get("royalty_change_reason") or "").strip():
            self.add_error(
                "royalty_change_reason",
                _("Say why the coefficients of a published item change."),
            )
            return
        self.royalty_changes = changes

    def _authors_in_form(self) -> list | None:
        """(contributor id, name, role, share) of the authors as the form leaves them, or
        None when the authors' forms have errors of their own."""
        formset = self.formsets.get("authors")
        if formset is None or not all(form.is_valid() for form in formset.forms):
            return None
        rows = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("contributor")
        ]
        if formset.can_order:
            rows.sort(key=lambda row: row.get("ORDER") or 0)
        return [
            (
                row["contributor"].pk,
                row["contributor"].name,
                (row.get("role") or "").strip(),
                row.get("share_percent") or Decimal(0),
            )
            for row in rows
        ]

    def _check_frozen_authors(self, cleaned) -> None:
        """The co-authors of a frozen royalty are who it is paid to: changing them after
        publication follows the rules of the coefficients (see the module's docstring)."""
        if self.royalty is None:
            return
        from .royalties import royalty_authors

        wanted = self._authors_in_form()
        if wanted is None:
            return

        def key(authors):
            return [(cid, role, _normal(share)) for cid, _name, role, share in authors]

        if key(wanted) == key(royalty_authors(self.royalty)):
            return
        user = self.for_user
        if self.royalty.is_paid:
            self.add_error(
                None,
                _("The royalty of this item was paid on %(day)s: its authors can no longer change.")
                % {"day": f"{timezone.localtime(self.royalty.paid_at):%d/%m/%Y}"},
            )
            return
        if user is None or not user.has_perm("newsroom.change_frozen_royalty"):
            self.add_error(
                None,
                _(
                    "The royalty of this item was frozen when it was published, with its "
                    "authors' shares. Only an approving leader may change its authors; ask "
                    "one to do it."
                ),
            )
            return
        if not (cleaned.get("royalty_change_reason") or "").strip():
            self.add_error(
                "royalty_change_reason",
                _("Say why the authors of a published item change."),
            )
            return
        self.royalty_authors = wanted

    def _restore(self, changes) -> None:
        for name in changes:
            if name in self.fields:
                self.add_error(name, _("Frozen at publication."))

    def save(self, commit=True):
        page = super().save(commit=commit)
        if self.royalty_changes:
            from .royalties import royalty_change_coefficients

            royalty_change_coefficients(
                self.royalty,
                user=self.for_user,
                reason=self.cleaned_data["royalty_change_reason"].strip(),
                **self.royalty_changes,
            )
            self.royalty_changes = {}
        if self.royalty_authors is not None:
            from .royalties import royalty_change_authors

            royalty_change_authors(
                self.royalty,
                user=self.for_user,
                reason=self.cleaned_data["royalty_change_reason"].strip(),
                authors=self.royalty_authors,
            )
            self.royalty_authors = None
        return page


def _normal(value):
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, str):
        return value.strip()
    return value


def _percent(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text
