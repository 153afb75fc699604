"""Writes of the newsroom: the news tree, article types, editorial groups and the approval
workflow (`newsroom_setup`), and the seed page imported as a news item.

Everything here is idempotent: rows and pages that exist (found by their natural key:
article type code, page slug under its parent, group name, workflow name, translation key)
are kept as they are, so editors' changes survive a second run.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from congso.core.calendar import VN_TZ
from congso.organization import selectors as org
from congso.organization.models import Agency
from congso.portal.models import HomePage

from . import roles
from .models import ArticleType, Contributor, NewsAuthor, NewsCategoryPage, NewsIndexPage, NewsPage


class NewsroomSetupError(Exception):
    """The newsroom cannot be set up: the portal's home pages are missing."""


# --- Article types -------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleTypeSpec:
    code: str
    name_vi: str
    name_en: str
    min: str
    default: str
    max: str
    decree_max: str  # Decree 18/2014/NĐ-CP Art. 7(1) (LEGAL.md §3)


# Minimums and defaults are this agency's own rule (the decree sets only maxima): a short
# routine item sits at the low end, the default is a modest ordinary item; the agency's
# maximum is the decree's. Staff change them in Admin → Tin bài → Loại bài viết.
ARTICLE_TYPES: tuple[ArticleTypeSpec, ...] = (
    ArticleTypeSpec("tin", "Tin", "News", "1", "3", "10", "10"),
    ArticleTypeSpec(
        "bai", "Bài (bình luận, chuyên đề)", "Article / commentary", "5", "10", "30", "30"
    ),
    ArticleTypeSpec("anh", "Ảnh", "Photo", "1", "2", "10", "10"),
    ArticleTypeSpec(
        "video", "Video (tác phẩm trực tuyến)", "Video / online media", "5", "10", "50", "50"
    ),
    ArticleTypeSpec("phong-van", "Phỏng vấn", "Interview", "5", "10", "30", "30"),
    ArticleTypeSpec("tin-dich", "Tin dịch", "Translated news", "1", "3", "10", "10"),
    ArticleTypeSpec("tong-hop", "Tổng hợp", "Summary / roundup", "1", "3", "10", "10"),
)


@transaction.atomic
def article_types_ensure() -> dict[str, ArticleType]:
    """Create the seed article types that are missing (by code); keep existing rows.

    Returns {code: ArticleType}. Raises ValidationError if a spec breaks the limits
    (min ≤ default ≤ max ≤ decree maximum).
    """
    found = {t.code: t for t in ArticleType.objects.all()}
    for order, spec in enumerate(ARTICLE_TYPES):
        if spec.code in found:
            continue
        row = ArticleType(
            code=spec.code,
            name_vi=spec.name_vi,
            name_en=spec.name_en,
            min_coefficient=Decimal(spec.min),
            default_coefficient=Decimal(spec.default),
            max_coefficient=Decimal(spec.max),
            decree_max_coefficient=Decimal(spec.decree_max),
            sort_order=order,
        )
        row.full_clean()
        row.save()
        found[spec.code] = row
    return found


# --- The news tree -------------------------------------------------------------------------


@dataclass(frozen=True)
class CategorySpec:
    key: str
    title_vi: str
    slug_vi: str
    title_en: str
    slug_en: str


NEWS_INDEX = ("Tin tức", "tin-tuc", "News", "news")
# Shown on the home page's quick-link card and as the meta description.
NEWS_INDEX_DESCRIPTION = {
    "vi": "Tin hoạt động, chỉ đạo điều hành, chuyển đổi số, bưu chính – viễn thông, "
    "báo chí – xuất bản của Sở.",
    "en": "The department's activities, directions, digital transformation, post and "
    "telecommunications, press and publishing news.",
}
CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec("activities", "Tin hoạt động", "tin-hoat-dong", "Activities", "activities"),
    CategorySpec(
        "direction",
        "Chỉ đạo điều hành",
        "chi-dao-dieu-hanh",
        "Direction and administration",
        "direction-and-administration",
    ),
    CategorySpec(
        "digital",
        "Chuyển đổi số",
        "chuyen-doi-so",
        "Digital transformation",
        "digital-transformation",
    ),
    CategorySpec(
        "post_telecom",
        "Bưu chính – Viễn thông",
        "buu-chinh-vien-thong",
        "Post and telecommunications",
        "post-and-telecommunications",
    ),
    CategorySpec(
        "press",
        "Báo chí – Xuất bản",
        "bao-chi-xuat-ban",
        "Press and publishing",
        "press-and-publishing",
    ),
)


def _ensure_child(parent: Page, model, *, slug: str, title: str, locale, **extra) -> Page:
    """The live child of `parent` with this slug, created and published when missing."""
    page = parent.get_children().filter(slug=slug).first()
    if page is None:
        page = parent.add_child(
            instance=model(title=title, slug=slug, locale=locale, live=False, **extra)
        )
        page.save_revision().publish()
    return page.specific


def _home_pages() -> tuple[HomePage, HomePage]:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home_vi = site.root_page.specific if site else None
    if not isinstance(home_vi, HomePage):
        raise NewsroomSetupError(
            "The portal's home page is missing: run `manage.py load_demo` (or create the "
            "site's HomePage) first."
        )
    en = Locale.objects.get_or_create(language_code="en")[0]
    home_en = home_vi.get_translation_or_none(en)
    if home_en is None:
        raise NewsroomSetupError("The English home page is missing: run `manage.py load_demo`.")
    return home_vi, home_en.specific


@transaction.atomic
def news_tree_ensure() -> dict[str, dict[str, Page]]:
    """The news root ("Tin tức" / "News", in the main menu) under each home page and the
    five seed categories under it, in Vietnamese and English (the English pages are the
    translations of the Vietnamese ones). Existing pages (by slug under their parent) are
    kept. Returns {"vi": {"index": …, <category key>: …}, "en": {…}}.

    Raises NewsroomSetupError when the portal's home pages do not exist yet.
    """
    home_vi, home_en = _home_pages()
    tree: dict[str, dict[str, Page]] = {"vi": {}, "en": {}}
    title_vi, slug_vi, title_en, slug_en = NEWS_INDEX
    index_vi = _ensure_child(
        home_vi,
        NewsIndexPage,
        slug=slug_vi,
        title=title_vi,
        locale=home_vi.locale,
        show_in_menus=True,
        search_description=NEWS_INDEX_DESCRIPTION["vi"],
    )
    index_en = index_vi.get_translation_or_none(home_en.locale) or _ensure_child(
        home_en,
        NewsIndexPage,
        slug=slug_en,
        title=title_en,
        locale=home_en.locale,
        show_in_menus=True,
        search_description=NEWS_INDEX_DESCRIPTION["en"],
        translation_key=index_vi.translation_key,
    )
    tree["vi"]["index"], tree["en"]["index"] = index_vi, index_en.specific
    for spec in CATEGORIES:
        vi = _ensure_child(
            index_vi,
            NewsCategoryPage,
            slug=spec.slug_vi,
            title=spec.title_vi,
            locale=index_vi.locale,
        )
        en = vi.get_translation_or_none(index_en.locale) or _ensure_child(
            tree["en"]["index"],
            NewsCategoryPage,
            slug=spec.slug_en,
            title=spec.title_en,
            locale=index_en.locale,
            translation_key=vi.translation_key,
        )
        tree["vi"][spec.key], tree["en"][spec.key] = vi, en.specific
    return tree


# --- Groups, page rights and the approval workflow -------------------------------------------

WORKFLOW_NAME = "Duyệt tin bài"
EDITOR_TASK = "Biên tập viên duyệt"
APPROVER_TASK = "Lãnh đạo phê duyệt"

# Wagtail page rights per group, on the news roots (both languages). "add" lets a user
# create pages there and edit the pages they own; "change" any page; "publish" makes live.
# Without "publish", saving offers only "submit for approval" (the workflow below).
PAGE_RIGHTS: dict[str, tuple[str, ...]] = {
    roles.AUTHOR: ("add_page",),
    roles.EDITOR: ("add_page", "change_page", "lock_page", "unlock_page"),
    roles.APPROVER: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
# The category editors' rights, on their category only (both languages).
CATEGORY_RIGHTS: dict[str, tuple[str, tuple[str, ...]]] = {
    roles.CATEGORY_EDITOR_DIGITAL: ("digital", ("add_page", "change_page", "lock_page")),
}
# Images and documents of the root collection (choosers, uploads).
COLLECTION_RIGHTS: dict[str, tuple[str, ...]] = {
    roles.AUTHOR: (
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
    roles.EDITOR: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
    roles.APPROVER: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
    roles.CATEGORY_EDITOR_DIGITAL: (
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
}


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=codename
    )


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_page(group: Group, page: Page, codenames) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )


@transaction.atomic
def newsroom_groups_ensure(tree: dict[str, dict[str, Page]]) -> dict[str, Group]:
    """The newsroom's groups with their Wagtail page rights on the news roots (or, for a
    category editor, on that category) in both languages, and their rights on the root
    collection's images and documents. Adds what is missing, removes nothing.

    The groups' model permissions (admin access, snippets) are set by `setup_roles`
    from `roles.ROLES`. Returns {group name: Group}.
    """
    groups = {role.name: Group.objects.get_or_create(name=role.name)[0] for role in roles.ROLES}
    for name, codenames in PAGE_RIGHTS.items():
        for language in ("vi", "en"):
            _grant_page(groups[name], tree[language]["index"], codenames)
    for name, (key, codenames) in CATEGORY_RIGHTS.items():
        for language in ("vi", "en"):
            _grant_page(groups[name], tree[language][key], codenames)
    root = Collection.get_first_root_node()
    for name, labels in COLLECTION_RIGHTS.items():
        for label in labels:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root, permission=_permission(label)
            )
    return groups


@transaction.atomic
def newsroom_workflow_ensure(
    tree: dict[str, dict[str, Page]], groups: dict[str, Group]
) -> Workflow:
    """The two-step approval workflow "Duyệt tin bài" (editor review → leader approval),
    assigned to the news roots of both languages. The last approval publishes the item
    (or schedules it, when it has a go-live date). A rejection ("request changes") sends
    the item back to its author with the reviewer's comment.

    Existing tasks and workflow (by name) are kept; a news root with another workflow
    keeps it.
    """
    editor_task = GroupApprovalTask.objects.filter(name=EDITOR_TASK).first()
    if editor_task is None:
        editor_task = GroupApprovalTask.objects.create(name=EDITOR_TASK)
        editor_task.groups.set([groups[roles.EDITOR], groups[roles.CATEGORY_EDITOR_DIGITAL]])
    approver_task = GroupApprovalTask.objects.filter(name=APPROVER_TASK).first()
    if approver_task is None:
        approver_task = GroupApprovalTask.objects.create(name=APPROVER_TASK)
        approver_task.groups.set([groups[roles.APPROVER]])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=editor_task, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=approver_task, sort_order=1)
    for language in ("vi", "en"):
        WorkflowPage.objects.get_or_create(
            page=tree[language]["index"], defaults={"workflow": workflow}
        )
    return workflow


def newsroom_setup() -> dict[str, dict[str, Page]]:
    """Everything the newsroom needs on a site that has its portal pages: article types,
    the news tree (both languages), the editorial groups with their page and collection
    rights, the approval workflow and the base salaries of LEGAL.md §3 (when missing).
    Idempotent. Returns the tree (see news_tree_ensure).

    Raises NewsroomSetupError when the portal's home pages are missing.
    """
    from .royalties import base_salaries_ensure

    with transaction.atomic():
        article_types_ensure()
        base_salaries_ensure()
        tree = news_tree_ensure()
        groups = newsroom_groups_ensure(tree)
        newsroom_workflow_ensure(tree, groups)
    return tree


# --- The seed page as a news item --------------------------------------------------------

# The seed's own metadata: "07/06/2021 | Nguyen Trang", "Lượt người xem: 3028".
SEED_TRANSLATION_KEY = uuid.UUID("6700db6e-8c86-4c9f-a000-000000000001")
SEED_PUBLISHED_AT = datetime.datetime(2021, 6, 7, 10, 0, tzinfo=VN_TZ)
SEED_VIEWS = 3028
SEED_AUTHOR = "Nguyen Trang"
SEED_TITLES = {
    "vi": "Giới thiệu Sở Thông tin và Truyền thông tỉnh Bình Dương",
    "en": "Introduction to the Department of Information and Communications of Binh Duong",
}
SEED_SLUGS = {
    "vi": "gioi-thieu-so-thong-tin-va-truyen-thong-tinh-binh-duong",
    "en": "introduction-department-information-communications-binh-duong",
}
SEED_SUMMARIES = {
    "vi": (
        "Lãnh đạo, các phòng, trung tâm, chức năng, nhiệm vụ, quyền hạn và địa chỉ liên hệ "
        "của Sở Thông tin và Truyền thông tỉnh Bình Dương."
    ),
    "en": (
        "Leadership, divisions and centers, functions, tasks, powers and address of the "
        "Department of Information and Communications of Binh Duong."
    ),
}
SEED_HEADINGS = {
    "vi": {
        "leaders": "Lãnh đạo",
        "units": "Các phòng, trung tâm",
        "functions": "Chức năng",
        "tasks": "Nhiệm vụ",
        "powers": "Quyền hạn",
        "address": "Địa chỉ",
        "position": "Chức vụ",
        "phone": "Điện thoại",
        "fax": "Fax",
        "basis": "(Chức năng, nhiệm vụ, quyền hạn nêu trên được ban hành kèm theo {citation})",
    },
    "en": {
        "leaders": "Leadership",
        "units": "Divisions and Centers",
        "functions": "FUNCTIONS",
        "tasks": "TASKS",
        "powers": "POWERS",
        "address": "ADDRESS",
        "position": "Position",
        "phone": "Telephone",
        "fax": "Fax",
        "basis": "(The above functions, tasks and powers issued together with {citation})",
    },
}


def _in(obj, name: str, language: str) -> str:
    return getattr(obj, f"{name}_{language}", "") or getattr(obj, f"{name}_vi", "")


def _text_html(text: str) -> str:
    """Plain text as rich-text inline HTML: escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in text.strip().splitlines() if line.strip())


def _items_html(items, language: str) -> str:
    """Numbered tasks or powers, each with its lettered sub-items, as rich text."""
    parts = []
    for item in items:
        parts.append(f"<p><b>{item.number}.</b> {_text_html(_in(item, 'text', language))}</p>")
        subs = list(item.sub_items.all())
        if subs:
            lines = "".join(
                f"<li>{escape(s.letter)}) {_text_html(_in(s, 'text', language))}</li>" for s in subs
            )
            parts.append(f"<ul>{lines}</ul>")
    return "".join(parts)


def seed_body(agency: Agency, language: str) -> list[dict]:
    """The seed page's body, built from the organisation data in the database (as it was
    on the seed's date): leaders, units with telephones, functions, the 26 tasks with their
    sub-items, the powers and the address, as the body's raw (JSON) blocks."""
    from django.utils import translation

    h = SEED_HEADINGS[language]
    day = SEED_PUBLISHED_AT.date()
    blocks: list[dict] = []

    def heading(text: str) -> None:
        blocks.append({"type": "heading", "value": {"text": text, "level": "h2"}})

    def paragraph(html: str) -> None:
        blocks.append({"type": "paragraph", "value": html})

    def leader(o) -> str:
        html = (
            f"<li><b>({escape(_in(o, 'honorific', language))}) "
            f"{escape(_in(o, 'name', language))}</b>"
            f"<br/>{h['position']}: {escape(_in(o, 'position', language))}"
        )
        if o.email:
            html += f'<br/>Email: <a href="mailto:{escape(o.email)}">{escape(o.email)}</a>'
        return html + "</li>"

    def unit(u) -> str:
        phones = " - ".join(p.number for p in u.phones.all())
        return f"<li>{escape(_in(u, 'name', language))}: {escape(phones)}</li>"

    heading(h["leaders"])
    paragraph("<ul>" + "".join(leader(o) for o in org.leadership(agency, on=day)) + "</ul>")
    heading(h["units"])
    paragraph("<ul>" + "".join(unit(u) for u in org.units_with_phones(agency)) + "</ul>")
    mandate = org.mandate_for_agency(agency, on=day)
    if mandate is not None:
        heading(h["functions"])
        paragraph(f"<p>{_text_html(_in(mandate, 'functions', language))}</p>")
        heading(h["tasks"])
        paragraph(_items_html(org.mandate_tasks(mandate), language))
        heading(h["powers"])
        with translation.override(language):
            citation = mandate.instrument.citation
        basis = escape(h["basis"].format(citation=citation))
        paragraph(_items_html(org.mandate_powers(mandate), language) + f"<p><i>{basis}</i></p>")
    heading(h["address"])
    lines = [escape(_in(agency, "address", language))]
    if agency.phone:
        lines.append(f"{h['phone']}: {escape(agency.phone)}")
    if agency.fax:
        lines.append(f"{h['fax']}: {escape(agency.fax)}")
    if agency.email:
        lines.append(f'Email: <a href="mailto:{escape(agency.email)}">{escape(agency.email)}</a>')
    paragraph("<p>" + "<br/>".join(lines) + "</p>")
    return blocks


def _publish_as_of(page: NewsPage, when: datetime.datetime) -> NewsPage:
    """Publish `page` (first revision) as if it had gone live at `when`."""
    page.first_published_at = when
    page.published_at = when
    revision = page.save_revision()
    revision.publish()
    NewsPage.objects.filter(pk=page.pk).update(last_published_at=when)
    return NewsPage.objects.get(pk=page.pk)


@transaction.atomic
def seed_news_import(*, agency: Agency, tree: dict[str, dict[str, Page]]) -> dict[str, NewsPage]:
    """Import the seed page as a news item in Vietnamese and English (the English page is
    the translation of the Vietnamese one): author Nguyen Trang, published 07/06/2021
    10:00 (+07:00), 3,028 views, category "Tin hoạt động", article type "tổng hợp", the
    body built from the organisation data.

    Idempotent: a language whose item exists (by the seed's translation key) is kept.
    Returns {"vi": NewsPage, "en": NewsPage}.
    """
    author, _created = Contributor.objects.get_or_create(
        name=SEED_AUTHOR, defaults={"pen_name": SEED_AUTHOR}
    )
    kind = article_types_ensure()["tong-hop"]
    result = {}
    for language in ("vi", "en"):
        # Read afresh: a caller's page object may hold a stale child count.
        parent = NewsCategoryPage.objects.get(pk=tree[language]["activities"].pk)
        page = NewsPage.objects.filter(
            translation_key=SEED_TRANSLATION_KEY, locale=parent.locale
        ).first()
        if page is None:
            page = parent.add_child(
                instance=NewsPage(
                    title=SEED_TITLES[language],
                    slug=SEED_SLUGS[language],
                    locale=parent.locale,
                    translation_key=SEED_TRANSLATION_KEY,
                    summary=SEED_SUMMARIES[language],
                    body=seed_body(agency, language),
                    article_type=kind,
                    # The English page is our translation of our own item: no second
                    # royalty (the Vietnamese one is owed it, frozen when published).
                    news_coefficient=kind.default_coefficient if language == "vi" else None,
                    byline=SEED_AUTHOR,
                    contact_email=agency.email,
                    live=False,
                    authors=[NewsAuthor(contributor=author, role="Tác giả")],
                )
            )
            page = _publish_as_of(page, SEED_PUBLISHED_AT)
            NewsPage.objects.filter(pk=page.pk).update(view_count=SEED_VIEWS)
            page.view_count = SEED_VIEWS
        result[language] = page
    return result


# --- Demo ----------------------------------------------------------------------------------

DEMO_NEWS_COUNT = 40


def newsroom_demo_load(*, agency: Agency, count: int = DEMO_NEWS_COUNT) -> dict:
    """What `load_demo` adds for the newsroom: the set-up (newsroom_setup), the seed page
    as a news item, and `count` generated demo items in both languages. Idempotent: a
    second run adds nothing. Returns {"seed": {...}, "generated": GenerateReport}."""
    from .demo import demo_news_generate
    from .royalties import royalties_demo_ensure

    tree = newsroom_setup()
    seed = seed_news_import(agency=agency, tree=tree)
    generated = demo_news_generate(count=count, seed=1)
    royalties = royalties_demo_ensure()
    return {"seed": seed, "generated": generated, "royalties": royalties}
