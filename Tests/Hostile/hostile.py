#!/usr/bin/env python3
"""The hostile suite: builds hostile submissions, runs `consolidate run` over them with Samples/,
and checks that each is quarantined or skipped with its reason, within a second and a bounded
memory, while the Samples units are consolidated as without them.

    Tests/Hostile/hostile.py BINARY [--table FILE] [--keep DIR] [--large-mb N]

A second part runs the whole pipeline alone over each of three single-paragraph reports of
`--large-mb` MB (default 1, for the debug build; `make hostile-large` gives 20 to the release binary): prose in a
.txt, the same prose in one `w:t` of a .docx, and a paragraph of numbered runs. Each must finish
within LARGE_SECONDS of processor time and LARGE_RSS_MB with its unit consolidated: time and memory linear in the
size of one paragraph, not in its square.

Every case is written here by code (no fixture files). Each file case is also timed alone
(`consolidate extract CASE`; CPU time, wall time and peak RSS of the child from wait4), each special
entry (FIFO, links, names that are not UTF-8) by a run over a folder holding it and one small
sample. Prints a Markdown table (case, outcome, reason, time, RSS); exits 1 on any failure.
"""

import argparse
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib

# Limits a case must keep: a second of processor time (user + system, from wait4: the machine may
# be busy with other work, which the wall time also shows), and a memory bound well above a
# normal read (about 30-60 MB for the debug build) and far below what a bomb would take.
MAX_SECONDS = 1.0
MAX_RSS_MB = 256
# A single paragraph of many megabytes: the whole pipeline (`run`), wall time and peak RSS.
LARGE_SECONDS = 20.0
LARGE_RSS_MB = 1024

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ALT_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def paragraph(text):
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document_xml(body, prolog=""):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document {NS}><w:body>{body}</w:body></w:document>')


TITLE = paragraph("青川区测试单位2024年第二季度党建工作汇报")
BODY = TITLE + paragraph("一、主要工作") + paragraph("组织党员开展集中学习，交流心得体会。")


def docx_parts(document, relationships=(), extra=None):
    """The parts of a minimal .docx: content types, package and document relationships, document."""
    rels = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
                   for rid, kind, target in relationships)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                               '<Default Extension="xml" ContentType="application/xml"/>'
                               f'<Override PartName="/word/document.xml" ContentType="{DOC_TYPE}"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                        f'{rels}</Relationships>',
        "word/document.xml": document,
    }
    parts.update(extra or {})
    return parts


def zip_bytes(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def big_document_docx(size, filler=b" "):
    """A .docx whose document.xml is a valid document padded to `size` bytes, streamed."""
    head = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{BODY}').encode()
    tail = b"</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in docx_parts("").items():
            if name != "word/document.xml":
                archive.writestr(name, content)
        with archive.open("word/document.xml", "w", force_zip64=False) as entry:
            entry.write(head)
            chunk = filler * (1 << 20)
            left = size - len(head) - len(tail)
            while left > 0:
                entry.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
            entry.write(tail)
    return buffer.getvalue()


def patch_entry(data, name, *, crc=None, size=None):
    """Rewrites an entry's CRC-32 or uncompressed size in its local header and the central directory."""
    data = bytearray(data)
    encoded = name.encode()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        local = archive.getinfo(name).header_offset
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46:central + 46 + name_length]) == encoded:
            break
        central = data.find(b"PK\x01\x02", central + 4)
    assert central != -1, name
    if crc is not None:
        struct.pack_into("<I", data, local + 14, crc)
        struct.pack_into("<I", data, central + 16, crc)
    if size is not None:
        struct.pack_into("<I", data, local + 22, size)
        struct.pack_into("<I", data, central + 24, size)
    return bytes(data)


def overlapping_bomb():
    """Every entry's central record points at one local file that inflates to 60 MB (overlapping files)."""
    blob = b" " * (60 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = compressor.compress(blob) + compressor.flush()
    crc = zlib.crc32(blob)
    names = list(docx_parts("").keys()) + [f"word/media/part{i}.xml" for i in range(20)]
    local_name = names[0].encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(deflated), len(blob),
                        len(local_name), 0) + local_name + deflated
    central = b""
    for name in names:
        encoded = name.encode()
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(deflated),
                               len(blob), len(encoded), 0, 0, 0, 0, 0, 0) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(names), len(names), len(central), len(local), 0)
    return local + central + end


def nested_bomb(chunks=8, inner_size=20 << 20):
    """A small .docx whose altChunks are .docx files each inflating to 20 MB: 160 MB in all."""
    inner = big_document_docx(inner_size)
    relationships = [(f"rIdChunk{i}", ALT_CHUNK, f"chunk{i}.docx") for i in range(chunks)]
    body = BODY + "".join(f'<w:altChunk r:id="rIdChunk{i}"/>' for i in range(chunks))
    extra = {f"word/chunk{i}.docx": inner for i in range(chunks)}
    return zip_bytes(docx_parts(document_xml(body), relationships, extra))


def billion_laughs():
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    prolog = f"<!DOCTYPE w:document [{entities}]>"
    return zip_bytes(docx_parts(document_xml(BODY + paragraph("&lol9;"), prolog)))


def xxe():
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return zip_bytes(docx_parts(document_xml(BODY + paragraph("&xxe;"), prolog)))


def deep_nesting(depth=100_000):
    body = BODY + "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth
    return zip_bytes(docx_parts(document_xml(body)))


def path_traversal():
    """A package with an entry named ../../ and a part relationship that climbs out of the package."""
    relationships = [("rIdNotes", FOOTNOTES, "../../../../../../etc/passwd")]
    extra = {"../../../../tmp/consolidate-escaped.xml": "<x/>"}
    return zip_bytes(docx_parts(document_xml(BODY), relationships, extra))


def sample_text():
    return ("青川区测试单位2024年第二季度党建工作汇报\n一、主要工作\n组织党员开展集中学习，交流心得体会。\n")


def cases(samples):
    """(file name, bytes or a special kind, what the case is) for every hostile case."""
    truncated_source = open(os.path.join(samples, sorted(n for n in os.listdir(samples) if n.endswith(".docx"))[0]), "rb").read()
    valid = zip_bytes(docx_parts(document_xml(BODY + paragraph("推进党建工作与业务工作深度融合。" * 200))))
    return [
        ("炸弹-平铺.docx", big_document_docx(220 << 20), "flat zip bomb: one part of 220 MB (past maxEntryBytes)"),
        ("炸弹-重叠.docx", overlapping_bomb(), "overlapping zip bomb: 24 entries share one 60 MB local file"),
        ("炸弹-嵌套.docx", nested_bomb(), "nested bomb: 8 altChunk .docx of 20 MB each"),
        ("尺寸谎报.docx", patch_entry(valid, "word/document.xml", size=1000), "declared size smaller than the inflated part"),
        ("校验谎报.docx", patch_entry(valid, "word/document.xml", crc=0x12345678), "CRC-32 that does not match"),
        ("截断压缩包.docx", truncated_source[:len(truncated_source) // 2], "a Samples .docx cut in half"),
        ("路径穿越.docx", path_traversal(), "entry ../../ and a relationship out of the package"),
        ("外部实体.docx", xxe(), "XXE: an external entity for /etc/passwd"),
        ("十亿笑声.docx", billion_laughs(), "billion laughs: nested entities"),
        ("深层嵌套.docx", deep_nesting(), "100,000-deep element nesting"),
        ("空字节.txt", sample_text().encode() + b"\x00\x00\x00" + "正文".encode(), "NUL bytes in a .txt"),
        ("编码混杂.txt", sample_text().encode() + "第二段用GBK编码。".encode("gbk") + b"\xff\xfe\x80\xff", "UTF-8, GBK and bytes of neither"),
        ("网页冒充.docx", "<html><head><title>汇报</title></head><body><p>青川区测试单位党建工作汇报</p></body></html>".encode(), "HTML named .docx"),
        ("PDF冒充.docx", b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n", "PDF named .docx"),
        ("空文件.txt", b"", "empty file"),
        ("管道.txt", "fifo", "FIFO"),
        ("循环链接.txt", "loop", "symlink loop"),
        ("零设备链接.txt", "devzero", "symlink to /dev/zero"),
        ("青川区统计局.txt".encode("gbk"), sample_text().replace("测试单位", "统计局").encode(), "file name in GBK (read; the name decoded)"),
        (b"\xff\xfe\x80-name.txt", sample_text().replace("测试单位", "档案馆").encode(), "file name valid in no encoding (read; the name escaped)"),
    ]


def large_cases(megabytes):
    """Single-paragraph reports of about `megabytes` MB: (file name, bytes, what)."""
    size = int(megabytes * 1_000_000)
    prose = "各党支部围绕年度重点任务组织党员集中学习，结合岗位实际开展交流研讨并形成学习记录。"
    body = prose * (size // len(prose.encode()) + 1)
    head = "青川区大段落单位2024年第二季度党建工作汇报\n一、主要工作\n"
    numbered = "".join(f"（{n % 9 + 1}）组织党员开展主题党日活动；" for n in range(size // 40))
    document = document_xml(paragraph("青川区大段落单位2024年第二季度党建工作汇报") + paragraph("一、主要工作")
                            + paragraph(body))
    return [
        ("大段落-文本.txt", (head + body + "\n").encode(), f"{megabytes:g} MB paragraph of prose (.txt)"),
        ("大段落-文档.docx", zip_bytes(docx_parts(document)), f"{megabytes:g} MB paragraph of prose in one w:t (.docx)"),
        ("大段落-编号.txt", (head + numbered + "\n").encode(), f"{megabytes:g} MB paragraph of numbered runs (.txt)"),
    ]


def check_large(binary, pipeline, repository, work, megabytes, failures):
    """Each large case alone through the whole pipeline: consolidated, within the time and memory bounds."""
    rows = []
    for name, content, what in large_cases(megabytes):
        folder = os.path.join(work, "large-input")
        out = os.path.join(work, "large-out")
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(folder)
        write_case(folder, name, content)
        code, seconds, rss, wall = run_measured([binary, "run", "--input", folder, "--out", out, "--pipeline", pipeline,
                                                 "--full", "--no-progress"], repository)
        try:
            entry = json.load(open(os.path.join(out, "run.json")))["inputs"][0]
            status = entry.get("status")
        except (OSError, ValueError, IndexError, KeyError):
            status = None
        if code != 0 or status != "received":
            failures.append(f"{what}: exit {code}, {status}; should be consolidated")
        # Processor time (user + system), as for the cases above: the machine may be busy.
        if seconds > LARGE_SECONDS:
            failures.append(f"{what}: {seconds:.2f} s CPU, over {LARGE_SECONDS} s")
        if rss > LARGE_RSS_MB:
            failures.append(f"{what}: {rss:.0f} MB, over {LARGE_RSS_MB} MB")
        rows.append((what, status or "?", f"{len(content) / 1e6:.1f} MB file", seconds, wall, rss, "run"))
    return rows


def write_case(folder, name, content):
    path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())
    if content == "fifo":
        os.mkfifo(path)
    elif content == "loop":
        os.symlink(path, path)
    elif content == "devzero":
        os.symlink(b"/dev/zero", path)
    else:
        with open(path, "wb") as handle:
            handle.write(content)
    return path


def run_measured(command, cwd):
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.chdir(cwd)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    return os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, wall


def display(name):
    """A case's name as run.json shows it: UTF-8, else GB18030, else escaped."""
    if isinstance(name, str):
        return name
    try:
        return name.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return name.decode("gb18030")
    except UnicodeDecodeError:
        return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--table")
    parser.add_argument("--keep")
    parser.add_argument("--large-mb", type=float, default=1.0)
    arguments = parser.parse_args()
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    binary = os.path.abspath(arguments.binary)
    samples = os.path.join(repository, "Samples")
    pipeline = os.path.join(repository, "Pipelines", "default.yml")
    work = arguments.keep or tempfile.mkdtemp(prefix="hostile-")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    failures = []

    # The Samples alone, for what their units should come to.
    baseline_out = os.path.join(work, "baseline-out")
    run_measured([binary, "run", "--input", samples, "--out", baseline_out, "--pipeline", pipeline,
                  "--full", "--no-progress"], repository)
    baseline = {entry["path"]: entry["status"] for entry in json.load(open(os.path.join(baseline_out, "run.json")))["inputs"]}

    # Everything together: Samples and every hostile case in one folder, one run.
    folder = os.path.join(work, "input")
    shutil.copytree(samples, folder)
    generated = cases(samples)
    for name, content, _ in generated:
        write_case(folder, name, content)
    out = os.path.join(work, "out")
    code, seconds, rss, wall = run_measured([binary, "run", "--input", folder, "--out", out, "--pipeline", pipeline,
                                             "--full", "--no-progress"], repository)
    print(f"one run over Samples/ and {len(generated)} hostile cases: exit {code}, {seconds:.2f} s CPU, "
          f"{wall:.2f} s wall, peak RSS {rss:.0f} MB")
    if code != 3:
        failures.append(f"the run exited {code}, not 3 (done, some quarantined)")
    record = json.load(open(os.path.join(out, "run.json")))
    inputs = {entry["path"]: entry for entry in record["inputs"]}
    skipped = {entry["path"]: entry for entry in record.get("skipped", [])}
    for path, status in baseline.items():
        if inputs.get(path, {}).get("status") != status:
            failures.append(f"Samples {path}: {inputs.get(path, {}).get('status')} beside the hostile cases, {status} alone")

    rows = []
    for name, content, what in generated:
        shown = display(name)
        entry = None
        if shown is not None:
            entry = inputs.get(shown) or skipped.get(shown)
        if entry is None:
            # A name valid in no encoding is shown escaped: find the entry by what is left of it.
            candidates = [e for p, e in list(inputs.items()) + list(skipped.items()) if p.endswith("-name.txt")]
            entry = candidates[0] if candidates and isinstance(name, bytes) and shown is None else None
        if entry is None:
            failures.append(f"{what}: absent from run.json (a silent drop)")
            rows.append((what, "ABSENT", "", 0, 0, 0, ""))
            continue
        status = entry.get("status", "skipped")
        reason = entry.get("reason") or ""
        if isinstance(name, bytes):
            # A name not in UTF-8 is read, and run.json says how its name was decoded.
            if status != "received" or not entry.get("nameEncoding"):
                failures.append(f"{what}: {status}, nameEncoding {entry.get('nameEncoding')}")
            reason = f"received; name read as {entry.get('nameEncoding')}"
        elif status not in ("quarantined", "skipped") or not reason:
            failures.append(f"{what}: {status} without a reason")

        # Time and memory of the case alone.
        alone = os.path.join(work, "alone")
        shutil.rmtree(alone, ignore_errors=True)
        os.makedirs(alone)
        path = write_case(alone, name, content)
        if isinstance(content, bytes) and isinstance(name, str):
            code, case_seconds, case_rss, case_wall = run_measured([binary, "extract", "--pipeline", pipeline, os.fsdecode(path)], repository)
            how = "extract"
        else:
            with open(os.path.join(alone, "样本单位.txt"), "w") as handle:
                handle.write(sample_text())
            code, case_seconds, case_rss, case_wall = run_measured([binary, "run", "--input", alone, "--out", os.path.join(work, "alone-out"),
                                                         "--pipeline", pipeline, "--full", "--no-progress"], repository)
            how = "run"
        if case_seconds > MAX_SECONDS:
            failures.append(f"{what}: {case_seconds:.2f} s alone ({how}), over {MAX_SECONDS} s")
        if case_rss > MAX_RSS_MB:
            failures.append(f"{what}: {case_rss:.0f} MB alone ({how}), over {MAX_RSS_MB} MB")
        rows.append((what, status, reason, case_seconds, case_wall, case_rss, how))

    if arguments.large_mb > 0:
        rows += check_large(binary, pipeline, repository, work, arguments.large_mb, failures)

    table = ["| case | outcome | reason (run.json) | CPU alone | wall alone | peak RSS alone |", "|---|---|---|---|---|---|"]
    for what, status, reason, case_seconds, case_wall, case_rss, how in rows:
        short = reason.replace("|", "\\|")
        if len(short) > 90:
            short = short[:90] + "…"
        table.append(f"| {what} | {status} | {short} | {case_seconds:.2f} s ({how}) | {case_wall:.2f} s | {case_rss:.0f} MB |")
    text = "\n".join(table)
    print(text)
    if arguments.table:
        with open(arguments.table, "w") as handle:
            handle.write(text + "\n")
    if not arguments.keep:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("hostile suite FAILED:\n  " + "\n  ".join(failures))
        return 1
    print(f"hostile suite passed: {len(generated)} cases, each quarantined or skipped with its reason "
          f"(names not in UTF-8: read, the name decoded), each under {MAX_SECONDS} s and {MAX_RSS_MB} MB; Samples unchanged"
          + (f"; {arguments.large_mb:g} MB single paragraphs consolidated, each under {LARGE_SECONDS:g} s and {LARGE_RSS_MB} MB"
             if arguments.large_mb > 0 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
