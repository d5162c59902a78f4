// Progressive enhancement only: every page works without this file (the 关怀版 and 繁體
// switches are plain links; the buttons below only appear when script runs).
(function () {
  "use strict";
  var root = document.documentElement;

  // 紧急信息: every page, pre-rendered or not, asks /jinji.json for the active notices, so a
  // notice shows on every site at once without re-rendering the pages (site homes also
  // render it on the server for readers without JavaScript).
  var urgent = document.getElementById("urgent-banner");
  if (urgent && window.fetch) {
    fetch(urgent.getAttribute("data-src"), { cache: "no-store", credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var holder = urgent.querySelector("#urgent-items");
        holder.textContent = "";
        (data.notices || []).forEach(function (notice) {
          var item = document.createElement("p");
          item.className = "urgent-item";
          var label = document.createElement("strong");
          label.textContent = urgent.getAttribute("data-label");
          var title = document.createElement("span");
          title.className = "urgent-title";
          title.textContent = notice.title;
          item.appendChild(label);
          item.appendChild(title);
          item.appendChild(document.createTextNode("：" + notice.body + " "));
          if (notice.link) {
            var more = document.createElement("a");
            more.href = notice.link;
            more.textContent = urgent.getAttribute("data-more");
            item.appendChild(more);
            item.appendChild(document.createTextNode(" "));
          }
          var when = document.createElement("time");
          when.textContent = notice.published_at;
          item.appendChild(when);
          holder.appendChild(item);
        });
        urgent.hidden = !(data.notices && data.notices.length);
      })
      .catch(function () { /* the server-rendered banner (site homes) stays as it is */ });
  }

  // "返回上一页" on error pages: a script link is blocked by the CSP, so it is wired here.
  document.querySelectorAll("[data-history-back]").forEach(function (item) {
    if (window.history.length < 2) { return; }
    item.hidden = false;
    item.querySelector("a").addEventListener("click", function (event) {
      event.preventDefault();
      window.history.back();
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // 无障碍工具条: text size, high contrast and large cursor are kept across pages in
  // localStorage; read-aloud is per page (speech should never start on its own).
  var KEY = "govportal.a11y";
  var STEPS = [100, 112.5, 125, 137.5, 150, 175, 200];
  var state = { size: 0, contrast: false, cursor: false };
  try { Object.assign(state, JSON.parse(localStorage.getItem(KEY) || "{}")); } catch (e) { /* private mode */ }

  var tools = document.querySelector("[data-a11y-tools]");
  var status = document.querySelector("[data-a11y-status]");
  function button(name) { return tools && tools.querySelector('[data-a11y="' + name + '"]'); }
  function announce(text) { if (status) { status.textContent = text; } }

  // The stylesheet's own base (larger in 关怀版), read before any inline size is set.
  var base = parseFloat(getComputedStyle(root).fontSize) / 16 || 1;
  function apply() {
    root.style.fontSize = state.size ? (STEPS[state.size] * base) + "%" : "";
    root.classList.toggle("hc", !!state.contrast);
    root.classList.toggle("big-cursor", !!state.cursor);
    if (tools) {
      button("contrast").setAttribute("aria-pressed", String(!!state.contrast));
      button("cursor").setAttribute("aria-pressed", String(!!state.cursor));
      button("smaller").disabled = state.size <= 0;
      button("bigger").disabled = state.size >= STEPS.length - 1;
    }
  }
  function save() { try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* ignore */ } }
  apply();
  if (!tools) { return; }
  tools.hidden = false;

  var synth = window.speechSynthesis;
  var speak = button("speak");
  if (!synth || typeof SpeechSynthesisUtterance === "undefined") { speak.hidden = true; }

  function stopSpeaking() {
    if (synth) { synth.cancel(); }
    speak.setAttribute("aria-pressed", "false");
    document.querySelectorAll("[data-speaking]").forEach(function (el) { el.removeAttribute("data-speaking"); });
  }
  function startSpeaking() {
    var target = document.querySelector(".article") || document.getElementById("main");
    var text = (target.innerText || "").trim();
    if (!text) { return; }
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = root.lang === "zh-Hant" ? "zh-TW" : "zh-CN";
    utterance.rate = 0.9;
    utterance.onend = stopSpeaking;
    utterance.onerror = stopSpeaking;
    target.setAttribute("data-speaking", "");
    speak.setAttribute("aria-pressed", "true");
    synth.cancel();
    synth.speak(utterance);
  }

  tools.addEventListener("click", function (event) {
    var target = event.target.closest("button[data-a11y]");
    if (!target) { return; }
    var action = target.getAttribute("data-a11y");
    if (action === "bigger") { state.size = Math.min(state.size + 1, STEPS.length - 1); announce(target.textContent + " " + STEPS[state.size] + "%"); }
    if (action === "smaller") { state.size = Math.max(state.size - 1, 0); announce(target.textContent + " " + STEPS[state.size] + "%"); }
    if (action === "contrast") { state.contrast = !state.contrast; }
    if (action === "cursor") { state.cursor = !state.cursor; }
    if (action === "reset") { state = { size: 0, contrast: false, cursor: false }; stopSpeaking(); announce(target.textContent); }
    if (action === "speak") {
      if (speak.getAttribute("aria-pressed") === "true") { stopSpeaking(); } else { startSpeaking(); }
      return;
    }
    save();
    apply();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && speak.getAttribute("aria-pressed") === "true") { stopSpeaking(); }
  });
  window.addEventListener("pagehide", function () { if (synth) { synth.cancel(); } });
})();
