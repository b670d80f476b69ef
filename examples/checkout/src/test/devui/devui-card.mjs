// Breakwater's Dev UI card in a real browser: opens the card's page of a running dev-mode application in headless
// Chromium, finds the breaker and its six buttons inside the Dev UI's shadow DOMs, presses them and checks that the
// state the page shows follows, and that the application's breaker (read back from the health check) changed too.
//
// Usage: node devui-card.mjs <base URL, e.g. http://127.0.0.1:41234>
// Environment: CHROMIUM (default /usr/bin/chromium), DEVUI_TIMEOUT_MS (default 30000: the longest wait on any one
// condition). Exits 0 when every check holds, 1 with the failed check's message otherwise.
import puppeteer from 'puppeteer-core';

const base = process.argv[2];
if (!base) {
    console.error('usage: node devui-card.mjs <base URL of the application in dev mode>');
    process.exit(2);
}
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const timeout = Number(process.env.DEVUI_TIMEOUT_MS ?? 30000);

const pageUrl = `${base}/q/dev-ui/breakwater-quarkus/circuit-breakers-and-rate-limiters`;
const breaker = 'dev.breakwater.examples.checkout.PaymentService#charge';
// '>>>' pierces every shadow root between the document and the element (the Dev UI nests several).
const row = `qwc-breakwater-breakers >>> tr[data-breaker="${breaker}"]`;
const buttons = ['Reset', 'Open', 'Hold open', 'Close', 'Hold closed', 'Disable'];

/** Polls `probe` until it answers `wanted`, for at most `timeout` ms; fails naming what it saw last. */
async function until(what, probe, wanted) {
    const deadline = Date.now() + timeout;
    let seen;
    for (;;) {
        try {
            seen = await probe();
        } catch (failure) {
            seen = `(${failure.message})`;
        }
        if (seen === wanted) {
            return;
        }
        if (Date.now() > deadline) {
            throw new Error(`${what}: expected ${JSON.stringify(wanted)} within ${timeout} ms, last saw ${JSON.stringify(seen)}`);
        }
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

async function shownState(page) {
    return page.$eval(`${row} > td:nth-child(2)`, cell => cell.textContent.trim());
}

async function shownButtons(page) {
    const labels = await page.$$eval(`${row} button`, found => found.map(button => button.textContent.trim()));
    return labels.join(', ');
}

/** The breaker's state as the application reports it, through the health check, not through the page. */
async function serverState() {
    const response = await fetch(`${base}/q/health`);
    const health = await response.json();
    const check = health.checks.find(each => each.name === 'circuit breakers');
    return check?.data?.[breaker];
}

async function press(page, label) {
    const handles = await page.$$(`${row} button`);
    for (const handle of handles) {
        if ((await handle.evaluate(button => button.textContent.trim())) === label) {
            await handle.click();
            return;
        }
    }
    throw new Error(`no button "${label}" in the row of breaker ${breaker}`);
}

async function pressAndSee(page, label, state) {
    await press(page, label);
    await until(`state shown after pressing "${label}"`, () => shownState(page), state);
    await until(`application's breaker after pressing "${label}"`, serverState, state);
    console.log(`pressed "${label}": the page shows ${state}, the application's breaker is ${state}`);
}

const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    // --no-sandbox: CI runs as root, where Chromium refuses its sandbox.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    timeout
});
let failed = false;
try {
    const page = await browser.newPage();
    page.setDefaultTimeout(timeout);
    page.on('pageerror', failure => console.log(`page error: ${failure.message}`));
    await page.goto(pageUrl, {waitUntil: 'load'});

    await page.waitForSelector(row);
    console.log(`breaker ${breaker} is on the card`);
    await until('buttons of the breaker', () => shownButtons(page), buttons.join(', '));
    console.log(`its buttons: ${buttons.join(', ')}`);
    await until('state shown at start', () => shownState(page), 'CLOSED');
    console.log('it shows CLOSED');

    await pressAndSee(page, 'Open', 'OPEN');
    await pressAndSee(page, 'Close', 'CLOSED');
    await pressAndSee(page, 'Hold open', 'HELD_OPEN');
    await pressAndSee(page, 'Reset', 'CLOSED');
    await pressAndSee(page, 'Hold closed', 'HELD_CLOSED');
    await pressAndSee(page, 'Disable', 'DISABLED');
    await pressAndSee(page, 'Reset', 'CLOSED');
    console.log('Dev UI card: all checks passed');
} catch (failure) {
    failed = true;
    console.error(`Dev UI card check FAILED: ${failure.message}`);
} finally {
    await browser.close();
}
process.exit(failed ? 1 : 0);
