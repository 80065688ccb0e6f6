#!/usr/bin/env python3
"""Renders an Assay report.html in headless Chromium and checks it as a person sees it.

Usage: browser-check.py CHROMIUM OUT_DIR SCREENSHOT.png

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: commands on
fd 3, replies on fd 4, NUL-separated JSON), so nothing listens on a port and only the standard
library is needed. The page's DOM and layout are measured in the page, then compared with
report.json from the same run. Exits 1 with every failed check listed.
"""
import base64
import fcntl
import json
import os
import subprocess
import sys
import tempfile

MEASURE = r"""
(() => {
  const num = (el) => Number(el.getAttribute('data-start'));
  const counts = document.querySelector('p.counts');
  const spans = counts ? [...counts.querySelectorAll('span')].map(s => parseInt(s.textContent, 10)) : [];
  const cases = [...document.querySelectorAll('details.case')];
  const failingMarks = cases.filter(d => d.querySelector('summary > span.fail'));
  const waterfalls = [...document.querySelectorAll('div.wf')].map(wf => {
    const bars = [...wf.querySelectorAll('.bar[data-start]')];
    return {
      kinds: bars.map(b => b.classList[1]),
      starts: bars.map(num),
      ends: bars.map(b => Number(b.getAttribute('data-end'))),
      lefts: bars.map(b => b.getBoundingClientRect().left),
    };
  });
  const rows = [...document.querySelectorAll('a.tl-row')];
  const timeline = rows.map(a => {
    const bar = a.querySelector('.tl-bar');
    const track = bar.parentElement.getBoundingClientRect();
    const box = bar.getBoundingClientRect();
    return {
      href: a.getAttribute('href'),
      target: !!document.getElementById(a.getAttribute('href').slice(1)),
      critical: a.classList.contains('critical'),
      exclusive: a.classList.contains('exclusive'),
      start: num(a),
      inside: box.left >= track.left - 1 && box.right <= track.right + 1,
      shown: box.height > 0 && box.width > 0,
    };
  });
  const openDiffs = failingMarks.filter(d => d.open).map(d => {
    const diff = d.querySelector('pre.diff');
    return diff ? diff.getBoundingClientRect().height : 0;
  });
  return JSON.stringify({
    title: document.title,
    counts: spans,
    cases: cases.length,
    failing: failingMarks.length,
    failingOpen: failingMarks.filter(d => d.open).length,
    failingDiffHeights: openDiffs,
    passingOpen: cases.filter(d => !d.querySelector('summary > span.fail') && d.open).length,
    waterfalls,
    timeline,
    charts: document.querySelectorAll('svg.chart').length,
    chartValues: [...document.querySelectorAll('svg.chart text.value')].map(t => t.textContent),
    changeLinks: [...document.querySelectorAll('ul.changes a')].map(a => !!document.getElementById(a.getAttribute('href').slice(1))),
    scripts: document.scripts.length,
    handlers: [...document.querySelectorAll('*')].filter(el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
    resources: performance.getEntriesByType('resource').map(r => r.name),
    height: Math.ceil(document.documentElement.scrollHeight),
    timelineTop: (() => { const h = [...document.querySelectorAll('h2')].find(h => h.textContent === 'Run timeline');
      return h ? Math.floor(h.getBoundingClientRect().top + window.scrollY) : 0; })(),
  });
})()
"""


class DevTools:
    """A minimal DevTools client over Chromium's debugging pipe."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="assay-chromium-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4.
        def child_fds():
            # Moved above 10 first, so placing one on 3 cannot overwrite the other.
            read_end = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--disable-sync", "--disable-component-update",
             "--user-data-dir=" + self.profile, "about:blank"],
            close_fds=False, preexec_fn=child_fds,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def _read_message(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_browser, 65536)
            if not chunk:
                raise RuntimeError("chromium closed the debugging pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None):
        self.next_id += 1
        command = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        os.write(self.to_browser, json.dumps(command).encode() + b"\0")
        while True:
            message = self._read_message()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, method):
        for index, event in enumerate(self.events):
            if event["method"] == method:
                return self.events.pop(index)
        while True:
            message = self._read_message()
            if message.get("method") == method:
                return message
            if "method" in message:
                self.events.append(message)

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        subprocess.run(["rm", "-rf", self.profile], check=False)


def expected_from(report):
    cases = [c for s in report["suites"] for c in s["cases"]]
    summary = report["summary"]
    exchanges = sum(len(step.get("exchanges", [])) for c in cases for step in c.get("steps", []))
    return {
        "cases": len(cases),
        "passed": summary["passed"],
        "failed": summary["failed"] + summary["errors"],
        "skipped": summary["skipped"],
        "exchanges": exchanges,
        "exclusive": sum(1 for c in cases if c.get("exclusive")),
    }


def check(page, expected, console_errors, requests, file_url):
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    expect(page["counts"][:3] == [expected["passed"], expected["failed"], expected["skipped"]],
           f"counts {page['counts']} differ from report.json {expected}")
    expect(page["cases"] == expected["cases"], f"{page['cases']} case sections, report.json has {expected['cases']}")
    expect(page["failing"] == expected["failed"] and page["failing"] > 0,
           f"{page['failing']} failing cases shown, report.json has {expected['failed']} (the check needs one)")
    expect(page["failingOpen"] == page["failing"], "a failing case is closed")
    expect(all(h > 0 for h in page["failingDiffHeights"]), "an open failing case shows no diff")
    expect(page["passingOpen"] == 0, "a passing case is open")
    expect(len(page["waterfalls"]) == expected["exchanges"],
           f"{len(page['waterfalls'])} waterfalls, report.json has {expected['exchanges']} exchanges")
    order = ["dns", "connect", "tls", "pretransfer", "wait", "download"]
    for index, wf in enumerate(page["waterfalls"]):
        kinds = [k for k in wf["kinds"] if k != "redirect"]
        expect(kinds == order, f"waterfall {index}: phases {wf['kinds']}")
        expect(all(k == "redirect" for k in wf["kinds"][: len(wf["kinds"]) - len(order)]),
               f"waterfall {index}: redirects not first")
        expect(all(a <= b for a, b in zip(wf["starts"], wf["starts"][1:])), f"waterfall {index}: starts out of order")
        expect(all(s <= e for s, e in zip(wf["starts"], wf["ends"])), f"waterfall {index}: a segment ends before it starts")
        expect(all(a <= b + 0.5 for a, b in zip(wf["lefts"], wf["lefts"][1:])),
               f"waterfall {index}: bars drawn out of order {wf['lefts']}")
    rows = page["timeline"]
    expect(len(rows) == expected["cases"], f"{len(rows)} timeline rows, report.json has {expected['cases']} cases")
    expect(all(r["target"] for r in rows), "a timeline row links to no case")
    expect(any(r["critical"] for r in rows), "no critical path on the timeline")
    expect(sum(r["exclusive"] for r in rows) == expected["exclusive"],
           f"{sum(r['exclusive'] for r in rows)} exclusive rows, report.json has {expected['exclusive']}")
    expect(all(r["inside"] for r in rows), "a timeline bar is drawn outside its track")
    expect(page["charts"] == 2, f"{page['charts']} trend charts, expected 2 (pass rate, duration)")
    expect(len(page["chartValues"]) == 4, f"trend values printed: {page['chartValues']}")
    expect(all(page["changeLinks"]), "a newly failing/passing/flaky link leads nowhere")
    expect(page["scripts"] == 0 and page["handlers"] == 0, "the report needs JavaScript")
    expect(page["resources"] == [], f"the report loads resources: {page['resources']}")
    outside = [u for u in requests if u != file_url and not u.startswith("data:")]
    expect(outside == [], f"requests besides the file: {outside}")
    expect(console_errors == [], f"console errors: {console_errors}")
    return problems


def main():
    chromium, out_dir, screenshot = sys.argv[1:4]
    html = os.path.abspath(os.path.join(out_dir, "report.html"))
    with open(os.path.join(out_dir, "report.json"), encoding="utf-8") as handle:
        expected = expected_from(json.load(handle))
    file_url = "file://" + html
    tools = DevTools(chromium)
    try:
        target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ["Page", "Runtime", "Log", "Network"]:
            tools.send(domain + ".enable", session=session)
        tools.send("Emulation.setDeviceMetricsOverride",
                   {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
        tools.send("Page.navigate", {"url": file_url}, session=session)
        tools.wait_for("Page.loadEventFired")
        result = tools.send("Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session=session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"measuring failed: {result['exceptionDetails']}")
        page = json.loads(result["result"]["value"])
        height = min(page["height"], 6000)
        shot = tools.send("Page.captureScreenshot",
                          {"format": "png", "captureBeyondViewport": True,
                           "clip": {"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1}}, session=session)
        with open(screenshot, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))
        # The run timeline and the trend on their own, at a size a reviewer can read.
        top = tools.send("Page.captureScreenshot",
                         {"format": "png", "captureBeyondViewport": True,
                          "clip": {"x": 0, "y": page["timelineTop"], "width": 1280, "height": 1500, "scale": 1}},
                         session=session)
        with open(screenshot.replace(".png", "-timeline.png"), "wb") as handle:
            handle.write(base64.b64decode(top["data"]))
        console_errors, requests = [], []
        for event in tools.events:
            params = event.get("params", {})
            if event["method"] == "Runtime.exceptionThrown":
                console_errors.append(params["exceptionDetails"].get("text", "exception"))
            elif event["method"] == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                console_errors.append(str(params.get("args")))
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                console_errors.append(params["entry"]["text"])
            elif event["method"] == "Network.requestWillBeSent":
                requests.append(params["request"]["url"])
    finally:
        tools.close()
    problems = check(page, expected, console_errors, requests, file_url)
    print(f"browser check: {page['cases']} cases, {page['failing']} failing ({page['failingOpen']} open), {len(page['waterfalls'])} waterfalls, "
          f"{len(page['timeline'])} timeline rows ({sum(r['critical'] for r in page['timeline'])} on the critical path), "
          f"{page['charts']} trend charts; screenshot {screenshot}")
    for problem in problems:
        print("browser check: FAILED: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
