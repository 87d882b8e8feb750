"""Word (.docx) rules: package safety first, then content read with python-docx."""

from __future__ import annotations

from pipeline.config import LoadedConfig
from pipeline.budget import Counts, check_budget
from pipeline.convert import front_of
from pipeline.docx.front import front_block
from pipeline.docx.inspect import fragment_document, fragment_facts, paragraph_numbers, styles_element
from pipeline.docx.styles import FragmentStyles
from pipeline.docx.package import check_package
from pipeline.model import Diagnostic, Fragment, Location
from pipeline.rules import diag
from pipeline.validate.images import check_image_bytes
from pipeline.validate.structure import Block, check_structure, fold_blocks

_IMAGE_LINK_TYPES = {"image", "oleObject", "package", "subDocument", "attachedTemplate", "frame"}


def check_docx(frag: Fragment, cfg: LoadedConfig) -> list[Diagnostic]:
    """All checks on a .docx fragment; stops after package errors (never parses a hostile file)."""
    problems, externals = check_package(frag.path)
    out = [diag(code, frag.rel, Location(part=args.get("part")), **args) for code, args in problems]
    if any(d.is_error for d in out):
        return out
    for ext in externals:
        if ext["type"] in _IMAGE_LINK_TYPES:
            out.append(diag("MP-W607", frag.rel, Location(part=ext["part"]), target=ext["target"][:120]))
    facts = fragment_facts(frag)
    blocks = [Block(b.level, b.text, b.location) for b in facts.blocks]
    if facts.tracked_changes:
        out.append(diag("MP-W401", frag.rel, facts.first_change or Location(), count=facts.tracked_changes))
    if facts.comments:
        out.append(diag("MP-W402", frag.rel, facts.first_comment or Location(), count=facts.comments))
    for loc, text in facts.guidance:
        out.append(diag("MP-W403", frag.rel, loc, text=text[:60]))
    for loc, text in facts.highlights:
        out.append(diag("MP-W404", frag.rel, loc, text=text[:60]))
    for loc, kind in facts.unsupported:
        out.append(diag("MP-W501", frag.rel, loc, kind=kind))
    for loc in facts.text_boxes:
        out.append(diag("MP-W506", frag.rel, loc))
    for loc in facts.smartart:
        out.append(diag("MP-W507", frag.rel, loc))
    for loc, kind in facts.unsafe_fields:
        out.append(diag("MP-W614", frag.rel, loc, field=kind))
    for loc, kind in facts.uncaptioned:
        out.append(diag("MP-W206", frag.rel, loc, kind=kind))
    for loc, target in facts.bad_images:
        out.append(diag("MP-E503", frag.rel, loc, target=target))
    seen: set[str] = set()
    for loc, target, blob in facts.images:
        if target not in seen:
            seen.add(target)
            out += check_image_bytes(frag.rel, blob, target, loc)
    words = sum(len(b.text.split()) for b in facts.blocks)
    rows = sum(len(grid.rows) for _, grid, _ in facts.tables)
    out += check_budget(frag, cfg.config, Counts(words, rows, len(facts.tables) + len(facts.images), len(facts.images)))
    document = fragment_document(frag)
    title, names = front_of(cfg, frag)
    front = front_block(list(document.element.body), FragmentStyles(styles_element(document)), title, names)
    numbers = paragraph_numbers(document)
    kinds = {numbers[p]: kind for p, kind in front.dropped if p in numbers}
    dropped = {i for i, b in enumerate(blocks) if b.location.paragraph in kinds and b.location.table is None}
    for i in sorted(dropped):
        code = "MP-W211" if kinds[blocks[i].location.paragraph] == "cover" else "MP-W210"
        out.append(diag(code, frag.rel, blocks[i].location, heading=blocks[i].text[:80], text=blocks[i].text[:80]))
    blocks = fold_blocks(blocks, dropped, front.promote_below)
    return out + check_structure(frag, cfg, blocks)
