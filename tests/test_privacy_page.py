"""Every library has a privacy page that says what the browser keeps and can clear it: the sample's own, or the plugin's default."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support import build_site


def test_a_new_library_gets_the_default_privacy_page_with_its_control(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "policy_library.cli", "init", "city-records"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    library = tmp_path / "city-records"
    assert not (library / "docs" / "privacy.md").exists()
    build_site(library, library / "site")
    page = (library / "site" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "What this site keeps in your browser" in page and "localStorage" in page
    assert "data-clear-saved-searches" in page and "page/privacy.js" in page


def test_the_samples_privacy_pages_say_what_is_kept_and_carry_the_control(sample_site: Path) -> None:
    for path, words in (("privacy/index.html", "What this site keeps in your browser"), ("es/privacy/index.html", "Lo que este sitio guarda en su navegador")):
        page = (sample_site / path).read_text(encoding="utf-8")
        assert words in page and "data-clear-saved-searches" in page, path
