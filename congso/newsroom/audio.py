"""Audio of a news item ("Nghe đọc bài"): the uploaded recording, or speech generated with
espeak-ng.

- Upload (`audio_file`): checked in the editor form (forms.NewsPageForm.clean_audio_file
  calls `audio_check`) by its content, not its name: MP3 (ID3 tag or an MPEG audio frame
  header), OGG ("OggS"), M4A/MP4 audio ("ftyp" box with an audio brand) or WAV
  ("RIFF…WAVE"); at most settings.CONGSO_NEWS_AUDIO_MAX_SIZE bytes. Anything else is
  refused with a message and nothing is saved.
- Generated (`audio_generated`): when an item without a recording is published, the task
  `tasks.news_audio_generate` (Django's tasks API, after the commit) reads the title, the
  summary and the body aloud with `espeak-ng -v vi` into a WAV file. The file name holds
  a hash of the text, so a re-publication with the same text generates nothing. Without
  espeak-ng (`espeak_available()` is False) nothing is generated, the player is hidden and
  the editor's Audio field says why.
- The page shows a native `<audio controls>` player for the recording, else the generated
  file, else nothing.
"""

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

ESPEAK = "espeak-ng"
ESPEAK_TIMEOUT = 120  # seconds
MAX_TEXT = 20_000  # characters read aloud at most
M4A_BRANDS = {b"M4A ", b"M4B ", b"mp42", b"mp41", b"isom", b"iso2", b"dash", b"MSNV", b"3gp4"}


def audio_kind(head: bytes) -> str | None:
    """The audio format the first bytes of a file show ("mp3", "ogg", "m4a", "wav"), or
    None when they show none of them."""
    if head.startswith(b"ID3"):
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0 and (head[1] & 0x06):
        return "mp3"  # MPEG audio frame sync, layer bits set
    if head.startswith(b"OggS"):
        return "ogg"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in M4A_BRANDS:
        return "m4a"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    return None


def max_size() -> int:
    return getattr(settings, "CONGSO_NEWS_AUDIO_MAX_SIZE", 50 * 1024 * 1024)


def audio_check(upload) -> str:
    """Raise ValidationError unless `upload` is an MP3, OGG, M4A or WAV file within the size
    limit; return its kind."""
    if upload.size > max_size():
        raise ValidationError(
            _("The audio file is larger than %(size)s MB.") % {"size": max_size() // 2**20}
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    kind = audio_kind(head)
    if kind is None:
        raise ValidationError(
            _("This file is not audio: upload an MP3, OGG, M4A or WAV recording.")
        )
    return kind


def espeak_available() -> bool:
    return shutil.which(ESPEAK) is not None


def editor_notice() -> str:
    """What the editor's Audio field says about generated speech on this server."""
    if espeak_available():
        return str(
            _(
                "Without a recording, Vietnamese speech is generated from the title, summary "
                "and body when the item is published."
            )
        )
    return str(
        _(
            "Speech cannot be generated on this server (espeak-ng is not installed): "
            "without a recording the item has no player."
        )
    )


def speech_text(page) -> str:
    """What is read aloud: title, summary, then the body's text."""
    from congso.search.indexing import plain_text

    body = type(page)._meta.get_field("body").get_searchable_content(page.body)
    parts = [page.title, page.summary, plain_text(body)]
    return "\n\n".join(p.strip() for p in parts if p and p.strip())[:MAX_TEXT]


def speech_name(page, text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    return f"news-{page.pk}-{digest}.wav"


def speech_generate(page) -> bool:
    """Generate and store the item's speech unless it has a recording, espeak-ng is
    missing, or the stored speech was made from the same text. Returns whether a file
    was written."""
    from .models import NewsPage

    if page.audio_file or not espeak_available():
        return False
    text = speech_text(page)
    name = speech_name(page, text)
    if page.audio_generated and Path(page.audio_generated.name).name == name:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "speech.wav"
        subprocess.run(  # noqa: S603 (fixed program, text on stdin)
            [shutil.which(ESPEAK), "-v", "vi", "-s", "150", "-w", str(out), "--stdin"],
            input=text.encode(),
            check=True,
            timeout=ESPEAK_TIMEOUT,
            capture_output=True,
        )
        data = out.read_bytes()
    field = NewsPage._meta.get_field("audio_generated")
    stored = field.storage.save(field.generate_filename(page, name), ContentFile(data))
    old = page.audio_generated.name if page.audio_generated else ""
    # A queryset update: no revision, no signal, no page-cache purge of its own.
    NewsPage.objects.filter(pk=page.pk).update(audio_generated=stored)
    if old and old != stored:
        field.storage.delete(old)
    from congso.core.cache import purge

    purge()  # cached copies of the page have no player yet
    return True
