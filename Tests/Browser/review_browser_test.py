#!/usr/bin/env python3
"""Drives `consolidate review` in headless Chromium through WebDriver (chromedriver's HTTP API,
plain urllib): open a statement, rewrite it, move a problem to another category, mark three
statements reviewed, reload, run the pipeline again, and find every decision in the new
summary.md; then a unit resubmits and the decisions still hold (the one whose statement the unit
changed is listed as needing another look). Screenshots go to $SCREENSHOTS (default /tmp).

Usage: review_browser_test.py BINARY [PIPELINE]. Exit 0 passed (or skipped with a note where
chromium or chromedriver is missing), 1 failed."""
import base64, json, os, shutil, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/consolidate")
PIPELINE = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "Pipelines/default.yml")
SAMPLES = os.path.abspath("Samples")
SHOTS = os.environ.get("SCREENSHOTS", "/tmp")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def note(text):
    print("review-browser-test: " + text, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=60):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null")


def wait_for(url, seconds=60):
    end = time.time() + seconds
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.3)
    raise SystemExit(f"FAIL: {url} did not answer in {seconds}s")


class Browser:
    def __init__(self, driver):
        self.driver = driver
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": shutil.which("chromium") or "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1400", "--lang=zh-CN"]}}}}
        self.session = http("POST", f"{driver}/session", caps)["value"]["sessionId"]
        self.base = f"{driver}/session/{self.session}"

    def call(self, method, path, body=None):
        return http(method, self.base + path, body)["value"]

    def open(self, url):
        self.call("POST", "/url", {"url": url})

    def find(self, css):
        return self.call("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def finds(self, css):
        return [e[ELEMENT] for e in self.call("POST", "/elements", {"using": "css selector", "value": css})]

    def click(self, css):
        self.call("POST", f"/element/{self.find(css)}/click", {})

    def text(self, css):
        return self.call("GET", f"/element/{self.find(css)}/text")

    def type(self, css, text):
        element = self.find(css)
        self.call("POST", f"/element/{element}/clear", {})
        self.call("POST", f"/element/{element}/value", {"text": text})
        value = self.js("return document.querySelector(arguments[0]).value", css)
        if value != text:  # an input method chromedriver cannot type: set it as a person pasting would
            self.js("document.querySelector(arguments[0]).value = arguments[1]", css, text)

    def js(self, script, *args):
        return self.call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def until(self, condition, what, seconds=15):
        end = time.time() + seconds
        while time.time() < end:
            try:
                if condition():
                    return
            except Exception:
                pass
            time.sleep(0.25)
        raise SystemExit(f"FAIL: timed out waiting for {what}")

    def screenshot(self, name):
        path = os.path.join(SHOTS, name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.call("GET", "/screenshot")))
        note(f"screenshot {path}")

    def close(self):
        try:
            http("DELETE", self.base)
        except Exception:
            pass


def run_pipeline(input_dir, out_dir):
    result = subprocess.run([BINARY, "run", "--input", input_dir, "--out", out_dir, "--pipeline", PIPELINE, "--no-progress"],
                            capture_output=True, text=True)
    if result.returncode not in (0, 3):
        raise SystemExit(f"FAIL: consolidate run exited {result.returncode}: {result.stderr[-2000:]}")
    return result


def main():
    chromium, driver_binary = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_binary:
        note("SKIPPED: chromium or chromedriver is not installed (Debian packages chromium, chromium-driver); "
             "the review server was not tested in a browser.")
        return 0
    work = tempfile.mkdtemp(prefix="review-browser-")
    input_dir, out_dir = os.path.join(work, "in"), os.path.join(work, "out")
    shutil.copytree(SAMPLES, input_dir)
    run_pipeline(input_dir, out_dir)
    port, driver_port = free_port(), free_port()
    server = subprocess.Popen([BINARY, "review", "--out", out_dir, "--port", str(port), "--pipeline", PIPELINE],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    driver = subprocess.Popen([driver_binary, f"--port={driver_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    site = f"http://127.0.0.1:{port}"
    browser = None
    try:
        wait_for(site + "/")
        wait_for(f"http://127.0.0.1:{driver_port}/status")
        browser = Browser(f"http://127.0.0.1:{driver_port}")
        api = lambda query: http("GET", f"{site}/api/statements?{query}")

        # The list, filtered to problems: the filter really filters.
        browser.open(site + "/")
        total = int(browser.text("#count").split("语句")[1].split("条")[0])
        browser.click("#list option[value=problems]")
        browser.click("#apply-filters")
        browser.until(lambda: "list=problems" in browser.call("GET", "/url"), "the problems filter")
        problems = api("list=problems")
        shown = int(browser.text("#count").split("语句")[1].split("条")[0])
        assert shown == problems["total"] < total, (shown, problems["total"], total)
        assert all(w.startswith("问题") for w in browser.js(
            "return [...document.querySelectorAll('#statements tbody tr td:nth-child(2)')].map(t => t.textContent)")), "a non-problem row shown"
        note(f"filter: {shown} problem statements of {total}")
        browser.screenshot("review-list-problems.png")

        # 1. Open a statement whose group summary.md quotes, and rewrite it.
        quoted = [r for r in api("list=problems&page=1")["rows"] if r.get("summarySentence")]
        target = quoted[0]
        browser.click(f'tr[data-key="{target["key"]}"] a.open')
        browser.until(lambda: browser.text("#statement-text") == target["text"], "the statement page")
        rewrite = "审核改写：部分党员参加组织生活的主动性不够强"
        browser.type("#rewrite-text", rewrite)
        browser.click("#rewrite-save")
        browser.until(lambda: browser.text("#group-text") == rewrite, "the rewritten wording after reload")
        browser.screenshot("review-statement-rewritten.png")
        note(f"rewrote the wording of {target['unit']}'s problem group ({target['category']})")

        # 2. Move one problem (another category, a unit not yet in the target) to another category.
        everything = []
        page = 1
        while True:
            chunk = api(f"list=problems&page={page}")
            everything += chunk["rows"]
            if page >= chunk["pages"]:
                break
            page += 1
        units_by_category = {}
        for r in everything:
            units_by_category.setdefault(r["category"], set()).add(r["unit"])
        categories = [o for o in browser.js("return [...document.querySelectorAll('#move-category option')].map(o => o.value)")]
        move = None
        for r in everything:
            if r["category"] == target["category"]:
                continue
            for category in categories:
                if category != r["category"] and r["unit"] not in units_by_category.get(category, set()) \
                        and len(units_by_category.get(r["category"], ())) > 1:
                    move = (r, category)
                    break
            if move:
                break
        row, category = move
        browser.open(f"{site}/statement/{row['key']}")
        browser.click(f"#move-category option[value='{category}']")
        browser.click("#move-save")
        browser.until(lambda: "审核操作" in browser.text("main") and category not in [
            o for o in browser.js("return [...document.querySelectorAll('#move-category option')].map(o => o.value)")],
            "the moved problem's page")
        label = browser.text(".card .src").split("问题 · ")[-1]
        note(f"moved {row['unit']}'s problem from {row['category']} to {category} ({label})")
        browser.screenshot("review-statement-moved.png")

        # 3. Mark three statements reviewed: one unit (a .txt submission, so it can resubmit below), chosen
        # with the unit filter, in the list of practices not yet reviewed.
        unit = next(r["unit"] for r in api("list=achievements&reviewed=no")["rows"] if (r.get("source") or "").endswith(".txt")
                    and len(api("list=achievements&reviewed=no&unit=" + urllib.parse.quote(r["unit"]))["rows"]) >= 3)
        browser.open(site + "/?list=achievements&reviewed=no")
        browser.click(f'#unit option[value="{unit}"]')
        browser.click("#apply-filters")
        browser.until(lambda: "unit=" in browser.call("GET", "/url"), "the unit filter")
        units_shown = set(browser.js("return [...document.querySelectorAll('#statements tbody tr td:first-child')].map(t => t.textContent)"))
        assert units_shown == {unit}, units_shown
        filtered = browser.call("GET", "/url")
        marked = []
        for _ in range(3):
            browser.open(filtered)
            key = browser.js("return document.querySelector('button.mark').dataset.key")
            marked.append(key)
            browser.click("button.mark")
            browser.until(lambda: browser.js("return !document.querySelector('button.mark[data-key=\"" + key + "\"]')"),
                          "the reviewed row to leave the not-reviewed list")
        # Reload: the marks are stored, and the reviewed filter shows exactly them.
        browser.open(site + "/?reviewed=yes")
        keys = browser.js("return [...document.querySelectorAll('#statements tbody tr')].map(t => t.dataset.key)")
        assert sorted(keys) == sorted(marked), (keys, marked)
        browser.screenshot("review-list-reviewed.png")
        note("three statements marked reviewed; after a reload the reviewed filter shows exactly them")
    finally:
        if browser:
            browser.close()
        driver.terminate()
        server.terminate()
        server.wait(10)
        driver.wait(10)

    decisions = json.load(open(os.path.join(out_dir, ".consolidate", "decisions.json")))["decisions"]
    note("decisions.json: " + ", ".join(d["kind"] for d in decisions))

    # The pipeline again: every decision is in the new summary.md.
    run_pipeline(input_dir, out_dir)
    summary = open(os.path.join(out_dir, "summary.md"), encoding="utf-8").read()
    check_summary(summary, rewrite, row["unit"], label, 3)
    note("rerun: summary.md carries the rewrite, the move and the three reviewed marks")
    assert rewrite in open(os.path.join(out_dir, "review.html"), encoding="utf-8").read(), "review.html lacks the rewrite"
    assert rewrite in open(os.path.join(out_dir, "summary.json"), encoding="utf-8").read(), "summary.json lacks the rewrite"

    # A unit resubmits: one reviewed statement's unit rewrites that statement; another unit adds a line.
    reviewed = [d for d in decisions if d["kind"] == "reviewed"]
    changed_unit = None
    for d in reviewed:
        statement = d["statements"][0]
        path = os.path.join(input_dir, statement["unit"] + ".txt")
        if os.path.exists(path):
            text = open(path, encoding="utf-8").read()
            if statement["text"] in text:
                open(path, "w", encoding="utf-8").write(text.replace(statement["text"], statement["text"].rstrip("。") + "，并建立了工作台账。"))
                changed_unit = statement["unit"]
                break
    run_pipeline(input_dir, out_dir)
    summary = open(os.path.join(out_dir, "summary.md"), encoding="utf-8").read()
    changes = open(os.path.join(out_dir, "changes.md"), encoding="utf-8").read()
    if changed_unit:
        check_summary(summary, rewrite, row["unit"], label, 2)
        assert "需要重新审核" in changes, "changes.md does not list the decision needing another look"
        assert "需要重新审核" in summary
        note(f"resubmission by {changed_unit}: rewrite and move hold, 2 reviewed marks hold, the third is listed in changes.md as needing another look")
    else:
        check_summary(summary, rewrite, row["unit"], label, 3)
        note("resubmission: no reviewed statement came from a .txt file; decisions hold after an unchanged rerun")
    shutil.rmtree(work, ignore_errors=True)
    note("PASSED")
    return 0


def check_summary(summary, rewrite, unit, label, reviewed):
    assert rewrite in summary, "summary.md lacks the rewritten wording"
    section = summary.split(label, 1)[1].split("###", 1)[0].split("##", 1)[0]
    short = unit.replace("青川区", "")
    assert short in section, f"summary.md's {label} section does not name {short}"
    assert f"审核确认{reviewed}条" in summary, f"summary.md does not say 审核确认{reviewed}条"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as error:
        print(f"review-browser-test: FAIL: {error}", flush=True)
        sys.exit(1)
