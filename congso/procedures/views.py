"""The public catalogue, served by ProcedureIndexPage's routes (see models.py)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect

from . import selectors
from .forms import CatalogueFilterForm


def catalogue(request, page):
    """The list of procedures in force today, searched and filtered by GET parameters."""
    fields, agencies = selectors.catalogue_filter_options()
    form = CatalogueFilterForm(request.GET or None, fields=fields, agencies=agencies)
    filters = form.filters() if form.is_bound else {}
    versions = selectors.procedures_in_force(**filters)
    paginator = Paginator(versions, page.PAGE_SIZE)
    results = paginator.get_page(request.GET.get("page"))
    base = page.get_url(request)
    for version in results:
        version.url = f"{base}{version.procedure.code}/"
    # Keep the filters in the pagination links.
    query = request.GET.copy()
    query.pop("page", None)
    return page.render(
        request,
        template="procedures/procedure_index_page.html",
        context_overrides={
            "form": form,
            "results": results,
            "paginator": paginator,
            "filtered": bool(filters),
            "query_string": query.urlencode(),
        },
    )


def procedure_detail(request, page, key: str):
    """One procedure's page, from its version in force today. 404 when there is none."""
    version = selectors.procedure_version_detail(key)
    if version is None:
        raise Http404("No such procedure in force.")
    procedure = version.procedure
    if key != procedure.code:
        # One address per procedure: its code (the slug and other spellings redirect).
        return HttpResponsePermanentRedirect(page.procedure_url(procedure, request))
    translations = {}
    for translation in page.get_translations(inclusive=True).live().specific():
        translations[translation.locale.language_code] = translation.procedure_url(
            procedure, request
        )
    return page.render(
        request,
        template="procedures/procedure_page.html",
        context_overrides={
            "version": version,
            "procedure": procedure,
            "catalogue_url": page.get_url(request),
            "apply_url": page.apply_url(procedure, request),
            "translation_urls": translations,
        },
    )
