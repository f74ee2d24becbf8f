"""Debian's headless Chromium driven by Selenium through Debian's chromedriver: nothing is
downloaded (Selenium Manager is kept offline and never asked for a driver or a browser).

`start()` opens a browser with a fresh profile and the flags that keep Chromium from
reaching out (background networking, component updates, sync); `skip_reason()` says why a
machine cannot run the browser tests (`.ci/run` installs both packages, and there
`required()` turns a skip into a failure)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Optional

CHROMIUM_NAMES = ("chromium", "chromium-browser")
DRIVER_NAMES = ("chromedriver",)
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
         "--window-size=1280,1000",
         "--force-device-scale-factor=1")


def _which(names) -> Optional[str]:
    return next((shutil.which(n) for n in names if shutil.which(n)), None)


def skip_reason() -> Optional[str]:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if not _which(CHROMIUM_NAMES):
        return "Debian's chromium is not installed (apt-get install chromium chromium-driver)"
    if not _which(DRIVER_NAMES):
        return "Debian's chromedriver is not installed (apt-get install chromium-driver)"
    return None


def required() -> bool:
    """In CI (``CI=true``, as `.ci/run` runs) the browser tests must run, not skip."""
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def start(profile: Path):
    """A headless Chromium with a fresh profile in *profile*, its console log readable."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")       # Selenium Manager: no downloads
    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = _which(CHROMIUM_NAMES)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(_which(DRIVER_NAMES)))
    driver.set_page_load_timeout(30)
    return driver


def console_errors(driver) -> list[str]:
    """The browser console's errors since the last call (the log is read once)."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
