"""Royalties (nhuận bút) of news items: Decree 18/2014/NĐ-CP, LEGAL.md §3.

    royalty = (news coefficient + photos counted × photo coefficient)
              × (1 + uplift %) × base-salary coefficient (0.10) × base salary in force
              on the publication date

in whole đồng (rounded half up), split among the co-authors by share so that the parts
add up to the whole (largest remainders). Everything is Decimal.

- `compute_royalty` and `split_amount` are pure functions (no database).
- `royalty_freeze` computes and stores the royalty of a news item at its first
  publication (signal `page_published`), with every input copied: a later change of the
  base salary, of the item or of its article type never rewrites it.
- `royalty_change_coefficients` and `royalty_change_authors` are the only ways to change a
  frozen royalty (permission `newsroom.change_frozen_royalty`, logged with a reason); a
  paid royalty never changes.
- `royalty_sheet` is the monthly sheet (per author, per item, totals), `royalties_mark_paid`
  marks items paid in one transaction, `royalties_overdue` the items unpaid 60 days after
  publication (Decree 18/2014 Art. 4).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

# Decree 18/2014 Art. 4: a royalty is paid within 60 days of publication.
PAYMENT_DAYS = 60
ONE_DONG = Decimal(1)
HUNDRED = Decimal(100)

# LEGAL.md §3: the base salary and the instrument that set it (seeded by migration 0002 and
# by `base_salaries_ensure`; staff add the next ones in the admin).
BASE_SALARY_SEED = (
    (1_490_000, datetime.date(2019, 7, 1), datetime.date(2023, 6, 30), "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, datetime.date(2023, 7, 1), datetime.date(2024, 6, 30), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, datetime.date(2024, 7, 1), datetime.date(2026, 6, 30), "Nghị định 73/2024/NĐ-CP"),
    (2_530_000, datetime.date(2026, 7, 1), None, "Nghị định 161/2026/NĐ-CP"),
)


# --- Pure computation ---------------------------------------------------------------------


@dataclass(frozen=True)
class RoyaltyInputs:
    news_coefficient: Decimal
    photo_coefficient: Decimal = Decimal(0)
    photo_count: int = 0
    uplift_percent: Decimal = Decimal(0)
    base_salary_coefficient: Decimal = Decimal("0.10")


@dataclass(frozen=True)
class RoyaltyResult:
    total_coefficient: Decimal  # (news + photos × photo coefficient) × (1 + uplift %)
    unit_value: Decimal  # base-salary coefficient × base salary
    amount: int  # whole đồng


def compute_royalty(inputs: RoyaltyInputs, base_salary: int | Decimal) -> RoyaltyResult:
    """The royalty of one item for the base salary in force on its publication date.

    >>> compute_royalty(RoyaltyInputs(Decimal(5)), 2_530_000).amount
    1265000
    """
    values = (
        inputs.news_coefficient,
        inputs.photo_coefficient,
        inputs.uplift_percent,
        inputs.base_salary_coefficient,
    )
    if any(Decimal(v) < 0 for v in values) or inputs.photo_count < 0 or Decimal(base_salary) < 0:
        raise ValueError("Royalty inputs cannot be negative")
    coefficient = (
        Decimal(inputs.news_coefficient)
        + Decimal(inputs.photo_count) * Decimal(inputs.photo_coefficient)
    ) * (1 + Decimal(inputs.uplift_percent) / HUNDRED)
    unit = Decimal(inputs.base_salary_coefficient) * Decimal(base_salary)
    amount = (coefficient * unit).quantize(ONE_DONG, rounding=ROUND_HALF_UP)
    return RoyaltyResult(total_coefficient=coefficient, unit_value=unit, amount=int(amount))


def split_amount(amount: int, weights: Sequence[Decimal | int]) -> list[int]:
    """`amount` đồng split in proportion to `weights` (the co-authors' shares, normally
    adding up to 100): each part rounded down, then the đồng left over go one each to the
    largest remainders (the earlier author first on a tie). The parts add up to `amount`.

    >>> split_amount(1000, [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")])
    [333, 333, 334]
    """
    if amount < 0:
        raise ValueError("The amount cannot be negative")
    weights = [Decimal(w) for w in weights]
    if not weights:
        return []
    if any(w < 0 for w in weights):
        raise ValueError("A share cannot be negative")
    total = sum(weights)
    if total == 0:
        raise ValueError("The shares add up to nothing")
    exact = [Decimal(amount) * w / total for w in weights]
    parts = [int(x.to_integral_value(rounding=ROUND_DOWN)) for x in exact]
    left = amount - sum(parts)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def format_vnd(amount, *, unit: str = "đ") -> str:
    """1265000 → "1.265.000 đ" (Vietnamese grouping); "" for None."""
    if amount is None or amount == "":
        return ""
    value = int(Decimal(amount).quantize(ONE_DONG, rounding=ROUND_HALF_UP))
    text = f"{abs(value):,}".replace(",", ".")
    sign = "-" if value < 0 else ""
    return f"{sign}{text} {unit}".rstrip()


def format_decimal(value) -> str:
    """A coefficient as Vietnamese write it: 2.50 → "2,5", 5.00 → "5"."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


# --- Base salary ---------------------------------------------------------------------------


def base_salary_on(day: datetime.date):
    """The BaseSalary row in force on `day`. Raises ValidationError (in the user's
    language) when the table has none."""
    from django.db.models import Q

    from .models import BaseSalary

    row = (
        BaseSalary.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )
    if row is None:
        raise ValidationError(
            _("No base salary is recorded for %(day)s: add it under Newsroom → Base salary.")
            % {"day": f"{day:%d/%m/%Y}"}
        )
    return row


def base_salaries_ensure() -> int:
    """Add the rows of LEGAL.md §3 whose start date is missing (idempotent; rows staff
    edited are kept). Returns how many were created."""
    from .models import BaseSalary

    created = 0
    for amount, start, end, instrument in BASE_SALARY_SEED:
        if BaseSalary.objects.filter(valid_from=start).exists():
            continue
        row = BaseSalary(amount=amount, valid_from=start, valid_to=end, instrument_text=instrument)
        if row.overlapping().exists():
            continue  # staff changed the periods; theirs stand
        row.save()
        created += 1
    return created


# --- Freezing at publication ------------------------------------------------------------------


def publication_day(page) -> datetime.date:
    """The local (Asia/Ho_Chi_Minh) date of publication: Ngày xuất bản, else the first
    publication."""
    when = page.published_at or page.first_published_at or timezone.now()
    return timezone.localdate(when)


def page_inputs(page) -> RoyaltyInputs:
    return RoyaltyInputs(
        news_coefficient=page.news_coefficient or Decimal(0),
        photo_coefficient=page.photo_coefficient or Decimal(0),
        photo_count=page.photos_for_royalty if page.photo_coefficient else 0,
        uplift_percent=page.uplift_percent or Decimal(0),
        base_salary_coefficient=page.base_salary_coefficient,
    )


def royalty_inputs(royalty) -> dict:
    """A frozen royalty's inputs under the NewsPage field names (forms.ROYALTY_INPUT_FIELDS)."""
    return {
        "news_coefficient": royalty.news_coefficient,
        "photo_coefficient": royalty.photo_coefficient,
        "royalty_photo_count": royalty.photo_count,
        "uplift_percent": royalty.uplift_percent,
        "uplift_reason": royalty.uplift_reason,
        "base_salary_coefficient": royalty.base_salary_coefficient,
    }


def is_royalty_owed(page) -> bool:
    """An item is owed a royalty when staff entered a coefficient for it. A translation
    starts without one (NewsPage.exclude_fields_in_copy)."""
    return bool(page.news_coefficient) or bool(page.photo_coefficient)


def royalty_freeze(page):
    """Compute and store the royalty of `page` as published now, unless it has one already
    (the first publication freezes it) or is owed none. Returns the Royalty or None.

    Raises ValidationError when no base salary covers the publication date: the
    publication is then rolled back with the message, rather than an item going live with
    its royalty silently missing.
    """
    from .models import Royalty

    if not is_royalty_owed(page) or Royalty.objects.filter(page_id=page.pk).exists():
        return None
    try:
        with transaction.atomic():
            royalty = Royalty(page_id=page.pk)
            _fill(royalty, page, day=publication_day(page))
            royalty.save()
            _write_shares(royalty, _page_authors(page))
    except IntegrityError:
        # Published twice at once: the other transaction froze it first.
        return Royalty.objects.filter(page_id=page.pk).first()
    return royalty


def _fill(royalty, page, *, day: datetime.date) -> None:
    base = base_salary_on(day)
    inputs = page_inputs(page)
    result = compute_royalty(inputs, base.amount)
    royalty.title = page.title[:255]
    royalty.published_on = day
    royalty.article_type_name = page.article_type.name_vi if page.article_type_id else ""
    royalty.news_coefficient = inputs.news_coefficient
    royalty.photo_coefficient = inputs.photo_coefficient
    royalty.photo_count = inputs.photo_count
    royalty.uplift_percent = inputs.uplift_percent
    royalty.uplift_reason = page.uplift_reason if inputs.uplift_percent else ""
    royalty.base_salary_coefficient = inputs.base_salary_coefficient
    royalty.base_salary = base
    royalty.base_salary_amount = base.amount
    royalty.unit_value = result.unit_value
    royalty.total_coefficient = result.total_coefficient.quantize(Decimal("0.0001"))
    royalty.amount = result.amount


def _page_authors(page) -> list[tuple[int, str, str, Decimal]]:
    """(contributor id, name, role, share) of the page's authors, as published."""
    authors = page.authors.all().select_related("contributor")
    return [
        (a.contributor_id, a.contributor.name, a.role, a.share_percent)
        for a in authors
        if a.contributor_id
    ]


def _write_shares(royalty, authors: Iterable[tuple[int, str, str, Decimal]]) -> None:
    from .models import RoyaltyShare

    authors = list(authors)
    weights = [share for _id, _name, _role, share in authors]
    if authors and sum(weights) == 0:
        weights = [Decimal(1)] * len(authors)  # nobody's share entered: equal parts
    parts = split_amount(royalty.amount, weights) if authors else []
    RoyaltyShare.objects.bulk_create(
        RoyaltyShare(
            royalty=royalty,
            contributor_id=contributor_id,
            contributor_name=name,
            role=role,
            share_percent=share,
            amount=part,
            sort_order=n,
        )
        for n, ((contributor_id, name, role, share), part) in enumerate(
            zip(authors, parts, strict=True)
        )
    )


def royalties_freeze_missing(pages) -> int:
    """Freeze the royalty of each live page of `pages` owed one and lacking it (the demo
    data, written without signals). Returns how many were created."""
    created = 0
    for page in pages:
        if royalty_freeze(page) is not None:
            created += 1
    return created


# --- Changing a frozen royalty --------------------------------------------------------------


def _json(value):
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def royalty_change_coefficients(royalty, *, user, reason: str, **changes):
    """Change the coefficients of a frozen royalty (NewsPage field names, see
    forms.ROYALTY_INPUT_FIELDS) and recompute it with the base salary frozen at
    publication; log who, when, old → new and why. The co-authors keep their shares.

    Refused (PermissionDenied) without `newsroom.change_frozen_royalty`; refused
    (ValidationError) when the royalty is paid, without a reason, or for a coefficient
    outside its article type's limits.
    """
    from .models import Royalty, RoyaltyChange, RoyaltyShare

    if not user.has_perm("newsroom.change_frozen_royalty"):
        raise PermissionDenied(_("Only an approving leader may change a frozen royalty."))
    if not reason.strip():
        raise ValidationError(_("Say why the coefficients of a published item change."))
    royalty = Royalty.objects.select_for_update().get(pk=royalty.pk)
    if royalty.is_paid:
        raise ValidationError(
            _(
                "The royalty of this item was paid on %(day)s: its coefficients can no "
                "longer change."
            )
            % {"day": f"{timezone.localtime(royalty.paid_at):%d/%m/%Y}"}
        )
    old = royalty_inputs(royalty)
    new = dict(old)
    new.update({k: v for k, v in changes.items() if k in old})
    news = new["news_coefficient"]
    kind = royalty.page.article_type if royalty.page_id and royalty.page.article_type_id else None
    if (
        kind is not None
        and news is not None
        and not kind.min_coefficient <= news <= kind.max_coefficient
    ):
        raise ValidationError(
            _(
                'The news coefficient of the article type "%(type)s" must lie between '
                "%(lo)s and %(hi)s."
            )
            % {"type": kind.name, "lo": kind.min_coefficient, "hi": kind.max_coefficient}
        )
    inputs = RoyaltyInputs(
        news_coefficient=new["news_coefficient"] or Decimal(0),
        photo_coefficient=new["photo_coefficient"] or Decimal(0),
        photo_count=new["royalty_photo_count"] or 0,
        uplift_percent=new["uplift_percent"] or Decimal(0),
        base_salary_coefficient=new["base_salary_coefficient"] or Decimal(0),
    )
    result = compute_royalty(inputs, royalty.base_salary_amount)
    old_amount = royalty.amount
    royalty.news_coefficient = inputs.news_coefficient
    royalty.photo_coefficient = inputs.photo_coefficient
    royalty.photo_count = inputs.photo_count
    royalty.uplift_percent = inputs.uplift_percent
    royalty.uplift_reason = new["uplift_reason"] or ""
    royalty.base_salary_coefficient = inputs.base_salary_coefficient
    royalty.unit_value = result.unit_value
    royalty.total_coefficient = result.total_coefficient.quantize(Decimal("0.0001"))
    royalty.amount = result.amount
    royalty.save()
    shares = list(royalty.shares.all())
    weights = [s.share_percent for s in shares]
    if shares and sum(weights) == 0:
        weights = [Decimal(1)] * len(shares)
    for share, part in zip(shares, split_amount(royalty.amount, weights), strict=True):
        share.amount = part
    RoyaltyShare.objects.bulk_update(shares, ["amount"])
    return RoyaltyChange.objects.create(
        royalty=royalty,
        changed_by=user,
        reason=reason.strip(),
        old_values={k: _json(v) for k, v in old.items()},
        new_values={k: _json(v) for k, v in new.items()},
        old_amount=old_amount,
        new_amount=royalty.amount,
    )


def _authors_json(authors) -> list[dict]:
    return [
        {"contributor": cid, "name": name, "role": role, "share": _json(share)}
        for cid, name, role, share in authors
    ]


def royalty_authors(royalty) -> list[tuple[int, str, str, Decimal]]:
    """(contributor id, name, role, share) of a frozen royalty's co-authors, in order."""
    return [
        (s.contributor_id, s.contributor_name, s.role, s.share_percent)
        for s in royalty.shares.order_by("sort_order", "pk")
    ]


@transaction.atomic
def royalty_change_authors(royalty, *, user, reason: str, authors):
    """Give a frozen royalty new co-authors (`authors`: (contributor id, name, role, share)
    in order), split the same amount among them by share, and log who, when, old → new
    and why. Same rules as royalty_change_coefficients: `newsroom.change_frozen_royalty`,
    a reason, and never once paid."""
    from .models import Royalty, RoyaltyChange

    if not user.has_perm("newsroom.change_frozen_royalty"):
        raise PermissionDenied(_("Only an approving leader may change a frozen royalty."))
    if not reason.strip():
        raise ValidationError(_("Say why the authors of a published item change."))
    royalty = Royalty.objects.select_for_update().get(pk=royalty.pk)
    if royalty.is_paid:
        raise ValidationError(
            _("The royalty of this item was paid on %(day)s: its authors can no longer change.")
            % {"day": f"{timezone.localtime(royalty.paid_at):%d/%m/%Y}"}
        )
    old = royalty_authors(royalty)
    new = list(authors)
    royalty.shares.all().delete()
    _write_shares(royalty, new)
    return RoyaltyChange.objects.create(
        royalty=royalty,
        changed_by=user,
        reason=reason.strip(),
        old_values={"authors": _authors_json(old)},
        new_values={"authors": _authors_json(new)},
        old_amount=royalty.amount,
        new_amount=royalty.amount,
    )


# --- Paying -----------------------------------------------------------------------------------


def payment_due(published_on: datetime.date) -> datetime.date:
    return published_on + datetime.timedelta(days=PAYMENT_DAYS)


def royalties_overdue(today: datetime.date | None = None):
    """Royalties unpaid more than 60 days after publication (Decree 18/2014 Art. 4)."""
    from .models import Royalty

    today = today or timezone.localdate()
    return Royalty.objects.filter(
        paid_at__isnull=True, published_on__lt=today - datetime.timedelta(days=PAYMENT_DAYS)
    )


def royalties_overdue_count(request=None) -> int:
    """How many royalties are overdue: one query per request, shared by the menu, the
    dashboard panel and the sheet."""
    count = getattr(request, "_royalties_overdue", None)
    if count is None:
        count = royalties_overdue().count()
        if request is not None:
            request._royalties_overdue = count
    return count


@transaction.atomic
def royalties_mark_paid(ids: Iterable[int], *, user) -> int:
    """Mark the royalties `ids` paid now, by `user`, all in one transaction; those already
    paid keep their first payment. Returns how many were marked."""
    from .models import Royalty

    if not user.has_perm("newsroom.mark_royalty_paid"):
        raise PermissionDenied(_("You may not mark royalties paid."))
    ids = {int(i) for i in ids}
    rows = list(
        Royalty.objects.select_for_update().filter(pk__in=ids, paid_at__isnull=True).only("pk")
    )
    now = timezone.now()
    Royalty.objects.filter(pk__in=[r.pk for r in rows]).update(paid_at=now, paid_by=user)
    return len(rows)


# --- The monthly sheet -----------------------------------------------------------------------


@dataclass
class SheetLine:
    royalty: object
    share: object | None  # None: an item without authors
    amount: int
    overdue: bool


@dataclass
class SheetAuthor:
    name: str
    contributor_id: int | None
    lines: list[SheetLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def unpaid_total(self) -> int:
        return sum(line.amount for line in self.lines if not line.royalty.is_paid)


@dataclass
class Sheet:
    month: datetime.date  # the first day of the month
    authors: list[SheetAuthor]
    royalties: list
    today: datetime.date

    @property
    def total(self) -> int:
        return sum(r.amount for r in self.royalties)

    @property
    def paid_total(self) -> int:
        return sum(r.amount for r in self.royalties if r.is_paid)

    @property
    def unpaid_total(self) -> int:
        return self.total - self.paid_total

    @property
    def overdue_count(self) -> int:
        return sum(1 for r in self.royalties if r.overdue)

    @property
    def month_label(self) -> str:
        return f"{self.month:%m/%Y}"


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    start = month.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, end


def royalty_sheet(month: datetime.date, *, today: datetime.date | None = None) -> Sheet:
    """The royalties of the items published in `month`, per author (by name) and item,
    with totals. Two queries, whatever the number of items."""
    from django.db.models import Prefetch

    from .models import Royalty, RoyaltyShare

    today = today or timezone.localdate()
    start, end = month_bounds(month)
    royalties = list(
        Royalty.objects.filter(published_on__gte=start, published_on__lt=end)
        .select_related("paid_by")
        .prefetch_related(
            Prefetch("shares", queryset=RoyaltyShare.objects.order_by("sort_order", "pk"))
        )
        .order_by("published_on", "pk")
    )
    authors: dict[object, SheetAuthor] = {}
    for royalty in royalties:
        royalty.overdue = not royalty.is_paid and today > payment_due(royalty.published_on)
        royalty.due_on = payment_due(royalty.published_on)
        shares = list(royalty.shares.all())
        if not shares:
            entry = authors.setdefault(None, SheetAuthor(_("(no author)"), None))
            entry.lines.append(SheetLine(royalty, None, royalty.amount, royalty.overdue))
        for share in shares:
            entry = authors.setdefault(
                share.contributor_id, SheetAuthor(share.contributor_name, share.contributor_id)
            )
            entry.lines.append(SheetLine(royalty, share, share.amount, royalty.overdue))
    ordered = sorted(authors.values(), key=lambda a: (a.contributor_id is None, _fold(a.name)))
    return Sheet(month=start, authors=ordered, royalties=royalties, today=today)


def _fold(text: str) -> str:
    from congso.core.text import fold

    return fold(text)


# --- Demo data ------------------------------------------------------------------------------

# Demo royalties older than this are shown as paid, so that the sheet and the dashboard
# look like a newsroom that pays its authors (only the last months' are outstanding).
DEMO_PAID_AFTER_DAYS = 45


def royalties_demo_ensure(today: datetime.date | None = None) -> dict[str, int]:
    """Royalties for the demo items (written in bulk, without the publication signal): the
    live items owed one get it as if frozen when published; those published more than
    DEMO_PAID_AFTER_DAYS ago are marked paid on their due date. Idempotent. Returns
    {"created": n, "paid": m}."""
    from .models import NewsPage, Royalty

    today = today or timezone.localdate()
    pages = (
        NewsPage.objects.live()
        .filter(royalty__isnull=True)
        .exclude(news_coefficient__isnull=True, photo_coefficient__isnull=True)
        .select_related("article_type")
        .prefetch_related("authors__contributor")
        .order_by("published_at", "pk")
    )
    created = royalties_freeze_missing(pages)
    cutoff = today - datetime.timedelta(days=DEMO_PAID_AFTER_DAYS)
    paid = 0
    for royalty in Royalty.objects.filter(
        paid_at__isnull=True, published_on__lt=cutoff, page__isnull=False
    ).only("pk", "published_on"):
        due = payment_due(royalty.published_on) - datetime.timedelta(days=15)
        when = datetime.datetime.combine(
            due, datetime.time(9), tzinfo=timezone.get_current_timezone()
        )
        Royalty.objects.filter(pk=royalty.pk).update(paid_at=when)
        paid += 1
    return {"created": created, "paid": paid}
