/* Saved toolbar colours and cursor before the first paint (the rest: js/site.js). Loaded
   without defer in <head>; a file rather than an inline script, which the CSP forbids. */
try {
  var a11y = JSON.parse(localStorage.getItem("govportal.a11y") || "{}");
  if (a11y.contrast) { document.documentElement.classList.add("hc"); }
  if (a11y.cursor) { document.documentElement.classList.add("big-cursor"); }
} catch (e) {}
