"""ECMA-376 element order for the property containers the pipeline writes.

``w:pPr``, ``w:rPr``, ``w:tblPr``, ``w:tcPr`` and ``w:sectPr`` (and
``w:settings``, where the book's compatibility settings go) are XML Schema
*sequences*: their children must come in one fixed order. Word's parser treats
a child out of order as unreadable content and offers to repair the file.
Every place that adds such a child calls :func:`insert`, which puts it where
the schema wants it; :func:`order` sorts a container that came from elsewhere;
:func:`misordered` is what the gate uses to find any container out of order.

Children the tables do not know (extension elements such as ``w14:ligatures``,
``mc:AlternateContent``) sort after the known ones, which is where Word writes them,
and are not judged by :func:`misordered`.
"""

from __future__ import annotations

from pipeline.docx.ns import W, qn

_SEQUENCES: dict[str, tuple[str, ...]] = {
    # CT_PPr: CT_PPrBase, then rPr, sectPr, pPrChange.
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
            "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
            "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
            "sectPr", "pPrChange"),
    # CT_ParaRPr's revision marks first, then EG_RPrBase, then rPrChange (a run's CT_RPr is the same
    # without the marks).
    "rPr": ("ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps",
            "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
            "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u",
            "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
            "specVanish", "oMath", "rPrChange"),
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
              "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
              "tblLook", "tblCaption", "tblDescription", "tblPrChange"),
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
             "tcPrChange"),
    # Header and footer references may come in any order among themselves (one rank).
    "sectPr": (("headerReference", "footerReference"), "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
               "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
               "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"),
    "settings": ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                 "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                 "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
                 "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges",
                 "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
                 "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate",
                 "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
                 "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
                 "documentProtection", "autoFormatOverride", "styleLockTheme", "styleLockQFSet",
                 "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone",
                 "doNotHyphenateCaps", "showEnvelope", "summaryLength", "clickAndTypeStyle", "defaultTableStyle",
                 "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
                 "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
                 "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
                 "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData",
                 "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
                 "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema",
                 "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
                 "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
                 "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr",
                 "compat", "docVars", "rsids", "m:mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                 "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
                 "readModeInkLockDown", "smartTagType", "sl:schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                 "decimalSymbol", "listSeparator"),
}
CONTAINERS = tuple(qn(f"w:{name}") for name in _SEQUENCES)
_LAST = 10_000  # rank of a child the sequence does not name
_OTHER_NS = {"m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
             "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main"}


def _ranks(sequence) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, names in enumerate(sequence):
        for name in (names,) if isinstance(names, str) else names:
            prefix, _, local_name = name.rpartition(":")
            out[f"{{{_OTHER_NS[prefix] if prefix else W}}}{local_name}"] = i
    return out


RANKS: dict[str, dict[str, int]] = {qn(f"w:{name}"): _ranks(seq) for name, seq in _SEQUENCES.items()}


def insert(container, child, *, replace: bool = False):
    """Put ``child`` into ``container`` at its schema position and return it.

    It goes after every sibling that may precede it (so repeated children keep
    the order they were added in). With ``replace``, existing children with the
    same tag are removed first.
    """
    ranks = RANKS[container.tag]
    if replace:
        for old in container.findall(child.tag):
            container.remove(old)
    mine = ranks.get(child.tag, _LAST)
    for i, sibling in enumerate(container):
        if isinstance(sibling.tag, str) and ranks.get(sibling.tag, _LAST) > mine:
            container.insert(i, child)
            return child
    container.append(child)
    return child


def order(container) -> None:
    """Sort the children of one container into schema order (stable: equals keep their order)."""
    ranks = RANKS[container.tag]
    children = list(container)
    ranked = sorted(children, key=lambda c: ranks.get(c.tag, _LAST) if isinstance(c.tag, str) else _LAST)
    if ranked != children:
        for child in children:
            container.remove(child)
        container.extend(ranked)


def order_all(root) -> None:
    """Sort every container in ``root``'s tree (``root`` included)."""
    for container in root.iter(*CONTAINERS):
        order(container)


def misordered(root) -> list[tuple[object, object]]:
    """(container, first child out of place) for every container in ``root``'s tree that breaks the order.

    Children the sequence does not name (extensions such as ``w14:ligatures``,
    under markup compatibility) are not judged.
    """
    out = []
    for container in root.iter(*CONTAINERS):
        if len(container) < 2:  # most run and paragraph properties hold one child
            continue
        ranks = RANKS[container.tag]
        last = -1
        for child in container:
            rank = ranks.get(child.tag)
            if rank is None:
                continue
            if rank < last:
                out.append((container, child))
                break
            last = rank
    return out


def local(tag: str) -> str:
    """``'{ns}pPr'`` -> ``'pPr'``."""
    return tag.rsplit("}", 1)[-1]
