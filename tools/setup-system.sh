#!/usr/bin/env bash
# Install the system packages masterplan needs (Debian/Ubuntu), or say how to.
# LibreOffice makes the PDF; poppler-utils reads it back; the fonts are
# metric-compatible stand-ins for Arial, Calibri, Cambria and Bookman, so that
# page breaks match what editors see in Word. chromium is the real browser the
# web desk's tests drive through Playwright (never `playwright install`).
set -u
PKGS=(libreoffice-writer-nogui poppler-utils fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea fonts-urw-base35
      chromium)
python3 -c "import ensurepip, venv" 2>/dev/null || PKGS+=(python3-venv)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "masterplan: not a Debian/Ubuntu system; install LibreOffice, poppler-utils and the Liberation fonts yourself." >&2
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "masterplan: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "masterplan: apt-get failed; the PDF will be skipped" >&2; exit 0; }
else
  echo "masterplan: these system packages are missing: ${missing[*]}"
  echo "  run: sudo apt-get install -y --no-install-recommends ${missing[*]}"
  echo "  (the .docx still builds; the PDF is skipped until they are installed)"
fi
exit 0
