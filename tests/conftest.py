"""Loaded by pytest before the conftest of any test folder: puts tests/support, the helpers
every folder shares (common_support.py), on the import path. (The reliability harnesses,
which also run as plain scripts, add it themselves in harness_common.py.)"""
from __future__ import annotations

import sys
from pathlib import Path

SUPPORT = str(Path(__file__).resolve().parent / "support")
if SUPPORT not in sys.path:
    sys.path.insert(0, SUPPORT)
