// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move keyboard and screen-reader focus to an error summary, as GOV.UK forms do.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
});
