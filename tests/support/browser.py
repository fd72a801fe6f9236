"""Debian's chromium driven by Playwright; never a downloaded browser."""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


def wait_in_page(page, condition: str, timeout_ms: int = 15_000) -> None:
    """Poll an async condition inside the page (wait_for_function does not await promises)."""
    met = page.evaluate(f"""async () => {{
      const check = {condition};
      for (const end = Date.now() + {timeout_ms}; Date.now() < end; await new Promise(r => setTimeout(r, 50))) {{
        if (await check()) return true;
      }}
      return false;
    }}""")
    assert met, f"timed out waiting for: {condition}"
