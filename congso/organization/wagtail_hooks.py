from wagtail.snippets.models import register_snippet

from .viewsets import OrganizationViewSetGroup

register_snippet(OrganizationViewSetGroup)
