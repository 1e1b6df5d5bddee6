// Progressive enhancement for the server-rendered console: charts from data-chart attributes (Chart.js is served by
// the app itself), live progress of replay jobs, and confirm prompts. Every page works without this file.
(function () {
  "use strict";

  function drawCharts() {
    if (typeof Chart === "undefined") { return; }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = JSON.parse(canvas.getAttribute("data-chart"));
      var datasets = spec.series.map(function (s) {
        return {
          type: s.line ? "line" : undefined,
          label: s.label,
          data: s.values,
          backgroundColor: s.color,
          borderColor: s.color,
          borderWidth: s.line ? 2 : 0,
          pointRadius: s.line ? 0 : undefined,
          stack: s.line ? "line" : (spec.stacked ? "stack" : undefined),
          order: s.line ? 0 : 1
        };
      });
      var y = { beginAtZero: true, stacked: !!spec.stacked, title: { display: !!spec.yTitle, text: spec.yTitle || "" } };
      if (spec.logarithmic) { y = { type: "logarithmic", title: y.title }; }
      var chart = new Chart(canvas, {
        type: spec.kind,
        data: { labels: spec.labels, datasets: datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: "index", intersect: false },
          scales: { x: { stacked: !!spec.stacked, ticks: { autoSkip: true, maxRotation: 0 } }, y: y },
          plugins: { legend: { position: "bottom" } }
        }
      });
      canvas.setAttribute("data-chart-ready", chart.data.datasets.length);
    });
  }

  // A replay job's page refreshes its progress fragment until the job is finished.
  function followProgress() {
    var box = document.querySelector("[data-progress-url]");
    if (!box) { return; }
    var url = box.getAttribute("data-progress-url");
    function tick() {
      fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          box.innerHTML = html;
          if (!box.querySelector("[data-finished]")) { setTimeout(tick, 1000); }
          else { var reload = document.querySelector("[data-reload-when-finished]"); if (reload) { location.reload(); } }
        })
        .catch(function () { setTimeout(tick, 3000); });
    }
    if (!box.querySelector("[data-finished]")) { setTimeout(tick, 1000); }
  }

  function confirmations() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { e.preventDefault(); }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawCharts(); followProgress(); confirmations(); });
})();
