"""What a WordPress export cannot do to the importer: make it work in
quadratic time (shortcodes), or hold a large file in memory (it is read a
post at a time)."""

import signal
import tracemalloc

import pytest

from tests.wxr_helpers import post, run, wxr
from wordpress import shortcodes
from wordpress import wxr as wxr_reader


def test_shortcodes_are_cleaned_in_linear_time():
    """ "[x a]" repeated: each opening tag used to look for its closing one
    to the end of the post. 100,000 of them take a tenth of a second now,
    and would take minutes in quadratic time: five seconds is the limit."""

    def too_slow(*args):
        raise TimeoutError("shortcodes took more than 5 s")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(5)
    try:
        notes = []
        assert shortcodes.clean("[x a]" * 100_000, notes) == ""
        assert set(notes) == {"shortcode [x] removed"}
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def big_export(path, posts):
    """An export of `posts` posts of about 20 KB each."""
    text = "<p>" + "Words of an archived post. " * 700 + "</p>"
    items = [post(n).replace(f"<p>Text of {n}.</p>", text) for n in range(1, posts + 1)]
    path.write_text(wxr(items))
    return path


def peak_memory(path):
    """The most memory reading the export takes, and how many posts came."""
    tracemalloc.start()
    try:
        read = 0
        for post in wxr_reader.read(str(path)).posts():
            read += len(post.content) > 0
        return tracemalloc.get_traced_memory()[1], read
    finally:
        tracemalloc.stop()


def test_a_large_export_is_read_a_post_at_a_time(tmp_path):
    """Four times the posts (6 MB against 24 MB of content) cost about the
    same memory: the content is never held all at once (the importer then
    imports each post before reading the next)."""
    small, count = peak_memory(big_export(tmp_path / "small.xml", 300))
    assert count == 300
    large, count = peak_memory(big_export(tmp_path / "large.xml", 1200))
    assert count == 1200
    assert large - small < 2_000_000, (small, large)


@pytest.mark.django_db
def test_a_dry_run_reads_and_reports_every_post(tmp_path, desk):
    out = run(str(big_export(tmp_path / "export.xml", 3)), "--dry-run")
    assert "3 posts" in out and "3 create" in out
