"""The PWA's files: catalogs in both languages, keys that exist, an installable manifest."""

import json
import posixpath
import re
import subprocess

from circles.config import PROJECT_DIR

PWA = PROJECT_DIR / "pwa"
KEY_LITERAL = re.compile(r"""["'`]([a-z_]+\.[a-z_0-9.]+)["'`]""")
KEY_PREFIX = re.compile(r"""\bt\(`([a-z_]+\.)\$\{""")


def catalog(language: str) -> dict:
    return json.loads((PWA / "i18n" / f"{language}.json").read_text("utf-8"))


def scripts() -> str:
    return "\n".join(path.read_text("utf-8") for path in sorted((PWA / "js").rglob("*.js")))


def test_danish_and_english_catalogs_have_the_same_keys():
    assert sorted(catalog("da")) == sorted(catalog("en"))


def test_no_text_is_left_empty():
    for language in ("da", "en"):
        # A plural entry ({"one": ..., "other": ...}) has one text per form.
        texts = [
            (key, text)
            for key, entry in catalog(language).items()
            for text in (entry.values() if isinstance(entry, dict) else [entry])
        ]
        assert [key for key, text in texts if not text.strip()] == []


def test_every_key_the_scripts_use_is_in_the_catalog():
    keys = set(catalog("da"))
    namespaces = {key.split(".")[0] for key in keys}
    used = {key for key in KEY_LITERAL.findall(scripts()) if key.split(".")[0] in namespaces}
    assert used, "the scripts use no keys at all: the pattern is wrong"
    assert sorted(used - keys) == []


def test_every_key_built_from_a_code_has_a_family_in_the_catalog():
    for prefix in KEY_PREFIX.findall(scripts()):
        assert any(key.startswith(prefix) for key in catalog("da")), prefix


def test_the_manifest_is_written_in_the_language_it_names():
    manifest = json.loads((PWA / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["lang"] == "da"
    assert manifest["description"] == catalog("da")["app.description"]


def test_manifest_makes_the_app_installable():
    manifest = json.loads((PWA / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    assert manifest["theme_color"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert (PWA / icon["src"].lstrip("/")).is_file()


def modules_to_start() -> set[str]:
    """The modules the app needs before its first screen: js/app.js and all it imports
    statically, step by step (the screens' modules it imports with import() are not)."""
    found, todo = set(), ["/js/app.js"]
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        code = (PWA / path.lstrip("/")).read_text("utf-8")
        for name in re.findall(r'^import .*? from "(\.{1,2}/[^"]+)";', code, re.M | re.S):
            todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(path), name)))
    return found


def test_service_worker_caches_every_shell_file_that_exists():
    worker = (PWA / "sw.js").read_text("utf-8")
    shell = re.search(r"const SHELL = \[(.*?)\];", worker, re.S).group(1)
    files = re.findall(r'"(/[^"]*)"', shell)
    for path in files:
        assert path == "/" or (PWA / path.lstrip("/")).is_file(), path
    start = modules_to_start()
    assert {"/js/app.js", "/js/api.js", "/js/ui.js"} <= start
    assert start <= set(files), (
        "every module the app starts with is in the shell, or offline start breaks"
    )
    # The screens' modules are kept as they are loaded, and all once a member is signed in
    # (tests/browser/test_offline.py): not at install, which a newcomer's first visit pays.
    assert not any(path.startswith("/js/views/") for path in files)


def test_front_end_code_is_formatted():
    """Prettier (pinned in package.json) keeps the JS, CSS and HTML in one style: npm run format."""
    prettier = PROJECT_DIR / "node_modules" / ".bin" / "prettier"
    files = [str(p) for pattern in ("*.js", "*.css", "*.html") for p in PWA.rglob(pattern)]
    result = subprocess.run([prettier, "--check", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_page_preloads_every_module_it_starts_with_and_no_screen():
    html = (PWA / "index.html").read_text("utf-8")
    preloaded = set(re.findall(r'rel="modulepreload" href="([^"]+)"', html))
    assert preloaded == modules_to_start() - {"/js/app.js"}
