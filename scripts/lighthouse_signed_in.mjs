// Lighthouse's mobile scores for screens a member sees only when signed in (a user flow:
// sign in once through the sign-in screen, then a navigation report per screen).
// Usage: node scripts/lighthouse_signed_in.mjs BASE_URL EMAIL PASSWORD ROUTE...  (prints JSON)
import puppeteer from "puppeteer-core";
import { startFlow } from "lighthouse";

const [base, email, password, ...routes] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking"],
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}#/signin`, { waitUntil: "networkidle0" });
  await page.type("#f-email", email);
  await page.type("#f-password", password);
  await page.click("form button[type=submit]");
  await page.waitForSelector("#nav a[href='#/signout']");
  // Kept between reports: the session cookie and the phone's saved settings are the sign-in.
  const flags = {
    disableStorageReset: true,
    onlyCategories: ["performance", "accessibility", "best-practices"],
  };
  const flow = await startFlow(page, { flags });
  const headings = {};
  for (const route of routes) {
    // A query of its own per screen: a change of the hash alone would not load the page again.
    const url = `${base}?screen=${encodeURIComponent(route)}${route}`;
    await flow.navigate(url, { name: route });
    await page.waitForSelector("main h1");
    if (!(await page.$("#nav a[href='#/signout']"))) throw new Error(`${route}: not signed in`);
    headings[route] = await page.$eval("main h1", (h1) => h1.textContent);
  }
  const result = await flow.createFlowResult();
  const scores = {};
  for (const step of result.steps) {
    // A page Lighthouse could not measure has no scores: say why rather than print zeros.
    if (step.lhr.runtimeError) throw new Error(`${step.name}: ${step.lhr.runtimeError.message}`);
    const categories = step.lhr.categories;
    scores[step.name] = Object.fromEntries(
      Object.entries(categories).map(([key, category]) => [key, Math.round(category.score * 100)]),
    );
  }
  for (const [route, heading] of Object.entries(headings)) scores[route].heading = heading;
  console.log(JSON.stringify(scores));
} finally {
  await browser.close();
}
