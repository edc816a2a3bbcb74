"""PDFs of the reports, written with fpdf2 (pure Python).

Text is set in DejaVu Sans (Debian's fonts-dejavu-core, `TWINNING_PDF_FONT_DIR`) so that every
name prints as written (Dunkerque, Łódź, Åsa); without the font the PDF falls back to the core
Helvetica and characters outside Latin-1 become "?" rather than failing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FONT = "DejaVu"
DEFAULT_FONT_DIR = "/usr/share/fonts/truetype/dejavu"


class ReportPDF(FPDF):
    """An A4 page with a title line on every page and "page n/N" at the foot."""

    def __init__(self, *, title: str, header_lines: Sequence[str] = (), orientation: str = "P") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.report_title = title
        self.header_lines = list(header_lines)
        self.set_title(title)
        self.set_creator("Twinning")
        self.set_auto_page_break(auto=True, margin=18)
        self.family = self._load_font()
        self.alias_nb_pages()
        self.add_page()

    def _load_font(self) -> str:
        folder = Path(getattr(settings, "TWINNING_PDF_FONT_DIR", DEFAULT_FONT_DIR))
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            self.add_font(FONT, "", str(regular))
            self.add_font(FONT, "B", str(bold))
            return FONT
        return "Helvetica"

    def text_for_font(self, text: Any) -> str:
        text = "" if text is None else str(text)
        if self.family == FONT:
            return text
        return text.encode("latin-1", "replace").decode("latin-1")

    def header(self) -> None:
        self.set_font(self.family, "B", 13)
        self.multi_cell(0, 6, self.text_for_font(self.report_title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, "", 9)
        for line in self.header_lines:
            self.multi_cell(0, 4.5, self.text_for_font(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")

    def heading(self, text: str) -> None:
        self.ln(2)
        self.set_font(self.family, "B", 11)
        self.multi_cell(0, 6, self.text_for_font(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, "", 9)

    def paragraph(self, text: str) -> None:
        self.set_font(self.family, "", 9)
        self.multi_cell(0, 4.5, self.text_for_font(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def grid(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        widths: Sequence[float],
        line_height: float = 5.5,
        font_size: float = 9,
        min_row_height: float | None = None,
    ) -> None:
        """A table whose header row repeats on every page; `widths` are relative column widths."""
        self.set_font(self.family, "", font_size)
        with self.table(
            col_widths=tuple(widths),
            line_height=line_height,
            first_row_as_headings=True,
            text_align="LEFT",
            v_align="MIDDLE",
            min_row_height=min_row_height,
        ) as table:
            head = table.row()
            for cell in header:
                head.cell(self.text_for_font(cell))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(self.text_for_font(value))

    def bytes(self) -> bytes:
        return bytes(self.output())
