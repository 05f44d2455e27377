#!/usr/bin/env bash
# site/check/check-site.sh [STAGED_SITE_DIR]
#
# Serves the staged Maven site (default: target/staging, made by `mvn -B compile site site:stage`) on 127.0.0.1 and
# loads every page in headless Chromium (Debian's `chromium` package, driven by playwright-core): fails on broken
# internal links, missing images or resources, pages that fail to render, and site pages that do not apply the one
# stylesheet (css/site.css) or whose tables stick out of the content column; saves screenshots and report.json in
# target/site-check (or $SITE_CHECK_OUT). Installs what it needs: the chromium package (apt) if missing, and
# playwright-core (npm ci, into site/check/node_modules, which git ignores). playwright-core's own browser download
# is never used.
#   CHROMIUM        the browser binary (default /usr/bin/chromium)
#   SITE_CHECK_OUT  where screenshots and report.json go
#   SCREENSHOTS     all | docs (default: every page but the Javadoc class pages) | none
#   TABS            pages loaded at once (default 3)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SITE="${1:-$ROOT/target/staging}"
OUT="${SITE_CHECK_OUT:-$ROOT/target/site-check}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

die() {
    echo "check-site: error: $*" >&2
    exit 2
}

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "$* missing and apt-get not available; install it by hand"
    echo "check-site: installing $* (apt)" >&2
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

[ -f "$SITE/index.html" ] || die "$SITE/index.html does not exist; build the site first: mvn -B compile site site:stage"

if [ ! -x "$CHROMIUM" ]; then
    [ "$CHROMIUM" = /usr/bin/chromium ] || die "CHROMIUM=$CHROMIUM is not an executable"
    apt_install chromium
fi
[ -x "$CHROMIUM" ] || die "chromium is still missing at $CHROMIUM"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
fi
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" -ge 20 ] || die "Node.js $(node -v) is too old for playwright-core; Node 20 or newer is needed"

if [ ! -f "$HERE/node_modules/playwright-core/package.json" ] \
    || [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
    echo "check-site: npm ci (playwright-core into site/check/node_modules)" >&2
    (cd "$HERE" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)
fi

exec node "$HERE/check-site.mjs" --site "$SITE" --out "$OUT" --chromium "$CHROMIUM" --screenshots "${SCREENSHOTS:-docs}" --tabs "${TABS:-3}"
