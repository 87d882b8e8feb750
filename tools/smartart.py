"""SmartArt parts as Word writes them: data model, layout, quick style, colours, and the cached drawing.

LibreOffice and most readers draw SmartArt from the drawing Word caches
(``word/diagrams/drawing1.xml``, linked from the data model's
``dsp:dataModelExt``); the text itself lives in the data model's points.
The layout, style and colour parts are reduced to what identifies them
(Word writes several kilobytes of each); the data model and the drawing are
complete for a "Basic Block List".
"""

from __future__ import annotations

from xml.sax.saxutils import escape

DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
DSP = "http://schemas.microsoft.com/office/drawing/2008/diagram"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.drawingml"
LAYOUT = "urn:microsoft.com/office/officeart/2005/8/layout/default"
PARTS = {
    "data": (f"{RT}/diagramData", f"{CT}.diagramData+xml"),
    "layout": (f"{RT}/diagramLayout", f"{CT}.diagramLayout+xml"),
    "quickStyle": (f"{RT}/diagramQuickStyle", f"{CT}.diagramStyle+xml"),
    "colors": (f"{RT}/diagramColors", f"{CT}.diagramColors+xml"),
    "drawing": ("http://schemas.microsoft.com/office/2007/relationships/diagramDrawing",
                "application/vnd.ms-office.drawingml.diagramDrawing+xml"),
}
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def _text(s: str) -> str:
    return f'<a:p><a:r><a:rPr lang="id-ID" dirty="0"/><a:t>{escape(s)}</a:t></a:r></a:p>'


def parts(items: list[str], *, guid, cx: int, cy: int, drawing_rid: str) -> dict[str, str]:
    """The five parts' XML for a block list of ``items``; ``guid(salt)`` gives stable model ids."""
    doc = guid("doc")
    pts = [f'<dgm:pt modelId="{doc}" type="doc"><dgm:prSet loTypeId="{LAYOUT}" loCatId="list" '
           'qsTypeId="urn:microsoft.com/office/officeart/2005/8/quickstyle/simple1" qsCatId="simple" '
           'csTypeId="urn:microsoft.com/office/officeart/2005/8/colors/accent1_2" csCatId="accent1" phldr="1"/>'
           '<dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="id-ID"/></a:p></dgm:t></dgm:pt>']
    cxns = []
    root_pres = guid("pres-root")
    pres = [f'<dgm:pt modelId="{root_pres}" type="pres"><dgm:prSet presAssocID="{doc}" presName="diagram" '
            'presStyleCnt="0"><dgm:presLayoutVars><dgm:dir/><dgm:resizeHandles val="exact"/></dgm:presLayoutVars>'
            '</dgm:prSet><dgm:spPr/></dgm:pt>']
    shapes = []
    gap = cx // 40
    width = (cx - gap * (len(items) - 1)) // len(items)
    for i, item in enumerate(items):
        node, par, sib, p_node = guid(f"n{i}"), guid(f"par{i}"), guid(f"sib{i}"), guid(f"pres{i}")
        cxn = guid(f"cxn{i}")
        pts.append(f'<dgm:pt modelId="{node}"><dgm:prSet phldrT="[Teks]"/><dgm:spPr/><dgm:t><a:bodyPr/>'
                   f'<a:lstStyle/>{_text(item)}</dgm:t></dgm:pt>')
        for kind, mid in (("parTrans", par), ("sibTrans", sib)):
            pts.append(f'<dgm:pt modelId="{mid}" type="{kind}" cxnId="{cxn}"><dgm:prSet/><dgm:spPr/><dgm:t>'
                       '<a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="id-ID"/></a:p></dgm:t></dgm:pt>')
        pres.append(f'<dgm:pt modelId="{p_node}" type="pres"><dgm:prSet presAssocID="{node}" presName="node" '
                    f'presStyleLbl="node1" presStyleIdx="{i}" presStyleCnt="{len(items)}"><dgm:presLayoutVars>'
                    '<dgm:bulletEnabled val="1"/></dgm:presLayoutVars></dgm:prSet><dgm:spPr/></dgm:pt>')
        cxns.append(f'<dgm:cxn modelId="{cxn}" srcId="{doc}" destId="{node}" srcOrd="{i}" destOrd="0" '
                    f'parTransId="{par}" sibTransId="{sib}"/>')
        cxns.append(f'<dgm:cxn modelId="{guid(f"po{i}")}" type="presOf" srcId="{node}" destId="{p_node}" '
                    f'srcOrd="0" destOrd="0" presId="{LAYOUT}"/>')
        cxns.append(f'<dgm:cxn modelId="{guid(f"ppo{i}")}" type="presParOf" srcId="{root_pres}" destId="{p_node}" '
                    f'srcOrd="{i}" destOrd="0" presId="{LAYOUT}"/>')
        x = i * (width + gap)
        shapes.append(
            f'<dsp:sp modelId="{p_node}"><dsp:nvSpPr><dsp:cNvPr id="0" name=""/><dsp:cNvSpPr/></dsp:nvSpPr>'
            f'<dsp:spPr><a:xfrm><a:off x="{x}" y="0"/><a:ext cx="{width}" cy="{cy}"/></a:xfrm><a:prstGeom '
            'prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val="accent1"><a:hueOff val="0"/>'
            '<a:satOff val="0"/><a:lumOff val="0"/><a:alphaOff val="0"/></a:schemeClr></a:solidFill><a:ln '
            'w="12700" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="lt1"/></a:solidFill>'
            '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln><a:effectLst/></dsp:spPr><dsp:style>'
            '<a:lnRef idx="2"><a:scrgbClr r="0" g="0" b="0"/></a:lnRef><a:fillRef idx="1"><a:scrgbClr r="0" g="0" '
            'b="0"/></a:fillRef><a:effectRef idx="0"><a:scrgbClr r="0" g="0" b="0"/></a:effectRef><a:fontRef '
            'idx="minor"><a:schemeClr val="lt1"/></a:fontRef></dsp:style><dsp:txBody><a:bodyPr '
            'spcFirstLastPara="0" vert="horz" wrap="square" lIns="45720" tIns="45720" rIns="45720" bIns="45720" '
            'numCol="1" spcCol="1270" anchor="ctr" anchorCtr="0"><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p>'
            '<a:pPr marL="0" lvl="0" indent="0" algn="ctr" defTabSz="622300"><a:lnSpc><a:spcPct val="90000"/>'
            '</a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:spcAft><a:spcPct val="35000"/></a:spcAft>'
            f'<a:buNone/></a:pPr><a:r><a:rPr lang="id-ID" sz="1400" kern="1200"/><a:t>{escape(item)}</a:t></a:r>'
            f'</a:p></dsp:txBody><dsp:txXfrm><a:off x="{x}" y="0"/><a:ext cx="{width}" cy="{cy}"/></dsp:txXfrm>'
            '</dsp:sp>')
    data = (HEAD + f'<dgm:dataModel xmlns:dgm="{DGM}" xmlns:a="{A}"><dgm:ptLst>{"".join(pts + pres)}</dgm:ptLst>'
            f'<dgm:cxnLst>{"".join(cxns)}</dgm:cxnLst><dgm:bg/><dgm:whole/><dgm:extLst><a:ext '
            f'uri="http://schemas.microsoft.com/office/drawing/2008/diagram"><dsp:dataModelExt xmlns:dsp="{DSP}" '
            f'relId="{drawing_rid}" minVer="http://schemas.openxmlformats.org/drawingml/2006/diagram"/></a:ext>'
            '</dgm:extLst></dgm:dataModel>')
    layout = (HEAD + f'<dgm:layoutDef xmlns:dgm="{DGM}" xmlns:a="{A}" uniqueId="{LAYOUT}"><dgm:title val=""/>'
              '<dgm:desc val=""/><dgm:catLst><dgm:cat type="list" pri="400"/></dgm:catLst><dgm:layoutNode '
              'name="diagram"><dgm:varLst><dgm:dir/><dgm:resizeHandles val="exact"/></dgm:varLst><dgm:alg '
              'type="snake"><dgm:param type="grDir" val="tL"/><dgm:param type="flowDir" val="row"/></dgm:alg>'
              f'<dgm:shape xmlns:r="{RT}" r:blip=""><dgm:adjLst/></dgm:shape><dgm:presOf/><dgm:forEach '
              'name="Name0" axis="ch" ptType="node"><dgm:layoutNode name="node"><dgm:alg type="tx"/><dgm:shape '
              f'xmlns:r="{RT}" type="rect" r:blip=""><dgm:adjLst/></dgm:shape><dgm:presOf axis="desOrSelf" '
              'ptType="node"/></dgm:layoutNode></dgm:forEach></dgm:layoutNode></dgm:layoutDef>')
    style = (HEAD + f'<dgm:styleDef xmlns:dgm="{DGM}" xmlns:a="{A}" '
             'uniqueId="urn:microsoft.com/office/officeart/2005/8/quickstyle/simple1"><dgm:title val=""/>'
             '<dgm:desc val=""/><dgm:catLst><dgm:cat type="simple" pri="10100"/></dgm:catLst><dgm:scene3d>'
             '<a:camera prst="orthographicFront"/><a:lightRig rig="threePt" dir="t"/></dgm:scene3d><dgm:styleLbl '
             'name="node1"><dgm:scene3d><a:camera prst="orthographicFront"/><a:lightRig rig="threePt" dir="t"/>'
             '</dgm:scene3d><dgm:sp3d/><dgm:txPr/><dgm:style><a:lnRef idx="2"><a:scrgbClr r="0" g="0" b="0"/>'
             '</a:lnRef><a:fillRef idx="1"><a:scrgbClr r="0" g="0" b="0"/></a:fillRef><a:effectRef idx="0">'
             '<a:scrgbClr r="0" g="0" b="0"/></a:effectRef><a:fontRef idx="minor"><a:schemeClr val="lt1"/>'
             '</a:fontRef></dgm:style></dgm:styleLbl></dgm:styleDef>')
    colors = (HEAD + f'<dgm:colorsDef xmlns:dgm="{DGM}" xmlns:a="{A}" '
              'uniqueId="urn:microsoft.com/office/officeart/2005/8/colors/accent1_2"><dgm:title val=""/>'
              '<dgm:desc val=""/><dgm:catLst><dgm:cat type="accent1" pri="11200"/></dgm:catLst><dgm:styleLbl '
              'name="node1"><dgm:fillClrLst meth="repeat"><a:schemeClr val="accent1"/></dgm:fillClrLst>'
              '<dgm:linClrLst meth="repeat"><a:schemeClr val="lt1"/></dgm:linClrLst><dgm:effectClrLst/>'
              '<dgm:txLinClrLst/><dgm:txFillClrLst meth="repeat"><a:schemeClr val="lt1"/></dgm:txFillClrLst>'
              '<dgm:txEffectClrLst/></dgm:styleLbl></dgm:colorsDef>')
    drawing = (HEAD + f'<dsp:drawing xmlns:dgm="{DGM}" xmlns:dsp="{DSP}" xmlns:a="{A}"><dsp:spTree><dsp:nvGrpSpPr>'
               '<dsp:cNvPr id="0" name=""/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr><dsp:grpSpPr/>'
               f'{"".join(shapes)}</dsp:spTree></dsp:drawing>')
    return {"data": data, "layout": layout, "quickStyle": style, "colors": colors, "drawing": drawing}
