"""What the browser tests of printed documents share: their data (made by
prepare_prints.py in `odoo shell`) and a look at a downloaded PDF, as
a person would look at it: its first page as a PNG picture (pdftoppm, kept
beside the screenshots) and its text (pdftotext, in reading layout).
"""
import json
import os
import re
import shutil
import subprocess

from playwright.sync_api import expect

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def prepare(what, tag):
    """The data of `what` ("receipt" or "manifest"), see prepare_prints.py."""
    with open(os.path.join(ROOT, "browser_tests", "prepare_prints.py"), "rb") as script:
        result = subprocess.run(
            [os.environ["ODOO_PY"], os.path.join(ROOT, "scripts", "odoo-bin"), "shell", "-c",
             os.environ["ODOO_CONF"], "-d", os.environ["TEST_DB"], "--no-http",
             "--max-cron-threads=0", "--log-level=warn"],
            stdin=script, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT,
            env=dict(os.environ, BROWSER_TAG=tag, PREPARE_WHAT=what), timeout=300)
    output = result.stdout.decode("utf-8", "replace")
    found = re.search(r"^BROWSER_PRINTS=(.*)$", output, re.M)
    assert found, "prepare_prints.py failed:\n" + output[-3000:]
    return json.loads(found.group(1))


def scan(client, code):
    """Type `code` into the open scanner and press Scan: the next scanner
    (a new dialog, the same code may have been scanned just before) says OK."""
    page = client.page
    client.modal().locator("input[name='code']").fill(code)
    page.evaluate("() => document.querySelectorAll('.modal').forEach("
                  "e => e.setAttribute('data-stale', '1'))")
    client.modal_button("Scan")
    expect(page.locator(".modal[data-stale]")).to_have_count(0)
    expect(client.modal().locator(".alert-success")).to_contain_text(
        client.tr("%s: OK") % code)


def look_at_pdf(download, png_path):
    """The downloaded PDF's text; its first page saved as the PNG `png_path`.

    The PNG is what the printed sheet looks like (the file tool shows it);
    the text is what the test reads on it.
    """
    assert download.suggested_filename.lower().endswith(".pdf"), download.suggested_filename
    pdf = download.path()
    with open(pdf, "rb") as handle:
        assert handle.read(5) == b"%PDF-", "the download is no PDF"
    for tool in ("pdftoppm", "pdftotext"):
        assert shutil.which(tool), "%s is missing (Debian's poppler-utils, scripts/setup.sh)" \
            % tool
    prefix = png_path[:-len(".png")]
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                    pdf, prefix], check=True, timeout=60)
    assert os.path.getsize(png_path) > 10000, "the first page is blank (%s)" % png_path
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, timeout=60,
                          stdout=subprocess.PIPE).stdout.decode("utf-8")
    return text


def line_with(text, *cells):
    """The one line of `text` that shows `cells` side by side (a table row)."""
    pattern = re.compile(r"(?<!\S)%s(?!\S)" % r"\s+".join(re.escape(str(cell))
                                                          for cell in cells))
    lines = [line for line in text.splitlines() if pattern.search(line)]
    assert len(lines) == 1, "%d lines show %s side by side:\n%s" % (len(lines), cells, text)
    return lines[0]
