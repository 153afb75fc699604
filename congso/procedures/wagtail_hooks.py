from wagtail.snippets.models import register_snippet

from .viewsets import ProceduresViewSetGroup

register_snippet(ProceduresViewSetGroup)
