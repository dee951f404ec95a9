// Refreshes the message list when new mail arrives, like Mailpit's live view.
(function () {
  var count = document.getElementById("count");
  if (!count) { return; }
  var known = Number(count.getAttribute("data-count"));
  setInterval(function () {
    fetch("/api/v1/messages?limit=1").then(function (r) { return r.json(); }).then(function (body) {
      if (body.total !== known) { window.location.reload(); }
    }).catch(function () { /* the stack is stopping; try again on the next tick */ });
  }, 2000);
})();
