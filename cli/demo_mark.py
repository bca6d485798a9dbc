"""What the command line prints and writes on `shopfloor demo`'s home marked as a demo's, so
that nothing taken out of it passes for a real plant's data: a first line for `status` and
`verify-audit`, and export files whose names say DEMO (a CSV cannot say it inside without a
line that breaks what reads it; an XLSX says it in its title and a sheet too:
data/exports.py). Whether a home is a demo's: a mark in this PC's own database
(utils/demo_home.py), never the share's word."""

from __future__ import annotations

from pathlib import Path

from utils.context import AppContext

from cli.errors import output_file

DEMO_WORD = "DEMO"


def demo_line(demo: str) -> str:
    """The line that says the home is the demo `demo`'s (AppContext.demo_name: "DEMO plant
    (synthetic data, not a real site)"), with the word DEMO whatever its name."""
    return demo if DEMO_WORD in demo else f"{DEMO_WORD} ({demo}): synthetic data"


def demo_out(ctx: AppContext, out: Path, example: str) -> Path:
    """The file an export writes: `out` itself on a real PC, or on a demo's home when its name
    already says demo; else `out` with -DEMO before its suffix (site.csv: site-DEMO.csv),
    checked as --out is (`example`: a name to give instead)."""
    if ctx.demo_name is None or DEMO_WORD.lower() in out.name.lower():
        return out
    return output_file(str(out.with_name(f"{out.stem}-{DEMO_WORD}{out.suffix}")), "--out",
                       example)
