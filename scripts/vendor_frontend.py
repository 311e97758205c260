"""Vendor GOV.UK Frontend and axe-core into the repository.

We commit the built files rather than running npm at deploy time, so the
production build needs no Node toolchain and every asset change shows up in
review. Run this script again only to upgrade: bump a VERSION constant and its
INTEGRITY pin (``npm view <package>@<version> dist.integrity``).

Usage: .venv/bin/python scripts/vendor_frontend.py
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

GOVUK_FRONTEND_VERSION = "6.6.0"
GOVUK_FRONTEND_INTEGRITY = "sha512-xctkWrQvLnvQt7fyjQ3MGX9S0wz0x0RQuLxCeoXF+s8EjGICG81/DYQGKN5qgO+0KVT12UAaRwUsGY6fulRcRg=="  # noqa: E501 - a hash cannot wrap
AXE_CORE_VERSION = "4.14.1"
AXE_CORE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="  # noqa: E501 - a hash cannot wrap

REPO = Path(__file__).resolve().parent.parent
GOVUK_DEST = REPO / "opensend" / "static" / "govuk"
AXE_DEST = REPO / "tests" / "browser"

# Every image govuk-frontend ships is either the GOV.UK crown (favicons, app
# icons, OpenGraph image) or the Royal Coat of Arms (footer crest). Those marks
# are reserved for GOV.UK services, which OpenSEND is not, so none are copied.
# The PWA manifest only lists these icons, so it is left out as well.
EXCLUDED_IMAGES = {
    "favicon.ico",
    "favicon.svg",
    "govuk-crest.svg",
    "govuk-icon-180.png",
    "govuk-icon-192.png",
    "govuk-icon-512.png",
    "govuk-icon-mask.svg",
    "govuk-opengraph-image.png",
}

# Source maps are not vendored, so their trailing comments would only cause 404s
# in dev tools (and ManifestStaticFilesStorage fails on a missing map file).
CSS_SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*")
JS_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S*\s*")

# ManifestStaticFilesStorage only hashes relative url()s; absolute /assets/
# paths would also break because our static files live under STATIC_URL.
ABSOLUTE_ASSET_URL = re.compile(r"""url\((["']?)/assets/""")

# GDS Transport may only be used on GOV.UK, so drop its @font-face rules, the
# licence comment that goes with them, and its entry in font stacks; text then
# falls back to the next font in each stack (arial, sans-serif).
GDS_FONT_FACE = re.compile(r"@font-face\{[^}]*GDS Transport[^}]*\}")
GDS_FONT_LICENCE = re.compile(r"/\*![^*]*Margaret Calvert[^*]*\*/")
GDS_FONT_STACK_ENTRY = re.compile(r"""(["']?)GDS Transport\1\s*,\s*""")

# The excluded crest is still referenced by .govuk-footer__copyright-logo; point
# those declarations at nothing so the stylesheet has no dangling url()s.
# Templates must therefore not use that class.
_EXCLUDED_NAMES = "|".join(re.escape(name) for name in sorted(EXCLUDED_IMAGES))
EXCLUDED_IMAGE_URL = re.compile(rf"""url\((["']?)assets/images/(?:{_EXCLUDED_NAMES})\1\)""")
RELATIVE_URL = re.compile(r"""url\((["']?)(assets/[^"')]+)\1\)""")


def npm_pack(package: str, version: str, integrity: str, workdir: Path) -> Path:
    """Download a package tarball with npm, check its hash, and unpack it."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is needed to download the packages; install Node.js first.")
    # cwd and --pack-destination keep the tarball (and anything else npm might
    # write) in the temporary directory, never in the repository.
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [npm, "pack", f"{package}@{version}", "--pack-destination", str(workdir), "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / result.stdout.strip().splitlines()[-1]

    # npm already checks the registry's hash; pinning it here also catches a
    # republished or tampered package between upgrades.
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != integrity:
        sys.exit(f"{tarball.name}: integrity mismatch, got sha512-{digest}")

    target = workdir / package
    with tarfile.open(tarball) as archive:
        # The "data" filter refuses absolute paths, links out of the target,
        # device files and the like.
        archive.extractall(target, filter="data")
    return target / "package"


def vendor_css(source: Path, dest: Path) -> None:
    css = source.read_text(encoding="utf-8")
    css = CSS_SOURCE_MAP.sub("", css)
    css = ABSOLUTE_ASSET_URL.sub(r"url(\1assets/", css)
    css = GDS_FONT_FACE.sub("", css)
    css = GDS_FONT_LICENCE.sub("", css)
    css = GDS_FONT_STACK_ENTRY.sub("", css)
    css = EXCLUDED_IMAGE_URL.sub("none", css)

    # Fail loudly if a future release changes its syntax enough to slip past
    # the patterns above.
    for leftover in ("GDS Transport", "/assets/", "sourceMappingURL"):
        if leftover in css:
            sys.exit(f"{source.name}: still contains {leftover!r} after rewriting")
    dest.write_text(css, encoding="utf-8")


def vendor_js(source: Path, dest: Path) -> None:
    js = JS_SOURCE_MAP.sub("", source.read_text(encoding="utf-8"))
    if "sourceMappingURL" in js:
        sys.exit(f"{source.name}: still contains a source map comment")
    dest.write_text(js, encoding="utf-8")


def vendor_govuk_frontend(package: Path) -> None:
    dist = package / "dist" / "govuk"
    # The script owns this directory: start clean so files dropped by an
    # upgrade do not linger.
    shutil.rmtree(GOVUK_DEST, ignore_errors=True)
    GOVUK_DEST.mkdir(parents=True)

    vendor_css(dist / "govuk-frontend.min.css", GOVUK_DEST / "govuk-frontend.min.css")
    vendor_js(dist / "govuk-frontend.min.js", GOVUK_DEST / "govuk-frontend.min.js")

    # Fonts are never copied (see GDS_FONT_FACE). New images in future releases
    # are copied unless listed in EXCLUDED_IMAGES, so check them when upgrading.
    for image in sorted((dist / "assets" / "images").iterdir()):
        if image.name not in EXCLUDED_IMAGES:
            target = GOVUK_DEST / "assets" / "images" / image.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(image, target)

    # Every remaining url() must resolve, or collectstatic with
    # ManifestStaticFilesStorage will fail.
    css = (GOVUK_DEST / "govuk-frontend.min.css").read_text(encoding="utf-8")
    for match in RELATIVE_URL.finditer(css):
        if not (GOVUK_DEST / match.group(2)).is_file():
            sys.exit(f"govuk-frontend.min.css refers to missing file {match.group(2)}")

    # No date, so re-running the script with the same version changes nothing.
    (GOVUK_DEST / "VERSION").write_text(f"govuk-frontend {GOVUK_FRONTEND_VERSION}\n")


def vendor_axe_core(package: Path) -> None:
    AXE_DEST.mkdir(parents=True, exist_ok=True)
    # Copied untouched: its MPL-2.0 header must stay with the file.
    shutil.copyfile(package / "axe.min.js", AXE_DEST / "axe.min.js")
    (AXE_DEST / "AXE_VERSION").write_text(f"axe-core {AXE_CORE_VERSION}\n")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="vendor-frontend-") as tmp:
        workdir = Path(tmp)
        vendor_govuk_frontend(
            npm_pack("govuk-frontend", GOVUK_FRONTEND_VERSION, GOVUK_FRONTEND_INTEGRITY, workdir)
        )
        vendor_axe_core(npm_pack("axe-core", AXE_CORE_VERSION, AXE_CORE_INTEGRITY, workdir))
    print(f"Vendored govuk-frontend {GOVUK_FRONTEND_VERSION} and axe-core {AXE_CORE_VERSION}.")


if __name__ == "__main__":
    main()
