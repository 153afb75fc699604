"""factory_boy factories for the procedure catalogue (and the organisation rows it needs)."""

import datetime

import factory

from congso.organization.models import ActivityField, Agency, LegalInstrument
from congso.procedures.choices import OnlineLevel, TimeLimitUnit
from congso.procedures.models import (
    ApplicationField,
    LegalBasis,
    Procedure,
    ProcedureFee,
    ProcedureVersion,
    RequiredDocument,
)


class ActivityFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityField
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"field-{n}")
    name_vi = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"agency-{n}")
    name_vi = factory.Sequence(lambda n: f"Sở số {n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")


class LegalInstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalInstrument

    key = factory.Sequence(lambda n: f"instrument-{n}")
    kind = "circular"
    number = factory.Sequence(lambda n: f"{n:02d}/2024/TT-BTTTT")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    has_national_code = True
    slug = factory.Sequence(lambda n: f"thu-tuc-{n}")


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureVersion

    procedure = factory.SubFactory(ProcedureFactory)
    valid_from = datetime.date(2024, 1, 1)
    valid_to = None
    name_vi = factory.Sequence(lambda n: f"Cấp giấy phép thử nghiệm {n}")
    name_en = factory.Sequence(lambda n: f"Test licence {n}")
    field = factory.SubFactory(ActivityFieldFactory)
    agency = factory.SubFactory(AgencyFactory)
    time_limit = 10
    time_limit_unit = TimeLimitUnit.WORKING_DAYS
    applicants_vi = "Tổ chức, cá nhân"
    applicants_en = "Organisations and individuals"
    result_vi = "Giấy phép"
    result_en = "Licence"
    online_level = OnlineLevel.PARTIAL


class ProcedureFeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureFee

    version = factory.SubFactory(ProcedureVersionFactory)
    name_vi = "Lệ phí"
    name_en = "Charge"
    amount = 100000


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    version = factory.SubFactory(ProcedureVersionFactory)
    key = factory.Sequence(lambda n: f"document-{n}")
    name_vi = "Đơn đề nghị"
    name_en = "Application form"


class ApplicationFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationField

    version = factory.SubFactory(ProcedureVersionFactory)
    key = factory.Sequence(lambda n: f"field_{n}")
    label_vi = "Tên"
    label_en = "Name"


class LegalBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalBasis

    version = factory.SubFactory(ProcedureVersionFactory)
    instrument = factory.SubFactory(LegalInstrumentFactory)
