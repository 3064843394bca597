"""Drives the Tenure dashboard in headless Chromium (Debian's chromium and
chromium-driver) the way a person would, and checks the figures it shows
against the JSON API.

    python3 dashboard_browser.py BASE_URL EMAIL PASSWORD API_KEY [--admin EMAIL PASSWORD]
        [--work EMAIL PASSWORD ACCOUNT_ID] [--screenshots DIR]

Signs in, visits every page through the navigation, filters and sorts the
accounts table, opens an account, compares figures with the API, signs out,
and prints a JSON report: {"pages": {...}, "checks": {...}, "accessibility":
{...}, "failures": [...]}. Every page it sees, error pages included, is run
through axe-core (the copy inside axe-selenium-python: nothing is fetched), and
each serious or critical violation is a failure naming the page, the rule,
its impact and the offending nodes.
With --admin it then signs in as that admin and works Settings → Notifications
(the EMAIL user, not an admin, gets its 403 page): adds a webhook endpoint,
sees its secret once, sends a test, and opens the delivery log and a delivery
(the server needs TENURE_SECRET_KEY, and TENURE_OUTBOUND_ALLOW=127.0.0.1).
With --work it signs in as that member, a CSM with three open tasks titled
"Browser: …" (overdue, due today, due this week), and works their day: completes
one with an outcome, snoozes one, reassigns one, opens the completed task, the
team view, and ACCOUNT_ID's page, where it logs a touchpoint whose next step
becomes a task; then the playbooks pages.
With --screenshots (or TENURE_SCREENSHOTS=DIR) it saves PNGs of the main pages.
"""
import json
import os
import sys
import time
import urllib.parse
import urllib.request

# Never let Selenium Manager reach out to download drivers or send statistics:
# the test uses Debian's chromium and chromium-driver only.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")

from axe_selenium_python import Axe  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


def api(base, key, path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + key})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


# axe-core impacts that fail the test; minor and moderate ones are only counted.
BLOCKING_IMPACTS = ("serious", "critical")


def accessibility_failures(page, violations):
    """One line per serious or critical axe violation: page, rule, impact, what it asks, and each offending node."""
    lines = []
    for violation in violations:
        if violation.get("impact") not in BLOCKING_IMPACTS:
            continue
        nodes = "; ".join(f"{' '.join(node.get('target', []))} {node.get('html', '')[:160]}" for node in violation.get("nodes", []))
        lines.append(f"axe {page}: {violation['id']} ({violation['impact']}) {violation.get('help', '')} — {nodes}")
    return lines


def browser(width, height):
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}"]:
        options.add_argument(flag)
    binary = next((path for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] if os.path.exists(path)), None)
    if binary:
        options.binary_location = binary
    driver_path = next((path for path in ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"] if os.path.exists(path)), None)
    return webdriver.Chrome(service=Service(driver_path) if driver_path else Service(), options=options)


def main():
    args = sys.argv[1:]
    shots = os.environ.get("TENURE_SCREENSHOTS")
    if "--screenshots" in args:
        index = args.index("--screenshots")
        shots = args[index + 1]
        del args[index:index + 2]
    admin = None
    if "--admin" in args:
        index = args.index("--admin")
        admin = (args[index + 1], args[index + 2])
        del args[index:index + 3]
    work_as = None
    if "--work" in args:
        index = args.index("--work")
        work_as = (args[index + 1], args[index + 2], args[index + 3])
        del args[index:index + 4]
    base, email, password, key = args
    report = {"pages": {}, "checks": {}, "accessibility": {}, "failures": []}

    def check(name, ok, detail=""):
        report["checks"][name] = bool(ok)
        if not ok:
            report["failures"].append(f"{name}: {detail}")

    driver = browser(1280, 900)
    driver.implicitly_wait(5)
    driver.set_script_timeout(60)
    # TENURE_AXE_SCRIPT=path/axe.min.js checks with another copy of axe-core than the one the package ships.
    axe = Axe(driver, os.environ["TENURE_AXE_SCRIPT"]) if os.environ.get("TENURE_AXE_SCRIPT") else Axe(driver)

    def audit(name):
        """Runs axe-core on the page as it is and records every serious or critical violation as a failure."""
        axe.inject()
        # preload off: axe would otherwise re-request the page's stylesheets for one rule; it reads the CSSOM as it is.
        results = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, arguments[0]).then(done, error => done({error: String(error)}));",
            {"preload": False, "resultTypes": ["violations"]})
        if "error" in results:
            report["failures"].append(f"axe {name}: {results['error']}")
            return
        violations = results["violations"]
        report["accessibility"][name] = {
            "url": driver.current_url,
            "violations": {v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"])} for v in violations},
        }
        report["failures"].extend(accessibility_failures(name, violations))

    def go(element):
        """Clicks a link or button and waits for the next page to replace this one."""
        page = driver.find_element(By.TAG_NAME, "html")
        element.click()

        def replaced(_):
            # Chromium may answer for a node of the unloaded page with an inspector error instead of a stale reference.
            try:
                page.is_enabled()
                return False
            except StaleElementReferenceException:
                return True
            except WebDriverException as error:
                if "does not belong to the document" in str(error):
                    return True
                raise
        WebDriverWait(driver, 15).until(replaced)

    def visit(path, name):
        started = time.monotonic()
        driver.get(base + path)
        report["pages"][name] = {"path": path, "seconds": round(time.monotonic() - started, 3), "title": driver.title}
        check(f"{name} has a main landmark", driver.find_elements(By.CSS_SELECTOR, "main#main"), driver.current_url)
        audit(name)

    def shot(name):
        if shots:
            os.makedirs(shots, exist_ok=True)
            driver.set_window_size(1280, 900)
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1280, min(max(900, height), 2400))
            driver.save_screenshot(os.path.join(shots, f"{name}.png"))
            driver.set_window_size(1280, 900)

    def notifications(credentials):
        """As an admin: the settings page, a refused form, a new webhook and its secret, a test, the delivery log and a delivery."""
        driver.get(base + "/login?next=/settings/notifications")
        driver.find_element(By.NAME, "email").send_keys(credentials[0])
        driver.find_element(By.NAME, "password").send_keys(credentials[1])
        go(driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
        WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)
        go(driver.find_element(By.LINK_TEXT, "Settings"))
        check("the Settings link opens the notification settings", urllib.parse.urlparse(driver.current_url).path == "/settings/notifications",
              driver.current_url)
        visit("/settings/notifications", "notifications")
        shot("notifications")
        # Nothing ticked and no target: the form comes back naming the field, values kept.
        driver.find_element(By.ID, "ep-description").send_keys("Browser test receiver")
        go(driver.find_element(By.CSS_SELECTOR, "form.endpoint-form button[type=submit]"))
        check("a refused endpoint form names the field", "Target" in driver.find_element(By.ID, "form-error").text)
        check("a refused endpoint form keeps its values",
              driver.find_element(By.ID, "ep-description").get_attribute("value") == "Browser test receiver")
        audit("notifications form error")
        driver.find_element(By.CSS_SELECTOR, "input[name=kind][value=webhook]").click()
        driver.find_element(By.ID, "ep-target").send_keys("http://127.0.0.1:9/hook")
        driver.find_element(By.CSS_SELECTOR, "input[name='event_types[]'][value='payment.failed']").click()
        go(driver.find_element(By.CSS_SELECTOR, "form.endpoint-form button[type=submit]"))
        secret = driver.find_element(By.ID, "new-secret").get_attribute("value")
        check("a new webhook's secret is shown once", secret.startswith("whsec_"), secret[:6])
        audit("notifications secret")
        go(driver.find_element(By.LINK_TEXT, "Back to notification settings"))
        check("the secret is not shown again", secret not in driver.page_source)
        go(driver.find_element(By.CSS_SELECTOR, "#endpoints-table tbody tr:last-child form[action$='/test'] button"))
        check("a test is sent", "A test ping is on its way" in driver.find_element(By.CSS_SELECTOR, "main [role=status]").text)
        audit("notifications after a test")
        go(driver.find_element(By.PARTIAL_LINK_TEXT, "All deliveries"))
        visit("/settings/notifications/deliveries", "notification deliveries")
        go(driver.find_element(By.CSS_SELECTOR, "#deliveries-table tbody tr th a"))
        report["pages"]["notification delivery"] = {"path": driver.current_url, "title": driver.title}
        check("a delivery's page names it", driver.find_element(By.TAG_NAME, "h1").text.startswith("Delivery "))
        audit("notification delivery")
        csms()
        go(driver.find_element(By.CSS_SELECTOR, "form.signout button"))

    def csms():
        """As an admin, two clicks from any page: Settings → CSMs; a refused form, a new CSM, then editing them."""
        go(driver.find_element(By.LINK_TEXT, "Settings"))
        go(driver.find_element(By.CSS_SELECTOR, "nav[aria-label=Settings] a[href='/settings/csms']"))
        visit("/settings/csms", "csms")
        shot("csms")
        driver.find_element(By.ID, "csm-id").send_keys("csm_browser")
        driver.find_element(By.ID, "csm-name").send_keys("Bea Browser")
        driver.execute_script("document.getElementById('csm-email').type = 'text'")  # past the browser's own check
        driver.find_element(By.ID, "csm-email").send_keys("not-an-email")
        go(driver.find_element(By.CSS_SELECTOR, "form[action='/settings/csms'] button[type=submit]"))
        check("a refused CSM form names the field", driver.find_element(By.ID, "csm-error").text.startswith("Email:"),
              driver.find_element(By.ID, "csm-error").text)
        check("a refused CSM form keeps its values", driver.find_element(By.ID, "csm-name").get_attribute("value") == "Bea Browser")
        audit("csms form error")
        email = driver.find_element(By.ID, "csm-email")
        email.clear()
        email.send_keys("bea@example.com")
        go(driver.find_element(By.CSS_SELECTOR, "form[action='/settings/csms'] button[type=submit]"))
        check("a new CSM is listed", driver.find_elements(By.CSS_SELECTOR, "#csms-table tr[data-csm=csm_browser]"))
        check("adding a CSM says so", "was added" in driver.find_element(By.CSS_SELECTOR, "main [role=status]").text)
        go(driver.find_element(By.CSS_SELECTOR, "#csms-table tr[data-csm=csm_browser] a"))
        check("the edit page names the CSM", driver.find_element(By.TAG_NAME, "h1").text == "Edit CSM csm_browser")
        audit("csm edit")
        Select(driver.find_element(By.ID, "csm-status")).select_by_value("inactive")
        go(driver.find_element(By.CSS_SELECTOR, "form[action='/settings/csms'] button[type=submit]"))
        row = driver.find_element(By.CSS_SELECTOR, "#csms-table tr[data-csm=csm_browser]")
        check("an edited CSM shows the change", "Inactive" in row.text, row.text)

    def titles(table):
        """The task titles of the table with id `table`, in order (none when there is no such table; no implicit wait)."""
        return driver.execute_script(
            "return Array.from(document.querySelectorAll('table#' + arguments[0] + ' tbody tr > th > a:first-child'))"
            ".map(a => a.textContent.trim())", table)

    def task_row(table, title):
        return driver.find_element(By.XPATH, f"//table[@id='{table}']//tr[th/a[normalize-space()='{title}']]")

    def notice():
        return driver.find_element(By.CSS_SELECTOR, "main [role=status]").text

    def work(credentials):
        """As a CSM: My work's groups, done with an outcome, snooze, reassign, the task's page, the team view, and a touchpoint
        with a next step logged on Account 360; then the playbooks pages."""
        member, secret, account_id = credentials
        driver.get(base + "/login?next=/")
        driver.find_element(By.NAME, "email").send_keys(member)
        driver.find_element(By.NAME, "password").send_keys(secret)
        go(driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
        WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)
        go(driver.find_element(By.LINK_TEXT, "My work"))
        visit("/work", "my work")
        shot("my-work")
        overdue, today, week = "Browser: call about the renewal", "Browser: send the usage report", "Browser: review seats"
        groups = {table: titles(table) for table in ["tasks-overdue", "tasks-due-today", "tasks-this-week"]}
        check("my work groups the planted tasks by due date",
              overdue in groups["tasks-overdue"] and today in groups["tasks-due-today"] and week in groups["tasks-this-week"], f"{groups}")

        row = task_row("tasks-overdue", overdue)
        task_path = urllib.parse.urlparse(row.find_element(By.CSS_SELECTOR, "th > a").get_attribute("href")).path
        Select(row.find_element(By.CSS_SELECTOR, "form.task-done select[name=outcome]")).select_by_value("saved")
        row.find_element(By.CSS_SELECTOR, "form.task-done input[name=note]").send_keys("Renewal agreed on the call")
        go(row.find_element(By.CSS_SELECTOR, "form.task-done button[type=submit]"))
        check("a task completed with an outcome leaves my work",
              f"“{overdue}” is done." in notice() and overdue not in titles("tasks-overdue"), notice())

        go(task_row("tasks-due-today", today).find_element(By.CSS_SELECTOR, "form.task-snooze button[value='3']"))
        check("a snoozed task moves to snoozed", today in titles("tasks-snoozed") and today not in titles("tasks-due-today"),
              f"{notice()} {titles('tasks-snoozed')}")

        row = task_row("tasks-this-week", week)
        owner = Select(row.find_element(By.CSS_SELECTOR, "form.task-reassign select[name=owner]"))
        mine = owner.first_selected_option.get_attribute("value")
        other = next(option.get_attribute("value") for option in owner.options
                     if option.get_attribute("value").startswith("csm:") and option.get_attribute("value") != mine)
        owner.select_by_value(other)
        go(row.find_element(By.CSS_SELECTOR, "form.task-reassign button[type=submit]"))
        remaining = [title for table in ["tasks-overdue", "tasks-due-today", "tasks-this-week", "tasks-later"] for title in titles(table)]
        check("a reassigned task leaves my work", "is reassigned" in notice() and week not in remaining, notice())
        audit("my work after actions")

        visit(task_path, "task")
        facts = driver.find_element(By.CSS_SELECTOR, "main").text
        check("the completed task's page shows its outcome",
              driver.find_element(By.CSS_SELECTOR, "[data-status]").get_attribute("data-status") == "done"
              and "saved" in facts and "Renewal agreed on the call" in facts, facts[:300])

        go(driver.find_element(By.LINK_TEXT, "Team"))
        visit("/team", "team")
        shot("team")
        check("the team view lists the CSM", driver.find_elements(By.CSS_SELECTOR, "#team-table tbody tr th a[href^='/work?owner=']")
              and driver.find_elements(By.CSS_SELECTOR, "svg#team-load title"))

        visit("/accounts/" + urllib.parse.quote(account_id, safe=""), "account with work")
        Select(driver.find_element(By.ID, "tp-kind")).select_by_value("meeting")
        driver.find_element(By.ID, "tp-summary").send_keys("Browser test: walked through adoption")
        driver.find_element(By.CSS_SELECTOR, "input[name='attendees[]']").click()
        driver.find_element(By.ID, "tp-next").send_keys("Browser: send the adoption plan")
        driver.find_element(By.ID, "tp-create-task").click()
        due = driver.find_element(By.ID, "tp-due")
        due.clear()
        due.send_keys("2")
        go(driver.find_element(By.CSS_SELECTOR, "form.touchpoint-form button[type=submit]"))
        listed = driver.find_element(By.ID, "account-touchpoints").text
        check("a logged touchpoint is listed on the account",
              "The touchpoint is logged" in notice() and "Browser test: walked through adoption" in listed, f"{notice()} {listed[:200]}")
        check("the touchpoint's next step is an open task", "Browser: send the adoption plan" in titles("account-tasks"), f"{titles('account-tasks')}")
        audit("account after a touchpoint")
        shot("account-work")

        visit("/playbooks", "playbooks")
        playbooks = driver.execute_script(
            "return Array.from(document.querySelectorAll('main table a[href^=\"/playbooks/\"]')).map(a => a.getAttribute('href'))")
        if playbooks:
            visit(playbooks[0], "playbook")
        go(driver.find_element(By.CSS_SELECTOR, "form.signout button"))

    try:
        # Signed out, a page sends us to the sign-in form.
        driver.get(base + "/accounts")
        check("redirected to sign-in", "/login" in driver.current_url, driver.current_url)
        audit("sign-in")
        # A wrong password shows the form again with its message, still going back to accounts afterwards.
        driver.find_element(By.NAME, "email").send_keys(email)
        driver.find_element(By.NAME, "password").send_keys(password + "-wrong")
        go(driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
        check("a wrong password shows the form again", driver.find_elements(By.CSS_SELECTOR, "main [role=alert]"), driver.current_url)
        audit("sign-in error")
        driver.find_element(By.NAME, "email").clear()
        driver.find_element(By.NAME, "email").send_keys(email)
        driver.find_element(By.NAME, "password").send_keys(password)
        go(driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
        WebDriverWait(driver, 10).until(lambda d: "/login" not in d.current_url)
        check("signed in and sent back to accounts", urllib.parse.urlparse(driver.current_url).path == "/accounts", driver.current_url)

        # Overview: the figures match the revenue API for the same periods.
        go(driver.find_element(By.LINK_TEXT, "Overview"))
        visit("/", "overview")
        revenue = api(base, key, "/api/v1/metrics/revenue")
        periods = {p["period"]: p for p in revenue["periods"]}
        fields = {"mrr": "mrr_end", "arr": "arr", "nrr": "nrr", "grr": "grr", "logo_churn_rate": "logo_churn_rate"}
        for card in driver.find_elements(By.CSS_SELECTOR, "li.card[data-metric]"):
            metric, period, value = card.get_attribute("data-metric"), card.get_attribute("data-period"), card.get_attribute("data-value")
            if metric in fields:
                expected = periods.get(period, {}).get(fields[metric])
                shown = float(value) if value else None
                check(f"overview {metric} equals the API", expected is not None and shown is not None and abs(shown - expected) < 1e-9,
                      f"page {shown} api {expected} ({period})")
            elif metric == "nps":
                start, end = period.split("/")
                cs = api(base, key, f"/api/v1/metrics/customer-success?from={start}&to={end}")
                expected = cs["nps"].get("score")
                check("overview NPS equals the API", (expected is None and not value) or abs(float(value) - expected) < 1e-9,
                      f"page {value} api {expected}")
        check("overview shows the MRR movements chart", driver.find_elements(By.CSS_SELECTOR, "svg#mrr-movements title"))
        shot("overview")

        # Accounts: filter by segment, search, sort by MRR, page.
        go(driver.find_element(By.LINK_TEXT, "Accounts"))
        visit("/accounts", "accounts")
        shot("accounts")
        segment_select = Select(driver.find_element(By.NAME, "segment"))
        segment = segment_select.options[1].get_attribute("value")
        segment_select.select_by_value(segment)
        go(driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
        check("the URL reflects the filter", f"segment={segment}" in driver.current_url, driver.current_url)
        listed = api(base, key, f"/api/v1/accounts?segment={segment}&sort=-mrr&limit=50")
        caption = driver.find_element(By.CSS_SELECTOR, "#accounts-table caption").text
        check("filtered count equals the API", caption.startswith(f"{listed['total']:,} accounts"), f"{caption} vs {listed['total']}")
        rows = driver.find_elements(By.CSS_SELECTOR, "#accounts-table tbody tr")
        page_ids = [row.get_attribute("data-account") for row in rows]
        check("filtered rows equal the API's, largest MRR first", page_ids == [a["id"] for a in listed["data"]], f"{page_ids[:3]}")
        mrrs = [int(cell.get_attribute("data-mrr")) for cell in driver.find_elements(By.CSS_SELECTOR, "#accounts-table td[data-mrr]")]
        check("MRR column equals the API's", mrrs == [a["mrr"]["amount"] for a in listed["data"]])
        go(driver.find_element(By.CSS_SELECTOR, "#accounts-table thead a[href*='sort=mrr']"))
        check("sorting by MRR toggles to ascending", "dir=asc" in driver.current_url and f"segment={segment}" in driver.current_url, driver.current_url)
        ascending = [int(cell.get_attribute("data-mrr")) for cell in driver.find_elements(By.CSS_SELECTOR, "#accounts-table td[data-mrr]")]
        check("ascending MRR is sorted", ascending == sorted(ascending) and len(ascending) > 0)
        go(driver.find_element(By.CSS_SELECTOR, "#accounts-table thead a[href*='sort=renewal']"))
        check("sorting by renewal keeps the filter", "sort=renewal" in driver.current_url and f"segment={segment}" in driver.current_url)
        first_name = api(base, key, "/api/v1/accounts?sort=-mrr&limit=1")["data"][0]
        search = driver.find_element(By.NAME, "q")
        search.clear()
        search.send_keys(first_name["name"][:6])
        Select(driver.find_element(By.NAME, "segment")).select_by_value("")
        go(driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
        check("search finds the account", first_name["id"] in [r.get_attribute("data-account") for r in driver.find_elements(By.CSS_SELECTOR, "#accounts-table tbody tr")])

        # Account 360: open the largest account and compare with the API.
        driver.get(base + "/accounts?sort=mrr&dir=desc")
        go(driver.find_element(By.CSS_SELECTOR, "#accounts-table tbody tr th a"))
        account_id = urllib.parse.unquote(urllib.parse.urlparse(driver.current_url).path.rsplit("/", 1)[1])
        report["pages"]["account"] = {"path": driver.current_url, "title": driver.title}
        detail = api(base, key, f"/api/v1/accounts/{urllib.parse.quote(account_id)}")
        shown = driver.find_element(By.CSS_SELECTOR, "[data-fact=mrr] [data-value]").get_attribute("data-value")
        check("account MRR equals the API", int(shown) == detail["mrr"]["amount"], f"page {shown} api {detail['mrr']}")
        check("account name is the heading", driver.find_element(By.TAG_NAME, "h1").text == detail["name"])
        sub_mrrs = sorted(int(c.get_attribute("data-mrr")) for c in driver.find_elements(By.CSS_SELECTOR, "td[data-mrr]"))
        check("subscription MRRs equal the API's", sub_mrrs == sorted(s["mrr"]["amount"] for s in detail["subscriptions"]))
        check("account page has MRR and usage charts", driver.find_elements(By.CSS_SELECTOR, "svg#account-mrr") and driver.find_elements(By.CSS_SELECTOR, "svg#usage-spark"))
        check("account page has a timeline", driver.find_elements(By.CSS_SELECTOR, "ol.timeline li"))
        health = api(base, key, f"/api/v1/health/accounts/{urllib.parse.quote(account_id)}")["health"]
        badge = driver.find_element(By.CSS_SELECTOR, "#health-h .badge").text
        check("account health equals the API", badge.endswith("· " + f"{health['score']:.2f}".rstrip("0").rstrip(".")),
              f"page {badge} api {health['score']}")
        audit("account")
        shot("account")

        for name, label, path in [("at-risk", "At risk", "/at-risk"), ("renewals", "Renewals", "/renewals"),
                                  ("cohorts", "Cohorts", "/cohorts"), ("metrics", "Metrics", "/metrics")]:
            go(driver.find_element(By.LINK_TEXT, label))
            visit(path, name)
            shot(name)
            if name == "at-risk":
                risk = api(base, key, "/api/v1/risk?limit=10")
                shown = [row.get_attribute("data-account") for row in driver.find_elements(By.CSS_SELECTOR, "main table tbody tr[data-account]")]
                check("at-risk rows equal the API's, largest MRR at risk first", shown[:10] == [e["account_id"] for e in risk["data"]],
                      f"{shown[:3]} vs {[e['account_id'] for e in risk['data'][:3]]}")
                losses = [int(cell.get_attribute("data-loss")) for cell in driver.find_elements(By.CSS_SELECTOR, "main table td[data-loss]")]
                check("MRR at risk is sorted", losses == sorted(losses, reverse=True) and len(losses) > 0)
                check("the page names the model and its backtest", f"Model v{risk['model']['version']}" in driver.find_element(By.ID, "model-note").text)
        go(driver.find_element(By.LINK_TEXT, "Metrics"))
        explain = driver.find_element(By.PARTIAL_LINK_TEXT, "explain Net revenue retention")
        href = explain.get_attribute("href")
        go(explain)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(href).query)
        expected = api(base, key, f"/api/v1/metrics/explain?metric=nrr&period={query['period'][0]}")
        value = driver.find_element(By.CSS_SELECTOR, "h1 [data-value]").get_attribute("data-value")
        check("explain value equals the API", (expected.get("value") is None and not value) or abs(float(value) - expected["value"]) < 1e-9,
              f"page {value} api {expected.get('value')}")
        visit(urllib.parse.urlparse(href).path + "?" + urllib.parse.urlparse(href).query, "explain")

        # Error pages: an unknown account, and explain with no figure named.
        visit("/accounts/no-such-account", "account not found")
        check("an unknown account says so", "No such account" in driver.find_element(By.TAG_NAME, "h1").text)
        visit("/metrics/explain", "explain without a figure")

        # Settings → Notifications is for admins: this user gets the 403 page, and no menu link.
        visit("/settings/notifications", "notifications forbidden")
        check("a non-admin is refused the notification settings", "Admins only" in driver.find_element(By.TAG_NAME, "h1").text)
        check("a non-admin has no Settings link", not driver.find_elements(By.CSS_SELECTOR, "nav a[href='/settings/notifications']"))

        # Keyboard: the first Tab lands on the skip link.
        driver.get(base + "/")
        driver.find_element(By.TAG_NAME, "body").send_keys("\ue004")
        check("skip link is the first stop", driver.switch_to.active_element.text == "Skip to content")

        # Phone width: no horizontal scrolling of the page itself.
        driver.set_window_size(375, 800)
        driver.get(base + "/accounts")
        overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        check("readable at 375px without sideways scrolling", overflow <= 1, f"overflow {overflow}px")
        audit("accounts at 375px")
        driver.set_window_size(1280, 900)

        # Sign out: the session no longer works.
        go(driver.find_element(By.CSS_SELECTOR, "form.signout button"))
        WebDriverWait(driver, 10).until(lambda d: "/login" in d.current_url)
        check("signed out lands on the sign-in form", "/login" in driver.current_url)
        driver.get(base + "/")
        check("signed out cannot see pages", "/login" in driver.current_url)

        if admin:
            notifications(admin)
        if work_as:
            work(work_as)
    except Exception as error:  # report, do not hide
        report["failures"].append(f"exception: {type(error).__name__}: {error} at {driver.current_url}")
    finally:
        driver.quit()
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
