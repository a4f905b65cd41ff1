// A live count under every answer box marked data-word-count: words, or characters when the
// question's limit is in characters (data-limit-kind), against the limit (data-limit).
(function () {
  "use strict";
  function count(text, kind) {
    if (kind === "characters") { return text.length; }
    var words = text.trim().split(/\s+/);
    return words[0] === "" ? 0 : words.length;
  }
  document.querySelectorAll("textarea[data-word-count]").forEach(function (box) {
    var output = document.getElementById(box.id + "-count");
    if (!output) { return; }
    var kind = output.dataset.limitKind || "words";
    var limit = parseInt(output.dataset.limit || "", 10);
    function update() {
      var used = count(box.value, kind);
      output.textContent = used + " " + kind + (isNaN(limit) ? "" : " of " + limit);
      output.classList.toggle("text-danger", !isNaN(limit) && used > limit);
    }
    box.addEventListener("input", update);
    update();
  });
})();
