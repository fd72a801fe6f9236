"""Videos: a file of content/videos/ (MP4 or WebM, which every current browser plays), or a
YouTube or Vimeo address shown behind a click-to-load facade.

The facade loads nothing from another host; pressing play swaps in the provider's
privacy-enhanced player (youtube-nocookie.com; player.vimeo.com with dnt=1). Those two
player hosts are the only ones the pages' Content-Security-Policy lets a frame load.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from exguide.site.media import VideoFile

MAX_BYTES = 50_000_000  # GitHub warns at 50 MB and refuses 100 MB; a looping clip needs far less
TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm"}
UNPLAYABLE = {".mov": "QuickTime", ".avi": "AVI", ".wmv": "Windows Media", ".mkv": "Matroska",
              ".flv": "Flash", ".3gp": "3GP", ".mpg": "MPEG-1", ".mpeg": "MPEG-1", ".ogv": "Ogg"}
PLAYERS = {"youtube": "https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0",
           "vimeo": "https://player.vimeo.com/video/{id}?dnt=1&autoplay=1"}
WATCH = {"youtube": "https://www.youtube.com/watch?v={id}", "vimeo": "https://vimeo.com/{id}"}
PLAYER_HOSTS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")  # the policy's frame-src
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com",
                  "youtube-nocookie.com", "music.youtube.com"}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
FIX = "use a YouTube or Vimeo address, or an .mp4 or .webm file in content/videos/"


def parse_video_url(url: str) -> tuple[str, str] | str:
    """(provider, video id) of a YouTube or Vimeo address, or why it cannot be embedded."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" and host:
        return f"'{url[:80]}': use the https:// address"
    path = [p for p in parts.path.split("/") if p]
    if host in _YOUTUBE_HOSTS:
        candidate = parse_qs(parts.query).get("v", [""])[0] if path[:1] == ["watch"] else (
            path[0] if host == "youtu.be" and path else path[1] if len(path) > 1 and path[0] in
            ("embed", "shorts", "live", "v") else "")
        if _YOUTUBE_ID.match(candidate):
            return "youtube", candidate
        return f"'{url[:80]}' is not a YouTube video address; copy it from the video's Share button"
    if host in _VIMEO_HOSTS:
        candidate = path[1] if host == "player.vimeo.com" and len(path) > 1 and path[0] == "video" else (
            path[0] if path else "")
        if _VIMEO_ID.match(candidate):
            return "vimeo", candidate
        return f"'{url[:80]}' is not a Vimeo video address; copy it from the video's Share button"
    return f"videos from '{host or url[:60]}' are not embedded; {FIX}"


def player_url(provider: str, video_id: str) -> str:
    return PLAYERS[provider].format(id=video_id)


def watch_url(provider: str, video_id: str) -> str:
    return WATCH[provider].format(id=video_id)


def check_video_file(videos_dir: Path, src: str) -> VideoFile | str:
    """A local video that browsers can play, or why not (the file is known to exist)."""
    suffix = posixpath.splitext(src)[1].lower()
    if suffix in UNPLAYABLE:
        return (f"'{src}': browsers cannot all play {UNPLAYABLE[suffix]} ({suffix}) videos; "
                "convert it to MP4 (H.264) or WebM")
    if suffix not in TYPES:
        return f"'{src}' is not a video type we publish; give an .mp4 or .webm file"
    path = videos_dir / src
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        return f"cannot read '{src}' ({exc.strerror or exc})"
    if size > MAX_BYTES:
        return (f"'{src}' is {size / 1e6:.1f} MB (at most {MAX_BYTES // 1_000_000} MB); shorten it or "
                "export it at a lower bit rate, or put it on YouTube or Vimeo")
    kind = "video/mp4" if head[4:8] == b"ftyp" else "video/webm" if head[:4] == b"\x1a\x45\xdf\xa3" else ""
    if kind != TYPES[suffix]:
        found = {"video/mp4": "an MP4 video", "video/webm": "a WebM video"}.get(kind, "not a video we recognise")
        wanted = "an MP4" if TYPES[suffix] == "video/mp4" else "a WebM"
        return f"'{src}' is not {wanted} video (its bytes are {found}); export it again as MP4 (H.264) or WebM"
    return VideoFile(src, kind, path)
