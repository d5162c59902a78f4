/* While a citizen types the title or content of a letter, show related FAQ entries and
   published answers (server: /hudong/suggest/). An enhancement only: the form works
   without it. */
(function () {
  var box = document.getElementById("suggestions");
  if (!box || !window.fetch) { return; }
  var list = box.querySelector("ul");
  var title = document.getElementById("id_title");
  var content = document.getElementById("id_content");
  var timer = null, last = "";
  function render(data) {
    var items = (data.faq || []).map(function (x) { return ["热点解答", x]; })
      .concat((data.letters || []).map(function (x) { return ["答复选登", x]; }));
    list.textContent = "";
    items.forEach(function (pair) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = pair[1].url; a.textContent = pair[1].title; a.target = "_blank"; a.rel = "noopener";
      li.appendChild(document.createTextNode("【" + pair[0] + "】"));
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = items.length === 0;
  }
  function ask() {
    var q = ((title && title.value) || "") + " " + ((content && content.value) || "").slice(0, 60);
    q = q.trim();
    if (q.length < 2 || q === last) { return; }
    last = q;
    fetch(box.dataset.url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : {}; }).then(render).catch(function () {});
  }
  [title, content].forEach(function (el) {
    if (el) { el.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 400); }); }
  });
})();
