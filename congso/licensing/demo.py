"""Demo licences for `manage.py load_demo`: the ten licence types, and a few licences
recorded as issued before the system (illustrative holders, not real ones), in each
status, so the registry, the verification page and the API have something to show."""

from __future__ import annotations

import datetime

from django.db import transaction

from .catalogue import licence_types_load
from .choices import LicenceAction, LicenceStatus
from .models import Licence, LicenceEvent, LicenceType

DEMO = (
    # type, number, issued on, holder, tax code, values, status, event (decision, reason)
    (
        "newsletter",
        "3/GP-STTTT",
        "2021-03-15",
        "Công ty Cổ phần Minh Long (dữ liệu mẫu)",
        "3700000001",
        {"newsletter_name": "Bản tin Minh Long", "frequency": "1 số/quý"},
        LicenceStatus.VALID,
        None,
    ),
    (
        "newsletter",
        "7/GP-STTTT",
        "2021-06-07",
        "Hiệp hội Doanh nghiệp mẫu Bình Dương",
        "3700000002",
        {"newsletter_name": "Bản tin Hội viên", "frequency": "1 số/tháng"},
        LicenceStatus.REVOKED,
        ("12/QĐ-STTTT", "Không xuất bản quá 12 tháng liên tục"),
    ),
    (
        "printing",
        "2/GPIN-STTTT",
        "2021-04-20",
        "Công ty TNHH In mẫu Thuận An",
        "3700000003",
        {"establishment": "Xưởng in Thuận An", "activities": "Chế bản, in, gia công sau in"},
        LicenceStatus.SUSPENDED,
        ("20/QĐ-STTTT", "Vi phạm quy định về lưu chiểu"),
    ),
    (
        "aggregated-website",
        "5/GP-TTDT",
        "2019-08-01",
        "Công ty Cổ phần Truyền thông mẫu",
        "3700000004",
        {"domain": "tintuc-mau.vn"},
        LicenceStatus.EXPIRED,
        None,
    ),
)


@transaction.atomic
def licensing_demo_ensure() -> dict:
    """Load the licence types and the demo licences that are missing. Returns
    {"types": n created, "licences": n created}."""
    from .services import default_issuer

    types = licence_types_load()
    issuer = default_issuer()
    created = 0
    for code, number, issued, holder, tax, values, status, event in DEMO:
        issued_on = datetime.date.fromisoformat(issued)
        if Licence.objects.filter(year=issued_on.year, number=number).exists():
            continue
        licence_type = LicenceType.objects.get(code=code)
        licence = Licence.objects.create(
            licence_type=licence_type,
            number=number,
            year=issued_on.year,
            issued_on=issued_on,
            signer_name="Nguyễn Thanh Toàn",
            signer_position="GIÁM ĐỐC",
            holder_name=holder,
            holder_tax_code=tax,
            holder_address="Thủ Dầu Một, Bình Dương",
            values=values,
            valid_from=issued_on,
            valid_to=licence_type.valid_to_for(issued_on),
            status=status,
            suspended_from=datetime.date(2026, 10, 1)
            if status == LicenceStatus.SUSPENDED
            else None,
            pre_system=True,
            **issuer,
        )
        LicenceEvent.objects.create(
            licence=licence, action=LicenceAction.REGISTERED, to_status=LicenceStatus.VALID
        )
        if event:
            action = {
                LicenceStatus.REVOKED: LicenceAction.REVOKED,
                LicenceStatus.SUSPENDED: LicenceAction.SUSPENDED,
            }[status]
            LicenceEvent.objects.create(
                licence=licence,
                action=action,
                from_status=LicenceStatus.VALID,
                to_status=status,
                decision_number=event[0],
                decision_date=datetime.date(2026, 10, 1),
                reason=event[1],
                period_from=licence.suspended_from,
            )
        elif status == LicenceStatus.EXPIRED:
            LicenceEvent.objects.create(
                licence=licence,
                action=LicenceAction.EXPIRED,
                from_status=LicenceStatus.VALID,
                to_status=status,
            )
        created += 1
    return {"types": types["created"], "licences": created}
