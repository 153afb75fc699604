"""Demo data of the one-stop desk, loaded by `manage.py load_demo` after the procedures.

- The desk's settings: the unit identifier **000.00.45.H07** — illustrative only, in the
  format of QCVN 102:2016/BTTTT; a real deployment enters the code its province assigned —
  and the place name of its papers.
- The demo staff of the four roles (`motcua`, `chuyenvien`, `truongphong`, `lanhdaoso`),
  created without a usable password when missing (`manage.py demo_accounts` then gives
  each a random one and its group); the officer and the division head are members of the
  Division of Press and Publication, which handles the newsletter licence.
- A handful of newsletter-licence dossiers in different states, dated relative to today,
  so that every queue of the back office has something in it: waiting to be received,
  being processed, due soon, overdue (no apology yet), waiting for documents, result
  issued, and one registered at the desk.

Idempotent: every dossier has an idempotency key "demo:<n>"; a second run finds them and
changes nothing.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from congso.core.calendar import VN_TZ, WorkingCalendar
from congso.organization.models import Agency, Unit
from congso.procedures.models import Procedure

from . import roles, services
from .files import PDF, CheckedFile
from .models import Dossier, DossierSettings, UnitMembership

DEMO_UNIT_IDENTIFIER = "000.00.45.H07"
NEWSLETTER = "1.009374"
AGENCY = "STTTT-BD"
UNIT = "press-publishing"

STAFF = {
    "motcua": ("Lê Thị", "Hoa"),
    "chuyenvien": ("Phạm Minh", "Tuấn"),
    "truongphong": ("Đỗ Văn", "Hùng"),
    "lanhdaoso": ("Nguyễn Thanh", "Bình"),
}

APPLICANTS = [
    ("organisation", "Công ty TNHH Truyền thông Bình Minh", "", "3700123456", "Bản tin Bình Minh"),
    (
        "organisation",
        "Hội Doanh nhân trẻ tỉnh Bình Dương",
        "",
        "3700654321",
        "Bản tin Doanh nhân trẻ",
    ),
    ("individual", "Trần Thị Mai", "074185001234", "", "Bản tin Khu phố 3"),
    ("organisation", "Trường Đại học Thủ Dầu Một", "", "3700111222", "Bản tin Đại học Thủ Dầu Một"),
    ("organisation", "Bệnh viện Đa khoa tỉnh Bình Dương", "", "3700333444", "Bản tin Sức khỏe"),
    ("organisation", "Hiệp hội Gỗ Bình Dương", "", "3700555666", "Bản tin Ngành gỗ"),
    ("individual", "Võ Văn Nam", "074190004321", "", "Bản tin Câu lạc bộ Cờ tướng"),
]


def _demo_pdf() -> bytes:
    """A one-page PDF standing in for the applicants' scans (rendered once)."""
    from congso.core.documents import render_pdf

    return render_pdf(
        "documents/sample_letter.html",
        {
            "issuer": {"name": "TÀI LIỆU MẪU", "place": "Bình Dương"},
            "title": "Tài liệu mẫu",
            "notice": "Tệp minh họa của dữ liệu mẫu, không có giá trị pháp lý",
            "agency_name": "Cơ quan mẫu",
            "meeting_day": "",
            "venue": "",
            "phone": "",
        },
    )


def _working_days_back(
    now: datetime.datetime, days: int, cal: WorkingCalendar
) -> datetime.datetime:
    day = now.astimezone(VN_TZ).date()
    while days > 0:
        day -= datetime.timedelta(days=1)
        if cal.is_working_day(day):
            days -= 1
    return datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=VN_TZ)


def _staff() -> dict:
    User = get_user_model()
    users = {}
    for username, (last, first) in STAFF.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.invalid",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users[username] = user
    return users


@transaction.atomic
def dossiers_demo_ensure(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Settings, staff and demo dossiers as described above. Returns how many dossiers it
    created (0 on a second run)."""
    settings_row = DossierSettings.load()
    if not settings_row.unit_identifier:
        settings_row.unit_identifier = DEMO_UNIT_IDENTIFIER
    if not settings_row.place_name_vi:
        settings_row.place_name_vi = "Bình Dương"
    settings_row.save()

    from congso.accounts.services import roles_sync

    users = _staff()
    roles_sync()
    unit = Unit.objects.filter(agency__code=AGENCY, key=UNIT).first()
    if unit is not None:
        UnitMembership.objects.get_or_create(user=users["chuyenvien"], unit=unit)
        membership, _created = UnitMembership.objects.get_or_create(
            user=users["truongphong"], unit=unit
        )
        if not membership.is_head:
            membership.is_head = True
            membership.save(update_fields=["is_head"])
    _grant_roles(users)

    procedure = Procedure.objects.filter(code=NEWSLETTER).first()
    agency = Agency.objects.filter(code=AGENCY).first()
    if procedure is None or agency is None or unit is None:
        return {"created": 0}
    if Dossier.objects.filter(idempotency_key__startswith="demo:").exists():
        return {"created": 0}
    from congso.procedures.selectors import procedure_version_detail

    version = procedure_version_detail(NEWSLETTER)
    if version is None:
        return {"created": 0}
    now = now or timezone.now()
    cal = WorkingCalendar.load()
    pdf = _demo_pdf()
    # Fresh objects: the permission cache of the ones above predates their groups.
    users = {key: get_user_model().objects.get(pk=user.pk) for key, user in users.items()}
    created = 0
    for number, (kind, name, id_number, tax_code, title) in enumerate(APPLICANTS, start=1):
        _demo_dossier(
            number, version, users, unit, kind, name, id_number, tax_code, title, pdf, now, cal
        )
        created += 1
    return {"created": created}


def _grant_roles(users: dict) -> None:
    """Put the demo staff in their groups when the groups exist (demo_accounts does it
    too, after load_demo)."""
    from django.contrib.auth.models import Group

    for role in roles.ROLES:
        group = Group.objects.filter(name=role.name).first()
        user = users.get(role.demo_username)
        if group is not None and user is not None:
            user.groups.add(group)


def _documents(version, pdf: bytes):
    import hashlib
    import io

    items = []
    for slot in version.documents.all():
        source = io.BytesIO(pdf)
        checked = CheckedFile(
            name=f"{slot.key}.pdf",
            file_type=PDF,
            size=len(pdf),
            sha256=hashlib.sha256(pdf).hexdigest(),
            source=source,
        )
        items.append(services.IncomingFile(slot_key=slot.key, checked=checked))
    return items


def _demo_dossier(
    number, version, users, unit, kind, name, id_number, tax_code, title, pdf, now, cal
):
    """Dossier n°`number`, moved to its demo state by the demo staff (the services check
    their permissions) with `now` in the past."""
    clerk, officer, leader = users["motcua"], users["chuyenvien"], users["lanhdaoso"]
    applicant = {
        "applicant_kind": kind,
        "applicant_name": name,
        "applicant_id_number": id_number,
        "applicant_tax_code": tax_code,
        "applicant_address": "Phường Phú Cường, Thủ Dầu Một, Bình Dương",
        "applicant_phone": f"09123450{number:02d}",
        "applicant_email": f"nguoinop{number}@example.invalid",
    }
    answers = {
        "newsletter_name": title,
        "purpose": "Thông tin hoạt động nội bộ và tuyên truyền chính sách, pháp luật.",
        "content": "Tin hoạt động; chính sách, pháp luật; gương người tốt việc tốt.",
        "frequency": "1 số/tháng",
        "pages": 16,
        "size": "19 x 27 cm",
        "copies_per_issue": 500,
        "language": "vi",
        "printing_place": "Công ty Cổ phần In Bình Dương",
        "person_in_charge": "Nguyễn Văn Sơn, Phó Giám đốc",
    }
    # When each dossier came in, in working days before today.
    ages = {1: 0, 2: 6, 3: 25, 4: 19, 5: 8, 6: 15, 7: 1}
    submitted = _working_days_back(now, ages[number], cal) if ages[number] else now
    key = f"demo:{number}"
    if number == 7:
        services.dossier_register(
            actor=clerk,
            version=version,
            channel="desk",
            applicant=applicant,
            answers=answers,
            documents=_documents(version, pdf),
            idempotency_key=key,
            now=submitted,
        )
        return
    dossier = services.dossier_submit(
        version=version,
        applicant=applicant,
        answers=answers,
        documents=_documents(version, pdf),
        idempotency_key=key,
        now=submitted,
    ).dossier
    if number == 1:
        return
    step = submitted + datetime.timedelta(hours=1)
    dossier = services.dossier_receive(dossier=dossier, actor=clerk, now=step)
    dossier = services.dossier_assign(
        dossier=dossier,
        actor=clerk,
        unit=unit,
        officer=officer,
        now=step + datetime.timedelta(hours=1),
    )
    dossier = services.dossier_start_review(
        dossier=dossier, actor=officer, now=step + datetime.timedelta(hours=2)
    )
    if number == 5:
        services.dossier_request_supplement(
            dossier=dossier,
            actor=officer,
            documents=["title_design"],
            note="Mẫu trình bày tên gọi chưa có bản dịch tiếng Việt của phần chữ tiếng Anh.",
            due_on=(now + datetime.timedelta(days=10)).astimezone(VN_TZ).date(),
            now=_working_days_back(now, 2, cal),
        )
    elif number == 4:
        services.dossier_submit_for_approval(
            dossier=dossier,
            actor=officer,
            note="Hồ sơ đủ điều kiện; đề nghị cấp giấy phép.",
            now=_working_days_back(now, 1, cal),
        )
    elif number == 6:
        dossier = services.dossier_submit_for_approval(
            dossier=dossier,
            actor=officer,
            note="Đề nghị cấp giấy phép.",
            now=_working_days_back(now, 6, cal),
        )
        dossier = services.dossier_approve(
            dossier=dossier, actor=leader, now=_working_days_back(now, 5, cal)
        )
        services.dossier_issue_result(
            dossier=dossier,
            actor=clerk,
            result_reference="Giấy phép xuất bản bản tin số 12/GP-STTTT",
            now=_working_days_back(now, 4, cal),
        )
