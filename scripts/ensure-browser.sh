#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium; PDFs are checked with poppler and need a CJK font; the Word report
# is converted to PDF with LibreOffice Writer (without its recommended packages: about 50 packages, ~30 s here).
# Installs what is missing (CI runs as root on a fresh Debian machine).
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || missing+=(fonts-noto-cjk)  # not grep -q: with pipefail, its early exit fails fc-list
lean=()
command -v soffice >/dev/null || lean+=(libreoffice-writer)
if [ ${#missing[@]} -gt 0 ] || [ ${#lean[@]} -gt 0 ]; then
  echo "installing: ${missing[*]} ${lean[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  [ ${#lean[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null
fi
