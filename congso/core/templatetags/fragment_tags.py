"""`{% fragment "name" part … %}…{% endfragment %}`: a block of a public page kept in the
cache until the site's content changes (congso.core.fragments). The active language and
the host are always part of the key; the parts name what else the block depends on (a
page's id…)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from congso.core import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        if not fragments.enabled(request):
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        host = request.get_host() if request is not None else ""
        parts = [get_language(), host, *(part.resolve(context) for part in self.parts)]
        html = fragments.get(request, name, *parts)
        if html is None:
            html = self.nodelist.render(context)
            fragments.put(request, name, *parts, value=str(html))
        return mark_safe(html)  # noqa: S308 (HTML this template rendered)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
