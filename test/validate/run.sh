#!/bin/sh
# npm run validate: measure the tiny decoders with PyTorch and rewrite test/fixtures/measured/.
# Debian's python3-torch installs for /usr/bin/python3, which a version manager's python3 may hide.
for python in python3 /usr/bin/python3; do
  if command -v "$python" >/dev/null 2>&1 && "$python" -c "import torch" >/dev/null 2>&1; then
    exec "$python" "$(dirname "$0")/measure.py"
  fi
done
echo "error: no Python with PyTorch found (on Debian: apt-get install python3-torch)" >&2
exit 1
