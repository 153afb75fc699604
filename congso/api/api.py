"""The public API for the province's other systems: /api/v1/, OpenAPI at
/api/v1/openapi.json, interactive docs at /api/v1/docs. Each app contributes a router."""

from ninja import NinjaAPI

from congso.core.api import router as core_router
from congso.dossiers.api import router as dossiers_router
from congso.licensing.api import router as licensing_router
from congso.newsroom.api import router as newsroom_router
from congso.organization.api import router as organization_router
from congso.procedures.api import router as procedures_router

api = NinjaAPI(
    title="congso API",
    version="1",
    description=(
        "Open data of the department: organisation, mandate, and (as they are built) news, "
        "procedures, dossiers and licences. Every text field is returned in the language "
        "asked for with `?lang=vi|en` (Vietnamese by default)."
    ),
    urls_namespace="api-v1",
)
api.add_router("/", organization_router)
api.add_router("/", core_router)
api.add_router("/", procedures_router)
api.add_router("/", dossiers_router)
api.add_router("/", newsroom_router)
api.add_router("/", licensing_router)
