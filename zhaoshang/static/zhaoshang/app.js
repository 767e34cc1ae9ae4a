// Searchable selects and Chinese date pickers on every form; re-applied after htmx swaps.
(function () {
  function enhance(root) {
    root.querySelectorAll("select[data-search]:not(.tomselected)").forEach(function (el) {
      new TomSelect(el, { allowEmptyOption: true, maxOptions: 500 });
    });
    root.querySelectorAll("input[type=date]:not(.flatpickr-input)").forEach(function (el) {
      flatpickr(el, { locale: "zh", dateFormat: "Y-m-d", allowInput: true });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.body && document.body.addEventListener("htmx:afterSwap", function (e) { enhance(e.target); });
})();
