"""Seed the benchmark database: the demo department, its portal and the news tree (the
parts of `load_demo` the pages need), once. Run with `manage.py shell -c`."""

from django.db import transaction
from wagtail.models import Page

from congso.newsroom.services import newsroom_setup
from congso.organization.demo import DEFAULT_DATA_FILE, data_file_read, organization_data_load
from congso.organization.models import Agency
from congso.portal.services import portal_site_ensure

if not Page.objects.filter(depth=2).exclude(slug="root").exists() or not Agency.objects.exists():
    with transaction.atomic():
        data = data_file_read(DEFAULT_DATA_FILE)
        organization_data_load(data)
        portal_site_ensure(agency=Agency.objects.get(code=data.agency.code))
        newsroom_setup()
    print("seeded")
else:
    print("already seeded")
