"""Submitting the Wagtail page editor's form the way a browser does, in tests."""

from django.http import QueryDict
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)


def add_url(parent) -> str:
    return f"/admin/pages/add/newsroom/newspage/{parent.id}/"


def edit_url(page) -> str:
    return f"/admin/pages/{page.id}/edit/"


def editor_form(client, url: str, *, body: list | None = None, **fields) -> QueryDict:
    """The editor form at `url` as the browser would post it, with `fields` changed and the
    body (the StreamField, which only JavaScript renders) set to `body`: a list of
    (block type, value) pairs, a paragraph's value being HTML. Raises AssertionError when
    the form cannot be opened."""
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for key in [k for k in data if "__prefix__" in k]:
        del data[key]
    for name, value in fields.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    blocks = [
        (kind, rich_text(value, features=["bold", "italic", "link", "ol", "ul"]))
        if kind == "paragraph"
        else (kind, value)
        for kind, value in (body or [("paragraph", "<p>Nội dung.</p>")])
    ]
    data.update(nested_form_data({"body": streamfield(blocks)}))
    return data


def post_editor(client, url: str, data: QueryDict, action: str | None = None):
    """POST the editor form; `action` is "publish", "submit" … (None: save a draft)."""
    payload = data.copy()
    if action:
        payload[f"action-{action}"] = action
    return client.post(url, payload)
