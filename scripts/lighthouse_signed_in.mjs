// Lighthouse's mobile scores for screens a member sees once signed in.
// Usage: node scripts/lighthouse_signed_in.mjs BASE_URL EMAIL PASSWORD ROUTE...
// Signs in through the app's own sign-in screen in Debian's Chromium (puppeteer-core, which
// lighthouse brings), then measures each route in that browser, keeping the session and the
// app's settings (Lighthouse would otherwise clear storage and measure a signed-out screen).
// Prints {route: {performance, accessibility, best-practices}} as JSON.
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const [base, email, password, ...routes] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking"],
});
try {
  const page = await browser.newPage();
  await page.goto(`${base}#/signin`);
  await page.waitForSelector("#f-email");
  await page.type("#f-email", email);
  await page.type("#f-password", password);
  await page.click("form button[type=submit]");
  await page.waitForSelector("#nav a[href='#/signout']");
  const scores = {};
  for (const route of routes) {
    const flags = {
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices"],
      disableStorageReset: true,
    };
    const { lhr } = await lighthouse(`${base}${route}`, flags, undefined, page);
    // What was measured must be the signed-in screen, not the sign-in screen.
    await page.waitForSelector("#nav a[href='#/signout']", { timeout: 15000 });
    const categories = Object.entries(lhr.categories);
    scores[route] = Object.fromEntries(categories.map(([key, c]) => [key, Math.round(c.score * 100)]));
  }
  console.log(JSON.stringify(scores));
} finally {
  await browser.close();
}
