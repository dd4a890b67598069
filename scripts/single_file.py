#!/usr/bin/env python3
"""Turns trunk's release build in dist/ into one self-contained HTML file,
dist-single/plan-workbench.html, that opens from file:// with no server:
the CSS becomes a <style>, the wasm-bindgen JS an inline module, and the
wasm is passed to init() as bytes decoded from base64 (a file:// page may
not fetch its neighbours). Standard library only."""
import base64
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
dist = root / "dist"
out_dir = root / "dist-single"
html = (dist / "index.html").read_text(encoding="utf-8")


def read(rel):
    return (dist / rel.removeprefix("./")).read_text(encoding="utf-8")


# Stylesheets become inline <style> (a function replacement, so backslashes
# in the CSS are kept as they are).
def inline_css(m):
    return "<style>\n" + read(m.group(1)) + "\n</style>"


html = re.sub(r'<link rel="stylesheet" href="([^"]+)"[^>]*>', inline_css, html)

# Preloads point at files the single file no longer has.
html = re.sub(r'<link rel="(?:modulepreload|preload)"[^>]*>', "", html)

# A file:// page can have no service worker and installs as no app: without
# the meta tag that names sw.js the app registers none, and the manifest
# and touch icon go. The SVG icon stays, as a data: URL.
html = re.sub(r'\s*<meta name="workbench-service-worker"[^>]*>', "", html)
html = re.sub(r'\s*<link rel="(?:manifest|apple-touch-icon)"[^>]*>', "", html)


def inline_icon(m):
    data = base64.b64encode((dist / m.group(1).removeprefix("./")).read_bytes()).decode("ascii")
    return f'<link rel="icon" href="data:image/svg+xml;base64,{data}" type="image/svg+xml">'


html = re.sub(r'<link rel="icon" href="([^"]+\.svg)"[^>]*>', inline_icon, html)

m = re.search(r"<script type=\"module\">(.*?)</script>", html, re.S)
if not m:
    sys.exit("single_file.py: trunk's module loader was not found in dist/index.html")
loader = m.group(1)
js_name = re.search(r"import init, \* as bindings from '([^']+)';", loader).group(1)
wasm_name = re.search(r"module_or_path: '([^']+)'", loader).group(1)
js = read(js_name)
# The generated JS ends with `export { initSync, __wbg_init as default };`;
# inside one inline module the exports become plain bindings.
js = re.sub(r"^export\s*\{[^}]*\};\s*$", "", js, flags=re.M)
js = re.sub(r"^export\s+(?=(?:async\s+)?function|class|const|let|var)", "", js, flags=re.M)
# The default URL inside init (new URL('..._bg.wasm', import.meta.url)) is
# never used because bytes are passed; drop it so nothing names a file.
js = re.sub(r"new URL\('[^']*\.wasm', import\.meta\.url\)", "undefined", js)
wasm_b64 = base64.b64encode((dist / wasm_name.removeprefix("./")).read_bytes()).decode("ascii")

module = (
    "<script type=\"module\">\n"
    + js
    + "\nconst __wasm_bytes = Uint8Array.from(atob(\"" + wasm_b64 + "\"), c => c.charCodeAt(0));\n"
    + "const __single_wasm = await __wbg_init({ module_or_path: __wasm_bytes });\n"
    + "window.wasmBindings = { wasm_memory_bytes };\n"
    + "dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm: __single_wasm}}));\n"
    + "</script>"
)
html = html[: m.start()] + module + html[m.end():]

out_dir.mkdir(exist_ok=True)
out = out_dir / "plan-workbench.html"
out.write_text(html, encoding="utf-8")
print(f"single_file.py: wrote {out.relative_to(root)} ({out.stat().st_size} bytes)")
