// 形象窗口: with JavaScript the windows turn one after another; the pause button stops
// them (WCAG 2.2.2), and they never move for readers who prefer reduced motion. Without
// JavaScript every window is shown, one under another.
(function () {
  "use strict";
  document.querySelectorAll("[data-windows]").forEach(function (box) {
    var slides = box.querySelectorAll("[data-slide]");
    if (slides.length < 2) return;
    var controls = box.querySelector(".qy-window-controls");
    var pause = box.querySelector("[data-pause]");
    var dots = box.querySelectorAll("[data-go]");
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var interval = parseInt(box.getAttribute("data-interval"), 10) || 7000;
    var current = 0;
    var timer = null;
    var paused = reduced;
    box.classList.add("is-carousel");
    controls.hidden = false;
    function show(n) {
      current = (n + slides.length) % slides.length;
      slides.forEach(function (s, i) {
        s.hidden = i !== current;
      });
      dots.forEach(function (d, i) {
        d.setAttribute("aria-current", i === current ? "true" : "false");
      });
    }
    function setPaused(value) {
      paused = value;
      pause.setAttribute("aria-pressed", value ? "true" : "false");
      pause.textContent = pause.getAttribute(value ? "data-label-play" : "data-label-pause");
      if (timer) window.clearInterval(timer);
      timer = value ? null : window.setInterval(function () { show(current + 1); }, interval);
    }
    pause.addEventListener("click", function () { setPaused(!paused); });
    dots.forEach(function (d) {
      d.addEventListener("click", function () {
        show(parseInt(d.getAttribute("data-go"), 10));
        setPaused(true);
      });
    });
    // Focus or a playing video inside stops the motion.
    box.addEventListener("focusin", function (event) {
      if (!paused && event.target !== pause) setPaused(true);
    });
    box.querySelectorAll("video").forEach(function (v) {
      v.addEventListener("play", function () { setPaused(true); });
    });
    show(0);
    setPaused(paused);
  });
})();
