"""The organisation data file and its loader (`manage.py load_demo`).

Expected values are copied from the seed (../shared/seed/000_6700db6e8c86ac9f.txt): the
point is that the data file carries all of the seed, in both languages.
"""

import datetime
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from congso.organization.choices import MandateItemKind
from congso.organization.demo import (
    DEFAULT_DATA_FILE,
    DataRowError,
    data_file_read,
    organization_data_load,
)
from congso.organization.models import (
    ActivityField,
    Agency,
    AgencyEvent,
    LegalInstrument,
    Mandate,
    MandateItem,
    MandateSubItem,
    Official,
    Unit,
    UnitPhone,
)

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[3]

# Sub-items (a, b, c…) per task in the seed; tasks not listed have none.
SUB_ITEMS_PER_TASK = {1: 3, 2: 2, 4: 8, 5: 7, 6: 2, 7: 5, 8: 6, 9: 3, 10: 10, 11: 3, 15: 2}

# Every unit of the seed with every telephone number, as printed there.
UNIT_PHONES = {
    "Department Secretariat": ["(+84-274) 3.842.999", "(+84-274) 3.842.304"],
    "Department Inspectorate": ["(+84-274) 3.842.304"],
    "Division of Press and Publication": ["(+84-274) 6.295.695"],
    "Division of Information Technology": ["(+84-274) 3.842.301"],
    "Division of Postal and Telecommunication": ["(+84-274) 3.856.789"],
    "Center of Information Technology and Communication": ["(+84-274) 3.897.559"],
    "Center of Electronic Information": ["(+84-274) 3.856.856"],
}

LEADERS = {
    "Le Tuan Anh": ("Director", "anhlt@binhduong.gov.vn"),
    "Le Van Khanh": ("Deputy Director", "khanhlv@binhduong.gov.vn"),
}

DATA_MODELS = [
    LegalInstrument,
    ActivityField,
    Agency,
    AgencyEvent,
    Unit,
    UnitPhone,
    Official,
    Mandate,
    MandateItem,
    MandateSubItem,
]


def load(path: Path = DEFAULT_DATA_FILE, **kwargs):
    return organization_data_load(data_file_read(path), **kwargs)


def row_counts() -> dict[str, int]:
    """Rows per model of the organisation app, plus pages and revisions."""
    models = [*apps.get_app_config("organization").get_models(), Page, Revision]
    return {m._meta.label: m.objects.count() for m in models}


def tasks() -> list[MandateItem]:
    return list(MandateItem.objects.filter(kind=MandateItemKind.TASK).order_by("number"))


# --- What the file holds ---------------------------------------------------------------


def test_all_26_tasks_are_loaded_in_order_with_their_sub_items():
    load()

    loaded = tasks()
    assert [t.number for t in loaded] == list(range(1, 27))
    for task in loaded:
        letters = list(task.sub_items.order_by("sort_order").values_list("letter", flat=True))
        expected = SUB_ITEMS_PER_TASK.get(task.number, 0)
        assert len(letters) == expected, f"task {task.number}"
        assert letters == list("abcdefghij"[:expected]), f"task {task.number}"


def test_task_texts_are_the_seeds():
    load()

    by_number = {t.number: t for t in tasks()}
    assert by_number[4].text_en.startswith("In terms of press")
    assert by_number[26].text_en == (
        "Performing other tasks assigned by the Provincial People's Committee and in "
        "accordance with the law."
    )
    last_of_10 = by_number[10].sub_items.get(letter="j")
    assert last_of_10.text_en.startswith(
        "Performing tasks of the unit specializing in information technology"
    )


def test_the_four_powers_are_loaded():
    load()

    powers = MandateItem.objects.filter(kind=MandateItemKind.POWER).order_by("number")
    assert [p.number for p in powers] == [1, 2, 3, 4]
    assert powers[0].text_en.startswith("The Department acts as the legal entity")
    assert all(p.sub_items.count() == 0 for p in powers)


def test_both_leaders_are_loaded_with_position_and_email():
    load()

    leaders = Official.objects.filter(unit__isnull=True)
    assert {o.name_en: (o.position_en, o.email) for o in leaders} == LEADERS
    assert {o.name_vi for o in leaders} == {"Lê Tuấn Anh", "Lê Văn Khánh"}


def test_all_seven_units_are_loaded_with_every_phone_number():
    load()

    units = Unit.objects.order_by("sort_order")
    assert [u.name_en for u in units] == list(UNIT_PHONES)
    for unit in units:
        phones = list(unit.phones.order_by("sort_order").values_list("number", flat=True))
        assert phones == UNIT_PHONES[unit.name_en], unit.name_en


def test_agency_contacts_and_legal_basis_are_the_seeds():
    load()

    agency = Agency.objects.get()
    assert agency.name_en == "Department of Information and Communications of Binh Duong Province"
    assert agency.address_en == (
        "Floor 14 – Tower A, Binh Duong Provincial Building of Administrative Center"
    )
    assert agency.phone == "(+84-274) 3 842 999"
    assert agency.fax == "(+84-274) 3 842 300"
    assert agency.email == "sotttt@binhduong.gov.vn"

    mandate = Mandate.objects.get(agency=agency)
    assert mandate.instrument.number == "14/2009/QĐ-UBND"
    assert mandate.instrument.issued_on == datetime.date(2009, 4, 14)
    assert mandate.functions_en.startswith("The department acts as a professional agency")


# Texts every row must hold in both languages (columns `<name>_vi` / `<name>_en`).
BILINGUAL = {
    LegalInstrument: ["issuer", "title"],
    ActivityField: ["name"],
    Agency: ["name", "short_name", "superior", "address", "history"],
    AgencyEvent: ["other_agency_name", "description"],
    Unit: ["name"],
    Official: ["honorific", "name", "position"],
    Mandate: ["functions"],
    MandateItem: ["text"],
    MandateSubItem: ["text"],
}


def test_every_text_is_there_in_vietnamese_and_in_english():
    load()

    problems = []
    for model, names in BILINGUAL.items():
        rows = list(model.objects.all())
        assert rows, model.__name__
        for row in rows:
            for name in names:
                vi, en = getattr(row, f"{name}_vi"), getattr(row, f"{name}_en")
                where = f"{model.__name__} {row.pk} {name}"
                if not vi.strip() or not en.strip():
                    problems.append(f"{where}: empty")
                elif vi == en:
                    problems.append(f"{where}: Vietnamese identical to English")
    assert problems == []


def test_vietnamese_text_is_vietnamese():
    """The _vi columns hold Vietnamese (diacritics), not a copy of the English."""
    load()

    vietnamese = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
    for item in MandateItem.objects.all():
        assert vietnamese.search(item.text_vi), item
    for sub in MandateSubItem.objects.all():
        assert vietnamese.search(sub.text_vi), sub


# --- Idempotence and admin edits ------------------------------------------------------


def test_a_second_load_creates_nothing(demo):
    before = row_counts()

    report = load()

    assert report.changed is False
    assert report.created == {} and report.updated == {}
    assert row_counts() == before


def test_load_demo_command_a_second_time_reports_nothing_created():
    first, second = StringIO(), StringIO()
    call_command("load_demo", stdout=first)
    counts = row_counts()
    call_command("load_demo", stdout=second)

    assert "created nothing" not in first.getvalue()
    assert "created nothing" in second.getvalue()
    assert row_counts() == counts
    # The portal's own pages below Wagtail's root (the newsroom adds its news tree).
    portal = Page.objects.live().filter(depth__gt=1, content_type__app_label="portal")
    assert portal.filter(locale__language_code="vi").count() == 6
    assert portal.filter(locale__language_code="en").count() == 6


def test_admin_edits_survive_a_second_load_and_reset_restores_the_file():
    load()
    unit = Unit.objects.get(key="press-publishing")
    original_name = unit.name_vi
    unit.name_vi = "Phòng Báo chí, Xuất bản và Thông tin cơ sở"
    unit.save()
    secretariat = Unit.objects.get(key="secretariat")
    secretariat.phones.filter(number="(+84-274) 3.842.304").delete()

    report = load()

    unit.refresh_from_db()
    assert unit.name_vi == "Phòng Báo chí, Xuất bản và Thông tin cơ sở"
    assert list(secretariat.phones.values_list("number", flat=True)) == ["(+84-274) 3.842.999"]
    assert report.changed is False

    report = load(reset=True)

    unit.refresh_from_db()
    assert unit.name_vi == original_name
    phones = secretariat.phones.order_by("sort_order").values_list("number", flat=True)
    assert list(phones) == UNIT_PHONES["Department Secretariat"]
    assert report.updated == {"unit": 1}


def test_reset_removes_tasks_that_are_not_in_the_file():
    load()
    mandate = Mandate.objects.get()
    MandateItem.objects.create(mandate=mandate, kind="task", number=27, text_vi="Thêm", text_en="x")

    load()
    assert MandateItem.objects.filter(kind="task").count() == 27

    load(reset=True)
    assert [t.number for t in tasks()] == list(range(1, 27))


# --- Malformed files: refused, named, nothing written -----------------------------------


def seed_text() -> str:
    return DEFAULT_DATA_FILE.read_text(encoding="utf-8")


def _task_block(text: str, index: int) -> tuple[int, int]:
    """Start and end offsets of the index-th (0-based) [[mandate.tasks]] table."""
    starts = [m.start() for m in re.finditer(r"^\[\[mandate\.tasks\]\]$", text, re.M)]
    end = text.find("\n[[mandate.", starts[index] + 1)
    return starts[index], end


def edit_task(text: str, index: int, key: str, new_line: str) -> str:
    """Replace the task's own `key = …` line (not its sub-items') with `new_line`."""
    start, end = _task_block(text, index)
    block, count = re.subn(rf"^{key} = .*$", new_line, text[start:end], count=1, flags=re.M)
    assert count == 1, f"no {key} in task {index}"
    return text[:start] + block + text[end:]


def edit_section(text: str, header: str, occurrence: int, key: str, new_line: str) -> str:
    """Replace `key = …` in the occurrence-th table called `header` (e.g. [[officials]])."""
    starts = [m.start() for m in re.finditer(rf"^{re.escape(header)}$", text, re.M)]
    start = starts[occurrence]
    end = text.find("\n[", start + 1)
    end = len(text) if end == -1 else end
    block, count = re.subn(rf"^{key} = .*$", new_line, text[start:end], count=1, flags=re.M)
    assert count == 1, f"no {key} in {header} #{occurrence}"
    return text[:start] + block + text[end:]


def assert_nothing_written(pages_before: int) -> None:
    assert {m.__name__: m.objects.count() for m in DATA_MODELS} == dict.fromkeys(
        (m.__name__ for m in DATA_MODELS), 0
    )
    assert Page.objects.count() == pages_before


def run_load_demo(path: Path) -> str:
    """`manage.py load_demo --file path` in-process; returns the CommandError's message."""
    pages_before = Page.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("load_demo", "--file", str(path), stdout=StringIO())
    assert_nothing_written(pages_before)
    message = str(raised.value)
    assert str(path) in message
    return message


def test_invalid_toml_is_refused_naming_file_and_line(tmp_path):
    bad = tmp_path / "broken.toml"
    text = seed_text().replace('[[units]]\nkey = "inspectorate"', '[[units]\nkey = "inspectorate"')
    assert text != seed_text()
    bad.write_text(text, encoding="utf-8")

    message = run_load_demo(bad)

    assert "line" in message
    assert "TOML" in message


def test_invalid_toml_makes_the_command_exit_non_zero(tmp_path):
    """The real command line: exit status and message on stderr."""
    bad = tmp_path / "broken.toml"
    bad.write_text('[agency]\ncode = "X"\nname_vi = \n', encoding="utf-8")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        # A throw-away database: the command must fail before touching any.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo", "--file", str(bad)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert str(bad) in result.stderr
    assert "line 3" in result.stderr


def test_task_without_vietnamese_text_is_refused_naming_the_place(tmp_path):
    bad = tmp_path / "no_text_vi.toml"
    bad.write_text(edit_task(seed_text(), 3, "text_vi", ""), encoding="utf-8")

    message = run_load_demo(bad)

    assert "mandate.tasks[3].text_vi" in message


def test_unknown_field_code_is_refused_naming_it(tmp_path):
    bad = tmp_path / "unknown_field.toml"
    bad.write_text(
        edit_task(seed_text(), 3, "fields", 'fields = ["press", "astrology"]'), encoding="utf-8"
    )

    message = run_load_demo(bad)

    assert "mandate.tasks[3].fields" in message
    assert "astrology" in message


def test_duplicate_task_number_is_refused(tmp_path):
    bad = tmp_path / "duplicate.toml"
    bad.write_text(edit_task(seed_text(), 25, "number", "number = 25"), encoding="utf-8")

    message = run_load_demo(bad)

    assert "mandate.tasks numbers" in message
    assert "25" in message


@pytest.mark.parametrize(
    ("header", "occurrence", "key", "line", "named"),
    [
        # The file's schema checks only the email's length; the model's EmailField refuses
        # a malformed address, after the instruments, fields, agency, units and the first
        # official have been written.
        (
            "[[officials]]",
            1,
            "email",
            'email = "khanhlv at binhduong.gov.vn"',
            "officials[1]: email",
        ),
        # An end of validity before its start: only DatedModel.clean() refuses it, once
        # everything but the mandate's items has been written.
        ("[mandate]", 0, "valid_to", "valid_to = 2009-01-01", "mandate: valid_to"),
    ],
    ids=["officials-malformed-email", "mandate-ends-before-it-starts"],
)
def test_row_refused_by_model_validation_leaves_nothing_behind(
    tmp_path, header, occurrence, key, line, named
):
    bad = tmp_path / "model_invalid.toml"
    bad.write_text(edit_section(seed_text(), header, occurrence, key, line), encoding="utf-8")
    data_file_read(bad)  # the file itself is well-formed

    message = run_load_demo(bad)

    assert named in message


def test_loader_service_is_atomic_on_its_own(tmp_path):
    """Called without the command's transaction, the service still writes all or nothing."""
    bad = tmp_path / "model_invalid.toml"
    bad.write_text(
        edit_section(seed_text(), "[mandate]", 0, "valid_to", "valid_to = 2009-01-01"),
        encoding="utf-8",
    )
    pages_before = Page.objects.count()

    with pytest.raises(DataRowError, match=r"^mandate: valid_to"):
        load(bad)

    assert_nothing_written(pages_before)


def test_tasks_and_sub_items_are_tagged_with_their_fields_of_activity():
    load()

    task_4 = MandateItem.objects.get(kind=MandateItemKind.TASK, number=4)
    assert {f.code for f in task_4.activity_fields.all()} == {"press", "broadcasting"}
    sub_g = task_4.sub_items.get(letter="g")
    assert {f.code for f in sub_g.activity_fields.all()} == {"broadcasting", "planning_policy"}
    power_2 = MandateItem.objects.get(kind=MandateItemKind.POWER, number=2)
    assert {f.code for f in power_2.activity_fields.all()} == {
        "planning_policy",
        "inspection_complaints",
    }
