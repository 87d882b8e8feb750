// The editor's page follows a draft being built, and reloads when the status board changes.
// No HTML is ever built from data here: only textContent.
(function () {
  "use strict";
  var build = document.getElementById("build");
  if (build && build.dataset.state === "berjalan") {
    var steps = JSON.parse(build.dataset.steps || "{}");
    var timer = setInterval(function () {
      fetch("/api/drafts", {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
        var b = data.build;
        if (b.state !== "berjalan") { clearInterval(timer); window.location.replace("/editor#draf"); return; }
        if (b.step && steps[b.step]) { build.textContent = build.dataset.running.replace("@", steps[b.step]); }
      }).catch(function () {});
    }, 1000);
  }
  var board = document.querySelector("[data-live]");
  if (board) {
    var seen = null;
    setInterval(function () {
      fetch(board.dataset.live, {credentials: "same-origin"}).then(function (r) { return r.text(); }).then(function (text) {
        var rows = JSON.stringify(JSON.parse(text).bagian);
        if (seen !== null && rows !== seen) { window.location.reload(); }
        seen = rows;
      }).catch(function () {});
    }, 15000);
  }
})();
