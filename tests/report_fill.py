#!/usr/bin/env python3
"""How full each printed page of an HTML audit report is, on A4 and Letter.

    python3 tests/report_fill.py audit.html [--min 0.25]

Prints the report with Chromium (headless, no header or footer) once per
paper size, rasterises each page with poppler's pdftoppm, and measures how
far down the page's text column the lowest ink reaches. Exits 1 when a page
other than the last is filled less than --min (default a quarter). A manual
check for people changing the report's layout; it needs `chromium` and
`pdftoppm`, so the test suite does not run it.
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

DPI = 40
# The report's @page margins, top and bottom, in millimetres.
TOP_MM, BOTTOM_MM = 12, 13


def pgm(path):
    """Width, height and grey bytes of a binary PGM (P5) file."""
    data = open(path, 'rb').read()
    magic, width, height, _maxval, pixels = data.split(maxsplit=4)
    assert magic == b'P5', path
    return int(width), int(height), pixels


def fills(html, size):
    """The fill of each page of `html` printed on `size` paper."""
    tmp = tempfile.mkdtemp()
    text = open(html, encoding='utf-8').read()
    text = text.replace('</head>', '<style>@page { size: %s; }</style></head>' % size, 1)
    src = os.path.join(tmp, 'report.html')
    open(src, 'w', encoding='utf-8').write(text)
    pdf = os.path.join(tmp, 'report.pdf')
    subprocess.run(['chromium', '--headless', '--no-sandbox', '--disable-gpu',
                    '--no-pdf-header-footer', '--print-to-pdf=' + pdf, 'file://' + src],
                   capture_output=True, check=True)
    subprocess.run(['pdftoppm', '-gray', '-r', str(DPI), pdf, os.path.join(tmp, 'page')], check=True)
    pages = sorted(glob.glob(os.path.join(tmp, 'page-*.pgm')),
                   key=lambda p: int(p.rsplit('-', 1)[1][:-4]))
    out = []
    for page in pages:
        width, height, pixels = pgm(page)
        inked = [y for y in range(height) if min(pixels[y * width:(y + 1) * width]) < 200]
        mm = 25.4 / DPI
        column = height * mm - TOP_MM - BOTTOM_MM
        out.append(max(0.0, (inked[-1] * mm - TOP_MM) / column) if inked else 0.0)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('html')
    parser.add_argument('--min', type=float, default=0.25)
    args = parser.parse_args()
    ok = True
    for size in ('A4', 'letter'):
        pages = fills(args.html, size)
        print(f"{size}: {len(pages)} pages: " + ' '.join(f"{p:.0%}" for p in pages))
        thin = [i + 1 for i, p in enumerate(pages[:-1]) if p < args.min]
        if thin:
            ok = False
            print(f"{size}: pages under {args.min:.0%} full: {thin}")
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
