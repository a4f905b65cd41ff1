// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move keyboard and screen-reader focus to an error summary or import result, as GOV.UK does.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
});

// After HTMX swaps a list's results, say the new count in a live region that stays on the page
// (a region that is itself swapped out is not announced by screen readers).
document.addEventListener("htmx:afterSwap", function () {
  var count = document.getElementById("result-count");
  var status = document.getElementById("results-status");
  if (count && status) { status.textContent = count.textContent; }
});

// Typing in a filter and then pressing Enter asks for the same address twice; keep one entry
// in the browser's history, so that Back goes to the previous filters and not to the same ones.
document.addEventListener("htmx:beforeHistoryUpdate", function (event) {
  var update = event.detail.history;
  if (update && update.type === "push" && new URL(update.path, location.href).href === location.href) {
    update.type = "replace";
  }
});

// Typing in the Search filter and then pressing Enter would ask for the same results twice,
// the second answer replacing the table (and its export links) under the user's pointer.
// Ask once: a filter request equal to the one sent in the last two seconds is not sent again.
var lastFilters = { query: null, at: 0 };
document.addEventListener("htmx:confirm", function (event) {
  var form = event.detail.elt;
  if (!form || form.id !== "filters") { return; }
  var query = new URLSearchParams(new FormData(form)).toString();
  var now = Date.now();
  if (query === lastFilters.query && now - lastFilters.at < 2000) {
    event.preventDefault();
    return;
  }
  lastFilters = { query: query, at: now };
});
