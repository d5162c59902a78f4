/* 在线访谈: the live page refreshes itself. It polls the live snapshot (a small JSON file,
   ADR 0015) about once a second and redraws the transcript and the taken questions when its
   version changed. Without JavaScript the page shows the latest state on every load. */
(function () {
  "use strict";
  var status = document.getElementById("ft-status");
  var list = document.getElementById("ft-posts");
  if (!status || !list || !window.fetch) return;
  var url = status.getAttribute("data-live-url");
  var every = parseInt(status.getAttribute("data-poll-ms"), 10) || 1000;
  var version = null;
  var etag = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function post(p) {
    var li = el("li", "ft-post ft-" + p.kind);
    li.id = "post-" + p.id;
    var head = el("p", "ft-speaker");
    head.appendChild(el("strong", "", p.speaker));
    if (p.role) { head.appendChild(document.createTextNode(" ")); head.appendChild(el("span", "ft-role", p.role)); }
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", "ft-time", p.time));
    li.appendChild(head);
    if (p.q) {
      var q = el("p", "ft-q");
      q.appendChild(el("span", "ft-q-label", "网友“" + p.q.name + "”问："));
      q.appendChild(document.createTextNode(p.q.text));
      li.appendChild(q);
    }
    if (p.text) li.appendChild(el("p", "ft-text", p.text));
    if (p.image) {
      var fig = el("p", "ft-photo");
      var img = el("img");
      img.src = p.image;
      img.alt = p.alt || "";
      fig.appendChild(img);
      li.appendChild(fig);
    }
    return li;
  }

  function draw(data) {
    var have = {};
    Array.prototype.forEach.call(list.children, function (li) { have[li.id] = li; });
    var added = 0;
    data.posts.forEach(function (p) {
      if (!have["post-" + p.id]) { list.appendChild(post(p)); added += 1; }
    });
    var empty = document.getElementById("ft-posts-empty");
    if (empty) empty.hidden = data.posts.length > 0;
    var taken = document.getElementById("ft-taken");
    if (taken) {
      taken.textContent = "";
      data.taken.forEach(function (q) {
        var li = el("li", q.answered ? "ft-answered" : "");
        li.appendChild(el("span", "ft-q-label", q.name + "："));
        li.appendChild(document.createTextNode(q.text));
        if (q.answered) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", "ft-tag", "已答复")); }
        taken.appendChild(li);
      });
      var none = document.getElementById("ft-taken-empty");
      if (none) none.hidden = data.taken.length > 0;
    }
    var state = document.getElementById("ft-state");
    if (state && data.state_label) state.textContent = data.state_label;
    if (added) status.textContent = "已更新 " + added + " 条新内容。";
    if (data.state !== "live") { status.textContent = "直播已结束，刷新页面查看文字实录。"; return false; }
    return true;
  }

  function poll() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(url, { cache: "no-cache", headers: headers, credentials: "omit" })
      .then(function (r) {
        if (r.status === 304) return null;
        if (!r.ok) throw new Error(r.status);
        etag = r.headers.get("ETag");
        return r.json();
      })
      .then(function (data) {
        var more = true;
        if (data && data.v !== version) { version = data.v; more = draw(data); }
        if (more) window.setTimeout(poll, every);
      })
      .catch(function () { window.setTimeout(poll, every * 3); });
  }
  status.textContent = "直播进行中，页面将自动更新。";
  window.setTimeout(poll, every);
})();
