// The time from each key pressed in the page to the results redrawn: a MutationObserver on the
// results column, started at the key's keydown. npm run bench:web and the page's test measure
// with this one protocol.

/** Runs `keys` (which presses them) and returns each key's time to the first change of #results, in ms. */
export async function timeKeys(page, keys) {
  await page.evaluate(() => {
    window.keyTimes = [];
    window.keyStart = 0;
    document.addEventListener("keydown", () => (window.keyStart = performance.now()), { capture: true });
    new MutationObserver(() => {
      if (window.keyStart > 0) window.keyTimes.push(performance.now() - window.keyStart);
      window.keyStart = 0;
    }).observe(document.getElementById("results"), { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await keys();
  return page.evaluate(() => window.keyTimes);
}
