/* The report pages, enhanced where JavaScript runs (they work without it).
 *
 * - After a failed submit, focus moves to the error summary at the top of the page, so
 *   a screen reader reads it and a phone shows it first.
 * - On the receipt, the copy and print buttons (hidden without JavaScript) do their job.
 */
(function () {
  "use strict";

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = document.querySelector(button.dataset.copy).textContent.trim();
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.dataset.copied;
      });
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
