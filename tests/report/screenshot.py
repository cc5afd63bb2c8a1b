"""Renders the three-month example report and saves its screenshot as docs/report-screenshot.png.

    python tests/report/screenshot.py [--tool build/tests/report/legdiary_report_tool]
    python tests/report/screenshot.py --trial   # the trial section alone: docs/report-trial-screenshot.png

Run it after changing how the report looks, and look at the picture before committing it.
Needs Debian's chromium and Pillow.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 900


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", type=Path, default=ROOT / "build/tests/report/legdiary_report_tool")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--trial", action="store_true",
                        help="the example diary with a finished N-of-1 trial; the picture shows its section alone")
    args = parser.parse_args()
    if args.out is None:
        args.out = ROOT / ("docs/report-trial-screenshot.png" if args.trial else "docs/report-screenshot.png")
    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("chromium not found (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        shot = Path(folder) / "shot.png"
        subprocess.run([str(args.tool), str(report), "--nights", "91"] + (["--trial"] if args.trial else []),
                       check=True)
        if args.trial:
            # The page's head and style sheet with the trial section as its only content.
            html = report.read_text(encoding="utf-8")
            start = html.index('<section class="trial-report">')
            end = html.index("</section>", start) + len("</section>")
            report.write_text(html[: html.index("<body>") + len("<body>")] + html[start:end] + "</body></html>",
                              encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={folder}/profile", f"--window-size={WIDTH},4000",
                        f"--screenshot={shot}", report.as_uri()],
                       check=True, capture_output=True)
        image = Image.open(shot).convert("RGB")
    # Cut the white below the page's end.
    bounds = Image.eval(image, lambda value: 255 - value).getbbox()
    if bounds:
        image = image.crop((0, 0, WIDTH, min(image.height, bounds[3] + 24)))
    # A palette of 256 colours keeps every chart colour and makes the file a fraction of the size.
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(args.out, optimize=True)
    print(f"wrote {args.out} ({image.width}x{image.height})")


if __name__ == "__main__":
    main()
