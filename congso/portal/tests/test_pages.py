"""The public portal as a reader gets it: every introduction page in Vietnamese and English,
the organisation data on them, the language switcher and the choice of language at "/"."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congso.organization.choices import MandateItemKind
from congso.organization.models import MandateItem, Official, Unit

pytestmark = pytest.mark.django_db

# (language, key in portal_site_ensure's result, public URL)
PAGES = [
    ("vi", "home", "/vi/"),
    ("vi", "about", "/vi/gioi-thieu/"),
    ("vi", "mandate", "/vi/gioi-thieu/chuc-nang-nhiem-vu/"),
    ("vi", "leadership", "/vi/gioi-thieu/lanh-dao/"),
    ("vi", "structure", "/vi/gioi-thieu/co-cau-to-chuc/"),
    ("vi", "contact", "/vi/lien-he/"),
    ("en", "home", "/en/"),
    ("en", "about", "/en/about/"),
    ("en", "mandate", "/en/about/functions-tasks-powers/"),
    ("en", "leadership", "/en/about/leadership/"),
    ("en", "structure", "/en/about/structure/"),
    ("en", "contact", "/en/contact/"),
]
URL = {(lang, key): url for lang, key, url in PAGES}
OTHER = {"vi": "en", "en": "vi"}

SKIP_LINK = {"vi": "Bỏ qua, đến nội dung chính", "en": "Skip to main content"}
LANGUAGE_NAV = {"vi": "Ngôn ngữ", "en": "Language"}
BREADCRUMB_NAV = {"vi": "Đường dẫn", "en": "Breadcrumb"}
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}

# Every unit telephone number of the seed as a tel: link target.
UNIT_TEL_LINKS = [
    "tel:+842743842999",
    "tel:+842743842304",
    "tel:+842746295695",
    "tel:+842743842301",
    "tel:+842743856789",
    "tel:+842743897559",
    "tel:+842743856856",
]


@pytest.fixture
def demo(shared_demo):
    """Every test here reads the demo data (a test that changes rows does so inside its own
    savepoint), so it is loaded once for the module: see `shared_demo` in conftest.py."""
    return shared_demo


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fetch(client, url: str, **headers) -> BeautifulSoup:
    response = client.get(url, **headers)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    assert response["Content-Type"].startswith("text/html")
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(soup) -> str:
    """What a reader sees: the text of <body>, whitespace squashed, entities decoded."""
    return squash(soup.body.get_text(" "))


def field(obj, name: str, language: str) -> str:
    return squash(getattr(obj, f"{name}_{language}"))


def nav(soup, label: str):
    found = soup.find_all("nav", attrs={"aria-label": label})
    assert len(found) == 1, f'expected one <nav aria-label="{label}">, found {len(found)}'
    return found[0]


# --- Every page, both languages ---------------------------------------------------------


@pytest.mark.parametrize(("language", "key", "url"), PAGES, ids=[p[2] for p in PAGES])
def test_page_renders_in_its_language_with_the_shared_frame(client, demo, language, key, url):
    agency = demo.agency
    soup = fetch(client, url)
    text = text_of(soup)

    assert soup.html["lang"] == language
    main = soup.find("main", id="main-content")
    assert main is not None and main.get("tabindex") == "-1"
    h1s = soup.find_all("h1")
    assert len(h1s) == 1 and main in h1s[0].parents
    if key == "home":
        expected_h1 = field(agency, "name", language)
    else:
        expected_h1 = demo.pages[language][key].title
    assert squash(h1s[0].get_text(" ")) == expected_h1

    # Skip link first, in the page's language.
    first_link = soup.body.find("a")
    assert "skip-link" in first_link.get("class", [])
    assert first_link["href"] == "#main-content"
    assert squash(first_link.get_text(" ")) == SKIP_LINK[language]

    # The agency in the page's language only.
    assert field(agency, "name", language) in text
    assert field(agency, "name", OTHER[language]) not in text

    # Footer: address, telephone, fax, email.
    footer = soup.find("footer")
    footer_text = squash(footer.get_text(" "))
    assert field(agency, "address", language) in footer_text
    assert footer.find("a", href="tel:+842743842999") is not None
    assert agency.fax in footer_text
    assert footer.find("a", href=f"mailto:{agency.email}") is not None

    # Language switcher, current language marked.
    switcher = nav(soup, LANGUAGE_NAV[language])
    links = {squash(a.get_text(" ")): a for a in switcher.find_all("a")}
    assert set(links) == set(LANGUAGE_NAMES.values())
    assert links[LANGUAGE_NAMES[language]].get("aria-current") == "true"
    assert links[LANGUAGE_NAMES[OTHER[language]]].get("aria-current") is None

    if key != "home":
        crumbs = nav(soup, BREADCRUMB_NAV[language])
        assert crumbs.find("a") is not None  # at least the way home


@pytest.mark.parametrize("language", ["vi", "en"])
def test_about_page_shows_the_functions_and_the_history(client, demo, language):
    text = text_of(fetch(client, URL[language, "about"]))

    mandate = demo.agency.mandates.get()
    assert field(mandate, "functions", language) in text
    assert field(mandate, "functions", OTHER[language]) not in text
    first_paragraph = demo.agency.history_vi.strip().split("\n")[0]
    if language == "en":
        first_paragraph = demo.agency.history_en.strip().split("\n")[0]
    assert squash(first_paragraph) in text


@pytest.mark.parametrize("language", ["vi", "en"])
def test_tasks_page_lists_all_26_tasks_in_the_pages_language(client, demo, language):
    soup = fetch(client, URL[language, "mandate"])
    text = text_of(soup)

    for number in range(1, 27):
        assert soup.find("li", id=f"task-{number}") is not None, f"task-{number}"
    assert soup.find(id="task-27") is None
    for letter in "abcdefgh":
        assert soup.find("li", id=f"task-4{letter}") is not None, f"task-4{letter}"
    for number in range(1, 5):
        assert soup.find("li", id=f"power-{number}") is not None, f"power-{number}"

    task_4 = MandateItem.objects.get(kind=MandateItemKind.TASK, number=4)
    assert field(task_4, "text", language) in text
    assert field(task_4, "text", OTHER[language]) not in text
    sub_4h = task_4.sub_items.get(letter="h")
    assert field(sub_4h, "text", language) in squash(soup.find(id="task-4h").get_text(" "))
    assert "14/2009/QĐ-UBND" in text


def test_each_task_anchor_holds_that_tasks_text(client, demo):
    soup = fetch(client, URL["en", "mandate"])

    for task in MandateItem.objects.filter(kind=MandateItemKind.TASK):
        item = soup.find("li", id=f"task-{task.number}")
        assert field(task, "text", "en") in squash(item.get_text(" ")), task.number


@pytest.mark.parametrize("language", ["vi", "en"])
def test_leadership_page_shows_both_leaders_with_email_links(client, demo, language):
    soup = fetch(client, URL[language, "leadership"])
    text = text_of(soup)

    assert soup.find("a", href="mailto:anhlt@binhduong.gov.vn") is not None
    assert soup.find("a", href="mailto:khanhlv@binhduong.gov.vn") is not None
    for leader in Official.objects.all():
        assert field(leader, "name", language) in text
        assert field(leader, "position", language) in text
    assert "Le Tuan Anh" not in text if language == "vi" else "Lê Tuấn Anh" not in text


@pytest.mark.parametrize("language", ["vi", "en"])
def test_structure_page_shows_every_unit_with_phone_links(client, demo, language):
    soup = fetch(client, URL[language, "structure"])
    text = text_of(soup)

    for unit in Unit.objects.all():
        assert field(unit, "name", language) in text
        assert field(unit, "name", OTHER[language]) not in text
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    for tel in UNIT_TEL_LINKS:
        assert tel in hrefs
    assert "(+84-274) 3.842.999" in text and "(+84-274) 3.842.304" in text


@pytest.mark.parametrize("language", ["vi", "en"])
def test_contact_page_has_address_phone_fax_and_email(client, demo, language):
    soup = fetch(client, URL[language, "contact"])
    main_text = squash(soup.find("main").get_text(" "))

    agency = demo.agency
    assert field(agency, "address", language) in main_text
    assert agency.phone in main_text
    assert agency.fax in main_text
    assert soup.find("main").find("a", href="mailto:sotttt@binhduong.gov.vn") is not None
    assert soup.find("main").find("a", href="tel:+842743842999") is not None


def test_tasks_page_query_count_does_not_grow_with_the_tasks(
    client, demo, django_assert_max_num_queries
):
    url = URL["vi", "mandate"]
    client.get(url)  # warm the per-process caches (site root paths, settings)

    # A ceiling against accidents (30 at the time of writing: site, locales, page tree,
    # settings, the mandate, and one query per relation prefetched for tasks and powers).
    with django_assert_max_num_queries(35):
        assert client.get(url).status_code == 200

    with CaptureQueriesContext(connection) as all_26:
        client.get(url)
    MandateItem.objects.filter(kind=MandateItemKind.TASK, number__gt=3).delete()
    with CaptureQueriesContext(connection) as only_3:
        response = client.get(url)
    assert b'id="task-4"' not in response.content
    assert len(all_26) == len(only_3)


# --- Language switcher and the choice of language -----------------------------------------


def test_language_switcher_links_to_the_translation_of_the_page(client, demo):
    soup = fetch(client, URL["vi", "leadership"])
    switcher = nav(soup, LANGUAGE_NAV["vi"])
    english = next(a for a in switcher.find_all("a") if squash(a.get_text()) == "English")

    href = urlsplit(english["href"])
    assert href.path == "/language/en/"
    assert parse_qs(href.query)["next"] == ["/en/about/leadership/"]

    response = client.get(english["href"])
    assert response.status_code == 302
    assert response["Location"] == "/en/about/leadership/"
    assert response.cookies["congso_language"].value == "en"
    soup = fetch(client, response["Location"])
    assert soup.html["lang"] == "en"


def test_english_page_links_back_to_the_vietnamese_one(client, demo):
    soup = fetch(client, URL["en", "mandate"])
    switcher = nav(soup, LANGUAGE_NAV["en"])
    vietnamese = next(a for a in switcher.find_all("a") if squash(a.get_text()) == "Tiếng Việt")

    assert parse_qs(urlsplit(vietnamese["href"]).query)["next"] == [URL["vi", "mandate"]]


@pytest.mark.parametrize(
    ("cookie", "accept_language", "expected"),
    [
        (None, "en", "/en/"),
        (None, "en-GB,en;q=0.9", "/en/"),
        (None, "vi-VN,vi;q=0.9,en;q=0.5", "/vi/"),
        ("vi", "en", "/vi/"),
        ("en", "vi", "/en/"),
        (None, "fr", "/vi/"),
        (None, None, "/vi/"),
    ],
)
def test_root_picks_the_language_by_cookie_then_accept_language(
    client, demo, cookie, accept_language, expected
):
    if cookie:
        client.cookies["congso_language"] = cookie
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}

    response = client.get("/", **headers)

    assert response.status_code == 302
    assert response["Location"] == expected
    assert client.get(expected, **headers).status_code == 200


def test_language_switch_sets_the_cookie_that_root_then_follows(client, demo):
    response = client.get("/language/en/", {"next": "/en/about/"})

    assert response.status_code == 302
    assert response["Location"] == "/en/about/"
    assert response.cookies["congso_language"].value == "en"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="vi")["Location"] == "/en/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "http://evil.example/vi/"]
)
def test_language_switch_never_redirects_off_site(client, demo, target):
    response = client.get("/language/en/", {"next": target})

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.netloc == "" and location.scheme == ""
    assert response["Location"] == "/en/"


def test_a_language_the_portal_does_not_offer_sets_no_cookie(client, demo):
    response = client.get("/language/fr/", {"next": "/vi/"})

    assert response["Location"] == "/vi/"
    assert "congso_language" not in response.cookies


@pytest.mark.parametrize(
    ("language", "track", "registry"),
    [
        ("vi", ("Tra cứu hồ sơ", "/vi/tra-cuu-ho-so/"), ("Giấy phép", "/vi/giay-phep/")),
        ("en", ("Track a dossier", "/en/track/"), ("Licences", "/en/licences/")),
    ],
)
def test_the_main_menu_leads_to_dossier_tracking_and_the_licence_registry(
    client, demo, language, track, registry
):
    home = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in home.select(".site-nav__link")}
    assert links[track[0]] == track[1]
    assert links[registry[0]] == registry[1]

    # Each entry answers, and marks itself as the current page there.
    for title, url in (track, registry):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        current = page.select_one('.site-nav__link[aria-current="page"]')
        assert current is not None and current.get_text(strip=True) == title
