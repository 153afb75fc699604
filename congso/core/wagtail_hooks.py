from wagtail.snippets.models import register_snippet

from .viewsets import HolidayOverrideViewSet

register_snippet(HolidayOverrideViewSet)
