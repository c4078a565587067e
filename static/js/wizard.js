// After htmx swaps in a wizard step, move keyboard focus to the new step's title, so that
// keyboard and screen-reader users start at the new question. (An `autofocus` attribute
// would also be honoured by the browser itself, a moment later and at a time of its own
// choosing, which can pull focus back while someone is already tabbing.)
document.addEventListener("htmx:afterSettle", function () {
  var title = document.getElementById("step-title");
  if (title && document.activeElement !== title && !title.contains(document.activeElement)) {
    var panel = document.getElementById("wizard-panel");
    if (panel && !panel.contains(document.activeElement)) {
      title.focus();
    }
  }
});
