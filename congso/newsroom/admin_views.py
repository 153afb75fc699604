"""Admin: who may do what on one page ("Phân quyền"), linked from the public news page.

Wagtail keeps page permissions per group (Settings → Groups, "Page permissions"), set on a
page and inherited by everything below it, and the reader-facing restriction ("Privacy")
per page in the editor's status panel. Neither has a per-page screen, so this one gathers,
for a page: the groups holding rights on it and the page each right comes from, the
privacy restrictions that apply, and the approval workflow — each with a link to where it
is changed.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import GroupPagePermission, Page, PageViewRestriction


class PagePermissionsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "newsroom/admin/page_permissions.html"
    page_title = _("Permissions")
    header_icon = "lock"

    def dispatch(self, request, page_id, *args, **kwargs):
        self.page = get_object_or_404(Page, id=page_id).specific
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.id]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chain = self.page.get_ancestors(inclusive=True)
        labels = {codename: long_label for codename, _short, long_label in Page.permission_types}
        grants = (
            GroupPagePermission.objects.filter(page__in=chain)
            .select_related("group", "permission", "page")
            .order_by("group__name", "page__depth", "permission__codename")
        )
        can_manage_groups = self.request.user.has_perm("auth.change_group")
        groups: dict[int, dict] = {}
        for grant in grants:
            entry = groups.setdefault(
                grant.group_id,
                {
                    "group": grant.group,
                    "url": reverse("wagtailusers_groups:edit", args=[grant.group_id])
                    if can_manage_groups
                    else "",
                    "rights": [],
                },
            )
            entry["rights"].append(
                {
                    "label": labels.get(grant.permission.codename, grant.permission.name),
                    "page": grant.page,
                    "inherited": grant.page_id != self.page.id,
                }
            )
        context.update(
            page=self.page,
            groups=list(groups.values()),
            restrictions=PageViewRestriction.objects.filter(page__in=chain).select_related("page"),
            workflow=self.page.get_workflow(),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.id]),
            history_url=reverse("wagtailadmin_pages:history", args=[self.page.id]),
            groups_url=reverse("wagtailusers_groups:index") if can_manage_groups else "",
        )
        return context
