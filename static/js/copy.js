// Copy buttons: a button with data-copy-target="<id of an input>" copies the input's text
// and announces "Copied" in the element named by data-copy-status (a role="status" region,
// which screen readers read out). Where the clipboard API is unavailable (an insecure page,
// an old browser, permission refused), the text is selected instead so that Ctrl+C copies
// it, and the status says so. The buttons stay hidden without JavaScript: the link is in a
// read-only field anyone can select.
(function () {
  "use strict";

  function announce(button, text) {
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!status) {
      return;
    }
    // Clear first, so that a second "Copied" in a row is announced again.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function selectText(input) {
    input.focus();
    input.select();
    input.setSelectionRange(0, input.value.length);
  }

  function fallback(button, input) {
    selectText(input);
    announce(button, "Selected: press Ctrl+C (⌘C on a Mac) to copy");
  }

  function copy(button) {
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    if (!input) {
      return;
    }
    var clipboard = navigator.clipboard;
    if (!clipboard || typeof clipboard.writeText !== "function") {
      fallback(button, input);
      return;
    }
    clipboard.writeText(input.value).then(
      function () {
        announce(button, "Copied");
      },
      function () {
        fallback(button, input);
      }
    );
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (button) {
      event.preventDefault();
      copy(button);
    }
  });

  var buttons = document.querySelectorAll("[data-copy-target]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
  }
})();
