#!/usr/bin/env python3
"""Writes Profila's own import test files, built from the published specifications:
ECMA-376 (SpreadsheetML .xlsx), ODF 1.2 (.ods), FatturaPA 1.2.x (FPR12/FPA12, TD01/TD04, the
CAdES .p7m envelope of RFC 5652 SignedData), Facturae 3.2.2, vCard 2.1 and RFC 6350 (4.0) / RFC 2426
(3.0). Python 3 standard library only; the output is deterministic (fixed zip dates).

    python3 tests/gen/make_import_files.py OUT_DIR            # the test set (good and broken files)
    python3 tests/gen/make_import_files.py OUT_DIR --bench    # also 2,000 invoices in one zip and a
                                                              # 100,000-row workbook (benchmarks)
The fuzz corpora are seeded from OUT_DIR (README: Fuzzing)."""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

FIXED = (1980, 1, 1, 0, 0, 0)


def write_zip(path, members, stored_first=False):
    with zipfile.ZipFile(path, "w") as z:
        for i, (name, data) in enumerate(members):
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_STORED if (stored_first and i == 0) else zipfile.ZIP_DEFLATED
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))


def col(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# ---- xlsx (ECMA-376 Part 1, SpreadsheetML) ---------------------------------------------------------
def xlsx(path, sheets, date1904=False):
    """sheets: [(name, state, rows, merged)] with rows = [(row_number, [cell...])]; a cell is None,
    ("s", text) shared string, ("is", text) inline string, ("n", number), ("d", serial) date styled,
    ("b", 0/1), ("f", formula, cached number), ("fs", formula, cached text)."""
    shared, index = [], {}

    def sst(t):
        if t not in index:
            index[t] = len(shared)
            shared.append(t)
        return index[t]

    parts = []
    for si, (name, state, rows, merged) in enumerate(sheets, 1):
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
        for r, cells in rows:
            out.append('<row r="%d">' % r)
            for c, v in enumerate(cells, 1):
                if v is None:
                    continue
                ref = "%s%d" % (col(c), r)
                k = v[0]
                if k == "s":
                    out.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sst(v[1])))
                elif k == "is":
                    out.append('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, escape(v[1])))
                elif k == "n":
                    out.append('<c r="%s"><v>%s</v></c>' % (ref, repr(v[1])))
                elif k == "d":
                    out.append('<c r="%s" s="1"><v>%s</v></c>' % (ref, repr(v[1])))
                elif k == "b":
                    out.append('<c r="%s" t="b"><v>%d</v></c>' % (ref, v[1]))
                elif k == "f":
                    out.append('<c r="%s"><f>%s</f><v>%s</v></c>' % (ref, escape(v[1]), repr(v[2])))
                elif k == "fs":
                    out.append('<c r="%s" t="str"><f>%s</f><v>%s</v></c>' % (ref, escape(v[1]), escape(v[2])))
            out.append("</row>")
        out.append("</sheetData>")
        if merged:
            out.append('<mergeCells count="%d">%s</mergeCells>' % (len(merged), "".join('<mergeCell ref="%s"/>' % m for m in merged)))
        out.append("</worksheet>")
        parts.append(("xl/worksheets/sheet%d.xml" % si, "".join(out)))
    ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>']
    ct += ['<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % i
           for i in range(1, len(sheets) + 1)]
    ct.append("</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">']
    wb.append('<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>")
    wb.append("<sheets>")
    for i, (name, state, _, _) in enumerate(sheets, 1):
        st = ' state="%s"' % state if state != "visible" else ""
        wb.append('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>' % (escape(name, {'"': "&quot;"}), i, st, i))
    wb.append("</sheets></workbook>")
    n = len(sheets)
    wrels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    wrels += ['<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i, i)
              for i in range(1, n + 1)]
    wrels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' % (n + 1))
    wrels.append('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' % (n + 2))
    wrels.append("</Relationships>")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
    ss = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(shared), len(shared))]
    ss += ['<si><t xml:space="preserve">%s</t></si>' % escape(t) for t in shared]
    ss.append("</sst>")
    write_zip(path, [("[Content_Types].xml", "".join(ct)), ("_rels/.rels", rels), ("xl/workbook.xml", "".join(wb)),
                     ("xl/_rels/workbook.xml.rels", "".join(wrels)), ("xl/styles.xml", styles),
                     ("xl/sharedStrings.xml", "".join(ss))] + parts)


def serial(y, m, d, date1904=False):
    import datetime
    base = datetime.date(1904, 1, 1) if date1904 else datetime.date(1899, 12, 30)
    return float((datetime.date(y, m, d) - base).days)


def customers_rows(n, first_row=1, date1904=False):
    cities = ["Roma", "Milano", "Napoli", "Torino", "Bari", "Como"]
    rows = [(first_row, [("s", "Nome"), ("s", "Telefono"), ("s", "CAP"), ("s", "Città"), ("s", "Data acquisto"), ("s", "Importo")])]
    for i in range(n):
        rows.append((first_row + 1 + i, [("s", "Cliente %05d" % i), ("is", "0331%06d" % i), ("s", "%05d" % (i % 1000)),
                                          ("s", cities[i % len(cities)]), ("d", serial(2024, 1 + i % 12, 1 + i % 28, date1904)),
                                          ("f", "8*2", 16.0) if i == 3 else ("n", round(10 + (i % 500) * 1.25, 2))]))
    return rows


# ---- ods (ODF 1.2 part 1, tables) -------------------------------------------------------------------
def ods(path, tables):
    """tables: [(name, hidden, rows)], rows = [(repeat, [cell...])], cell None | ("s", t) | ("f", x) | ("d", iso) | ("b", bool) | ("cov",)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2"><office:automatic-styles>'
           '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>'
           '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
           "</office:automatic-styles><office:body><office:spreadsheet>"]
    for name, hidden, rows in tables:
        out.append('<table:table table:name="%s" table:style-name="%s">' % (escape(name), "ta2" if hidden else "ta1"))
        for rep, cells in rows:
            out.append('<table:table-row%s>' % (' table:number-rows-repeated="%d"' % rep if rep > 1 else ""))
            for c in cells:
                if c is None:
                    out.append("<table:table-cell/>")
                elif c[0] == "s":
                    out.append('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(c[1]))
                elif c[0] == "f":
                    out.append('<table:table-cell office:value-type="float" office:value="%r"><text:p>%s</text:p></table:table-cell>' % (c[1], str(c[1]).replace(".", ",")))
                elif c[0] == "d":
                    out.append('<table:table-cell office:value-type="date" office:date-value="%s"><text:p>%s</text:p></table:table-cell>' % (c[1], c[1]))
                elif c[0] == "b":
                    out.append('<table:table-cell office:value-type="boolean" office:boolean-value="%s"><text:p>x</text:p></table:table-cell>' % ("true" if c[1] else "false"))
                elif c[0] == "cov":
                    out.append("<table:covered-table-cell/>")
            out.append('<table:table-cell table:number-columns-repeated="1020"/></table:table-row>')
        out.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
        out.append("</table:table>")
    out.append("</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    write_zip(path, [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "".join(out)),
                     ("META-INF/manifest.xml", manifest)], stored_first=True)


# ---- FatturaPA 1.2.x ----------------------------------------------------------------------------------
def fattura(seller_vat, buyer, bodies, versione="FPR12"):
    """buyer: dict(denominazione | nome+cognome, piva, cf, indirizzo, cap, comune, provincia); bodies: [(tipo, numero, data, [(descr, imponibile)])]."""
    b = ['<?xml version="1.0" encoding="UTF-8"?>\n<p:FatturaElettronica versione="%s" xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2">' % versione,
         "<FatturaElettronicaHeader><DatiTrasmissione><IdTrasmittente><IdPaese>IT</IdPaese><IdCodice>%s</IdCodice></IdTrasmittente>"
         "<ProgressivoInvio>00001</ProgressivoInvio><FormatoTrasmissione>%s</FormatoTrasmissione><CodiceDestinatario>0000000</CodiceDestinatario></DatiTrasmissione>" % (seller_vat, versione),
         "<CedentePrestatore><DatiAnagrafici><IdFiscaleIVA><IdPaese>IT</IdPaese><IdCodice>%s</IdCodice></IdFiscaleIVA><Anagrafica><Denominazione>Bottega Profila SRL</Denominazione></Anagrafica>"
         "<RegimeFiscale>RF01</RegimeFiscale></DatiAnagrafici><Sede><Indirizzo>Via Roma 1</Indirizzo><CAP>22100</CAP><Comune>Como</Comune><Provincia>CO</Provincia><Nazione>IT</Nazione></Sede></CedentePrestatore>" % seller_vat,
         "<CessionarioCommittente><DatiAnagrafici>"]
    if buyer.get("piva"):
        b.append("<IdFiscaleIVA><IdPaese>IT</IdPaese><IdCodice>%s</IdCodice></IdFiscaleIVA>" % buyer["piva"])
    if buyer.get("cf"):
        b.append("<CodiceFiscale>%s</CodiceFiscale>" % buyer["cf"])
    if buyer.get("denominazione"):
        b.append("<Anagrafica><Denominazione>%s</Denominazione></Anagrafica>" % escape(buyer["denominazione"]))
    else:
        b.append("<Anagrafica><Nome>%s</Nome><Cognome>%s</Cognome></Anagrafica>" % (escape(buyer["nome"]), escape(buyer["cognome"])))
    b.append("</DatiAnagrafici><Sede><Indirizzo>%s</Indirizzo><CAP>%s</CAP><Comune>%s</Comune><Provincia>%s</Provincia><Nazione>IT</Nazione></Sede></CessionarioCommittente></FatturaElettronicaHeader>"
             % (escape(buyer["indirizzo"]), buyer["cap"], escape(buyer["comune"]), buyer["provincia"]))
    for tipo, numero, data, lines in bodies:
        imponibile = sum(x for _, x in lines)
        iva = round(imponibile * 0.22, 2)
        b.append("<FatturaElettronicaBody><DatiGenerali><DatiGeneraliDocumento><TipoDocumento>%s</TipoDocumento><Divisa>EUR</Divisa><Data>%s</Data>"
                 "<Numero>%s</Numero><ImportoTotaleDocumento>%.2f</ImportoTotaleDocumento></DatiGeneraliDocumento></DatiGenerali><DatiBeniServizi>" % (tipo, data, escape(numero), imponibile + iva))
        for i, (descr, x) in enumerate(lines, 1):
            b.append("<DettaglioLinee><NumeroLinea>%d</NumeroLinea><Descrizione>%s</Descrizione><PrezzoUnitario>%.2f</PrezzoUnitario><PrezzoTotale>%.2f</PrezzoTotale><AliquotaIVA>22.00</AliquotaIVA></DettaglioLinee>" % (i, escape(descr), x, x))
        b.append("<DatiRiepilogo><AliquotaIVA>22.00</AliquotaIVA><ImponibileImporto>%.2f</ImponibileImporto><Imposta>%.2f</Imposta></DatiRiepilogo></DatiBeniServizi></FatturaElettronicaBody>" % (imponibile, iva))
    b.append("</p:FatturaElettronica>")
    return "".join(b).encode("utf-8")


def der(tag, content):
    n = len(content)
    if n < 0x80:
        head = bytes([n])
    else:
        lb = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(lb)]) + lb
    return bytes([tag]) + head + content


def p7m(xml, chunked=False):
    """RFC 5652 ContentInfo(SignedData) carrying xml as eContent (no real signer: the importer does not verify)."""
    oid_signed = der(0x06, bytes.fromhex("2a864886f70d010702"))
    oid_data = der(0x06, bytes.fromhex("2a864886f70d010701"))
    if chunked:  # BER: indefinite length, constructed OCTET STRING in 1000-byte chunks
        chunks = b"".join(der(0x04, xml[i:i + 1000]) for i in range(0, len(xml), 1000))
        econtent = b"\xa0\x80" + b"\x24\x80" + chunks + b"\x00\x00" + b"\x00\x00"
        encap = b"\x30\x80" + oid_data + econtent + b"\x00\x00"
    else:
        encap = der(0x30, oid_data + der(0xA0, der(0x04, xml)))
    signed = der(0x30, der(0x02, b"\x01") + der(0x31, b"") + encap + der(0x31, b""))
    return der(0x30, oid_signed + der(0xA0, signed))


def facturae(buyer_name, buyer_tax, number, date, total, lines):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<fe:Facturae xmlns:fe="http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml">'
            "<FileHeader><SchemaVersion>3.2.2</SchemaVersion><Modality>I</Modality><InvoiceIssuerType>EM</InvoiceIssuerType>"
            "<Batch><BatchIdentifier>B23103039%s</BatchIdentifier><InvoicesCount>1</InvoicesCount></Batch></FileHeader>"
            "<Parties><SellerParty><TaxIdentification><PersonTypeCode>J</PersonTypeCode><ResidenceTypeCode>R</ResidenceTypeCode><TaxIdentificationNumber>B23103039</TaxIdentificationNumber></TaxIdentification>"
            "<LegalEntity><CorporateName>Tienda Profila SL</CorporateName><AddressInSpain><Address>Calle Mayor 1</Address><PostCode>28013</PostCode><Town>Madrid</Town><Province>Madrid</Province><CountryCode>ESP</CountryCode></AddressInSpain></LegalEntity></SellerParty>"
            "<BuyerParty><TaxIdentification><PersonTypeCode>J</PersonTypeCode><ResidenceTypeCode>R</ResidenceTypeCode><TaxIdentificationNumber>%s</TaxIdentificationNumber></TaxIdentification>"
            "<LegalEntity><CorporateName>%s</CorporateName><AddressInSpain><Address>Plaza Mayor 2</Address><PostCode>45083</PostCode><Town>Toledo</Town><Province>Toledo</Province><CountryCode>ESP</CountryCode></AddressInSpain></LegalEntity></BuyerParty></Parties>"
            "<Invoices><Invoice><InvoiceHeader><InvoiceNumber>%s</InvoiceNumber><InvoiceDocumentType>FC</InvoiceDocumentType><InvoiceClass>OO</InvoiceClass></InvoiceHeader>"
            "<InvoiceIssueData><IssueDate>%s</IssueDate><InvoiceCurrencyCode>EUR</InvoiceCurrencyCode><TaxCurrencyCode>EUR</TaxCurrencyCode><LanguageName>es</LanguageName></InvoiceIssueData>"
            "<InvoiceTotals><InvoiceTotal>%.2f</InvoiceTotal></InvoiceTotals><Items>%s</Items></Invoice></Invoices></fe:Facturae>"
            % (number, buyer_tax, escape(buyer_name), number, date, total,
               "".join("<InvoiceLine><ItemDescription>%s</ItemDescription><Quantity>1</Quantity></InvoiceLine>" % escape(l) for l in lines))).encode("utf-8")


# ---- vCard --------------------------------------------------------------------------------------------
VCARDS = {
    "contacts_21_qp.vcf": "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Rossi;Nicol=C3=B2;;;\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Nicol=C3=B2 Rossi\r\nTEL;CELL:+39 333 1234567\r\nEMAIL;INTERNET:nicolo@example.it\r\nADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;Via Garibaldi 3;Como;CO;22100;Italia\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQN\r\n DBsSEw8UHR8eHRocHCAkLicgIiwjHBwoNyksMDE0NDQfJzk9ODI8LjM0Mv/bAEMBCQkJ\r\n\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Bianchi;Anna\r\nFN:Anna Bianchi\r\nTEL;WORK;VOICE:0331 987654\r\nORG:Fiori Bianchi\r\nEND:VCARD\r\n",
    "contacts_30_folded.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Garc\u00eda L\u00f3pez;Mar\u00eda;;;\r\nFN:Mar\u00eda Garc\u00eda L\u00f3pez\r\nORG:Panader\u00eda\r\n  Garc\u00eda\r\nTEL;TYPE=CELL:+34 600 123 456\r\nEMAIL;TYPE=INTERNET:maria@example.es\r\nNOTE:Cliente desde 2019\\, pide pan integral\r\nEND:VCARD\r\n",
    "contacts_40.vcf": "BEGIN:VCARD\nVERSION:4.0\nFN:Luca Verdi\nN:Verdi;Luca;;;\nTEL;VALUE=uri;TYPE=\"voice,cell\":tel:+39-347-5551234\nEMAIL;TYPE=work:luca@example.com\nADR;TYPE=home:;;Corso Italia 10;Milano;MI;20122;Italia\nBDAY:19800412\nEND:VCARD\n",
}


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    out = sys.argv[1]
    bench = "--bench" in sys.argv
    os.makedirs(out, exist_ok=True)
    p = lambda n: os.path.join(out, n)
    # Workbooks: a title above the header, merged title, typed cells, a hidden sheet, an empty row.
    rows = [(1, [("s", "Clienti 2024")]), (2, [None])] + customers_rows(20, first_row=3)
    xlsx(p("customers.xlsx"), [("Clienti", "visible", rows, ["A1:F1"]),
                               ("Note", "hidden", [(1, [("s", "solo note")])], [])])
    xlsx(p("customers_1904.xlsx"), [("Foglio1", "visible", customers_rows(5, date1904=True), [])], date1904=True)
    xlsx(p("formulas_inline.xlsx"), [("S", "visible", [(1, [("is", "Nome"), ("is", "Codice")]),
                                                       (2, [("fs", "CONCAT(\"An\",\"na\")", "Anna"), ("is", "007")])], [])])
    ods(p("customers.ods"), [("Clienti", False, [(1, [("s", "Nome"), ("s", "CAP"), ("s", "Data acquisto"), ("s", "Importo")]),
                                                 (2, [("s", "Mario Rossi"), ("s", "00184"), ("d", "2024-03-09"), ("f", 12.5)]),
                                                 (3, [None]),
                                                 (1, [("s", "Anna Neri"), ("s", "20122"), ("d", "2024-04-01T10:00:00"), ("f", 30)])]),
                             ("Nascosto", True, [(1, [("s", "x")])])])
    # Invoices.
    buyer_co = dict(denominazione="Ferramenta Neri SNC", piva="09876543217", indirizzo="Via Milano 4", cap="20121", comune="Milano", provincia="MI")
    buyer_p = dict(nome="Giulia", cognome="Bassi", cf="BSSGLI80A41F205X", indirizzo="Via Po 9", cap="10124", comune="Torino", provincia="TO")
    single = fattura("01234567890", buyer_co, [("TD01", "2024/17", "2024-05-10", [("Vernice bianca 5 l", 80.0), ("Pennelli", 20.0)])])
    open(p("IT01234567890_00017.xml"), "wb").write(single)
    open(p("IT01234567890_00018.xml"), "wb").write(fattura("01234567890", buyer_p, [("TD01", "2024/18", "2024-05-11", [("Tinteggiatura", 300.0)]),
                                                                                   ("TD04", "NC-3", "2024-05-20", [("Reso pennelli", 20.0)])]))
    open(p("IT01234567890_00019_FPA12.xml"), "wb").write(fattura("01234567890", dict(denominazione="Comune di Como", cf="80005370137", indirizzo="Via Vittorio Emanuele 97", cap="22100", comune="Como", provincia="CO"),
                                                                [("TD01", "PA-1", "2024-06-01", [("Manutenzione", 1000.0)])], versione="FPA12"))
    open(p("IT01234567890_00017.xml.p7m"), "wb").write(p7m(single))
    open(p("IT01234567890_00017_ber.xml.p7m"), "wb").write(p7m(single, chunked=True))
    import base64
    open(p("IT01234567890_00017_b64.xml.p7m"), "wb").write(base64.encodebytes(p7m(single)))
    open(p("facturae_322.xml"), "wb").write(facturae("Moniward SL", "B77436020", "F-2024-9", "2024-02-03", 121.0, ["Pan integral", "Harina"]))
    write_zip(p("invoices_batch.zip"), [("IT01234567890_%05d.xml" % i, fattura("01234567890", buyer_co if i % 2 else buyer_p,
                                                                              [("TD01", "B-%d" % i, "2024-07-%02d" % (1 + i % 28), [("Articolo %d" % i, 10.0 + i)])]))
                                        for i in range(1, 11)] + [("LEGGIMI.txt", "fatture di luglio")])
    # vCards.
    for name, text in VCARDS.items():
        open(p(name), "wb").write(text.encode("utf-8"))
    # Broken files: one of each kind.
    good = open(p("customers.xlsx"), "rb").read()
    open(p("broken_truncated.xlsx"), "wb").write(good[: len(good) // 2])
    open(p("broken_not_invoice.xml"), "wb").write(b'<?xml version="1.0"?><ordine><numero>1</numero></ordine>')
    sig = bytearray(p7m(single))
    open(p("broken_damaged.xml.p7m"), "wb").write(bytes(sig[: len(sig) - 40]))
    write_zip(p("broken_batch_junk.zip"), [("IT01234567890_00001.xml", single), ("IT01234567890_00002.xml", b"questa non e' una fattura"),
                                           ("IT01234567890_00003.xml", single[: len(single) // 2])])
    open(p("broken_line.vcf"), "wb").write(b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:Ross=C3=9Gi;Mario\r\nEND:VCARD\r\n")
    if bench:
        write_zip(p("bench_2000_invoices.zip"), [("IT01234567890_%05d.xml" % i, fattura("01234567890", dict(buyer_co, piva="%011d" % (10000000000 + i % 700), denominazione="Cliente %d SRL" % (i % 700)),
                                                                                       [("TD04" if i % 50 == 0 else "TD01", "F-%d" % i, "2024-%02d-%02d" % (1 + i % 12, 1 + i % 28), [("Articolo %d" % i, 10.0 + i % 90), ("Servizio", 5.0)])]))
                                                 for i in range(2000)])
        xlsx(p("bench_100k.xlsx"), [("Clienti", "visible", customers_rows(100000), [])])


if __name__ == "__main__":
    main()
