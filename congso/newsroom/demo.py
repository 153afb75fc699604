"""Demo news: realistic items in Vietnamese and English, generated in bulk.

`demo_news_generate(count=N, seed=S)` creates N news items, each published in both
languages (2N pages), spread over every category and the two years before today, with
tags, authors, some featured, and illustrations drawn with Pillow. Titles, summaries and
bodies are assembled from the bank below: plausible work of a provincial department of
information and communications, written once in each language.

Speed: 20,000 items (40,000 pages) must be created in minutes for the benchmarks, so the
pages are written in batches (Page rows with `bulk_create`, their NewsPage rows with one
multi-row insert, revisions, authors and tags likewise) instead of one `add_child` and
`publish` per page — the tree paths are computed here, which is safe because the batch
holds the parent rows locked. No signal is sent per page (no `page_published`); the
search index is filled with the search backend's bulk insert. Reference-index entries
(Wagtail's "usage" counts) are not written: `manage.py rebuild_references_index` does it.

Idempotent: item i of seed S always has the same translation key, and items whose key
exists are skipped — `--count 40` after a run of 20,000 adds nothing.
"""

import datetime
import io
import random
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, reset_queries, transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import COMMENTS_RELATION_NAME, Collection, Page, Revision

from congso.core.calendar import VN_TZ

from .models import (
    ArticleType,
    Contributor,
    NewsAuthor,
    NewsCategoryPage,
    NewsPage,
    NewsPageTag,
    NewsTag,
)
from .text import vi_slugify

KEY_NAMESPACE = uuid.UUID("6700db6e-8c86-4c9f-b000-00000000d3a0")
SPREAD_DAYS = 730
BATCH_SIZE = 500

# --- The bank: (Vietnamese, English) pairs ------------------------------------------------

PLACES = [
    ("thành phố Thủ Dầu Một", "Thu Dau Mot City"),
    ("thành phố Dĩ An", "Di An City"),
    ("thành phố Thuận An", "Thuan An City"),
    ("thành phố Tân Uyên", "Tan Uyen City"),
    ("thị xã Bến Cát", "Ben Cat Town"),
    ("huyện Bàu Bàng", "Bau Bang District"),
    ("huyện Dầu Tiếng", "Dau Tieng District"),
    ("huyện Phú Giáo", "Phu Giao District"),
    ("huyện Bắc Tân Uyên", "Bac Tan Uyen District"),
]

EVENTS = [
    ("Hội nghị triển khai", "Conference on implementing"),
    ("Tập huấn về", "Training on"),
    ("Sơ kết 6 tháng thực hiện", "Six-month review of"),
    ("Tổng kết năm thực hiện", "Annual review of"),
    ("Kiểm tra việc thực hiện", "Inspection of the implementation of"),
    ("Hội thảo về", "Workshop on"),
    ("Hướng dẫn thực hiện", "Guidance on"),
]

# Per category: topics (vi, en) and the tags they carry.
TOPICS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "activities": [
        (
            "kế hoạch công tác thông tin và truyền thông",
            "the information and communications work plan",
            ("hoat-dong",),
        ),
        ("phong trào thi đua của Sở", "the department's emulation movement", ("hoat-dong",)),
        ("công tác cải cách hành chính", "administrative reform", ("cai-cach-hanh-chinh",)),
        (
            "chương trình thông tin cơ sở",
            "the grassroots information programme",
            ("thong-tin-co-so",),
        ),
        ("công tác phòng, chống tham nhũng", "anti-corruption work", ("hoat-dong",)),
    ],
    "direction": [
        (
            "chỉ thị của Ủy ban nhân dân tỉnh về an toàn thông tin",
            "the Provincial People's Committee's directive on information security",
            ("an-toan-thong-tin",),
        ),
        (
            "kế hoạch ứng dụng công nghệ thông tin trong cơ quan nhà nước",
            "the plan for IT in state agencies",
            ("chinh-quyen-so",),
        ),
        (
            "quy chế quản lý, vận hành Cổng thông tin điện tử",
            "the rules for running the web portal",
            ("chinh-quyen-so",),
        ),
        (
            "văn bản chỉ đạo về dịch vụ công trực tuyến",
            "the instructions on online public services",
            ("dich-vu-cong",),
        ),
        (
            "kế hoạch tuyên truyền cải cách hành chính",
            "the communication plan for administrative reform",
            ("cai-cach-hanh-chinh",),
        ),
    ],
    "digital": [
        (
            "nền tảng họp trực tuyến cho cấp xã",
            "the online meeting platform for communes",
            ("chuyen-doi-so", "chinh-quyen-so"),
        ),
        ("tổ công nghệ số cộng đồng", "community digital technology teams", ("chuyen-doi-so",)),
        (
            "kho dữ liệu dùng chung của tỉnh",
            "the province's shared data warehouse",
            ("chuyen-doi-so", "ha-tang-so"),
        ),
        (
            "thanh toán không dùng tiền mặt trong dịch vụ công",
            "cashless payment for public services",
            ("chuyen-doi-so", "dich-vu-cong"),
        ),
        (
            "hệ thống giám sát an toàn thông tin",
            "the information security monitoring system",
            ("an-toan-thong-tin",),
        ),
        (
            "Trung tâm điều hành thông minh",
            "the intelligent operations centre",
            ("chuyen-doi-so", "ha-tang-so"),
        ),
    ],
    "post_telecom": [
        (
            "phủ sóng 5G tại các khu công nghiệp",
            "5G coverage of the industrial parks",
            ("vien-thong", "5g"),
        ),
        (
            "chất lượng dịch vụ bưu chính công ích",
            "the quality of public postal services",
            ("buu-chinh",),
        ),
        (
            "chỉnh trang cáp viễn thông trên địa bàn",
            "tidying up telecommunications cables",
            ("vien-thong", "ha-tang-so"),
        ),
        ("mã địa chỉ bưu chính Vpostcode", "the Vpostcode postal address code", ("buu-chinh",)),
        (
            "hạ tầng trạm thu phát sóng dùng chung",
            "shared base station infrastructure",
            ("vien-thong", "ha-tang-so"),
        ),
    ],
    "press": [
        ("Giải báo chí tỉnh", "the provincial press award", ("bao-chi",)),
        (
            "công tác quản lý bản tin của các cơ quan",
            "the supervision of agency newsletters",
            ("bao-chi", "xuat-ban"),
        ),
        ("hội sách và văn hóa đọc", "the book fair and the reading culture", ("xuat-ban",)),
        (
            "họp báo định kỳ của Ủy ban nhân dân tỉnh",
            "the Provincial People's Committee's regular press conference",
            ("bao-chi",),
        ),
        ("lưu chiểu xuất bản phẩm", "the deposit of publications", ("xuat-ban",)),
    ],
}

TAGS = {
    "hoat-dong": ("Hoạt động của Sở", "Department activities"),
    "cai-cach-hanh-chinh": ("Cải cách hành chính", "Administrative reform"),
    "thong-tin-co-so": ("Thông tin cơ sở", "Grassroots information"),
    "an-toan-thong-tin": ("An toàn thông tin", "Information security"),
    "chinh-quyen-so": ("Chính quyền số", "Digital government"),
    "dich-vu-cong": ("Dịch vụ công trực tuyến", "Online public services"),
    "chuyen-doi-so": ("Chuyển đổi số", "Digital transformation"),
    "ha-tang-so": ("Hạ tầng số", "Digital infrastructure"),
    "vien-thong": ("Viễn thông", "Telecommunications"),
    "5g": ("5G", "5G networks"),
    "buu-chinh": ("Bưu chính", "Postal services"),
    "bao-chi": ("Báo chí", "Press"),
    "xuat-ban": ("Xuất bản", "Publishing"),
}

SUMMARIES = [
    (
        "Ngày {date}, tại {place}, Sở Thông tin và Truyền thông tổ chức {event_lc} {topic}.",
        "On {date_en}, in {place_en}, the Department of Information and Communications held a "
        "{event_en_lc} {topic_en}.",
    ),
    (
        "Sở Thông tin và Truyền thông vừa ban hành hướng dẫn về {topic}, áp dụng cho các cơ "
        "quan, đơn vị trên địa bàn tỉnh.",
        "The Department of Information and Communications has issued guidance on {topic_en} for "
        "agencies and units across the province.",
    ),
    (
        "Đoàn công tác của Sở làm việc tại {place} về {topic}, ghi nhận nhiều kết quả tích cực.",
        "A department delegation visited {place_en} to review {topic_en} and noted good progress.",
    ),
]

PARAGRAPHS = [
    (
        "Phát biểu tại buổi làm việc, lãnh đạo Sở đề nghị các đơn vị tiếp tục rà soát, hoàn "
        "thiện quy trình, bảo đảm tiến độ và chất lượng.",
        "Speaking at the meeting, the department's leaders asked units to keep reviewing and "
        "improving their procedures, on time and to a high standard.",
    ),
    (
        "Theo báo cáo, trong thời gian qua, các cơ quan, đơn vị đã chủ động triển khai nhiều "
        "giải pháp, bước đầu mang lại hiệu quả thiết thực cho người dân và doanh nghiệp.",
        "According to the report, agencies and units have taken many measures recently, with "
        "first practical benefits for citizens and businesses.",
    ),
    (
        "Bên cạnh kết quả đạt được, vẫn còn một số khó khăn về hạ tầng, nhân lực và kinh phí cần "
        "được tháo gỡ trong thời gian tới.",
        "Alongside these results, some difficulties with infrastructure, staff and funding "
        "remain to be solved in the coming period.",
    ),
    (
        "Sở Thông tin và Truyền thông sẽ phối hợp với các sở, ngành, địa phương theo dõi, đôn "
        "đốc và tổng hợp kết quả báo cáo Ủy ban nhân dân tỉnh.",
        "The department will work with other departments and localities to follow up and report "
        "the results to the Provincial People's Committee.",
    ),
    (
        "Các đại biểu đã trao đổi, thảo luận nhiều nội dung, đề xuất giải pháp để nâng cao hiệu "
        "quả trong năm tới.",
        "Participants discussed many issues and proposed ways to work more effectively next year.",
    ),
    (
        "Người dân có thể tra cứu thông tin, gửi phản ánh, kiến nghị qua Cổng thông tin điện tử "
        "của tỉnh hoặc tổng đài 1022.",
        "Citizens can look up information and send feedback through the provincial web portal or "
        "the 1022 hotline.",
    ),
    (
        "Dịp này, Sở cũng giới thiệu tài liệu hướng dẫn và giải đáp các câu hỏi của cơ quan, đơn "
        "vị về những vấn đề còn vướng mắc.",
        "The department also presented guidance material and answered questions from agencies "
        "and units on outstanding issues.",
    ),
]

HEADINGS = [
    ("Kết quả nổi bật", "Main results"),
    ("Nhiệm vụ thời gian tới", "Next steps"),
    ("Ý kiến tại hội nghị", "Views at the meeting"),
]

QUOTES = [
    (
        "Chuyển đổi số phải lấy người dân, doanh nghiệp làm trung tâm.",
        "Digital transformation must put citizens and businesses at its centre.",
    ),
    (
        "Mỗi cán bộ, công chức cần chủ động học hỏi, ứng dụng công nghệ vào công việc hằng ngày.",
        "Every civil servant should learn and use technology in their daily work.",
    ),
]

CONTRIBUTORS = [
    ("Nguyễn Minh Anh", "Minh Anh"),
    ("Trần Thu Hà", "Thu Hà"),
    ("Lê Quốc Bảo", "Quốc Bảo"),
    ("Phạm Ngọc Lan", "Ngọc Lan"),
    ("Võ Hoàng Nam", "Hoàng Nam"),
]

IMAGE_COLOURS = ["#a50e0e", "#0b4a8f", "#1e6b3a", "#6b4a1e", "#4a2d82", "#24292e"]

ARTICLE_TYPE_FOR_CATEGORY = {
    "activities": "tin",
    "direction": "tin",
    "digital": "bai",
    "post_telecom": "tin",
    "press": "tin",
}


@dataclass
class GenerateReport:
    created: int = 0
    skipped: int = 0
    seconds: float = 0.0
    per_category: dict[str, int] = field(default_factory=dict)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def demo_images_ensure() -> list:
    """The demo illustrations (solid colours with a label), created once as Wagtail images
    in the root collection; found again by title."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    Image = get_image_model()
    collection = Collection.get_first_root_node()
    images = []
    for number, colour in enumerate(IMAGE_COLOURS, start=1):
        title = f"Ảnh minh họa tin tức {number}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            canvas = PILImage.new("RGB", (1200, 675), colour)
            draw = ImageDraw.Draw(canvas)
            try:
                font = ImageFont.load_default(size=64)
            except TypeError:  # Pillow built without FreeType
                font = ImageFont.load_default()
            draw.text((80, 290), f"congso - Illustration {number}", fill="#ffffff", font=font)
            buffer = io.BytesIO()
            canvas.save(buffer, format="JPEG", quality=80)
            image = Image(title=title, collection=collection)
            image.file = ImageFile(buffer, name=f"demo-news-{number}.jpg")
            image.save()
        images.append(image)
    return images


def _contributors() -> list[Contributor]:
    found = []
    for name, pen_name in CONTRIBUTORS:
        contributor, _created = Contributor.objects.get_or_create(
            name=name, defaults={"pen_name": pen_name}
        )
        found.append(contributor)
    return found


def _tags() -> dict[str, tuple[NewsTag, NewsTag]]:
    """{key: (Vietnamese tag, English tag)}; tags are per language (their names differ)."""
    result = {}
    for key, (name_vi, name_en) in TAGS.items():
        vi = NewsTag.objects.filter(name=name_vi).first() or NewsTag.objects.create(name=name_vi)
        en = NewsTag.objects.filter(name=name_en).first() or NewsTag.objects.create(name=name_en)
        result[key] = (vi, en)
    return result


@dataclass
class _Item:
    index: int
    key: uuid.UUID
    category: str
    published: datetime.datetime
    featured: bool
    title: dict
    summary: dict
    body: dict
    tags: tuple[str, ...]
    image: object | None
    alt: dict
    caption: dict
    authors: list[Contributor]


def _compose(index: int, seed: int, now, images, contributors) -> _Item:
    rng = random.Random(f"{seed}:{index}")  # noqa: S311 (demo text, not secrets)
    category = list(TOPICS)[index % len(TOPICS)]
    topic_vi, topic_en, tags = rng.choice(TOPICS[category])
    event_vi, event_en = rng.choice(EVENTS)
    place_vi, place_en = rng.choice(PLACES)
    published = now - datetime.timedelta(days=rng.uniform(0, SPREAD_DAYS))
    local = published.astimezone(VN_TZ).replace(
        hour=rng.randint(7, 17), minute=rng.choice([0, 15, 30, 45]), second=0, microsecond=0
    )
    date_vi = local.strftime("%d/%m/%Y")
    date_en = f"{local.day} {local:%B %Y}"
    summary_vi, summary_en = rng.choice(SUMMARIES)
    fill = {
        "date": date_vi,
        "date_en": date_en,
        "place": place_vi,
        "place_en": place_en,
        "topic": topic_vi,
        "topic_en": topic_en,
        "event_lc": _lower_first(event_vi),
        "event_en_lc": _lower_first(event_en),
    }
    image = rng.choice(images) if images and rng.random() < 0.8 else None
    # Half the titles name the place, so that fewer items share a title.
    local_event = rng.random() < 0.5
    where_vi = f" tại {place_vi}" if local_event else ""
    where_en = f" in {place_en}" if local_event else ""

    def body(lang: int) -> list[dict]:
        picks = rng.sample(PARAGRAPHS, 4)
        blocks = [
            {"type": "paragraph", "value": f"<p>{picks[0][lang]} {picks[1][lang]}</p>"},
            {"type": "heading", "value": {"text": HEADINGS[index % 3][lang], "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{picks[2][lang]}</p><p>{picks[3][lang]}</p>"},
        ]
        if index % 4 == 0:
            quote = QUOTES[index % len(QUOTES)]
            blocks.append(
                {
                    "type": "quote",
                    "value": {
                        "text": quote[lang],
                        "attribution": ("Lãnh đạo Sở", "Department leader")[lang],
                    },
                }
            )
        if index % 10 == 0:
            blocks.append(
                {
                    "type": "table",
                    "value": {
                        "caption": ("Kết quả thực hiện", "Results")[lang],
                        "columns": [
                            {"type": "text", "heading": ("Chỉ tiêu", "Indicator")[lang]},
                            {"type": "numeric", "heading": ("Kết quả (%)", "Result (%)")[lang]},
                        ],
                        "rows": [
                            {
                                "values": [
                                    ("Hồ sơ trực tuyến", "Online applications")[lang],
                                    str(50 + index % 40),
                                ]
                            },
                            {"values": [("Đúng hạn", "On time")[lang], str(90 + index % 10)]},
                        ],
                    },
                }
            )
        return blocks

    return _Item(
        index=index,
        key=uuid.uuid5(KEY_NAMESPACE, f"{seed}:{index}"),
        category=category,
        published=local,
        featured=rng.random() < 0.12,
        title={
            "vi": f"{event_vi} {topic_vi}{where_vi}"[:250],
            "en": f"{event_en} {topic_en}{where_en}"[:250],
        },
        summary={"vi": summary_vi.format(**fill), "en": summary_en.format(**fill)},
        body={"vi": body(0), "en": body(1)},
        tags=tags,
        image=image,
        alt={"vi": f"Ảnh minh họa: {topic_vi}", "en": f"Illustration: {topic_en}"},
        caption={
            "vi": f"{event_vi} {topic_vi} (ảnh minh họa)",
            "en": f"{event_en} {topic_en} (illustration)",
        },
        authors=rng.sample(contributors, 2 if rng.random() < 0.2 else 1),
    )


def _next_step(parent: Page) -> int:
    """The step number the next child of `parent` gets (treebeard's path encoding)."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    return Page._str2int(last[-Page.steplen :]) + 1 if last else 1


def _insert_pages(
    parent: NewsCategoryPage, items: list[_Item], language: str, ctx: dict
) -> list[NewsPage]:
    """Write `items` as live NewsPages under `parent` in one batch; returns the pages."""
    step = _next_step(parent)
    taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))
    kinds = ctx["article_types"]
    pages: list[NewsPage] = []
    for offset, item in enumerate(items):
        base = vi_slugify(item.title[language], max_length=70) or "tin"
        slug = f"{base}-{item.key.hex[:6]}"
        while slug in taken:
            slug = f"{base}-{uuid.uuid4().hex[:6]}"
        taken.add(slug)
        kind = kinds.get(ARTICLE_TYPE_FOR_CATEGORY[item.category])
        pages.append(
            NewsPage(
                title=item.title[language],
                draft_title=item.title[language],
                slug=slug,
                content_type=ctx["content_type"],
                path=parent.path + Page._int2str(step + offset).rjust(Page.steplen, "0"),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                locale_id=parent.locale_id,
                translation_key=item.key,
                live=True,
                has_unpublished_changes=False,
                first_published_at=item.published,
                last_published_at=item.published,
                latest_revision_created_at=item.published,
                summary=item.summary[language],
                body=item.body[language],
                published_at=item.published,
                featured=item.featured,
                article_type=kind,
                # Royalty inputs on the Vietnamese original only: the English page is its
                # translation, not a second work (NewsPage.exclude_fields_in_copy).
                news_coefficient=kind.default_coefficient if kind and language == "vi" else None,
                main_image=item.image,
                main_image_alt=item.alt[language] if item.image else "",
                main_image_caption=item.caption[language] if item.image else "",
                view_count=random.Random(item.key.int).randint(30, 4000),  # noqa: S311
                base_salary_coefficient=Decimal("0.10"),
            )
        )
    # The Page rows (one INSERT … RETURNING id), then the NewsPage rows that extend them.
    base_rows = Page.objects.bulk_create(
        [
            Page(
                **{
                    f.attname: getattr(p, f.attname)
                    for f in Page._meta.concrete_fields
                    if f.attname != "id"
                }
            )
            for p in pages
        ]
    )
    for page, row in zip(pages, base_rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
    local_fields = [f for f in NewsPage._meta.local_concrete_fields]
    NewsPage._base_manager._insert(pages, fields=local_fields, using=connection.alias)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)

    # Authors, tags, then one revision per page (the admin's history starts there).
    tags = ctx["tags"]
    lang_index = 0 if language == "vi" else 1
    authors, tagged = [], []
    for page, item in zip(pages, items, strict=True):
        own_authors = [
            NewsAuthor(
                page_id=page.pk,
                contributor=c,
                sort_order=n,
                role="Tác giả",
                share_percent=(Decimal(100) / len(item.authors)).quantize(Decimal("0.01")),
            )
            for n, c in enumerate(item.authors)
        ]
        own_tags = [
            NewsPageTag(content_object_id=page.pk, tag=tags[t][lang_index]) for t in item.tags
        ]
        # In memory too, so that the revision below records them without a query.
        page.authors = own_authors
        page.tagged_items = own_tags
        page.related_links = []
        page.attachments = []
        setattr(page, COMMENTS_RELATION_NAME, [])
        authors += own_authors
        tagged += own_tags
    NewsAuthor.objects.bulk_create(authors)
    NewsPageTag.objects.bulk_create(tagged)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=ctx["content_type"],
                base_content_type=ctx["page_type"],
                object_id=str(page.pk),
                created_at=page.first_published_at,
                content=page.serializable_data(),
                object_str=page.title,
            )
            for page in pages
        ]
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=BATCH_SIZE)
    if ctx["index"]:
        from wagtail.search.backends import get_search_backends

        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(NewsPage, pages)
        # The public site search (congso.search) has its own index.
        from congso.search.indexing import index_pages

        index_pages([page.pk for page in pages])
    return pages


def demo_news_generate(
    *, count: int, seed: int = 1, index: bool = True, progress=None
) -> GenerateReport:
    """Create `count` demo news items, each in Vietnamese and English (the English page is
    the translation of the Vietnamese one), over every category, dated over the last two
    years, ~12 % featured, ~80 % with an illustration. Items that exist already (same seed
    and number) are skipped. Needs the news tree (services.newsroom_setup).

    `index=False` skips the search index (faster; `manage.py update_index` fills it).
    `progress(done, total)` is called after each batch. Returns a GenerateReport.
    """
    from .services import CATEGORIES, news_tree_ensure

    started = time.monotonic()
    report = GenerateReport()
    tree = news_tree_ensure()
    now = timezone.now()
    images = demo_images_ensure()
    contributors = _contributors()
    ctx = {
        "content_type": ContentType.objects.get_for_model(NewsPage),
        "page_type": ContentType.objects.get_for_model(Page),
        "article_types": {t.code: t for t in ArticleType.objects.all()},
        "tags": _tags(),
        "index": index,
    }
    keys = {uuid.uuid5(KEY_NAMESPACE, f"{seed}:{i}"): i for i in range(count)}
    existing = set()
    key_list = list(keys)
    for start in range(0, len(key_list), 5000):
        existing |= set(
            NewsPage.objects.filter(translation_key__in=key_list[start : start + 5000]).values_list(
                "translation_key", flat=True
            )
        )
    wanted = [i for key, i in keys.items() if key not in existing]
    report.skipped = count - len(wanted)
    category_keys = [spec.key for spec in CATEGORIES]
    for start in range(0, len(wanted), BATCH_SIZE):
        batch = [
            _compose(i, seed, now, images, contributors) for i in wanted[start : start + BATCH_SIZE]
        ]
        with transaction.atomic():
            for key in category_keys:
                items = [item for item in batch if item.category == key]
                if not items:
                    continue
                for language in ("vi", "en"):
                    # Lock the parent row: the paths computed below must stay free.
                    parent = NewsCategoryPage.objects.select_for_update().get(
                        pk=tree[language][key].pk
                    )
                    _insert_pages(parent, items, language, ctx)
                report.per_category[key] = report.per_category.get(key, 0) + len(items)
        report.created += len(batch)
        reset_queries()  # with DEBUG on, Django would keep every multi-row INSERT in memory
        if progress:
            progress(report.created, len(wanted))
    if report.created:
        from .selectors import news_lists_changed

        news_lists_changed()  # no per-page signal was sent
    report.seconds = time.monotonic() - started
    return report
