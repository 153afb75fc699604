"""Audio of a news item ("Nghe đọc bài"): uploads checked by content in the editor, speech
generated with espeak-ng in a background task, the native player on the page, and what
happens (and what the editor is told) without espeak-ng."""

import io
import struct
import wave

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from congso.newsroom import audio
from congso.newsroom.models import NewsPage
from congso.newsroom.tasks import news_audio_generate

from .admin_forms import edit_url, editor_form
from .factories import NewsPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def wav_bytes() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(struct.pack("<h", 0) * 800)
    return buffer.getvalue()


SAMPLES = {
    "mp3": b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 32,
    "mp3-frame": b"\xff\xfb\x90\x64" + b"\x00" * 32,
    "ogg": b"OggS\x00\x02" + b"\x00" * 32,
    "m4a": b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00" + b"\x00" * 16,
    "wav": wav_bytes(),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_audio_is_recognised_by_its_first_bytes(name):
    assert audio.audio_kind(SAMPLES[name][:16]) == name.split("-")[0]


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 16,
        b"%PDF-1.7\n",
        b"<script>alert(1)</script>",
        b"\x00\x00\x00\x20ftypqt  \x00\x00",  # a QuickTime video, not audio
        b"",
    ],
)
def test_other_files_are_not_audio(content):
    assert audio.audio_kind(content[:16]) is None


@pytest.fixture
def webmaster(newsroom):
    return UserFactory(username="quantri_audio", is_superuser=True, is_staff=True)


@pytest.fixture
def item(newsroom):
    return NewsPageFactory(parent=newsroom.category("digital"), title="Tin có âm thanh")


def post_with_file(client, page, upload):
    data = editor_form(client, edit_url(page))
    payload = data.copy()
    payload.pop("audio_file", None)
    payload["audio_file"] = upload
    return client.post(edit_url(page), payload)


def test_the_editor_refuses_a_file_that_is_not_audio(client, webmaster, item):
    client.force_login(webmaster)
    fake = SimpleUploadedFile("doc-bai.mp3", b"<html>not audio</html>", "audio/mpeg")

    response = post_with_file(client, item, fake)

    assert response.status_code == 200  # the form again, with the error
    assert "Tệp này không phải âm thanh" in response.content.decode()
    assert not NewsPage.objects.get(pk=item.pk).get_latest_revision_as_object().audio_file


def test_the_editor_accepts_a_real_recording(client, webmaster, item, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(webmaster)
    upload = SimpleUploadedFile("doc-bai.wav", SAMPLES["wav"], "audio/wav")

    response = post_with_file(client, item, upload)

    assert response.status_code == 302
    draft = NewsPage.objects.get(pk=item.pk).get_latest_revision_as_object()
    assert draft.audio_file.name.startswith("newsroom/audio/")


def test_without_espeak_nothing_is_generated_and_the_editor_says_why(
    client, webmaster, item, monkeypatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine without espeak-ng
    assert not audio.espeak_available()
    client.force_login(webmaster)

    editor = client.get(edit_url(item)).content.decode()
    news_audio_generate.enqueue(item.pk)
    page = client.get(item.url).content.decode()

    assert "không tạo được giọng đọc" in editor and "espeak-ng" in editor
    assert not NewsPage.objects.get(pk=item.pk).audio_generated
    assert "<audio" not in page


@pytest.mark.skipif(not audio.espeak_available(), reason="espeak-ng is not installed")
def test_speech_is_generated_in_vietnamese_and_played_natively(client, item, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    news_audio_generate.enqueue(item.pk)

    page = NewsPage.objects.get(pk=item.pk)
    assert page.audio_generated.name.endswith(".wav")
    with page.audio_generated.open("rb") as f:
        head = f.read(16)
    assert audio.audio_kind(head) == "wav"
    soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    player = soup.select_one("audio[controls]")
    assert player["src"] == page.audio_generated.url
    assert soup.select_one("#news-audio-title").get_text() == "Nghe đọc bài"

    # The same text again: nothing new is generated.
    assert audio.speech_generate(page) is False


def test_a_recording_wins_over_generated_speech(client, item, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = NewsPage.objects.get(pk=item.pk)
    page.audio_file.save("ghi-am.wav", SimpleUploadedFile("ghi-am.wav", SAMPLES["wav"]))
    page.save_revision().publish()

    assert audio.speech_generate(NewsPage.objects.get(pk=item.pk)) is False
    soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    assert soup.select_one("audio[controls]")["src"].endswith(".wav")
    assert soup.select_one(".news-audio__note") is None
