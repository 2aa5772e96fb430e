"""Fields of a Word document the program writes: the page number in a footer.

``— N —`` with N a PAGE field, which Word and WPS update on every page; between the field's begin and end
stands the number 1 as its last known value, shown by a reader that does not update fields.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph


def page_number(paragraph: Paragraph, pattern: str = "— {} —") -> None:
    """Fill ``paragraph`` with ``pattern``, its ``{}`` a PAGE field."""
    before, after = pattern.split("{}")
    paragraph.add_run(before)
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    run._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>'))
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))
    paragraph.add_run(after)
